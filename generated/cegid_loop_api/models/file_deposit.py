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

T = TypeVar("T", bound="FileDeposit")
_KNOWN_KEYS = frozenset(
    {
        "depositUrl",
        "uri",
    }
)


@_attrs_define
class FileDeposit:
    """Response of getFileUrlDeposit. Whether both keys come back together is ambiguous on the page: both optional.

    Attributes:
        deposit_url (str | Unset): Authenticated URL to PUT the file to (Azure Blob).
        uri (str | Unset): Relative path of the deposited file, to pass as `URI` to the FEC / TRA / perso imports.
    """

    deposit_url: str | Unset = UNSET
    uri: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        deposit_url = self.deposit_url

        uri = self.uri

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if deposit_url is not UNSET:
            field_dict["depositUrl"] = deposit_url
        if uri is not UNSET:
            field_dict["uri"] = uri

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        get = src_dict.get
        deposit_url = get("depositUrl", UNSET)

        uri = get("uri", UNSET)

        file_deposit = cls(
            deposit_url,
            uri,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = (
            {}
            if src_dict.keys() <= _KNOWN_KEYS
            else extra_properties(src_dict, _KNOWN_KEYS)
        )

        file_deposit.additional_properties = d
        return file_deposit

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
