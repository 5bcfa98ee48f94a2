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

T = TypeVar("T", bound="ImportTraRequest")
_KNOWN_KEYS = frozenset(
    {
        "codeIbs",
        "URI",
        "URL",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class ImportTraRequest:
    """Body of POST /importTRA, modelled on the FEC body.

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
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

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
        code_ibs = src_dict["codeIbs"]
        if type(code_ibs) is not str:
            unparsed = misread(
                unparsed, "ImportTraRequest", "codeIbs", code_ibs, TypeError("not str")
            )
            code_ibs = UNSET

        uri = get("URI", UNSET)
        if type(uri) is not str and uri is not UNSET:
            unparsed = misread(
                unparsed, "ImportTraRequest", "URI", uri, TypeError("not str")
            )
            uri = UNSET

        url = get("URL", UNSET)
        if type(url) is not str and url is not UNSET:
            unparsed = misread(
                unparsed, "ImportTraRequest", "URL", url, TypeError("not str")
            )
            url = UNSET

        import_tra_request = cls(
            code_ibs,
            uri,
            url,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        import_tra_request.additional_properties = d
        if unparsed is not None or aliases is not None:
            import_tra_request._wire = Wire(unparsed, aliases)
        return import_tra_request

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
