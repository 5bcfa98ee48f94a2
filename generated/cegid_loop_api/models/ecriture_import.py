from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ecriture_import_mode_paiement import EcritureImportModePaiement
from ..models.ecriture_import_type import EcritureImportType
from ..models.ecriture_import_type_lot import EcritureImportTypeLot
from ..models.ecriture_import_type_mouvement import EcritureImportTypeMouvement
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
    from ..models.ecriture_import_axe_ana_item import EcritureImportAxeAnaItem
    from ..models.ecriture_import_fichier import EcritureImportFichier
    from ..models.montant import Montant


T = TypeVar("T", bound="EcritureImport")
_KNOWN_KEYS = frozenset(
    {
        "fichier",
        "date",
        "dateJustif",
        "debCutOff",
        "finCutOff",
        "debit",
        "credit",
        "journal",
        "compte",
        "libelle",
        "reference",
        "tiers",
        "refPiece",
        "commentaire",
        "dateLettrage",
        "codeLettrage",
        "compteLib",
        "journalLib",
        "dateOperation",
        "dateEcheance",
        "datePointage",
        "codePointage",
        "SIRET",
        "modePaiement",
        "typeMouvement",
        "type",
        "lot",
        "typeLot",
        "ecritureMere",
        "ecritureOrigine",
        "axeAna",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class EcritureImport:
    """One entry LINE of an importJson request. Special cases documented on the page: analytics need a "ventilable"
    general account and an existing axis (a missing section is created); lettrage needs a lettrable account or
    tiers
    and a balanced lettered package per account; `fichier.uri` must be an authenticated URL valid for at least
    24 hours. Analytics: the page documents a key written `axeAna[codeAxe]` (Array), whose exact shape was shown
    only in screenshots; modelled as `axeAna` (array of open objects).

        Attributes:
            fichier (EcritureImportFichier | Unset): Attachment (link stored in SharePoint).
            date (str | Unset): Accounting date (format per options.formatDate).
            date_justif (str | Unset): Justification date, ISO 'YYYY-MM-DDTHH:mm:ss.SSSZ'.
            deb_cut_off (str | Unset): Cut-off start, ISO; must be given together with finCutOff.
            fin_cut_off (str | Unset): Cut-off end, ISO; must be given together with debCutOff.
            debit (Montant | Unset): Debit or credit amount of an entry line. If no currency is given the default is EUR.
            credit (Montant | Unset): Debit or credit amount of an entry line. If no currency is given the default is EUR.
            journal (str | Unset): Journal code.
            compte (str | Unset): General account number.
            libelle (str | Unset): Line label ([3P] Loop keeps 35 characters).
            reference (str | Unset): Entry reference.
            tiers (str | Unset): Tiers code ([3P] 17 characters max).
            ref_piece (str | Unset): Piece reference.
            commentaire (str | Unset): Line comment.
            date_lettrage (Any | Unset): Lettrage date (no type given on the page).
            code_lettrage (str | Unset): Lettrage code.
            compte_lib (str | Unset): General account label.
            journal_lib (str | Unset): Journal label.
            date_operation (str | Unset): Operation date.
            date_echeance (str | Unset): Due date.
            date_pointage (str | Unset): Pointage date.
            code_pointage (UUID | Unset): UUID of the pointage code.
            siret (str | Unset): Establishment SIRET (14 digits, Luhn); empty or absent: principal establishment. All SIRETs
                of a request must
                share one SIREN.
            mode_paiement (EcritureImportModePaiement | Unset): Mode de paiement (documented Integer): 1 Aucun, 2 Espèces, 3
                Chèque, 4 Carte bancaire, 5 Virement, 6
                Prélèvement, 7 TIP, 8 LCR BOR, 9 LCR magnétique, 10 Traite, 11 Télérèglement.
            type_mouvement (EcritureImportTypeMouvement | Unset): Header movement type (documented String): 1 Générale, 2
                Prévisionnelle, 3 Simulation, 4 Projet, 5 Initial, 6
                Budget, 7 Brouillard.
            type_ (EcritureImportType | Unset): Entry type (documented String): 1 Général, 2 Simulation, 3 Prévisionnel, 4
                Projet, 5 Initial, 6 Budget, 7
                Brouillard (2 and 3 are swapped compared with typeMouvement).
            lot (UUID | Unset): UUID of the entry batch.
            type_lot (EcritureImportTypeLot | Unset): Batch type (documented String): 1 Saisie de trésorerie, 2
                Reconnaissance de facture, 4 Quickbooks (no 3).
            ecriture_mere (UUID | Unset): UUID of the parent entry.
            ecriture_origine (UUID | Unset): UUID of the origin entry.
            axe_ana (list[EcritureImportAxeAnaItem] | Unset): Analytics, documented as `axeAna[codeAxe]` (Array); exact
                shape unknown.
    """

    fichier: EcritureImportFichier | Unset = UNSET
    date: str | Unset = UNSET
    date_justif: str | Unset = UNSET
    deb_cut_off: str | Unset = UNSET
    fin_cut_off: str | Unset = UNSET
    debit: Montant | Unset = UNSET
    credit: Montant | Unset = UNSET
    journal: str | Unset = UNSET
    compte: str | Unset = UNSET
    libelle: str | Unset = UNSET
    reference: str | Unset = UNSET
    tiers: str | Unset = UNSET
    ref_piece: str | Unset = UNSET
    commentaire: str | Unset = UNSET
    date_lettrage: Any | Unset = UNSET
    code_lettrage: str | Unset = UNSET
    compte_lib: str | Unset = UNSET
    journal_lib: str | Unset = UNSET
    date_operation: str | Unset = UNSET
    date_echeance: str | Unset = UNSET
    date_pointage: str | Unset = UNSET
    code_pointage: UUID | Unset = UNSET
    siret: str | Unset = UNSET
    mode_paiement: EcritureImportModePaiement | Unset = UNSET
    type_mouvement: EcritureImportTypeMouvement | Unset = UNSET
    type_: EcritureImportType | Unset = UNSET
    lot: UUID | Unset = UNSET
    type_lot: EcritureImportTypeLot | Unset = UNSET
    ecriture_mere: UUID | Unset = UNSET
    ecriture_origine: UUID | Unset = UNSET
    axe_ana: list[EcritureImportAxeAnaItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        fichier: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fichier, Unset):
            fichier = self.fichier.to_dict()

        date = self.date

        date_justif = self.date_justif

        deb_cut_off = self.deb_cut_off

        fin_cut_off = self.fin_cut_off

        debit: dict[str, Any] | Unset = UNSET
        if not isinstance(self.debit, Unset):
            debit = self.debit.to_dict()

        credit: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credit, Unset):
            credit = self.credit.to_dict()

        journal = self.journal

        compte = self.compte

        libelle = self.libelle

        reference = self.reference

        tiers = self.tiers

        ref_piece = self.ref_piece

        commentaire = self.commentaire

        date_lettrage = self.date_lettrage

        code_lettrage = self.code_lettrage

        compte_lib = self.compte_lib

        journal_lib = self.journal_lib

        date_operation = self.date_operation

        date_echeance = self.date_echeance

        date_pointage = self.date_pointage

        code_pointage: str | Unset = UNSET
        if not isinstance(self.code_pointage, Unset):
            code_pointage = wire_text(self.code_pointage)

        siret = self.siret

        mode_paiement: int | Unset = UNSET
        if not isinstance(self.mode_paiement, Unset):
            mode_paiement = coded_value(self.mode_paiement)

        type_mouvement: str | Unset = UNSET
        if not isinstance(self.type_mouvement, Unset):
            type_mouvement = coded_value(self.type_mouvement)

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = coded_value(self.type_)

        lot: str | Unset = UNSET
        if not isinstance(self.lot, Unset):
            lot = wire_text(self.lot)

        type_lot: str | Unset = UNSET
        if not isinstance(self.type_lot, Unset):
            type_lot = coded_value(self.type_lot)

        ecriture_mere: str | Unset = UNSET
        if not isinstance(self.ecriture_mere, Unset):
            ecriture_mere = wire_text(self.ecriture_mere)

        ecriture_origine: str | Unset = UNSET
        if not isinstance(self.ecriture_origine, Unset):
            ecriture_origine = wire_text(self.ecriture_origine)

        axe_ana: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.axe_ana, Unset):
            axe_ana = []
            for axe_ana_item_data in self.axe_ana:
                axe_ana_item = axe_ana_item_data.to_dict()
                axe_ana.append(axe_ana_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if fichier is not UNSET:
            field_dict["fichier"] = fichier
        if date is not UNSET:
            field_dict["date"] = date
        if date_justif is not UNSET:
            field_dict["dateJustif"] = date_justif
        if deb_cut_off is not UNSET:
            field_dict["debCutOff"] = deb_cut_off
        if fin_cut_off is not UNSET:
            field_dict["finCutOff"] = fin_cut_off
        if debit is not UNSET:
            field_dict["debit"] = debit
        if credit is not UNSET:
            field_dict["credit"] = credit
        if journal is not UNSET:
            field_dict["journal"] = journal
        if compte is not UNSET:
            field_dict["compte"] = compte
        if libelle is not UNSET:
            field_dict["libelle"] = libelle
        if reference is not UNSET:
            field_dict["reference"] = reference
        if tiers is not UNSET:
            field_dict["tiers"] = tiers
        if ref_piece is not UNSET:
            field_dict["refPiece"] = ref_piece
        if commentaire is not UNSET:
            field_dict["commentaire"] = commentaire
        if date_lettrage is not UNSET:
            field_dict["dateLettrage"] = date_lettrage
        if code_lettrage is not UNSET:
            field_dict["codeLettrage"] = code_lettrage
        if compte_lib is not UNSET:
            field_dict["compteLib"] = compte_lib
        if journal_lib is not UNSET:
            field_dict["journalLib"] = journal_lib
        if date_operation is not UNSET:
            field_dict["dateOperation"] = date_operation
        if date_echeance is not UNSET:
            field_dict["dateEcheance"] = date_echeance
        if date_pointage is not UNSET:
            field_dict["datePointage"] = date_pointage
        if code_pointage is not UNSET:
            field_dict["codePointage"] = code_pointage
        if siret is not UNSET:
            field_dict["SIRET"] = siret
        if mode_paiement is not UNSET:
            field_dict["modePaiement"] = mode_paiement
        if type_mouvement is not UNSET:
            field_dict["typeMouvement"] = type_mouvement
        if type_ is not UNSET:
            field_dict["type"] = type_
        if lot is not UNSET:
            field_dict["lot"] = lot
        if type_lot is not UNSET:
            field_dict["typeLot"] = type_lot
        if ecriture_mere is not UNSET:
            field_dict["ecritureMere"] = ecriture_mere
        if ecriture_origine is not UNSET:
            field_dict["ecritureOrigine"] = ecriture_origine
        if axe_ana is not UNSET:
            field_dict["axeAna"] = axe_ana

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
            _fichier = get("fichier", UNSET)
            fichier: EcritureImportFichier | Unset
            if _fichier is UNSET:
                fichier = UNSET
            else:
                fichier = EcritureImportFichier.from_dict(_fichier)

        except MISREAD as exc:
            fichier = UNSET
            unparsed = misread(
                unparsed, "EcritureImport", "fichier", get("fichier", UNSET), exc
            )

        date = get("date", UNSET)
        if type(date) is not str and date is not UNSET:
            unparsed = misread(
                unparsed, "EcritureImport", "date", date, TypeError("not str")
            )
            date = UNSET

        date_justif = get("dateJustif", UNSET)
        if type(date_justif) is not str and date_justif is not UNSET:
            unparsed = misread(
                unparsed,
                "EcritureImport",
                "dateJustif",
                date_justif,
                TypeError("not str"),
            )
            date_justif = UNSET

        deb_cut_off = get("debCutOff", UNSET)
        if type(deb_cut_off) is not str and deb_cut_off is not UNSET:
            unparsed = misread(
                unparsed,
                "EcritureImport",
                "debCutOff",
                deb_cut_off,
                TypeError("not str"),
            )
            deb_cut_off = UNSET

        fin_cut_off = get("finCutOff", UNSET)
        if type(fin_cut_off) is not str and fin_cut_off is not UNSET:
            unparsed = misread(
                unparsed,
                "EcritureImport",
                "finCutOff",
                fin_cut_off,
                TypeError("not str"),
            )
            fin_cut_off = UNSET

        try:
            _debit = get("debit", UNSET)
            debit: Montant | Unset
            if _debit is UNSET:
                debit = UNSET
            else:
                debit = Montant.from_dict(_debit)

        except MISREAD as exc:
            debit = UNSET
            unparsed = misread(
                unparsed, "EcritureImport", "debit", get("debit", UNSET), exc
            )

        try:
            _credit = get("credit", UNSET)
            credit: Montant | Unset
            if _credit is UNSET:
                credit = UNSET
            else:
                credit = Montant.from_dict(_credit)

        except MISREAD as exc:
            credit = UNSET
            unparsed = misread(
                unparsed, "EcritureImport", "credit", get("credit", UNSET), exc
            )

        journal = get("journal", UNSET)
        if type(journal) is not str and journal is not UNSET:
            unparsed = misread(
                unparsed, "EcritureImport", "journal", journal, TypeError("not str")
            )
            journal = UNSET

        compte = get("compte", UNSET)
        if type(compte) is not str and compte is not UNSET:
            unparsed = misread(
                unparsed, "EcritureImport", "compte", compte, TypeError("not str")
            )
            compte = UNSET

        libelle = get("libelle", UNSET)
        if type(libelle) is not str and libelle is not UNSET:
            unparsed = misread(
                unparsed, "EcritureImport", "libelle", libelle, TypeError("not str")
            )
            libelle = UNSET

        reference = get("reference", UNSET)
        if type(reference) is not str and reference is not UNSET:
            unparsed = misread(
                unparsed, "EcritureImport", "reference", reference, TypeError("not str")
            )
            reference = UNSET

        tiers = get("tiers", UNSET)
        if type(tiers) is not str and tiers is not UNSET:
            unparsed = misread(
                unparsed, "EcritureImport", "tiers", tiers, TypeError("not str")
            )
            tiers = UNSET

        ref_piece = get("refPiece", UNSET)
        if type(ref_piece) is not str and ref_piece is not UNSET:
            unparsed = misread(
                unparsed, "EcritureImport", "refPiece", ref_piece, TypeError("not str")
            )
            ref_piece = UNSET

        commentaire = get("commentaire", UNSET)
        if type(commentaire) is not str and commentaire is not UNSET:
            unparsed = misread(
                unparsed,
                "EcritureImport",
                "commentaire",
                commentaire,
                TypeError("not str"),
            )
            commentaire = UNSET

        date_lettrage = get("dateLettrage", UNSET)

        code_lettrage = get("codeLettrage", UNSET)
        if type(code_lettrage) is not str and code_lettrage is not UNSET:
            unparsed = misread(
                unparsed,
                "EcritureImport",
                "codeLettrage",
                code_lettrage,
                TypeError("not str"),
            )
            code_lettrage = UNSET

        compte_lib = get("compteLib", UNSET)
        if type(compte_lib) is not str and compte_lib is not UNSET:
            unparsed = misread(
                unparsed,
                "EcritureImport",
                "compteLib",
                compte_lib,
                TypeError("not str"),
            )
            compte_lib = UNSET

        journal_lib = get("journalLib", UNSET)
        if type(journal_lib) is not str and journal_lib is not UNSET:
            unparsed = misread(
                unparsed,
                "EcritureImport",
                "journalLib",
                journal_lib,
                TypeError("not str"),
            )
            journal_lib = UNSET

        date_operation = get("dateOperation", UNSET)
        if type(date_operation) is not str and date_operation is not UNSET:
            unparsed = misread(
                unparsed,
                "EcritureImport",
                "dateOperation",
                date_operation,
                TypeError("not str"),
            )
            date_operation = UNSET

        date_echeance = get("dateEcheance", UNSET)
        if type(date_echeance) is not str and date_echeance is not UNSET:
            unparsed = misread(
                unparsed,
                "EcritureImport",
                "dateEcheance",
                date_echeance,
                TypeError("not str"),
            )
            date_echeance = UNSET

        date_pointage = get("datePointage", UNSET)
        if type(date_pointage) is not str and date_pointage is not UNSET:
            unparsed = misread(
                unparsed,
                "EcritureImport",
                "datePointage",
                date_pointage,
                TypeError("not str"),
            )
            date_pointage = UNSET

        try:
            _code_pointage = get("codePointage", UNSET)
            code_pointage: UUID | Unset
            if _code_pointage is UNSET:
                code_pointage = UNSET
            else:
                code_pointage = parse_uuid(_code_pointage)

        except MISREAD as exc:
            code_pointage = UNSET
            unparsed = misread(
                unparsed,
                "EcritureImport",
                "codePointage",
                get("codePointage", UNSET),
                exc,
            )

        siret = get("SIRET", UNSET)
        if type(siret) is not str and siret is not UNSET:
            unparsed = misread(
                unparsed, "EcritureImport", "SIRET", siret, TypeError("not str")
            )
            siret = UNSET

        try:
            _mode_paiement = get("modePaiement", UNSET)
            mode_paiement: EcritureImportModePaiement | Unset
            if _mode_paiement is UNSET:
                mode_paiement = UNSET
            else:
                mode_paiement = (
                    _m
                    if (
                        _m := EcritureImportModePaiement._value2member_map_.get(
                            _mode_paiement
                        )
                        if type(_mode_paiement) is int
                        else None
                    )
                    is not None
                    else EcritureImportModePaiement(exact_code(_mode_paiement))
                )

        except MISREAD as exc:
            mode_paiement = UNSET
            unparsed = misread(
                unparsed,
                "EcritureImport",
                "modePaiement",
                get("modePaiement", UNSET),
                exc,
            )

        try:
            _type_mouvement = get("typeMouvement", UNSET)
            type_mouvement: EcritureImportTypeMouvement | Unset
            if _type_mouvement is UNSET:
                type_mouvement = UNSET
            else:
                type_mouvement = (
                    _m
                    if (
                        _m := EcritureImportTypeMouvement._value2member_map_.get(
                            _type_mouvement
                        )
                        if type(_type_mouvement) is str
                        else None
                    )
                    is not None
                    else EcritureImportTypeMouvement(exact_code(_type_mouvement))
                )

        except MISREAD as exc:
            type_mouvement = UNSET
            unparsed = misread(
                unparsed,
                "EcritureImport",
                "typeMouvement",
                get("typeMouvement", UNSET),
                exc,
            )

        try:
            _type_ = get("type", UNSET)
            type_: EcritureImportType | Unset
            if _type_ is UNSET:
                type_ = UNSET
            else:
                type_ = (
                    _m
                    if (
                        _m := EcritureImportType._value2member_map_.get(_type_)
                        if type(_type_) is str
                        else None
                    )
                    is not None
                    else EcritureImportType(exact_code(_type_))
                )

        except MISREAD as exc:
            type_ = UNSET
            unparsed = misread(
                unparsed, "EcritureImport", "type", get("type", UNSET), exc
            )

        try:
            _lot = get("lot", UNSET)
            lot: UUID | Unset
            if _lot is UNSET:
                lot = UNSET
            else:
                lot = parse_uuid(_lot)

        except MISREAD as exc:
            lot = UNSET
            unparsed = misread(
                unparsed, "EcritureImport", "lot", get("lot", UNSET), exc
            )

        try:
            _type_lot = get("typeLot", UNSET)
            type_lot: EcritureImportTypeLot | Unset
            if _type_lot is UNSET:
                type_lot = UNSET
            else:
                type_lot = (
                    _m
                    if (
                        _m := EcritureImportTypeLot._value2member_map_.get(_type_lot)
                        if type(_type_lot) is str
                        else None
                    )
                    is not None
                    else EcritureImportTypeLot(exact_code(_type_lot))
                )

        except MISREAD as exc:
            type_lot = UNSET
            unparsed = misread(
                unparsed, "EcritureImport", "typeLot", get("typeLot", UNSET), exc
            )

        try:
            _ecriture_mere = get("ecritureMere", UNSET)
            ecriture_mere: UUID | Unset
            if _ecriture_mere is UNSET:
                ecriture_mere = UNSET
            else:
                ecriture_mere = parse_uuid(_ecriture_mere)

        except MISREAD as exc:
            ecriture_mere = UNSET
            unparsed = misread(
                unparsed,
                "EcritureImport",
                "ecritureMere",
                get("ecritureMere", UNSET),
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
                "EcritureImport",
                "ecritureOrigine",
                get("ecritureOrigine", UNSET),
                exc,
            )

        try:
            _axe_ana = get("axeAna", UNSET)
            axe_ana: list[EcritureImportAxeAnaItem] | Unset = UNSET
            if _axe_ana is not UNSET:
                if type(_axe_ana) is not list:
                    raise TypeError(f"expected an array, got {type(_axe_ana).__name__}")
                axe_ana = []
                for axe_ana_item_data in _axe_ana:
                    axe_ana_item = EcritureImportAxeAnaItem.from_dict(axe_ana_item_data)

                    axe_ana.append(axe_ana_item)

        except MISREAD as exc:
            axe_ana = UNSET
            unparsed = misread(
                unparsed, "EcritureImport", "axeAna", get("axeAna", UNSET), exc
            )

        ecriture_import = cls(
            fichier,
            date,
            date_justif,
            deb_cut_off,
            fin_cut_off,
            debit,
            credit,
            journal,
            compte,
            libelle,
            reference,
            tiers,
            ref_piece,
            commentaire,
            date_lettrage,
            code_lettrage,
            compte_lib,
            journal_lib,
            date_operation,
            date_echeance,
            date_pointage,
            code_pointage,
            siret,
            mode_paiement,
            type_mouvement,
            type_,
            lot,
            type_lot,
            ecriture_mere,
            ecriture_origine,
            axe_ana,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        ecriture_import.additional_properties = d
        if unparsed is not None or aliases is not None:
            ecriture_import._wire = Wire(unparsed, aliases)
        return ecriture_import

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


from ..models.ecriture_import_axe_ana_item import EcritureImportAxeAnaItem
from ..models.ecriture_import_fichier import EcritureImportFichier
from ..models.montant import Montant
