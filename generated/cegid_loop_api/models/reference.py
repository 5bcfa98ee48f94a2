from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
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

T = TypeVar("T", bound="Reference")
_KNOWN_KEYS = frozenset(
    {
        "objectId",
        "description",
    }
)


@_attrs_define
class Reference:
    """Reference (foreign key) to another Loop object, as returned in responses: `{objectId, description}`. An unset
    reference comes back as `{"objectId": null, "description": [""]}`, not as null.

        Attributes:
            object_id (None | Unset | UUID): objectId of the referenced object; null when the reference is unset.
            description (list[str] | str | Unset): Display value(s) of the referenced object; `[""]` when unset.
    """

    object_id: None | Unset | UUID = UNSET
    description: list[str] | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_id: None | str | Unset
        if isinstance(self.object_id, Unset):
            object_id = UNSET
        elif isinstance(self.object_id, UUID):
            object_id = wire_text(self.object_id)
        else:
            object_id = self.object_id

        description: list[str] | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        elif isinstance(self.description, list):
            description = self.description

        else:
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

        def _parse_object_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if data is UNSET:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                object_id_type_0 = parse_uuid(data)

                return object_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        object_id = _parse_object_id(get("objectId", UNSET))

        description: list[str] | str | Unset = get("description", UNSET)

        reference = cls(
            object_id,
            description,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = (
            {}
            if src_dict.keys() <= _KNOWN_KEYS
            else extra_properties(src_dict, _KNOWN_KEYS)
        )

        reference.additional_properties = d
        return reference

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
