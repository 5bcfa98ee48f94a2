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

T = TypeVar("T", bound="ApimError")
_KNOWN_KEYS = frozenset(
    {
        "statusCode",
        "message",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class ApimError:
    """Error body produced by the Azure API Management gateway itself (the call never reaches Loop).

    Attributes:
        status_code (int | Unset): HTTP status repeated in the body.
        message (str | Unset): Gateway message.
    """

    status_code: int | Unset = UNSET
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        status_code = self.status_code

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status_code is not UNSET:
            field_dict["statusCode"] = status_code
        if message is not UNSET:
            field_dict["message"] = message

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
        status_code = get("statusCode", UNSET)
        if type(status_code) is not int and status_code is not UNSET:
            unparsed = misread(
                unparsed, "ApimError", "statusCode", status_code, TypeError("not int")
            )
            status_code = UNSET

        message = get("message", UNSET)
        if type(message) is not str and message is not UNSET:
            unparsed = misread(
                unparsed, "ApimError", "message", message, TypeError("not str")
            )
            message = UNSET

        apim_error = cls(
            status_code,
            message,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        apim_error.additional_properties = d
        if unparsed is not None or aliases is not None:
            apim_error._wire = Wire(unparsed, aliases)
        return apim_error

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
