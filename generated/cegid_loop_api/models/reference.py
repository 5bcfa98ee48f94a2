from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

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
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


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
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

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
            _object_id_value = get("objectId", UNSET)
            object_id: None | Unset | UUID
            if _object_id_value is None or _object_id_value is UNSET:
                object_id = _object_id_value
            else:
                if not isinstance(_object_id_value, str):
                    raise TypeError(f"{type(_object_id_value).__name__} is not a UUID")
                object_id_type_0 = parse_uuid(_object_id_value)

                object_id = object_id_type_0

        except MISREAD as exc:
            object_id = UNSET
            unparsed = misread(
                unparsed, "Reference", "objectId", get("objectId", UNSET), exc
            )

        try:
            description: list[str] | str | Unset = get("description", UNSET)

        except MISREAD as exc:
            description = UNSET
            unparsed = misread(
                unparsed, "Reference", "description", get("description", UNSET), exc
            )

        reference = cls(
            object_id,
            description,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        reference.additional_properties = d
        if unparsed is not None or aliases is not None:
            reference._wire = Wire(unparsed, aliases)
        return reference

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
