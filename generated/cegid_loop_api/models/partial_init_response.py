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

T = TypeVar("T", bound="PartialInitResponse")
_KNOWN_KEYS = frozenset(
    {
        "message",
        "domain",
        "codeIbs",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


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
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

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
        message = get("message", UNSET)
        if type(message) is not str and message is not UNSET:
            unparsed = misread(
                unparsed,
                "PartialInitResponse",
                "message",
                message,
                TypeError("not str"),
            )
            message = UNSET

        domain = get("domain", UNSET)
        if type(domain) is not str and domain is not UNSET:
            unparsed = misread(
                unparsed, "PartialInitResponse", "domain", domain, TypeError("not str")
            )
            domain = UNSET

        code_ibs = get("codeIbs", UNSET)
        if type(code_ibs) is not str and code_ibs is not UNSET:
            unparsed = misread(
                unparsed,
                "PartialInitResponse",
                "codeIbs",
                code_ibs,
                TypeError("not str"),
            )
            code_ibs = UNSET

        partial_init_response = cls(
            message,
            domain,
            code_ibs,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        partial_init_response.additional_properties = d
        if unparsed is not None or aliases is not None:
            partial_init_response._wire = Wire(unparsed, aliases)
        return partial_init_response

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
