from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    Wire,
    case_aliases,
    extra_properties,
    misread,
)

T = TypeVar("T", bound="PartialInitRequest")
_KNOWN_KEYS = frozenset(
    {
        "key",
        "subscriptionId",
        "numberOfDays",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class PartialInitRequest:
    """Body of POST /partialInit.

    Attributes:
        key (str): Unique identifier of the entity (a UUID in the example).
        subscription_id (str): Subscription id of the sinker (numeric string in the example).
        number_of_days (int | Unset): Days of data re-sent before the execution time, max 20. Marked required, yet "if
            not specified, default 1".
             Default: 1.
    """

    key: str
    subscription_id: str
    number_of_days: int | Unset = 1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        subscription_id = self.subscription_id

        number_of_days = self.number_of_days

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "subscriptionId": subscription_id,
            }
        )
        if number_of_days is not UNSET:
            field_dict["numberOfDays"] = number_of_days

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
        key = src_dict["key"]
        if type(key) is not str:
            unparsed = misread(
                unparsed, "PartialInitRequest", "key", key, TypeError("not str")
            )
            key = UNSET

        subscription_id = src_dict["subscriptionId"]
        if type(subscription_id) is not str:
            unparsed = misread(
                unparsed,
                "PartialInitRequest",
                "subscriptionId",
                subscription_id,
                TypeError("not str"),
            )
            subscription_id = UNSET

        number_of_days = get("numberOfDays", UNSET)
        if type(number_of_days) is not int and number_of_days is not UNSET:
            unparsed = misread(
                unparsed,
                "PartialInitRequest",
                "numberOfDays",
                number_of_days,
                TypeError("not int"),
            )
            number_of_days = UNSET

        partial_init_request = cls(
            key,
            subscription_id,
            number_of_days,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        partial_init_request.additional_properties = d
        if unparsed is not None or aliases is not None:
            partial_init_request._wire = Wire(unparsed, aliases)
        return partial_init_request

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
