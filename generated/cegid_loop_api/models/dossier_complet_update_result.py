from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

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
    from ..models.dossier_complet import DossierComplet


T = TypeVar("T", bound="DossierCompletUpdateResult")
_KNOWN_KEYS = frozenset(
    {
        "success",
        "errors",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class DossierCompletUpdateResult:
    """Response of PUT /DossierComplet: the objects written (`success`) and the errors.

    Attributes:
        success (list[DossierComplet] | Unset): Objects written.
        errors (list[Any] | Unset): Errors; item shape not documented.
    """

    success: list[DossierComplet] | Unset = UNSET
    errors: list[Any] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        success: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.success, Unset):
            success = []
            for success_item_data in self.success:
                success_item = success_item_data.to_dict()
                success.append(success_item)

        errors: list[Any] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = self.errors

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if success is not UNSET:
            field_dict["success"] = success
        if errors is not UNSET:
            field_dict["errors"] = errors

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
            _success = get("success", UNSET)
            success: list[DossierComplet] | Unset = UNSET
            if _success is not UNSET:
                if type(_success) is not list:
                    raise TypeError(f"expected an array, got {type(_success).__name__}")
                success = []
                for success_item_data in _success:
                    success_item = DossierComplet.from_dict(success_item_data)

                    success.append(success_item)

        except MISREAD as exc:
            success = UNSET
            unparsed = misread(
                unparsed,
                "DossierCompletUpdateResult",
                "success",
                get("success", UNSET),
                exc,
            )

        try:
            errors = cast(list[Any], get("errors", UNSET))
            if errors is not UNSET and type(errors) is not list:
                raise TypeError(f"expected an array, got {type(errors).__name__}")

        except MISREAD as exc:
            errors = UNSET
            unparsed = misread(
                unparsed,
                "DossierCompletUpdateResult",
                "errors",
                get("errors", UNSET),
                exc,
            )

        dossier_complet_update_result = cls(
            success,
            errors,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        dossier_complet_update_result.additional_properties = d
        if unparsed is not None or aliases is not None:
            dossier_complet_update_result._wire = Wire(unparsed, aliases)
        return dossier_complet_update_result

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


from ..models.dossier_complet import DossierComplet
