from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.nature import Nature
from ..models.tiers_type import TiersType
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
    from ..models.tiers_adr import TiersAdr
    from ..models.tiers_rib_item import TiersRibItem


T = TypeVar("T", bound="Tiers")
_KNOWN_KEYS = frozenset(
    {
        "objectId",
        "revisionId",
        "code",
        "type",
        "nature",
        "prenom",
        "nom",
        "raisonSociale",
        "nomUsuel",
        "lettrable",
        "compteContrepartie",
        "SIRET",
        "telephone",
        "fax",
        "email",
        "siteWeb",
        "adr",
        "rib",
        "actif",
        "validation",
        "soumisTva",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class Tiers:
    """A third party (tiers). Shared by /tiers, /tiersclient (type 0), /tiersfournisseur (1), /tierssalarie (2) and
    /tiersdivers (4). The field tables are cut on every page after `soumisTva` / `num…`.

        Attributes:
            object_id (UUID | Unset): ID (UUID), code unique. Documented `string($uuid)`.
            revision_id (str | Unset): ID (UUID) de la révision. Documented `string($uuid)`; every example on the pages is a
                0x-prefixed hex
                rowversion such as "0x0000000000017ED5" (see README, Known disagreements).
            code (str | Unset): Code tiers.
            type_ (TiersType | Unset): Type de tiers (documented `int`): 0 Tiers Client, 1 Tiers Fournisseur, 2 Tiers
                Salarié, 4 Tiers Divers. Code 3
                is not documented by any page.
            nature (Nature | Unset): Nature of a tiers or an establishment. Documented `string` "Enum: Array [2]": 1
                Personne Physique, 2 Personne
                Morale.
            prenom (str | Unset): Prénom.
            nom (str | Unset): Nom.
            raison_sociale (str | Unset): Raison sociale.
            nom_usuel (str | Unset): Nom usuel.
            lettrable (bool | Unset): Tiers lettrable.
            compte_contrepartie (None | Reference | Unset): Reference (foreign key) to another Loop object, as returned in
                responses: `{objectId, description}`. An unset
                reference comes back as `{"objectId": null, "description": [""]}`, not as null.
            siret (str | Unset): SIRET.
            telephone (str | Unset): Téléphone.
            fax (str | Unset): Fax.
            email (str | Unset): E-mail.
            site_web (str | Unset): Site web.
            adr (TiersAdr | Unset): Adresse. Documented `{...}`; sub-fields not reachable.
            rib (list[TiersRibItem] | Unset): RIB(s). Documented `[...]`; item fields not reachable.
            actif (bool | Unset): Tiers actif.
            validation (str | Unset): Validation. Documented "sEnum:Array [ 2 ]" (sic; read as a string enum of two values);
                the two values and
                their labels are not reachable, so no enum is declared.
            soumis_tva (bool | Unset): Soumis à TVA.
    """

    object_id: UUID | Unset = UNSET
    revision_id: str | Unset = UNSET
    code: str | Unset = UNSET
    type_: TiersType | Unset = UNSET
    nature: Nature | Unset = UNSET
    prenom: str | Unset = UNSET
    nom: str | Unset = UNSET
    raison_sociale: str | Unset = UNSET
    nom_usuel: str | Unset = UNSET
    lettrable: bool | Unset = UNSET
    compte_contrepartie: None | Reference | Unset = UNSET
    siret: str | Unset = UNSET
    telephone: str | Unset = UNSET
    fax: str | Unset = UNSET
    email: str | Unset = UNSET
    site_web: str | Unset = UNSET
    adr: TiersAdr | Unset = UNSET
    rib: list[TiersRibItem] | Unset = UNSET
    actif: bool | Unset = UNSET
    validation: str | Unset = UNSET
    soumis_tva: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        object_id: str | Unset = UNSET
        if not isinstance(self.object_id, Unset):
            object_id = wire_text(self.object_id)

        revision_id = self.revision_id

        code = self.code

        type_: int | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = coded_value(self.type_)

        nature: str | Unset = UNSET
        if not isinstance(self.nature, Unset):
            nature = coded_value(self.nature)

        prenom = self.prenom

        nom = self.nom

        raison_sociale = self.raison_sociale

        nom_usuel = self.nom_usuel

        lettrable = self.lettrable

        compte_contrepartie: dict[str, Any] | None | Unset
        if isinstance(self.compte_contrepartie, Unset):
            compte_contrepartie = UNSET
        elif isinstance(self.compte_contrepartie, Reference):
            compte_contrepartie = self.compte_contrepartie.to_dict()
        else:
            compte_contrepartie = self.compte_contrepartie

        siret = self.siret

        telephone = self.telephone

        fax = self.fax

        email = self.email

        site_web = self.site_web

        adr: dict[str, Any] | Unset = UNSET
        if not isinstance(self.adr, Unset):
            adr = self.adr.to_dict()

        rib: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rib, Unset):
            rib = []
            for rib_item_data in self.rib:
                rib_item = rib_item_data.to_dict()
                rib.append(rib_item)

        actif = self.actif

        validation = self.validation

        soumis_tva = self.soumis_tva

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if object_id is not UNSET:
            field_dict["objectId"] = object_id
        if revision_id is not UNSET:
            field_dict["revisionId"] = revision_id
        if code is not UNSET:
            field_dict["code"] = code
        if type_ is not UNSET:
            field_dict["type"] = type_
        if nature is not UNSET:
            field_dict["nature"] = nature
        if prenom is not UNSET:
            field_dict["prenom"] = prenom
        if nom is not UNSET:
            field_dict["nom"] = nom
        if raison_sociale is not UNSET:
            field_dict["raisonSociale"] = raison_sociale
        if nom_usuel is not UNSET:
            field_dict["nomUsuel"] = nom_usuel
        if lettrable is not UNSET:
            field_dict["lettrable"] = lettrable
        if compte_contrepartie is not UNSET:
            field_dict["compteContrepartie"] = compte_contrepartie
        if siret is not UNSET:
            field_dict["SIRET"] = siret
        if telephone is not UNSET:
            field_dict["telephone"] = telephone
        if fax is not UNSET:
            field_dict["fax"] = fax
        if email is not UNSET:
            field_dict["email"] = email
        if site_web is not UNSET:
            field_dict["siteWeb"] = site_web
        if adr is not UNSET:
            field_dict["adr"] = adr
        if rib is not UNSET:
            field_dict["rib"] = rib
        if actif is not UNSET:
            field_dict["actif"] = actif
        if validation is not UNSET:
            field_dict["validation"] = validation
        if soumis_tva is not UNSET:
            field_dict["soumisTva"] = soumis_tva

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
                unparsed, "Tiers", "objectId", get("objectId", UNSET), exc
            )

        revision_id = get("revisionId", UNSET)
        if type(revision_id) is not str and revision_id is not UNSET:
            unparsed = misread(
                unparsed, "Tiers", "revisionId", revision_id, TypeError("not str")
            )
            revision_id = UNSET

        code = get("code", UNSET)
        if type(code) is not str and code is not UNSET:
            unparsed = misread(unparsed, "Tiers", "code", code, TypeError("not str"))
            code = UNSET

        try:
            _type_ = get("type", UNSET)
            type_: TiersType | Unset
            if _type_ is UNSET:
                type_ = UNSET
            else:
                type_ = (
                    _m
                    if (
                        _m := TiersType._value2member_map_.get(_type_)
                        if type(_type_) is int
                        else None
                    )
                    is not None
                    else TiersType(exact_code(_type_))
                )

        except MISREAD as exc:
            type_ = UNSET
            unparsed = misread(unparsed, "Tiers", "type", get("type", UNSET), exc)

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
            unparsed = misread(unparsed, "Tiers", "nature", get("nature", UNSET), exc)

        prenom = get("prenom", UNSET)
        if type(prenom) is not str and prenom is not UNSET:
            unparsed = misread(
                unparsed, "Tiers", "prenom", prenom, TypeError("not str")
            )
            prenom = UNSET

        nom = get("nom", UNSET)
        if type(nom) is not str and nom is not UNSET:
            unparsed = misread(unparsed, "Tiers", "nom", nom, TypeError("not str"))
            nom = UNSET

        raison_sociale = get("raisonSociale", UNSET)
        if type(raison_sociale) is not str and raison_sociale is not UNSET:
            unparsed = misread(
                unparsed, "Tiers", "raisonSociale", raison_sociale, TypeError("not str")
            )
            raison_sociale = UNSET

        nom_usuel = get("nomUsuel", UNSET)
        if type(nom_usuel) is not str and nom_usuel is not UNSET:
            unparsed = misread(
                unparsed, "Tiers", "nomUsuel", nom_usuel, TypeError("not str")
            )
            nom_usuel = UNSET

        lettrable = get("lettrable", UNSET)
        if type(lettrable) is not bool and lettrable is not UNSET:
            unparsed = misread(
                unparsed, "Tiers", "lettrable", lettrable, TypeError("not bool")
            )
            lettrable = UNSET

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
                "Tiers",
                "compteContrepartie",
                get("compteContrepartie", UNSET),
                exc,
            )

        siret = get("SIRET", UNSET)
        if type(siret) is not str and siret is not UNSET:
            unparsed = misread(unparsed, "Tiers", "SIRET", siret, TypeError("not str"))
            siret = UNSET

        telephone = get("telephone", UNSET)
        if type(telephone) is not str and telephone is not UNSET:
            unparsed = misread(
                unparsed, "Tiers", "telephone", telephone, TypeError("not str")
            )
            telephone = UNSET

        fax = get("fax", UNSET)
        if type(fax) is not str and fax is not UNSET:
            unparsed = misread(unparsed, "Tiers", "fax", fax, TypeError("not str"))
            fax = UNSET

        email = get("email", UNSET)
        if type(email) is not str and email is not UNSET:
            unparsed = misread(unparsed, "Tiers", "email", email, TypeError("not str"))
            email = UNSET

        site_web = get("siteWeb", UNSET)
        if type(site_web) is not str and site_web is not UNSET:
            unparsed = misread(
                unparsed, "Tiers", "siteWeb", site_web, TypeError("not str")
            )
            site_web = UNSET

        try:
            _adr = get("adr", UNSET)
            adr: TiersAdr | Unset
            if _adr is UNSET:
                adr = UNSET
            else:
                adr = TiersAdr.from_dict(_adr)

        except MISREAD as exc:
            adr = UNSET
            unparsed = misread(unparsed, "Tiers", "adr", get("adr", UNSET), exc)

        try:
            _rib = get("rib", UNSET)
            rib: list[TiersRibItem] | Unset = UNSET
            if _rib is not UNSET:
                if type(_rib) is not list:
                    raise TypeError(f"expected an array, got {type(_rib).__name__}")
                rib = []
                for rib_item_data in _rib:
                    rib_item = TiersRibItem.from_dict(rib_item_data)

                    rib.append(rib_item)

        except MISREAD as exc:
            rib = UNSET
            unparsed = misread(unparsed, "Tiers", "rib", get("rib", UNSET), exc)

        actif = get("actif", UNSET)
        if type(actif) is not bool and actif is not UNSET:
            unparsed = misread(unparsed, "Tiers", "actif", actif, TypeError("not bool"))
            actif = UNSET

        validation = get("validation", UNSET)
        if type(validation) is not str and validation is not UNSET:
            unparsed = misread(
                unparsed, "Tiers", "validation", validation, TypeError("not str")
            )
            validation = UNSET

        soumis_tva = get("soumisTva", UNSET)
        if type(soumis_tva) is not bool and soumis_tva is not UNSET:
            unparsed = misread(
                unparsed, "Tiers", "soumisTva", soumis_tva, TypeError("not bool")
            )
            soumis_tva = UNSET

        tiers = cls(
            object_id,
            revision_id,
            code,
            type_,
            nature,
            prenom,
            nom,
            raison_sociale,
            nom_usuel,
            lettrable,
            compte_contrepartie,
            siret,
            telephone,
            fax,
            email,
            site_web,
            adr,
            rib,
            actif,
            validation,
            soumis_tva,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        tiers.additional_properties = d
        if unparsed is not None or aliases is not None:
            tiers._wire = Wire(unparsed, aliases)
        return tiers

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
from ..models.tiers_adr import TiersAdr
from ..models.tiers_rib_item import TiersRibItem
