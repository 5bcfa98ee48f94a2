from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    extra_properties,
)

if TYPE_CHECKING:
    from ..models.loop_error_error import LoopErrorError


T = TypeVar("T", bound="LoopError")
_KNOWN_KEYS = frozenset(
    {
        "error",
    }
)


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

    def to_dict(self) -> dict[str, Any]:
        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        get = src_dict.get
        _error = get("error", UNSET)
        error: LoopErrorError | Unset
        if _error is UNSET:
            error = UNSET
        else:
            error = LoopErrorError.from_dict(_error)

        loop_error = cls(
            error,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = (
            {}
            if src_dict.keys() <= _KNOWN_KEYS
            else extra_properties(src_dict, _KNOWN_KEYS)
        )

        loop_error.additional_properties = d
        return loop_error

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
