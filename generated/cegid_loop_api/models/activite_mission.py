from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.activite_mission_calage import ActiviteMissionCalage
from ..types import (
    MISREAD,
    UNSET,
    Unset,
    Wire,
    as_float,
    case_aliases,
    coded_value,
    exact_code,
    extra_properties,
    misread,
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
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


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
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

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
            calage = coded_value(self.calage)

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
                unparsed, "ActiviteMission", "objectId", get("objectId", UNSET), exc
            )

        revision_id = get("revisionId", UNSET)
        if type(revision_id) is not str and revision_id is not UNSET:
            unparsed = misread(
                unparsed,
                "ActiviteMission",
                "revisionId",
                revision_id,
                TypeError("not str"),
            )
            revision_id = UNSET

        try:
            _lettre_mission_id = get("lettreMissionId", UNSET)
            lettre_mission_id: UUID | Unset
            if _lettre_mission_id is UNSET:
                lettre_mission_id = UNSET
            else:
                lettre_mission_id = parse_uuid(_lettre_mission_id)

        except MISREAD as exc:
            lettre_mission_id = UNSET
            unparsed = misread(
                unparsed,
                "ActiviteMission",
                "lettreMissionId",
                get("lettreMissionId", UNSET),
                exc,
            )

        libelle = get("Libelle", UNSET)
        if type(libelle) is not str and libelle is not UNSET:
            unparsed = misread(
                unparsed, "ActiviteMission", "Libelle", libelle, TypeError("not str")
            )
            libelle = UNSET

        activite_cabinet = get("activiteCabinet", UNSET)
        if type(activite_cabinet) is not bool and activite_cabinet is not UNSET:
            unparsed = misread(
                unparsed,
                "ActiviteMission",
                "activiteCabinet",
                activite_cabinet,
                TypeError("not bool"),
            )
            activite_cabinet = UNSET

        activite_client = get("activiteClient", UNSET)
        if type(activite_client) is not bool and activite_client is not UNSET:
            unparsed = misread(
                unparsed,
                "ActiviteMission",
                "activiteClient",
                activite_client,
                TypeError("not bool"),
            )
            activite_client = UNSET

        try:
            _unite = get("unite", UNSET)
            unite: float | Unset
            if _unite is UNSET:
                unite = UNSET
            else:
                unite = as_float(_unite)

        except MISREAD as exc:
            unite = UNSET
            unparsed = misread(
                unparsed, "ActiviteMission", "unite", get("unite", UNSET), exc
            )

        frequence = get("frequence", UNSET)
        if type(frequence) is not str and frequence is not UNSET:
            unparsed = misread(
                unparsed,
                "ActiviteMission",
                "frequence",
                frequence,
                TypeError("not str"),
            )
            frequence = UNSET

        try:
            _date_freq = get("dateFreq", UNSET)
            date_freq: datetime.datetime | Unset
            if _date_freq is UNSET:
                date_freq = UNSET
            else:
                date_freq = parse_datetime(_date_freq)

        except MISREAD as exc:
            date_freq = UNSET
            unparsed = misread(
                unparsed, "ActiviteMission", "dateFreq", get("dateFreq", UNSET), exc
            )

        try:
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
                    else ActiviteMissionCalage(exact_code(_calage))
                )

        except MISREAD as exc:
            calage = UNSET
            unparsed = misread(
                unparsed, "ActiviteMission", "calage", get("calage", UNSET), exc
            )

        try:
            decalage = cast(list[int], get("decalage", UNSET))
            if decalage is not UNSET and type(decalage) is not list:
                raise TypeError(f"expected an array, got {type(decalage).__name__}")

        except MISREAD as exc:
            decalage = UNSET
            unparsed = misread(
                unparsed, "ActiviteMission", "decalage", get("decalage", UNSET), exc
            )

        try:
            quantite = cast(list[int], get("quantite", UNSET))
            if quantite is not UNSET and type(quantite) is not list:
                raise TypeError(f"expected an array, got {type(quantite).__name__}")

        except MISREAD as exc:
            quantite = UNSET
            unparsed = misread(
                unparsed, "ActiviteMission", "quantite", get("quantite", UNSET), exc
            )

        try:
            date_prev_obligation = cast(list[Any], get("datePrevObligation", UNSET))
            if (
                date_prev_obligation is not UNSET
                and type(date_prev_obligation) is not list
            ):
                raise TypeError(
                    f"expected an array, got {type(date_prev_obligation).__name__}"
                )

        except MISREAD as exc:
            date_prev_obligation = UNSET
            unparsed = misread(
                unparsed,
                "ActiviteMission",
                "datePrevObligation",
                get("datePrevObligation", UNSET),
                exc,
            )

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
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        activite_mission.additional_properties = d
        if unparsed is not None or aliases is not None:
            activite_mission._wire = Wire(unparsed, aliases)
        return activite_mission

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
