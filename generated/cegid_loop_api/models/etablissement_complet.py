from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.etablissement_complet_type import EtablissementCompletType
from ..models.nature import Nature
from ..types import (
    MISREAD,
    UNSET,
    Unset,
    Wire,
    case_aliases,
    coded_value,
    exact_code,
    extra_properties,
    misread,
    parse_uuid,
    wire_text,
)

T = TypeVar("T", bound="EtablissementComplet")
_KNOWN_KEYS = frozenset(
    {
        "objectId",
        "revisionId",
        "type",
        "nature",
        "prenom",
        "name",
        "raisonsociale",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class EtablissementComplet:
    """An establishment (principal or secondary) of the dossier. The field table is cut after `raisonsociale`; key
    spellings as in the table (`name`, `raisonsociale`).

        Attributes:
            object_id (UUID | Unset): ID (UUID), code unique. Documented `string($uuid)`.
            revision_id (str | Unset): ID (UUID) de la révision. Documented `string($uuid)`; every example on the pages is a
                0x-prefixed hex
                rowversion such as "0x0000000000017ED5" (see README, Known disagreements).
            type_ (EtablissementCompletType | Unset): Type d'établissement. Documented "Enum Array[4]" (base type not
                stated; integer chosen as the codes are
                integers): 1 Principal-siège social, 2 Secondaire, 3 Principal, 4 Siège social.
            nature (Nature | Unset): Nature of a tiers or an establishment. Documented `string` "Enum: Array [2]": 1
                Personne Physique, 2 Personne
                Morale.
            prenom (str | Unset): Prénom.
            name (str | Unset): Nom (the table spells it `name`, not `nom`).
            raisonsociale (str | Unset): Raison sociale (all lower-case key in the table).
    """

    object_id: UUID | Unset = UNSET
    revision_id: str | Unset = UNSET
    type_: EtablissementCompletType | Unset = UNSET
    nature: Nature | Unset = UNSET
    prenom: str | Unset = UNSET
    name: str | Unset = UNSET
    raisonsociale: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        object_id: str | Unset = UNSET
        if not isinstance(self.object_id, Unset):
            object_id = wire_text(self.object_id)

        revision_id = self.revision_id

        type_: int | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = coded_value(self.type_)

        nature: str | Unset = UNSET
        if not isinstance(self.nature, Unset):
            nature = coded_value(self.nature)

        prenom = self.prenom

        name = self.name

        raisonsociale = self.raisonsociale

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if object_id is not UNSET:
            field_dict["objectId"] = object_id
        if revision_id is not UNSET:
            field_dict["revisionId"] = revision_id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if nature is not UNSET:
            field_dict["nature"] = nature
        if prenom is not UNSET:
            field_dict["prenom"] = prenom
        if name is not UNSET:
            field_dict["name"] = name
        if raisonsociale is not UNSET:
            field_dict["raisonsociale"] = raisonsociale

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
                "EtablissementComplet",
                "objectId",
                get("objectId", UNSET),
                exc,
            )

        revision_id = get("revisionId", UNSET)
        if type(revision_id) is not str and revision_id is not UNSET:
            unparsed = misread(
                unparsed,
                "EtablissementComplet",
                "revisionId",
                revision_id,
                TypeError("not str"),
            )
            revision_id = UNSET

        try:
            _type_ = get("type", UNSET)
            type_: EtablissementCompletType | Unset
            if _type_ is UNSET:
                type_ = UNSET
            else:
                type_ = (
                    _m
                    if (
                        _m := EtablissementCompletType._value2member_map_.get(_type_)
                        if type(_type_) is int
                        else None
                    )
                    is not None
                    else EtablissementCompletType(exact_code(_type_))
                )

        except MISREAD as exc:
            type_ = UNSET
            unparsed = misread(
                unparsed, "EtablissementComplet", "type", get("type", UNSET), exc
            )

        try:
            _nature = get("nature", UNSET)
            nature: Nature | Unset
            if _nature is UNSET:
                nature = UNSET
            else:
                nature = (
                    _m
                    if (
                        _m := Nature._value2member_map_.get(_nature)
                        if type(_nature) is str
                        else None
                    )
                    is not None
                    else Nature(exact_code(_nature))
                )

        except MISREAD as exc:
            nature = UNSET
            unparsed = misread(
                unparsed, "EtablissementComplet", "nature", get("nature", UNSET), exc
            )

        prenom = get("prenom", UNSET)
        if type(prenom) is not str and prenom is not UNSET:
            unparsed = misread(
                unparsed, "EtablissementComplet", "prenom", prenom, TypeError("not str")
            )
            prenom = UNSET

        name = get("name", UNSET)
        if type(name) is not str and name is not UNSET:
            unparsed = misread(
                unparsed, "EtablissementComplet", "name", name, TypeError("not str")
            )
            name = UNSET

        raisonsociale = get("raisonsociale", UNSET)
        if type(raisonsociale) is not str and raisonsociale is not UNSET:
            unparsed = misread(
                unparsed,
                "EtablissementComplet",
                "raisonsociale",
                raisonsociale,
                TypeError("not str"),
            )
            raisonsociale = UNSET

        etablissement_complet = cls(
            object_id,
            revision_id,
            type_,
            nature,
            prenom,
            name,
            raisonsociale,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        etablissement_complet.additional_properties = d
        if unparsed is not None or aliases is not None:
            etablissement_complet._wire = Wire(unparsed, aliases)
        return etablissement_complet

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
