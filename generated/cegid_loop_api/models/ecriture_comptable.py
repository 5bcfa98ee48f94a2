from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    MISREAD,
    UNSET,
    Unset,
    Wire,
    case_aliases,
    decimal_json,
    extra_properties,
    is_decimal_like,
    misread,
    parse_decimal,
    parse_uuid,
    wire_text,
)

if TYPE_CHECKING:
    from ..models.montant import Montant


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
        "libelle",
        "debit",
        "credit",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class EcritureComptable:
    """An accounting entry line as read by GET /EcritureComptable.

    INFERRED minimal schema: no field list was found for this resource. Modelled: `objectId`, `revisionId` (on every
    Loop object), the filter criteria of the page (`codeLettrage`, `ecritureOrigine`, `journalCode`, `refPiece`,
    `datePiece`, `compteNumero`), and what every entry line carries (`libelle`, `debit`, `credit`: the FEC's
    `EcritureLib`, `Debit`, `Credit`, named as the JSON import names them); any other field returned lands in
    additional properties.

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
            libelle (str | Unset): Label of the line (the JSON import's `libelle`, the FEC's `EcritureLib`); INFERRED.
            debit (Decimal | Montant | Unset): Debit amount: a number (the FEC's `Debit`) or a `Montant` object (the JSON
                import's `debit`); INFERRED, the shape of a read answer is unknown.
            credit (Decimal | Montant | Unset): Credit amount: a number (the FEC's `Credit`) or a `Montant` object (the JSON
                import's `credit`); INFERRED, the shape of a read answer is unknown.
    """

    object_id: UUID | Unset = UNSET
    revision_id: str | Unset = UNSET
    code_lettrage: None | str | Unset = UNSET
    ecriture_origine: UUID | Unset = UNSET
    journal_code: str | Unset = UNSET
    ref_piece: str | Unset = UNSET
    date_piece: str | Unset = UNSET
    compte_numero: str | Unset = UNSET
    libelle: str | Unset = UNSET
    debit: Decimal | Montant | Unset = UNSET
    credit: Decimal | Montant | Unset = UNSET
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

        libelle = self.libelle

        debit: Decimal | str | dict[str, Any] | Unset
        if isinstance(self.debit, Unset):
            debit = UNSET
        elif isinstance(self.debit, Decimal):
            debit = decimal_json(self.debit)
        else:
            debit = self.debit.to_dict()

        credit: Decimal | str | dict[str, Any] | Unset
        if isinstance(self.credit, Unset):
            credit = UNSET
        elif isinstance(self.credit, Decimal):
            credit = decimal_json(self.credit)
        else:
            credit = self.credit.to_dict()

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
        if libelle is not UNSET:
            field_dict["libelle"] = libelle
        if debit is not UNSET:
            field_dict["debit"] = debit
        if credit is not UNSET:
            field_dict["credit"] = credit

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

        libelle = get("libelle", UNSET)
        if type(libelle) is not str and libelle is not UNSET:
            unparsed = misread(
                unparsed, "EcritureComptable", "libelle", libelle, TypeError("not str")
            )
            libelle = UNSET

        try:

            def _parse_debit(data: object) -> Decimal | Montant | Unset:
                if data is UNSET:
                    return data
                try:
                    if not is_decimal_like(data):
                        raise TypeError()
                    debit_type_0 = parse_decimal(data)

                    return debit_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                debit_type_1 = Montant.from_dict(data)

                return debit_type_1

            debit = _parse_debit(get("debit", UNSET))

        except MISREAD as exc:
            debit = UNSET
            unparsed = misread(
                unparsed, "EcritureComptable", "debit", get("debit", UNSET), exc
            )

        try:

            def _parse_credit(data: object) -> Decimal | Montant | Unset:
                if data is UNSET:
                    return data
                try:
                    if not is_decimal_like(data):
                        raise TypeError()
                    credit_type_0 = parse_decimal(data)

                    return credit_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                credit_type_1 = Montant.from_dict(data)

                return credit_type_1

            credit = _parse_credit(get("credit", UNSET))

        except MISREAD as exc:
            credit = UNSET
            unparsed = misread(
                unparsed, "EcritureComptable", "credit", get("credit", UNSET), exc
            )

        ecriture_comptable = cls(
            object_id,
            revision_id,
            code_lettrage,
            ecriture_origine,
            journal_code,
            ref_piece,
            date_piece,
            compte_numero,
            libelle,
            debit,
            credit,
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


from ..models.montant import Montant
