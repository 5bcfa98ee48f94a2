from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    MISREAD,
    UNSET,
    Unset,
    Wire,
    case_aliases,
    extra_properties,
    misread,
)

if TYPE_CHECKING:
    from ..models.loop_error_error import LoopErrorError


T = TypeVar("T", bound="LoopError")
_KNOWN_KEYS = frozenset(
    {
        "error",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class LoopError:
    """Loop's own error body for 4xx/5xx answers. INFERRED: every French page links "En cas d'échec : Lien vers la
    liste des codes d'erreur", but that page was not found and no 4xx/5xx body is shown anywhere. Modelled on the
    only Loop error body the portal shows (the import error, `{"error": {"instanceId", "message"}}`); all
    properties
    optional; any other key lands in additional properties.

        Attributes:
            error (LoopErrorError | Unset): The error.
    """

    error: LoopErrorError | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if error is not UNSET:
            field_dict["error"] = error

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
        try:
            _error = get("error", UNSET)
            error: LoopErrorError | Unset
            if _error is UNSET:
                error = UNSET
            else:
                error = LoopErrorError.from_dict(_error)

        except MISREAD as exc:
            error = UNSET
            unparsed = misread(unparsed, "LoopError", "error", get("error", UNSET), exc)

        loop_error = cls(
            error,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        loop_error.additional_properties = d
        if unparsed is not None or aliases is not None:
            loop_error._wire = Wire(unparsed, aliases)
        return loop_error

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


from ..models.loop_error_error import LoopErrorError
