from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    MISREAD,
    UNSET,
    Unset,
    Wire,
    case_aliases,
    decimal_json,
    decimal_json_text,
    extra_properties,
    misread,
    parse_decimal,
    parse_decimal_text,
)

T = TypeVar("T", bound="Montant")
_KNOWN_KEYS = frozenset(
    {
        "amount",
        "currency",
        "currencyAmount",
        "currencyRate",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class Montant:
    """Debit or credit amount of an entry line. If no currency is given the default is EUR.

    Attributes:
        amount (Decimal | Unset): Amount in the dossier currency.
        currency (str | Unset): Currency code (default EUR).
        currency_amount (Decimal | Unset): Amount in the currency.
        currency_rate (Decimal | Unset): Exchange rate, a string in the example.
    """

    amount: Decimal | Unset = UNSET
    currency: str | Unset = UNSET
    currency_amount: Decimal | Unset = UNSET
    currency_rate: Decimal | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        amount: Decimal | str | Unset = UNSET
        if not isinstance(self.amount, Unset):
            amount = decimal_json(self.amount)

        currency = self.currency

        currency_amount: Decimal | str | Unset = UNSET
        if not isinstance(self.currency_amount, Unset):
            currency_amount = decimal_json(self.currency_amount)

        currency_rate: Decimal | str | Unset = UNSET
        if not isinstance(self.currency_rate, Unset):
            currency_rate = decimal_json_text(self.currency_rate)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if amount is not UNSET:
            field_dict["amount"] = amount
        if currency is not UNSET:
            field_dict["currency"] = currency
        if currency_amount is not UNSET:
            field_dict["currencyAmount"] = currency_amount
        if currency_rate is not UNSET:
            field_dict["currencyRate"] = currency_rate

        if self._wire is not None:
            return self._wire.restore(field_dict)
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        aliases: dict[str, str] | None = None
        unparsed: dict[str, Any] | None = None
        known_only = src_dict.keys() <= _KNOWN_KEYS
        if not known_only:
            src_dict, aliases = case_aliases(src_dict, _KNOWN_KEYS, _KNOWN_LOWER)
            known_only = aliases is not None and src_dict.keys() <= _KNOWN_KEYS
        get = src_dict.get
        try:
            _amount = get("amount", UNSET)
            amount: Decimal | Unset
            if _amount is UNSET:
                amount = UNSET
            else:
                amount = parse_decimal(_amount)

        except MISREAD as exc:
            amount = UNSET
            unparsed = misread(unparsed, "Montant", "amount", get("amount", UNSET), exc)

        currency = get("currency", UNSET)
        if type(currency) is not str and currency is not UNSET:
            unparsed = misread(
                unparsed, "Montant", "currency", currency, TypeError("not str")
            )
            currency = UNSET

        try:
            _currency_amount = get("currencyAmount", UNSET)
            currency_amount: Decimal | Unset
            if _currency_amount is UNSET:
                currency_amount = UNSET
            else:
                currency_amount = parse_decimal(_currency_amount)

        except MISREAD as exc:
            currency_amount = UNSET
            unparsed = misread(
                unparsed, "Montant", "currencyAmount", get("currencyAmount", UNSET), exc
            )

        try:
            _currency_rate = get("currencyRate", UNSET)
            currency_rate: Decimal | Unset
            if _currency_rate is UNSET:
                currency_rate = UNSET
            else:
                currency_rate = parse_decimal_text(_currency_rate)

        except MISREAD as exc:
            currency_rate = UNSET
            unparsed = misread(
                unparsed, "Montant", "currencyRate", get("currencyRate", UNSET), exc
            )

        montant = cls(
            amount,
            currency,
            currency_amount,
            currency_rate,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        montant.additional_properties = d
        if unparsed is not None or aliases is not None:
            montant._wire = Wire(unparsed, aliases)
        return montant

    @property
    def unparsed_fields(self) -> dict[str, Any]:
        """Values read that did not fit their field, by wire name, kept as given (written back as is)."""
        return dict(self._wire.unparsed) if self._wire is not None else {}

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
