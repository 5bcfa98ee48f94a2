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

T = TypeVar("T", bound="PartialInitRequest")
_KNOWN_KEYS = frozenset(
    {
        "key",
        "subscriptionId",
        "numberOfDays",
    }
)


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

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        get = src_dict.get
        key = src_dict["key"]

        subscription_id = src_dict["subscriptionId"]

        number_of_days = get("numberOfDays", UNSET)

        partial_init_request = cls(
            key,
            subscription_id,
            number_of_days,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = (
            {}
            if src_dict.keys() <= _KNOWN_KEYS
            else extra_properties(src_dict, _KNOWN_KEYS)
        )

        partial_init_request.additional_properties = d
        return partial_init_request

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
