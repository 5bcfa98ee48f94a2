from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    extra_properties,
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


@_attrs_define
class Montant:
    """Debit or credit amount of an entry line. If no currency is given the default is EUR.

    Attributes:
        amount (float | Unset): Amount in the dossier currency.
        currency (str | Unset): Currency code (default EUR).
        currency_amount (float | Unset): Amount in the currency.
        currency_rate (str | Unset): Exchange rate, a string in the example.
    """

    amount: float | Unset = UNSET
    currency: str | Unset = UNSET
    currency_amount: float | Unset = UNSET
    currency_rate: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        currency = self.currency

        currency_amount = self.currency_amount

        currency_rate = self.currency_rate

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

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        get = src_dict.get
        amount = get("amount", UNSET)

        currency = get("currency", UNSET)

        currency_amount = get("currencyAmount", UNSET)

        currency_rate = get("currencyRate", UNSET)

        montant = cls(
            amount,
            currency,
            currency_amount,
            currency_rate,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = (
            {}
            if src_dict.keys() <= _KNOWN_KEYS
            else extra_properties(src_dict, _KNOWN_KEYS)
        )

        montant.additional_properties = d
        return montant

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
