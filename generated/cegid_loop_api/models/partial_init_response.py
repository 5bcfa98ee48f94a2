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

T = TypeVar("T", bound="PartialInitResponse")
_KNOWN_KEYS = frozenset(
    {
        "message",
        "domain",
        "codeIbs",
    }
)


@_attrs_define
class PartialInitResponse:
    """Response of POST /partialInit.

    Attributes:
        message (str | Unset): Human-readable confirmation (French).
        domain (str | Unset): Domain.
        code_ibs (str | Unset): Code of the dossier.
    """

    message: str | Unset = UNSET
    domain: str | Unset = UNSET
    code_ibs: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        domain = self.domain

        code_ibs = self.code_ibs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if message is not UNSET:
            field_dict["message"] = message
        if domain is not UNSET:
            field_dict["domain"] = domain
        if code_ibs is not UNSET:
            field_dict["codeIbs"] = code_ibs

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        get = src_dict.get
        message = get("message", UNSET)

        domain = get("domain", UNSET)

        code_ibs = get("codeIbs", UNSET)

        partial_init_response = cls(
            message,
            domain,
            code_ibs,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = (
            {}
            if src_dict.keys() <= _KNOWN_KEYS
            else extra_properties(src_dict, _KNOWN_KEYS)
        )

        partial_init_response.additional_properties = d
        return partial_init_response

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
