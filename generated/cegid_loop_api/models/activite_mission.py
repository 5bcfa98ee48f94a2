from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.activite_mission_calage import ActiviteMissionCalage
from ..types import (
    UNSET,
    Unset,
    extra_properties,
    parse_datetime,
    parse_uuid,
    wire_text,
)

T = TypeVar("T", bound="ActiviteMission")
_KNOWN_KEYS = frozenset(
    {
        "objectId",
        "revisionId",
        "lettreMissionId",
        "Libelle",
        "activiteCabinet",
        "activiteClient",
        "unite",
        "frequence",
        "dateFreq",
        "calage",
        "decalage",
        "quantite",
        "datePrevObligation",
    }
)


@_attrs_define
class ActiviteMission:
    """A service (activité) of an engagement letter (Mission.html). The field table is cut inside
    `datePrevObligation`; any other field returned lands in additional properties.

        Attributes:
            object_id (UUID | Unset): ID (UUID), code unique. Documented `string($uuid)`.
            revision_id (str | Unset): ID (UUID) de la révision. Documented `string($uuid)`; every example on the pages is a
                0x-prefixed hex
                rowversion such as "0x0000000000017ED5" (see README, Known disagreements).
            lettre_mission_id (UUID | Unset): objectId of the engagement letter (a UUID in the filter example).
            libelle (str | Unset): Label of the service (capital L on the page).
            activite_cabinet (bool | Unset): Service done by the firm.
            activite_client (bool | Unset): Service done by the client.
            unite (float | Unset): Unit: a number of hours.
            frequence (str | Unset): Frequency code: 1 Monthly … 5 Punctual (the labels of 2 to 4 are cut on the page; no
                enum).
            date_freq (datetime.datetime | Unset): Date of the frequency.
            calage (ActiviteMissionCalage | Unset): Alignment: 1 fiscal year, 2 calendar year, 3 post-fiscal year. Base type
                not stated: integer codes
                (inferred).
            decalage (list[int] | Unset): Offsets: an array of 3, each 1 to 18 months.
            quantite (list[int] | Unset): Quantities: an array of 18 integers.
            date_prev_obligation (list[Any] | Unset): Planned dates of the obligation: an array of 31 (the page is cut here;
                item type unknown).
    """

    object_id: UUID | Unset = UNSET
    revision_id: str | Unset = UNSET
    lettre_mission_id: UUID | Unset = UNSET
    libelle: str | Unset = UNSET
    activite_cabinet: bool | Unset = UNSET
    activite_client: bool | Unset = UNSET
    unite: float | Unset = UNSET
    frequence: str | Unset = UNSET
    date_freq: datetime.datetime | Unset = UNSET
    calage: ActiviteMissionCalage | Unset = UNSET
    decalage: list[int] | Unset = UNSET
    quantite: list[int] | Unset = UNSET
    date_prev_obligation: list[Any] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_id: str | Unset = UNSET
        if not isinstance(self.object_id, Unset):
            object_id = wire_text(self.object_id)

        revision_id = self.revision_id

        lettre_mission_id: str | Unset = UNSET
        if not isinstance(self.lettre_mission_id, Unset):
            lettre_mission_id = wire_text(self.lettre_mission_id)

        libelle = self.libelle

        activite_cabinet = self.activite_cabinet

        activite_client = self.activite_client

        unite = self.unite

        frequence = self.frequence

        date_freq: str | Unset = UNSET
        if not isinstance(self.date_freq, Unset):
            date_freq = wire_text(self.date_freq)

        calage: int | Unset = UNSET
        if not isinstance(self.calage, Unset):
            calage = self.calage.value

        decalage: list[int] | Unset = UNSET
        if not isinstance(self.decalage, Unset):
            decalage = self.decalage

        quantite: list[int] | Unset = UNSET
        if not isinstance(self.quantite, Unset):
            quantite = self.quantite

        date_prev_obligation: list[Any] | Unset = UNSET
        if not isinstance(self.date_prev_obligation, Unset):
            date_prev_obligation = self.date_prev_obligation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if object_id is not UNSET:
            field_dict["objectId"] = object_id
        if revision_id is not UNSET:
            field_dict["revisionId"] = revision_id
        if lettre_mission_id is not UNSET:
            field_dict["lettreMissionId"] = lettre_mission_id
        if libelle is not UNSET:
            field_dict["Libelle"] = libelle
        if activite_cabinet is not UNSET:
            field_dict["activiteCabinet"] = activite_cabinet
        if activite_client is not UNSET:
            field_dict["activiteClient"] = activite_client
        if unite is not UNSET:
            field_dict["unite"] = unite
        if frequence is not UNSET:
            field_dict["frequence"] = frequence
        if date_freq is not UNSET:
            field_dict["dateFreq"] = date_freq
        if calage is not UNSET:
            field_dict["calage"] = calage
        if decalage is not UNSET:
            field_dict["decalage"] = decalage
        if quantite is not UNSET:
            field_dict["quantite"] = quantite
        if date_prev_obligation is not UNSET:
            field_dict["datePrevObligation"] = date_prev_obligation

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

        _lettre_mission_id = get("lettreMissionId", UNSET)
        lettre_mission_id: UUID | Unset
        if _lettre_mission_id is UNSET:
            lettre_mission_id = UNSET
        else:
            lettre_mission_id = parse_uuid(_lettre_mission_id)

        libelle = get("Libelle", UNSET)

        activite_cabinet = get("activiteCabinet", UNSET)

        activite_client = get("activiteClient", UNSET)

        unite = get("unite", UNSET)

        frequence = get("frequence", UNSET)

        _date_freq = get("dateFreq", UNSET)
        date_freq: datetime.datetime | Unset
        if _date_freq is UNSET:
            date_freq = UNSET
        else:
            date_freq = parse_datetime(_date_freq)

        _calage = get("calage", UNSET)
        calage: ActiviteMissionCalage | Unset
        if _calage is UNSET:
            calage = UNSET
        else:
            calage = (
                _m
                if (
                    _m := ActiviteMissionCalage._value2member_map_.get(_calage)
                    if type(_calage) is int
                    else None
                )
                is not None
                else ActiviteMissionCalage(_calage)
            )

        decalage = cast(list[int], get("decalage", UNSET))

        quantite = cast(list[int], get("quantite", UNSET))

        date_prev_obligation = cast(list[Any], get("datePrevObligation", UNSET))

        activite_mission = cls(
            object_id,
            revision_id,
            lettre_mission_id,
            libelle,
            activite_cabinet,
            activite_client,
            unite,
            frequence,
            date_freq,
            calage,
            decalage,
            quantite,
            date_prev_obligation,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = (
            {}
            if src_dict.keys() <= _KNOWN_KEYS
            else extra_properties(src_dict, _KNOWN_KEYS)
        )

        activite_mission.additional_properties = d
        return activite_mission

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
