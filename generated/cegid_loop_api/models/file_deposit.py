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

T = TypeVar("T", bound="FileDeposit")
_KNOWN_KEYS = frozenset(
    {
        "depositUrl",
        "uri",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


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
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

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
        deposit_url = get("depositUrl", UNSET)
        if type(deposit_url) is not str and deposit_url is not UNSET:
            unparsed = misread(
                unparsed, "FileDeposit", "depositUrl", deposit_url, TypeError("not str")
            )
            deposit_url = UNSET

        uri = get("uri", UNSET)
        if type(uri) is not str and uri is not UNSET:
            unparsed = misread(
                unparsed, "FileDeposit", "uri", uri, TypeError("not str")
            )
            uri = UNSET

        file_deposit = cls(
            deposit_url,
            uri,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        file_deposit.additional_properties = d
        if unparsed is not None or aliases is not None:
            file_deposit._wire = Wire(unparsed, aliases)
        return file_deposit

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
