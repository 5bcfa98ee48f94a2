from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.journal_type import JournalType
from ..models.journal_type_contrepartie import JournalTypeContrepartie
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


T = TypeVar("T", bound="Journal")
_KNOWN_KEYS = frozenset(
    {
        "objectId",
        "revisionId",
        "description",
        "code",
        "libelle",
        "type",
        "compteContrepartie",
        "typeContrepartie",
        "repriseDateOp",
        "bordereau",
        "ferme",
        "accesClient",
        "saisieLibelle",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class Journal:
    """A journal (plan des journaux) of the dossier. Field names as the example and the French table spell them (the
    English table's `beaurdereau`, `accesclient`, `saisielibelle` are typos); types as documented.

        Attributes:
            object_id (UUID | Unset): ID (UUID), code unique. Documented `string($uuid)`.
            revision_id (str | Unset): ID (UUID) de la révision. Documented `string($uuid)`; every example on the pages is a
                0x-prefixed hex
                rowversion such as "0x0000000000017ED5" (see README, Known disagreements).
            description (list[str] | str | Unset): Undocumented display value(s) of the object, e.g. `["ACH"]`. Seen only in
                examples.
            code (str | Unset): Code journal.
            libelle (str | Unset): Libellé du journal.
            type_ (JournalType | Unset): Type de journal. Documented `string` (fr; `Enum` "1-7" on the English page): 1
                Achat, 2 OD, 3 A-Nouveau, 4
                Banque, 5 Caisse, 6 Ecart de Change, 7 Régularisation, 8 Vente. The example returns an integer.
            compte_contrepartie (None | Reference | Unset): Reference (foreign key) to another Loop object, as returned in
                responses: `{objectId, description}`. An unset
                reference comes back as `{"objectId": null, "description": [""]}`, not as null.
            type_contrepartie (JournalTypeContrepartie | Unset): Type de contrepartie. Documented `boolean` on both pages,
                yet with three coded values: 1 Libre, 2 A
                l'écriture, 3 Pied de journal. The example returns the integer 1.
            reprise_date_op (bool | Unset): Documented `boolean`; its French description is cut on the page ("Mention d…").
            bordereau (bool | Unset): Saisie bordereau (English table: `beaurdereau`).
            ferme (bool | Unset): Journal fermé.
            acces_client (bool | Unset): Accès client (English table: `accesclient`, described "close", a copy error).
            saisie_libelle (int | Unset): Saisie du libellé (English table: `saisielibelle`, `string`). The example returns
                the integer 2.
    """

    object_id: UUID | Unset = UNSET
    revision_id: str | Unset = UNSET
    description: list[str] | str | Unset = UNSET
    code: str | Unset = UNSET
    libelle: str | Unset = UNSET
    type_: JournalType | Unset = UNSET
    compte_contrepartie: None | Reference | Unset = UNSET
    type_contrepartie: JournalTypeContrepartie | Unset = UNSET
    reprise_date_op: bool | Unset = UNSET
    bordereau: bool | Unset = UNSET
    ferme: bool | Unset = UNSET
    acces_client: bool | Unset = UNSET
    saisie_libelle: int | Unset = UNSET
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

        code = self.code

        libelle = self.libelle

        type_: int | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = coded_value(self.type_)

        compte_contrepartie: dict[str, Any] | None | Unset
        if isinstance(self.compte_contrepartie, Unset):
            compte_contrepartie = UNSET
        elif isinstance(self.compte_contrepartie, Reference):
            compte_contrepartie = self.compte_contrepartie.to_dict()
        else:
            compte_contrepartie = self.compte_contrepartie

        type_contrepartie: int | Unset = UNSET
        if not isinstance(self.type_contrepartie, Unset):
            type_contrepartie = coded_value(self.type_contrepartie)

        reprise_date_op = self.reprise_date_op

        bordereau = self.bordereau

        ferme = self.ferme

        acces_client = self.acces_client

        saisie_libelle = self.saisie_libelle

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if object_id is not UNSET:
            field_dict["objectId"] = object_id
        if revision_id is not UNSET:
            field_dict["revisionId"] = revision_id
        if description is not UNSET:
            field_dict["description"] = description
        if code is not UNSET:
            field_dict["code"] = code
        if libelle is not UNSET:
            field_dict["libelle"] = libelle
        if type_ is not UNSET:
            field_dict["type"] = type_
        if compte_contrepartie is not UNSET:
            field_dict["compteContrepartie"] = compte_contrepartie
        if type_contrepartie is not UNSET:
            field_dict["typeContrepartie"] = type_contrepartie
        if reprise_date_op is not UNSET:
            field_dict["repriseDateOp"] = reprise_date_op
        if bordereau is not UNSET:
            field_dict["bordereau"] = bordereau
        if ferme is not UNSET:
            field_dict["ferme"] = ferme
        if acces_client is not UNSET:
            field_dict["accesClient"] = acces_client
        if saisie_libelle is not UNSET:
            field_dict["saisieLibelle"] = saisie_libelle

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
                unparsed, "Journal", "objectId", get("objectId", UNSET), exc
            )

        revision_id = get("revisionId", UNSET)
        if type(revision_id) is not str and revision_id is not UNSET:
            unparsed = misread(
                unparsed, "Journal", "revisionId", revision_id, TypeError("not str")
            )
            revision_id = UNSET

        try:
            description: list[str] | str | Unset = get("description", UNSET)

        except MISREAD as exc:
            description = UNSET
            unparsed = misread(
                unparsed, "Journal", "description", get("description", UNSET), exc
            )

        code = get("code", UNSET)
        if type(code) is not str and code is not UNSET:
            unparsed = misread(unparsed, "Journal", "code", code, TypeError("not str"))
            code = UNSET

        libelle = get("libelle", UNSET)
        if type(libelle) is not str and libelle is not UNSET:
            unparsed = misread(
                unparsed, "Journal", "libelle", libelle, TypeError("not str")
            )
            libelle = UNSET

        try:
            _type_ = get("type", UNSET)
            type_: JournalType | Unset
            if _type_ is UNSET:
                type_ = UNSET
            else:
                type_ = (
                    _m
                    if (
                        _m := JournalType._value2member_map_.get(_type_)
                        if type(_type_) is int
                        else None
                    )
                    is not None
                    else JournalType(exact_code(_type_))
                )

        except MISREAD as exc:
            type_ = UNSET
            unparsed = misread(unparsed, "Journal", "type", get("type", UNSET), exc)

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
                "Journal",
                "compteContrepartie",
                get("compteContrepartie", UNSET),
                exc,
            )

        try:
            _type_contrepartie = get("typeContrepartie", UNSET)
            type_contrepartie: JournalTypeContrepartie | Unset
            if _type_contrepartie is UNSET:
                type_contrepartie = UNSET
            else:
                type_contrepartie = (
                    _m
                    if (
                        _m := JournalTypeContrepartie._value2member_map_.get(
                            _type_contrepartie
                        )
                        if type(_type_contrepartie) is int
                        else None
                    )
                    is not None
                    else JournalTypeContrepartie(exact_code(_type_contrepartie))
                )

        except MISREAD as exc:
            type_contrepartie = UNSET
            unparsed = misread(
                unparsed,
                "Journal",
                "typeContrepartie",
                get("typeContrepartie", UNSET),
                exc,
            )

        reprise_date_op = get("repriseDateOp", UNSET)
        if type(reprise_date_op) is not bool and reprise_date_op is not UNSET:
            unparsed = misread(
                unparsed,
                "Journal",
                "repriseDateOp",
                reprise_date_op,
                TypeError("not bool"),
            )
            reprise_date_op = UNSET

        bordereau = get("bordereau", UNSET)
        if type(bordereau) is not bool and bordereau is not UNSET:
            unparsed = misread(
                unparsed, "Journal", "bordereau", bordereau, TypeError("not bool")
            )
            bordereau = UNSET

        ferme = get("ferme", UNSET)
        if type(ferme) is not bool and ferme is not UNSET:
            unparsed = misread(
                unparsed, "Journal", "ferme", ferme, TypeError("not bool")
            )
            ferme = UNSET

        acces_client = get("accesClient", UNSET)
        if type(acces_client) is not bool and acces_client is not UNSET:
            unparsed = misread(
                unparsed, "Journal", "accesClient", acces_client, TypeError("not bool")
            )
            acces_client = UNSET

        saisie_libelle = get("saisieLibelle", UNSET)
        if type(saisie_libelle) is not int and saisie_libelle is not UNSET:
            unparsed = misread(
                unparsed,
                "Journal",
                "saisieLibelle",
                saisie_libelle,
                TypeError("not int"),
            )
            saisie_libelle = UNSET

        journal = cls(
            object_id,
            revision_id,
            description,
            code,
            libelle,
            type_,
            compte_contrepartie,
            type_contrepartie,
            reprise_date_op,
            bordereau,
            ferme,
            acces_client,
            saisie_libelle,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        journal.additional_properties = d
        if unparsed is not None or aliases is not None:
            journal._wire = Wire(unparsed, aliases)
        return journal

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
