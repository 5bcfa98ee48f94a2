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

T = TypeVar("T", bound="DossierCompletUpdate")
_KNOWN_KEYS = frozenset(
    {
        "objectId",
        "revisionId",
        "siren",
        "formeJuridique",
    }
)


@_attrs_define
class DossierCompletUpdate:
    """Body of PUT /DossierComplet: one object (the page's example wraps it in an array).

    Attributes:
        object_id (UUID): Entity id (documented `string`; UUID in the examples).
        revision_id (str): Revision id (documented `string`; examples are 0x-prefixed hex).
        siren (str | Unset): SIREN: digits only; `""` accepted; otherwise 9 digits passing the Luhn check.
        forme_juridique (str | Unset): Forme juridique code; must be a supported value. Known codes (the page's list is
            cut): ASS Association, COM
            Commune, COOP Coopérative, DIV Autre forme de société, SA, SARL (the last two from examples), Exploitation
            agr… (code cut). No enum is declared because the list is incomplete.
    """

    object_id: UUID
    revision_id: str
    siren: str | Unset = UNSET
    forme_juridique: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_id = wire_text(self.object_id)

        revision_id = self.revision_id

        siren = self.siren

        forme_juridique = self.forme_juridique

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "objectId": object_id,
                "revisionId": revision_id,
            }
        )
        if siren is not UNSET:
            field_dict["siren"] = siren
        if forme_juridique is not UNSET:
            field_dict["formeJuridique"] = forme_juridique

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        get = src_dict.get
        object_id = parse_uuid(src_dict["objectId"])

        revision_id = src_dict["revisionId"]

        siren = get("siren", UNSET)

        forme_juridique = get("formeJuridique", UNSET)

        dossier_complet_update = cls(
            object_id,
            revision_id,
            siren,
            forme_juridique,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = (
            {}
            if src_dict.keys() <= _KNOWN_KEYS
            else extra_properties(src_dict, _KNOWN_KEYS)
        )

        dossier_complet_update.additional_properties = d
        return dossier_complet_update

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
