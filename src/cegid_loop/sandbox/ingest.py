"""What an import does to a dossier once it is settled: the entries it holds, and the comptes,
journaux and tiers they name that the dossier does not have yet. Called inside the settlement's
transaction (``import_jobs.ImportService.settle``): an exception here leaves the dossier untouched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cegid_loop.sandbox.exceptions import ImportFailure
from cegid_loop.sandbox.serializer import reference
from cegid_loop.sandbox.store import Store

if TYPE_CHECKING:
    from cegid_loop.sandbox.fecparse import FecLine

Document = dict[str, Any]


class DossierWriter:
    """Lookups and creations inside one dossier during one import."""

    def __init__(self, store: Store, firm: str, dossier: str, import_id: str) -> None:
        self.store, self.firm, self.dossier, self.import_id = store, firm, dossier, import_id
        self.comptes = {c["numero"]: c for c in store.documents(firm, dossier, "compte")}
        self.journaux = {j["code"]: j for j in store.documents(firm, dossier, "journal")}
        self.tiers = {t["code"]: t for t in store.documents(firm, dossier, "tiers")}
        self.created = {"comptes": 0, "journaux": 0, "tiers": 0, "ecritures": 0}

    def compte(self, numero: str, libelle: str) -> Document:
        if numero not in self.comptes:
            doc = {
                "numero": numero,
                "libelle": (libelle or numero)[:35],
                "type": int(numero[0]) if numero[:1].isdigit() and 1 <= int(numero[0]) <= 7 else 4,
                "collectif": numero.startswith(("401", "411", "421")),
                "lettrable": numero.startswith("4"),
                "pointable": numero.startswith("5"),
                "centralisable": False,
                "analytique": numero.startswith(("6", "7")),
                "ferme": False,
                "compteContrepartie": reference(None),
                "compteBanque": reference(None),
                "tva": "",
            }
            self.comptes[numero] = self.store.insert(self.firm, self.dossier, "compte", doc)
            self.created["comptes"] += 1
        return self.comptes[numero]

    def journal(self, code: str, libelle: str) -> Document:
        if code not in self.journaux:
            jtype = {"ACH": 1, "AC": 1, "HA": 1, "VT": 8, "VTE": 8, "VE": 8, "BQ": 4, "AN": 3, "CA": 5}.get(
                code.upper(), 2
            )
            doc = {
                "code": code,
                "libelle": (libelle or code)[:35],
                "type": jtype,
                "compteContrepartie": reference(None),
                "typeContrepartie": 1,
                "repriseDateOp": False,
                "bordereau": False,
                "ferme": False,
                "accesClient": False,
                "saisieLibelle": 2,
            }
            self.journaux[code] = self.store.insert(self.firm, self.dossier, "journal", doc)
            self.created["journaux"] += 1
        return self.journaux[code]

    def tiers_for(self, code: str, libelle: str, compte: str) -> Document:
        if code not in self.tiers:
            ttype = (
                1
                if compte.startswith("40")
                else 0
                if compte.startswith("41")
                else 2
                if compte.startswith("42")
                else 4
            )
            target = self.comptes.get(compte)
            doc = {
                "code": code[:17],
                "type": ttype,
                "nature": "2",
                "prenom": "",
                "nom": "",
                "raisonSociale": (libelle or code)[:35],
                "nomUsuel": (libelle or code)[:35],
                "lettrable": True,
                "compteContrepartie": reference(target["objectId"], target["numero"])
                if target
                else reference(None),
                "SIRET": "",
                "telephone": "",
                "fax": "",
                "email": "",
                "siteWeb": "",
                "adr": {},
                "rib": [],
                "actif": True,
                "validation": "1",
                "soumisTva": ttype in (0, 1),
            }
            self.tiers[code] = self.store.insert(self.firm, self.dossier, "tiers", doc)
            self.created["tiers"] += 1
        return self.tiers[code]

    def entry(self, doc: Document) -> None:
        doc["importRequestId"] = self.import_id
        self.store.insert(self.firm, self.dossier, "ecriturecomptable", doc)
        self.created["ecritures"] += 1


def _num(value: Decimal) -> Decimal | int:
    """An amount as stored: an int when whole, else the exact Decimal (never a float: 20 digits keep
    their cents; the store and the answers write it exactly, ``exactjson``)."""
    return int(value) if value == value.to_integral_value() else value


def ingest_fec(store: Store, firm: str, dossier: str, path: Path, import_id: str) -> Document:
    # The validator's reader, imported with the first FEC import (not at the sandbox's start).
    from cegid_loop.sandbox.fecparse import FecReadError, read_lines, validate_fec

    findings = validate_fec(path)
    if findings:
        shown = "; ".join(findings[:3])
        more = f" (et {len(findings) - 3} autre(s) anomalie(s))" if len(findings) > 3 else ""
        raise ImportFailure(f"Le fichier FEC est invalide : {shown}{more}")
    target = DossierWriter(store, firm, dossier, import_id)
    try:
        for n, line in enumerate(read_lines(path), start=1):
            target.journal(line.journal_code, line.journal_lib)
            target.compte(line.compte_num, line.compte_lib)
            if line.comp_aux_num:
                target.tiers_for(line.comp_aux_num, line.comp_aux_lib, line.compte_num)
            target.entry(_fec_entry(line, n))
    except FecReadError as exc:
        raise ImportFailure(f"Le fichier FEC est invalide : {exc}") from exc
    return dict(target.created)


def _fec_entry(line: FecLine, n: int) -> Document:
    return {
        "journalCode": line.journal_code,
        "numeroEcriture": line.ecriture_num,
        "numeroLigne": n,
        "dateEcriture": line.ecriture_date.isoformat(),
        "datePiece": (line.piece_date or line.ecriture_date).isoformat(),
        "refPiece": line.piece_ref,
        "compteNumero": line.compte_num,
        "tiersCode": line.comp_aux_num or None,
        "libelle": line.ecriture_lib,
        "debit": _num(line.debit),
        "credit": _num(line.credit),
        "devise": line.idevise or "EUR",
        "codeLettrage": line.ecriture_let or None,
        "dateLettrage": line.date_let.isoformat() if line.date_let else None,
        "ecritureOrigine": None,
        "typeEcriture": 5 if line.journal_code.upper() in ("AN", "ANO", "AD") else 1,
    }


def _amount(side: Any) -> Decimal:
    """An amount of the JSON import, exactly: the body is read with Decimal (``exactjson``), so
    0.10 + 0.20 is 0.30 in the balance check."""
    if isinstance(side, Mapping):
        side = side.get("amount")
    if isinstance(side, Decimal):
        return side
    try:
        return Decimal(str(side)) if side not in (None, "") else Decimal(0)
    except ArithmeticError as exc:
        raise ImportFailure(f"Montant invalide : {side!r}") from exc


def ingest_json(store: Store, firm: str, dossier: str, body: Mapping[str, Any], import_id: str) -> Document:
    data = body.get("data") or {}
    options = data.get("options") or {}
    lines = list(data.get("ecritures") or [])
    target = DossierWriter(store, firm, dossier, import_id)
    groups: dict[tuple[str, str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    prepared = []
    for n, line in enumerate(lines, start=1):
        journal, compte = str(line.get("journal") or ""), str(line.get("compte") or "")
        if not journal or not compte:
            raise ImportFailure(f"L'écriture numéro {n} doit indiquer un journal et un compte.")
        debit, credit = _amount(line.get("debit")), _amount(line.get("credit"))
        date_text = str(line.get("date") or "")[:10]
        key = (journal, date_text, str(line.get("refPiece") or line.get("reference") or ""))
        groups[key][0] += debit
        groups[key][1] += credit
        prepared.append((n, line, journal, compte, debit, credit, date_text))
    if options.get("failOnUnbalanced"):
        for (journal, day, ref), (d, c) in groups.items():
            if d != c:
                raise ImportFailure(
                    f"L'écriture du journal {journal} du {day} (référence {ref or '-'}) est "
                    f"déséquilibrée : débit {d}, crédit {c}."
                )
    for n, line, journal, compte, debit, credit, date_text in prepared:
        if journal not in target.journaux and options.get("createNewJournaux") is False:
            raise ImportFailure(
                f"Le journal {journal} n'existe pas dans le dossier {dossier} "
                "(option createNewJournaux à false)."
            )
        target.journal(journal, str(line.get("journalLib") or journal))
        if compte not in target.comptes and options.get("createNewComptes") is False:
            default = options.get("defaultCompte")
            match = [c for c in target.comptes.values() if c["objectId"] == default]
            if not match:
                raise ImportFailure(
                    f"Le compte {compte} n'existe pas dans le dossier {dossier} "
                    "(option createNewComptes à false, pas de defaultCompte)."
                )
            compte = match[0]["numero"]
        target.compte(compte, str(line.get("compteLib") or compte))
        tiers = str(line.get("tiers") or "")
        if tiers and options.get("createNewTiers", True) is not False:
            target.tiers_for(tiers, tiers, compte)
        target.entry(
            {
                "journalCode": journal,
                "numeroEcriture": str(n),
                "numeroLigne": n,
                "dateEcriture": date_text,
                "datePiece": str(line.get("dateJustif") or line.get("date") or "")[:10],
                "refPiece": str(line.get("refPiece") or line.get("reference") or ""),
                "compteNumero": compte,
                "tiersCode": tiers or None,
                "libelle": str(line.get("libelle") or "")[:35],
                "debit": _num(debit),
                "credit": _num(credit),
                "devise": (line.get("debit") or {}).get("currency", "EUR")
                if isinstance(line.get("debit"), Mapping)
                else "EUR",
                "codeLettrage": line.get("codeLettrage") or None,
                "dateLettrage": line.get("dateLettrage") or None,
                "ecritureOrigine": line.get("ecritureOrigine") or None,
                "typeEcriture": int(line["type"]) if str(line.get("type") or "").isdigit() else 1,
            }
        )
    return dict(target.created)
