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

T = TypeVar("T", bound="CollaborateurCabinet")
_KNOWN_KEYS = frozenset(
    {
        "objectId",
        "revisionId",
        "identifiant",
        "prenom",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class CollaborateurCabinet:
    """A collaborator of the firm. The field table is cut after `prenom`.

    Attributes:
        object_id (UUID | Unset): ID (UUID), code unique. Documented `string($uuid)`.
        revision_id (str | Unset): ID (UUID) de la révision. Documented `string($uuid)`; every example on the pages is a
            0x-prefixed hex
            rowversion such as "0x0000000000017ED5" (see README, Known disagreements).
        identifiant (str | Unset): Identifiant du collaborateur (the page says "code du dossier", a copy error).
        prenom (str | Unset): Prénom ("obligatoire" per the French page).
    """

    object_id: UUID | Unset = UNSET
    revision_id: str | Unset = UNSET
    identifiant: str | Unset = UNSET
    prenom: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        object_id: str | Unset = UNSET
        if not isinstance(self.object_id, Unset):
            object_id = wire_text(self.object_id)

        revision_id = self.revision_id

        identifiant = self.identifiant

        prenom = self.prenom

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if object_id is not UNSET:
            field_dict["objectId"] = object_id
        if revision_id is not UNSET:
            field_dict["revisionId"] = revision_id
        if identifiant is not UNSET:
            field_dict["identifiant"] = identifiant
        if prenom is not UNSET:
            field_dict["prenom"] = prenom

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
            _object_id = get("objectId", UNSET)
            object_id: UUID | Unset
            if _object_id is UNSET:
                object_id = UNSET
            else:
                object_id = parse_uuid(_object_id)

        except MISREAD as exc:
            object_id = UNSET
            unparsed = misread(
                unparsed,
                "CollaborateurCabinet",
                "objectId",
                get("objectId", UNSET),
                exc,
            )

        revision_id = get("revisionId", UNSET)
        if type(revision_id) is not str and revision_id is not UNSET:
            unparsed = misread(
                unparsed,
                "CollaborateurCabinet",
                "revisionId",
                revision_id,
                TypeError("not str"),
            )
            revision_id = UNSET

        identifiant = get("identifiant", UNSET)
        if type(identifiant) is not str and identifiant is not UNSET:
            unparsed = misread(
                unparsed,
                "CollaborateurCabinet",
                "identifiant",
                identifiant,
                TypeError("not str"),
            )
            identifiant = UNSET

        prenom = get("prenom", UNSET)
        if type(prenom) is not str and prenom is not UNSET:
            unparsed = misread(
                unparsed, "CollaborateurCabinet", "prenom", prenom, TypeError("not str")
            )
            prenom = UNSET

        collaborateur_cabinet = cls(
            object_id,
            revision_id,
            identifiant,
            prenom,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        collaborateur_cabinet.additional_properties = d
        if unparsed is not None or aliases is not None:
            collaborateur_cabinet._wire = Wire(unparsed, aliases)
        return collaborateur_cabinet

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
