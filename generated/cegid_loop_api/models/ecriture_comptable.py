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

T = TypeVar("T", bound="EcritureComptable")
_KNOWN_KEYS = frozenset(
    {
        "objectId",
        "revisionId",
        "codeLettrage",
        "ecritureOrigine",
        "journalCode",
        "refPiece",
        "datePiece",
        "compteNumero",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class EcritureComptable:
    """An accounting entry line as read by GET /EcritureComptable.

    INFERRED minimal schema: no field list was found for this resource. Only `objectId`, `revisionId`,
    `codeLettrage`, `ecritureOrigine`, `journalCode`, `refPiece`, `datePiece`, `compteNumero` are modelled
    (objectId/revisionId are on every Loop object); any other field returned lands in additional properties.

        Attributes:
            object_id (UUID | Unset): ID (UUID), code unique. Documented `string($uuid)`.
            revision_id (str | Unset): ID (UUID) de la révision. Documented `string($uuid)`; every example on the pages is a
                0x-prefixed hex
                rowversion such as "0x0000000000017ED5" (see README, Known disagreements).
            code_lettrage (None | str | Unset): Lettrage code (filter criterion; null when not lettered).
            ecriture_origine (UUID | Unset): UUID of the origin entry (filter criterion).
            journal_code (str | Unset): Journal code (filter criterion).
            ref_piece (str | Unset): Piece reference (filter criterion).
            date_piece (str | Unset): Piece date, AAAA-MM-JJ (filter criterion).
            compte_numero (str | Unset): Account number (filter criterion).
    """

    object_id: UUID | Unset = UNSET
    revision_id: str | Unset = UNSET
    code_lettrage: None | str | Unset = UNSET
    ecriture_origine: UUID | Unset = UNSET
    journal_code: str | Unset = UNSET
    ref_piece: str | Unset = UNSET
    date_piece: str | Unset = UNSET
    compte_numero: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        object_id: str | Unset = UNSET
        if not isinstance(self.object_id, Unset):
            object_id = wire_text(self.object_id)

        revision_id = self.revision_id

        code_lettrage: None | str | Unset
        if isinstance(self.code_lettrage, Unset):
            code_lettrage = UNSET
        else:
            code_lettrage = self.code_lettrage

        ecriture_origine: str | Unset = UNSET
        if not isinstance(self.ecriture_origine, Unset):
            ecriture_origine = wire_text(self.ecriture_origine)

        journal_code = self.journal_code

        ref_piece = self.ref_piece

        date_piece = self.date_piece

        compte_numero = self.compte_numero

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if object_id is not UNSET:
            field_dict["objectId"] = object_id
        if revision_id is not UNSET:
            field_dict["revisionId"] = revision_id
        if code_lettrage is not UNSET:
            field_dict["codeLettrage"] = code_lettrage
        if ecriture_origine is not UNSET:
            field_dict["ecritureOrigine"] = ecriture_origine
        if journal_code is not UNSET:
            field_dict["journalCode"] = journal_code
        if ref_piece is not UNSET:
            field_dict["refPiece"] = ref_piece
        if date_piece is not UNSET:
            field_dict["datePiece"] = date_piece
        if compte_numero is not UNSET:
            field_dict["compteNumero"] = compte_numero

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
                unparsed, "EcritureComptable", "objectId", get("objectId", UNSET), exc
            )

        revision_id = get("revisionId", UNSET)
        if type(revision_id) is not str and revision_id is not UNSET:
            unparsed = misread(
                unparsed,
                "EcritureComptable",
                "revisionId",
                revision_id,
                TypeError("not str"),
            )
            revision_id = UNSET

        try:
            code_lettrage: None | str | Unset = get("codeLettrage", UNSET)

        except MISREAD as exc:
            code_lettrage = UNSET
            unparsed = misread(
                unparsed,
                "EcritureComptable",
                "codeLettrage",
                get("codeLettrage", UNSET),
                exc,
            )

        try:
            _ecriture_origine = get("ecritureOrigine", UNSET)
            ecriture_origine: UUID | Unset
            if _ecriture_origine is UNSET:
                ecriture_origine = UNSET
            else:
                ecriture_origine = parse_uuid(_ecriture_origine)

        except MISREAD as exc:
            ecriture_origine = UNSET
            unparsed = misread(
                unparsed,
                "EcritureComptable",
                "ecritureOrigine",
                get("ecritureOrigine", UNSET),
                exc,
            )

        journal_code = get("journalCode", UNSET)
        if type(journal_code) is not str and journal_code is not UNSET:
            unparsed = misread(
                unparsed,
                "EcritureComptable",
                "journalCode",
                journal_code,
                TypeError("not str"),
            )
            journal_code = UNSET

        ref_piece = get("refPiece", UNSET)
        if type(ref_piece) is not str and ref_piece is not UNSET:
            unparsed = misread(
                unparsed,
                "EcritureComptable",
                "refPiece",
                ref_piece,
                TypeError("not str"),
            )
            ref_piece = UNSET

        date_piece = get("datePiece", UNSET)
        if type(date_piece) is not str and date_piece is not UNSET:
            unparsed = misread(
                unparsed,
                "EcritureComptable",
                "datePiece",
                date_piece,
                TypeError("not str"),
            )
            date_piece = UNSET

        compte_numero = get("compteNumero", UNSET)
        if type(compte_numero) is not str and compte_numero is not UNSET:
            unparsed = misread(
                unparsed,
                "EcritureComptable",
                "compteNumero",
                compte_numero,
                TypeError("not str"),
            )
            compte_numero = UNSET

        ecriture_comptable = cls(
            object_id,
            revision_id,
            code_lettrage,
            ecriture_origine,
            journal_code,
            ref_piece,
            date_piece,
            compte_numero,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        ecriture_comptable.additional_properties = d
        if unparsed is not None or aliases is not None:
            ecriture_comptable._wire = Wire(unparsed, aliases)
        return ecriture_comptable

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
