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

T = TypeVar("T", bound="ImportFecRequest")
_KNOWN_KEYS = frozenset(
    {
        "codeIbs",
        "URI",
        "URL",
    }
)


@_attrs_define
class ImportFecRequest:
    """Body of POST /importFEC.

    Attributes:
        code_ibs (str): Code dossier.
        uri (str | Unset): File path in the Azure Storage provided by Cegid Loop (the `uri` returned by
            getFileUrlDeposit). Give either
            URL or URI, not both (an empty string counts as not given).
        url (str | Unset): Authenticated URL where the file is located, valid for at least 24 hours. Marked mandatory in
            the table,
            although the rule is "URL or URI, not both" (send `""` in URI mode, as the example does for URI).
    """

    code_ibs: str
    uri: str | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code_ibs = self.code_ibs

        uri = self.uri

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "codeIbs": code_ibs,
            }
        )
        if uri is not UNSET:
            field_dict["URI"] = uri
        if url is not UNSET:
            field_dict["URL"] = url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        get = src_dict.get
        code_ibs = src_dict["codeIbs"]

        uri = get("URI", UNSET)

        url = get("URL", UNSET)

        import_fec_request = cls(
            code_ibs,
            uri,
            url,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = (
            {}
            if src_dict.keys() <= _KNOWN_KEYS
            else extra_properties(src_dict, _KNOWN_KEYS)
        )

        import_fec_request.additional_properties = d
        return import_fec_request

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
