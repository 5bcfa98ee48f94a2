from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    extra_properties,
    parse_uuid,
    wire_text,
)

T = TypeVar("T", bound="AxeReference")
_KNOWN_KEYS = frozenset(
    {
        "objectId",
        "description",
    }
)


@_attrs_define
class AxeReference:
    """The analytical axis of a section ("Description de l'axe").

    Attributes:
        object_id (UUID | Unset): Axis id.
        description (str | Unset): Axis label.
    """

    object_id: UUID | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_id: str | Unset = UNSET
        if not isinstance(self.object_id, Unset):
            object_id = wire_text(self.object_id)

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if object_id is not UNSET:
            field_dict["objectId"] = object_id
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        get = src_dict.get
        _object_id = get("objectId", UNSET)
        object_id: UUID | Unset
        if _object_id is UNSET:
            object_id = UNSET
        else:
            object_id = parse_uuid(_object_id)

        description = get("description", UNSET)

        axe_reference = cls(
            object_id,
            description,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = (
            {}
            if src_dict.keys() <= _KNOWN_KEYS
            else extra_properties(src_dict, _KNOWN_KEYS)
        )

        axe_reference.additional_properties = d
        return axe_reference

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
