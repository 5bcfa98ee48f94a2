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

T = TypeVar("T", bound="Engagement")
_KNOWN_KEYS = frozenset(
    {
        "objectId",
        "revisionId",
        "codeIBS",
        "description",
        "profitCenter",
        "maitreDossier",
        "entite",
        "entiteIbsId",
        "dateDebut",
        "dateFin",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class Engagement:
    """An engagement (lettre de mission) of the firm (Engagement.html, "List of engagement"). The field table is
    cut after `dateFin`; any other field returned lands in additional properties.

        Attributes:
            object_id (UUID | Unset): ID (UUID), code unique. Documented `string($uuid)`.
            revision_id (str | Unset): ID (UUID) de la révision. Documented `string($uuid)`; every example on the pages is a
                0x-prefixed hex
                rowversion such as "0x0000000000017ED5" (see README, Known disagreements).
            code_ibs (str | Unset): Assignment number (the page's label); the filter example `codeIBS=="CEGID003"` uses a
                dossier code.
            description (str | Unset): Description.
            profit_center (str | Unset): Profit center.
            maitre_dossier (str | Unset): Commitment manager (maître de dossier).
            entite (str | Unset): Customer file (the client entity).
            entite_ibs_id (str | Unset): Customer file id.
            date_debut (str | Unset): Start date (format not shown).
            date_fin (str | Unset): End date (format not shown); the field table is cut after it.
    """

    object_id: UUID | Unset = UNSET
    revision_id: str | Unset = UNSET
    code_ibs: str | Unset = UNSET
    description: str | Unset = UNSET
    profit_center: str | Unset = UNSET
    maitre_dossier: str | Unset = UNSET
    entite: str | Unset = UNSET
    entite_ibs_id: str | Unset = UNSET
    date_debut: str | Unset = UNSET
    date_fin: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        object_id: str | Unset = UNSET
        if not isinstance(self.object_id, Unset):
            object_id = wire_text(self.object_id)

        revision_id = self.revision_id

        code_ibs = self.code_ibs

        description = self.description

        profit_center = self.profit_center

        maitre_dossier = self.maitre_dossier

        entite = self.entite

        entite_ibs_id = self.entite_ibs_id

        date_debut = self.date_debut

        date_fin = self.date_fin

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if object_id is not UNSET:
            field_dict["objectId"] = object_id
        if revision_id is not UNSET:
            field_dict["revisionId"] = revision_id
        if code_ibs is not UNSET:
            field_dict["codeIBS"] = code_ibs
        if description is not UNSET:
            field_dict["description"] = description
        if profit_center is not UNSET:
            field_dict["profitCenter"] = profit_center
        if maitre_dossier is not UNSET:
            field_dict["maitreDossier"] = maitre_dossier
        if entite is not UNSET:
            field_dict["entite"] = entite
        if entite_ibs_id is not UNSET:
            field_dict["entiteIbsId"] = entite_ibs_id
        if date_debut is not UNSET:
            field_dict["dateDebut"] = date_debut
        if date_fin is not UNSET:
            field_dict["dateFin"] = date_fin

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
                unparsed, "Engagement", "objectId", get("objectId", UNSET), exc
            )

        revision_id = get("revisionId", UNSET)
        if type(revision_id) is not str and revision_id is not UNSET:
            unparsed = misread(
                unparsed, "Engagement", "revisionId", revision_id, TypeError("not str")
            )
            revision_id = UNSET

        code_ibs = get("codeIBS", UNSET)
        if type(code_ibs) is not str and code_ibs is not UNSET:
            unparsed = misread(
                unparsed, "Engagement", "codeIBS", code_ibs, TypeError("not str")
            )
            code_ibs = UNSET

        description = get("description", UNSET)
        if type(description) is not str and description is not UNSET:
            unparsed = misread(
                unparsed, "Engagement", "description", description, TypeError("not str")
            )
            description = UNSET

        profit_center = get("profitCenter", UNSET)
        if type(profit_center) is not str and profit_center is not UNSET:
            unparsed = misread(
                unparsed,
                "Engagement",
                "profitCenter",
                profit_center,
                TypeError("not str"),
            )
            profit_center = UNSET

        maitre_dossier = get("maitreDossier", UNSET)
        if type(maitre_dossier) is not str and maitre_dossier is not UNSET:
            unparsed = misread(
                unparsed,
                "Engagement",
                "maitreDossier",
                maitre_dossier,
                TypeError("not str"),
            )
            maitre_dossier = UNSET

        entite = get("entite", UNSET)
        if type(entite) is not str and entite is not UNSET:
            unparsed = misread(
                unparsed, "Engagement", "entite", entite, TypeError("not str")
            )
            entite = UNSET

        entite_ibs_id = get("entiteIbsId", UNSET)
        if type(entite_ibs_id) is not str and entite_ibs_id is not UNSET:
            unparsed = misread(
                unparsed,
                "Engagement",
                "entiteIbsId",
                entite_ibs_id,
                TypeError("not str"),
            )
            entite_ibs_id = UNSET

        date_debut = get("dateDebut", UNSET)
        if type(date_debut) is not str and date_debut is not UNSET:
            unparsed = misread(
                unparsed, "Engagement", "dateDebut", date_debut, TypeError("not str")
            )
            date_debut = UNSET

        date_fin = get("dateFin", UNSET)
        if type(date_fin) is not str and date_fin is not UNSET:
            unparsed = misread(
                unparsed, "Engagement", "dateFin", date_fin, TypeError("not str")
            )
            date_fin = UNSET

        engagement = cls(
            object_id,
            revision_id,
            code_ibs,
            description,
            profit_center,
            maitre_dossier,
            entite,
            entite_ibs_id,
            date_debut,
            date_fin,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        engagement.additional_properties = d
        if unparsed is not None or aliases is not None:
            engagement._wire = Wire(unparsed, aliases)
        return engagement

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
