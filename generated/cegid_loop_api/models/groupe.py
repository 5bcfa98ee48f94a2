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

T = TypeVar("T", bound="Groupe")
_KNOWN_KEYS = frozenset(
    {
        "objectId",
        "revisionId",
        "code",
        "description",
        "agence",
    }
)


@_attrs_define
class Groupe:
    """A work group (groupe de travail) of the firm.

    Attributes:
        object_id (UUID | Unset): ID (UUID), code unique. Documented `string($uuid)`.
        revision_id (str | Unset): ID (UUID) de la révision. Documented `string($uuid)`; every example on the pages is a
            0x-prefixed hex
            rowversion such as "0x0000000000017ED5" (see README, Known disagreements).
        code (str | Unset): Working group code.
        description (str | Unset): Description.
        agence (str | Unset): Agency code.
    """

    object_id: UUID | Unset = UNSET
    revision_id: str | Unset = UNSET
    code: str | Unset = UNSET
    description: str | Unset = UNSET
    agence: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_id: str | Unset = UNSET
        if not isinstance(self.object_id, Unset):
            object_id = wire_text(self.object_id)

        revision_id = self.revision_id

        code = self.code

        description = self.description

        agence = self.agence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if object_id is not UNSET:
            field_dict["objectId"] = object_id
        if revision_id is not UNSET:
            field_dict["revisionId"] = revision_id
        if code is not UNSET:
            field_dict["code"] = code
        if description is not UNSET:
            field_dict["description"] = description
        if agence is not UNSET:
            field_dict["agence"] = agence

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

        revision_id = get("revisionId", UNSET)

        code = get("code", UNSET)

        description = get("description", UNSET)

        agence = get("agence", UNSET)

        groupe = cls(
            object_id,
            revision_id,
            code,
            description,
            agence,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = (
            {}
            if src_dict.keys() <= _KNOWN_KEYS
            else extra_properties(src_dict, _KNOWN_KEYS)
        )

        groupe.additional_properties = d
        return groupe

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
