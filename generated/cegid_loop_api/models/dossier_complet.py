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

T = TypeVar("T", bound="DossierComplet")
_KNOWN_KEYS = frozenset(
    {
        "objectId",
        "revisionId",
        "siren",
        "formeJuridique",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class DossierComplet:
    """Identification of a dossier: SIREN and forme juridique (GET /DossierComplet).

    Attributes:
        object_id (UUID | Unset): Entity id (documented `string`; UUID in the examples).
        revision_id (str | Unset): Revision id (documented `string`; examples are 0x-prefixed hex).
        siren (str | Unset): SIREN: digits only; `""` accepted; otherwise 9 digits passing the Luhn check.
        forme_juridique (str | Unset): Forme juridique code; must be a supported value. Known codes (the page's list is
            cut): ASS Association, COM
            Commune, COOP Coopérative, DIV Autre forme de société, SA, SARL (the last two from examples), Exploitation
            agr… (code cut). No enum is declared because the list is incomplete.
    """

    object_id: UUID | Unset = UNSET
    revision_id: str | Unset = UNSET
    siren: str | Unset = UNSET
    forme_juridique: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        object_id: str | Unset = UNSET
        if not isinstance(self.object_id, Unset):
            object_id = wire_text(self.object_id)

        revision_id = self.revision_id

        siren = self.siren

        forme_juridique = self.forme_juridique

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if object_id is not UNSET:
            field_dict["objectId"] = object_id
        if revision_id is not UNSET:
            field_dict["revisionId"] = revision_id
        if siren is not UNSET:
            field_dict["siren"] = siren
        if forme_juridique is not UNSET:
            field_dict["formeJuridique"] = forme_juridique

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
                unparsed, "DossierComplet", "objectId", get("objectId", UNSET), exc
            )

        revision_id = get("revisionId", UNSET)
        if type(revision_id) is not str and revision_id is not UNSET:
            unparsed = misread(
                unparsed,
                "DossierComplet",
                "revisionId",
                revision_id,
                TypeError("not str"),
            )
            revision_id = UNSET

        siren = get("siren", UNSET)
        if type(siren) is not str and siren is not UNSET:
            unparsed = misread(
                unparsed, "DossierComplet", "siren", siren, TypeError("not str")
            )
            siren = UNSET

        forme_juridique = get("formeJuridique", UNSET)
        if type(forme_juridique) is not str and forme_juridique is not UNSET:
            unparsed = misread(
                unparsed,
                "DossierComplet",
                "formeJuridique",
                forme_juridique,
                TypeError("not str"),
            )
            forme_juridique = UNSET

        dossier_complet = cls(
            object_id,
            revision_id,
            siren,
            forme_juridique,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        dossier_complet.additional_properties = d
        if unparsed is not None or aliases is not None:
            dossier_complet._wire = Wire(unparsed, aliases)
        return dossier_complet

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
