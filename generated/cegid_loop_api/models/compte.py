from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.compte_type import CompteType
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

if TYPE_CHECKING:
    from ..models.reference import Reference


T = TypeVar("T", bound="Compte")
_KNOWN_KEYS = frozenset(
    {
        "objectId",
        "revisionId",
        "description",
        "numero",
        "libelle",
        "type",
        "collectif",
        "lettrable",
        "pointable",
        "centralisable",
        "analytique",
        "ferme",
        "compteContrepartie",
        "compteBanque",
        "tva",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class Compte:
    """A general account (plan des comptes généraux) of the dossier. Fields as documented by Compte.html (fr) and
    ParametreComptable.html (en), plus `description` and the `compteContrepartie` reference seen only in the
    example.

        Attributes:
            object_id (UUID | Unset): ID (UUID), code unique. Documented `string($uuid)`.
            revision_id (str | Unset): ID (UUID) de la révision. Documented `string($uuid)`; every example on the pages is a
                0x-prefixed hex
                rowversion such as "0x0000000000017ED5" (see README, Known disagreements).
            description (list[str] | str | Unset): Undocumented display value(s) of the object, e.g. `["ACH"]`. Seen only in
                examples.
            numero (str | Unset): Numéro de compte.
            libelle (str | Unset): Libellé du compte.
            type_ (CompteType | Unset): Type de compte. Documented `string` "1-7" (fr) / `Enum` "1-7" (en); the labels of
                the codes 1 to 7 are not
                given on any page (hence the neutral names TYPE_1..TYPE_7). The example returns an integer.
            collectif (bool | Unset): Compte collectif.
            lettrable (bool | Unset): Compte lettrable.
            pointable (bool | Unset): Compte pointable.
            centralisable (bool | Unset): Compte centralisable.
            analytique (bool | Unset): Compte ventilable en analytique.
            ferme (bool | Unset): Compte fermé (closed).
            compte_contrepartie (None | Reference | Unset): Reference (foreign key) to another Loop object, as returned in
                responses: `{objectId, description}`. An unset
                reference comes back as `{"objectId": null, "description": [""]}`, not as null.
            compte_banque (None | Reference | Unset): Reference (foreign key) to another Loop object, as returned in
                responses: `{objectId, description}`. An unset
                reference comes back as `{"objectId": null, "description": [""]}`, not as null.
            tva (str | Unset): TVA (VAT); the French cell is cut on the page.
    """

    object_id: UUID | Unset = UNSET
    revision_id: str | Unset = UNSET
    description: list[str] | str | Unset = UNSET
    numero: str | Unset = UNSET
    libelle: str | Unset = UNSET
    type_: CompteType | Unset = UNSET
    collectif: bool | Unset = UNSET
    lettrable: bool | Unset = UNSET
    pointable: bool | Unset = UNSET
    centralisable: bool | Unset = UNSET
    analytique: bool | Unset = UNSET
    ferme: bool | Unset = UNSET
    compte_contrepartie: None | Reference | Unset = UNSET
    compte_banque: None | Reference | Unset = UNSET
    tva: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        object_id: str | Unset = UNSET
        if not isinstance(self.object_id, Unset):
            object_id = wire_text(self.object_id)

        revision_id = self.revision_id

        description: list[str] | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        elif isinstance(self.description, list):
            description = self.description

        else:
            description = self.description

        numero = self.numero

        libelle = self.libelle

        type_: int | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = coded_value(self.type_)

        collectif = self.collectif

        lettrable = self.lettrable

        pointable = self.pointable

        centralisable = self.centralisable

        analytique = self.analytique

        ferme = self.ferme

        compte_contrepartie: dict[str, Any] | None | Unset
        if isinstance(self.compte_contrepartie, Unset):
            compte_contrepartie = UNSET
        elif isinstance(self.compte_contrepartie, Reference):
            compte_contrepartie = self.compte_contrepartie.to_dict()
        else:
            compte_contrepartie = self.compte_contrepartie

        compte_banque: dict[str, Any] | None | Unset
        if isinstance(self.compte_banque, Unset):
            compte_banque = UNSET
        elif isinstance(self.compte_banque, Reference):
            compte_banque = self.compte_banque.to_dict()
        else:
            compte_banque = self.compte_banque

        tva = self.tva

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if object_id is not UNSET:
            field_dict["objectId"] = object_id
        if revision_id is not UNSET:
            field_dict["revisionId"] = revision_id
        if description is not UNSET:
            field_dict["description"] = description
        if numero is not UNSET:
            field_dict["numero"] = numero
        if libelle is not UNSET:
            field_dict["libelle"] = libelle
        if type_ is not UNSET:
            field_dict["type"] = type_
        if collectif is not UNSET:
            field_dict["collectif"] = collectif
        if lettrable is not UNSET:
            field_dict["lettrable"] = lettrable
        if pointable is not UNSET:
            field_dict["pointable"] = pointable
        if centralisable is not UNSET:
            field_dict["centralisable"] = centralisable
        if analytique is not UNSET:
            field_dict["analytique"] = analytique
        if ferme is not UNSET:
            field_dict["ferme"] = ferme
        if compte_contrepartie is not UNSET:
            field_dict["compteContrepartie"] = compte_contrepartie
        if compte_banque is not UNSET:
            field_dict["compteBanque"] = compte_banque
        if tva is not UNSET:
            field_dict["tva"] = tva

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
                unparsed, "Compte", "objectId", get("objectId", UNSET), exc
            )

        revision_id = get("revisionId", UNSET)
        if type(revision_id) is not str and revision_id is not UNSET:
            unparsed = misread(
                unparsed, "Compte", "revisionId", revision_id, TypeError("not str")
            )
            revision_id = UNSET

        try:
            description: list[str] | str | Unset = get("description", UNSET)

        except MISREAD as exc:
            description = UNSET
            unparsed = misread(
                unparsed, "Compte", "description", get("description", UNSET), exc
            )

        numero = get("numero", UNSET)
        if type(numero) is not str and numero is not UNSET:
            unparsed = misread(
                unparsed, "Compte", "numero", numero, TypeError("not str")
            )
            numero = UNSET

        libelle = get("libelle", UNSET)
        if type(libelle) is not str and libelle is not UNSET:
            unparsed = misread(
                unparsed, "Compte", "libelle", libelle, TypeError("not str")
            )
            libelle = UNSET

        try:
            _type_ = get("type", UNSET)
            type_: CompteType | Unset
            if _type_ is UNSET:
                type_ = UNSET
            else:
                type_ = (
                    _m
                    if (
                        _m := CompteType._value2member_map_.get(_type_)
                        if type(_type_) is int
                        else None
                    )
                    is not None
                    else CompteType(exact_code(_type_))
                )

        except MISREAD as exc:
            type_ = UNSET
            unparsed = misread(unparsed, "Compte", "type", get("type", UNSET), exc)

        collectif = get("collectif", UNSET)
        if type(collectif) is not bool and collectif is not UNSET:
            unparsed = misread(
                unparsed, "Compte", "collectif", collectif, TypeError("not bool")
            )
            collectif = UNSET

        lettrable = get("lettrable", UNSET)
        if type(lettrable) is not bool and lettrable is not UNSET:
            unparsed = misread(
                unparsed, "Compte", "lettrable", lettrable, TypeError("not bool")
            )
            lettrable = UNSET

        pointable = get("pointable", UNSET)
        if type(pointable) is not bool and pointable is not UNSET:
            unparsed = misread(
                unparsed, "Compte", "pointable", pointable, TypeError("not bool")
            )
            pointable = UNSET

        centralisable = get("centralisable", UNSET)
        if type(centralisable) is not bool and centralisable is not UNSET:
            unparsed = misread(
                unparsed,
                "Compte",
                "centralisable",
                centralisable,
                TypeError("not bool"),
            )
            centralisable = UNSET

        analytique = get("analytique", UNSET)
        if type(analytique) is not bool and analytique is not UNSET:
            unparsed = misread(
                unparsed, "Compte", "analytique", analytique, TypeError("not bool")
            )
            analytique = UNSET

        ferme = get("ferme", UNSET)
        if type(ferme) is not bool and ferme is not UNSET:
            unparsed = misread(
                unparsed, "Compte", "ferme", ferme, TypeError("not bool")
            )
            ferme = UNSET

        try:
            _compte_contrepartie_value = get("compteContrepartie", UNSET)
            compte_contrepartie: None | Reference | Unset
            if (
                _compte_contrepartie_value is None
                or _compte_contrepartie_value is UNSET
            ):
                compte_contrepartie = _compte_contrepartie_value
            else:
                if not isinstance(_compte_contrepartie_value, dict):
                    raise TypeError(
                        f"{type(_compte_contrepartie_value).__name__} is not a Reference"
                    )
                componentsschemas_reference_type_0 = Reference.from_dict(
                    _compte_contrepartie_value
                )

                compte_contrepartie = componentsschemas_reference_type_0

        except MISREAD as exc:
            compte_contrepartie = UNSET
            unparsed = misread(
                unparsed,
                "Compte",
                "compteContrepartie",
                get("compteContrepartie", UNSET),
                exc,
            )

        try:
            _compte_banque_value = get("compteBanque", UNSET)
            compte_banque: None | Reference | Unset
            if _compte_banque_value is None or _compte_banque_value is UNSET:
                compte_banque = _compte_banque_value
            else:
                if not isinstance(_compte_banque_value, dict):
                    raise TypeError(
                        f"{type(_compte_banque_value).__name__} is not a Reference"
                    )
                componentsschemas_reference_type_0 = Reference.from_dict(
                    _compte_banque_value
                )

                compte_banque = componentsschemas_reference_type_0

        except MISREAD as exc:
            compte_banque = UNSET
            unparsed = misread(
                unparsed, "Compte", "compteBanque", get("compteBanque", UNSET), exc
            )

        tva = get("tva", UNSET)
        if type(tva) is not str and tva is not UNSET:
            unparsed = misread(unparsed, "Compte", "tva", tva, TypeError("not str"))
            tva = UNSET

        compte = cls(
            object_id,
            revision_id,
            description,
            numero,
            libelle,
            type_,
            collectif,
            lettrable,
            pointable,
            centralisable,
            analytique,
            ferme,
            compte_contrepartie,
            compte_banque,
            tva,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        compte.additional_properties = d
        if unparsed is not None or aliases is not None:
            compte._wire = Wire(unparsed, aliases)
        return compte

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


from ..models.reference import Reference
