"""Demo data: a realistic small French firm with two client dossiers, CEGID001 and CEGID003.

Everything is generated from a ``random.Random`` seeded with the firm id, so a firm's objectIds are
the same from one start to the next (tests may rely on them) while two firms never share one.

The tables it is made from are :mod:`.seed_data`, the firm's own records (the cabinet pseudo
dossier) :mod:`.seed_cabinet`; this module builds each dossier's records and stores them all
(:func:`seed_firm`).
"""

from __future__ import annotations

import random
import uuid
from typing import Any

from cegid_loop.sandbox.luhn import luhn_complete
from cegid_loop.sandbox.seed_cabinet import cabinet_records, mission_records
from cegid_loop.sandbox.seed_data import COLLECTE, DOSSIER_INFO, JOURNALS, PCG, TIERS, VAT_CODES
from cegid_loop.sandbox.seed_data import DOSSIERS as DOSSIERS  # the dossiers seeded, for the app
from cegid_loop.sandbox.serializer import reference
from cegid_loop.sandbox.store import CABINET, Store

Document = dict[str, Any]


class _Ids:
    """Deterministic uuid4 values per firm."""

    def __init__(self, firm_id: str) -> None:
        self._rng = random.Random(f"loop-sandbox:{firm_id}")

    def __call__(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))


def _comptes(ids: _Ids) -> list[Document]:
    out = []
    for numero, libelle, collectif, lettrable, pointable in PCG:
        out.append(
            {
                "objectId": ids(),
                "numero": numero,
                "libelle": libelle,
                "type": int(numero[0]),  # inferred: the example pairs 60100000 with type 6 (class 6)
                "collectif": collectif,
                "lettrable": lettrable,
                "pointable": pointable,
                "centralisable": numero.startswith(("40", "41")),
                "analytique": numero.startswith(("6", "7")),
                "ferme": False,
                "compteContrepartie": reference(None),
                "compteBanque": reference(None),
                "tva": "",
            }
        )
    return out


def _journals(ids: _Ids, comptes: list[Document]) -> list[Document]:
    by_numero = {c["numero"]: c for c in comptes}
    out = []
    for code, libelle, jtype, contrepartie in JOURNALS:
        target = by_numero.get(contrepartie) if contrepartie else None
        out.append(
            {
                "objectId": ids(),
                "code": code,
                "libelle": libelle,
                "type": jtype,
                "compteContrepartie": reference(target["objectId"], target["numero"])
                if target
                else reference(None),
                "typeContrepartie": 3 if target else 1,
                "repriseDateOp": False,
                "bordereau": code in ("ACH", "VTE", "OD"),
                "ferme": False,
                "accesClient": False,
                "saisieLibelle": 2,
            }
        )
    return out


def _tiers(ids: _Ids, comptes: list[Document]) -> list[Document]:
    by_numero = {c["numero"]: c for c in comptes}
    collectif = {0: "41100000", 1: "40100000", 2: "42100000", 4: "47100000"}
    out = []
    for i, (code, ttype, nature, prenom, nom, raison, ville) in enumerate(TIERS):
        target = by_numero[collectif[ttype]]
        domain = (raison or nom).lower().replace(" ", "").replace("é", "e").replace("ô", "o")[:20]
        siret = luhn_complete(f"5{i:02d}1234560001"[:13]) if nature == "2" else ""
        out.append(
            {
                "objectId": ids(),
                "code": code,
                "type": ttype,
                "nature": nature,
                "prenom": prenom,
                "nom": nom,
                "raisonSociale": raison,
                "nomUsuel": raison or f"{prenom} {nom}",
                "lettrable": True,
                "compteContrepartie": reference(target["objectId"], target["numero"]),
                "SIRET": siret,
                "telephone": f"04 78 {i:02d} 12 34",
                "fax": "",
                "email": f"contact@{domain}.fr",
                "siteWeb": f"https://www.{domain}.fr" if nature == "2" else "",
                "adr": {
                    "adresse1": f"{10 + i} rue de la République",
                    "codePostal": "69002",
                    "ville": ville,
                    "pays": "FR",
                },
                "rib": [],
                "actif": True,
                "validation": "1",
                "soumisTva": ttype in (0, 1),
            }
        )
    return out


def _axes(ids: _Ids) -> list[Document]:
    return [
        {"objectId": ids(), "code": "AXE", "libelle": "AXE ANALYTIQUE PRINCIPAL"},
        {"objectId": ids(), "code": "AXE2", "libelle": "Activités"},
    ]


def _sections(ids: _Ids, axes: list[Document]) -> list[Document]:
    axe = {"objectId": axes[0]["objectId"], "description": axes[0]["libelle"]}
    return [
        {
            "objectId": ids(),
            "code": "SECA@AXE",
            "description": "SECTION D'ATTENTE AXEANAAXE",
            "ferme": False,
            "axe": dict(axe),
        },
        {"objectId": ids(), "code": "PROD", "description": "Production", "ferme": False, "axe": dict(axe)},
        {"objectId": ids(), "code": "BOUTIQUE", "description": "Boutique", "ferme": False, "axe": dict(axe)},
        {
            "objectId": ids(),
            "code": "ADMIN",
            "description": "Administration",
            "ferme": False,
            "axe": dict(axe),
        },
        {
            "objectId": ids(),
            "code": "ANCIEN",
            "description": "Ancien atelier",
            "ferme": True,
            "axe": dict(axe),
        },
    ]


def _establishments(ids: _Ids, dossier: str) -> tuple[list[Document], str]:
    info = DOSSIER_INFO[dossier]
    siren = luhn_complete(info["sirenPrefix"])
    principal = luhn_complete(siren + "0001")
    secondaire = luhn_complete(siren + "0002")
    rows = [
        {
            "objectId": ids(),
            "type": 1,
            "nature": "2",
            "prenom": "",
            "name": "",
            "raisonsociale": info["raisonSociale"],
            "siret": principal,
            "codePostal": info["codePostal"],
            "ville": info["ville"],
        },
        {
            "objectId": ids(),
            "type": 2,
            "nature": "2",
            "prenom": "",
            "name": "",
            "raisonsociale": f"{info['raisonSociale']} - Annexe",
            "siret": secondaire,
            "codePostal": "69007",
            "ville": "Lyon",
        },
    ]
    return rows, siren


def _entries(ids: _Ids, dossier: str) -> list[Document]:
    """A few balanced entries: a purchase lettered with its payment, a sale, a bank fee."""
    lettrage = "AA" if dossier == "CEGID001" else "AB"
    origin = ids()
    lines = [
        # journal, numero, date, refPiece, compte, tiers, libelle, debit, credit, lettrage
        ("ACH", "1", "2026-01-15", "FAC-2026-001", "60640000", "", "Fournitures bureau", 100.0, 0.0, None),
        ("ACH", "1", "2026-01-15", "FAC-2026-001", "44566000", "", "TVA déductible", 20.0, 0.0, None),
        (
            "ACH",
            "1",
            "2026-01-15",
            "FAC-2026-001",
            "40100000",
            "FBUREAUVALLEE",
            "Bureau Vallée",
            0.0,
            120.0,
            lettrage,
        ),
        (
            "BQ",
            "2",
            "2026-02-05",
            "VIR-0205",
            "40100000",
            "FBUREAUVALLEE",
            "Règlement Bureau Vallée",
            120.0,
            0.0,
            lettrage,
        ),
        ("BQ", "2", "2026-02-05", "VIR-0205", "51200000", "", "Règlement Bureau Vallée", 0.0, 120.0, None),
        (
            "VTE",
            "3",
            "2026-02-10",
            "FV-2026-014",
            "41100000",
            "CHOTELDUPARC",
            "Hôtel du Parc",
            600.0,
            0.0,
            None,
        ),
        (
            "VTE",
            "3",
            "2026-02-10",
            "FV-2026-014",
            "70100000",
            "",
            "Ventes pains et viennoiseries",
            0.0,
            500.0,
            None,
        ),
        ("VTE", "3", "2026-02-10", "FV-2026-014", "44571000", "", "TVA collectée", 0.0, 100.0, None),
        ("BQ", "4", "2026-02-28", "FRAIS-02", "62700000", "", "Frais bancaires février", 12.5, 0.0, None),
        ("BQ", "4", "2026-02-28", "FRAIS-02", "51200000", "", "Frais bancaires février", 0.0, 12.5, None),
    ]
    out = []
    for n, (journal, numero, date, ref, compte, tiers, libelle, debit, credit, let) in enumerate(lines, 1):
        out.append(
            {
                "objectId": ids(),
                "journalCode": journal,
                "numeroEcriture": numero,
                "numeroLigne": n,
                "dateEcriture": date,
                "datePiece": date,
                "refPiece": ref,
                "compteNumero": compte,
                "tiersCode": tiers or None,
                "libelle": libelle,
                "debit": debit,
                "credit": credit,
                "devise": "EUR",
                "codeLettrage": let,
                "dateLettrage": "2026-02-05" if let else None,
                "ecritureOrigine": origin if numero == "1" else None,
                "typeEcriture": 1,
            }
        )
    return out


def _dossier_settings(ids: _Ids, dossier: str, comptes: list[Document]) -> dict[str, list[Document]]:
    banque = next(c for c in comptes if c["numero"] == "51200000")
    periodes = [
        {
            "objectId": ids(),
            "code": f"2026{m:02d}",
            "dateDebut": f"2026-{m:02d}-01",
            "dateFin": f"2026-{m:02d}-{[31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]:02d}",
            "cloturee": m == 1,
        }
        for m in range(1, 13)
    ]
    # The fields of Tva.html (facts.md §6 N1): no rate field is shown, so none is invented.
    codes_tva = [
        {"objectId": ids(), "code": code, "description": label, "regime": regime, "collecte": dict(COLLECTE)}
        for code, label, regime in VAT_CODES
    ]
    iban_prefix = "FR7630006000011234567890" if dossier == "CEGID001" else "FR7610107001011234567890"
    bancaires: list[Document] = [
        {
            "objectId": ids(),
            "code": "BQ1",
            "libelle": "Crédit Agricole compte courant",
            "iban": f"{iban_prefix}189",
            "bic": "AGRIFRPP",
            "compte": reference(banque["objectId"], "51200000"),
        }
    ]
    edi: list[Document] = [
        {
            "objectId": ids(),
            "type": "TVA CA3",
            "periode": "2026-01",
            "statut": "Déposée",
            "dateDepot": "2026-02-19",
        },
        {
            "objectId": ids(),
            "type": "TVA CA3",
            "periode": "2026-02",
            "statut": "En attente",
            "dateDepot": None,
        },
    ]
    releve = [
        {
            "objectId": ids(),
            "compteNumero": "51200000",
            "dateReleve": "2026-02-28",
            "soldeReleve": 18250.4,
            "soldeComptable": 18250.4,
            "ecart": 0.0,
        }
    ]
    juridique = [
        {
            "objectId": ids(),
            "siret": "",
            "raisonSociale": DOSSIER_INFO[dossier]["raisonSociale"],
            "formeJuridique": DOSSIER_INFO[dossier]["formeJuridique"],
        }
    ]
    return {
        "periode": periodes,
        "tva": codes_tva,
        "comptebancaire": bancaires,
        "declarationedi": edi,
        "etatrelevecompte": releve,
        "etablissementjuridique": juridique,
    }


def demo_data(firm_id: str) -> dict[str, dict[str, list[Document]]]:
    """{dossier: {collection: [documents]}}, the cabinet pseudo dossier included."""
    ids = _Ids(firm_id)
    data: dict[str, dict[str, list[Document]]] = {CABINET: cabinet_records(ids)}
    for dossier in DOSSIERS:
        comptes = _comptes(ids)
        etablissements, siren = _establishments(ids, dossier)
        axes = _axes(ids)
        data[dossier] = {
            "compte": comptes,
            "journal": _journals(ids, comptes),
            "tiers": _tiers(ids, comptes),
            "axe": axes,
            "section": _sections(ids, axes),
            "etablissementcomplet": etablissements,
            "dossiercomplet": [
                {"objectId": ids(), "siren": siren, "formeJuridique": DOSSIER_INFO[dossier]["formeJuridique"]}
            ],
            "ecriturecomptable": _entries(ids, dossier),
            **_dossier_settings(ids, dossier, comptes),
        }
        data[dossier]["etablissementjuridique"][0]["siret"] = etablissements[0]["siret"]
    return data


def seed_firm(store: Store, firm_id: str, extra: dict[str, dict[str, list[Document]]] | None = None) -> None:
    """Fill a firm with the demo data, once (a persisted store keeps its changes across restarts)."""
    if store.is_seeded(firm_id):
        return
    data = demo_data(firm_id)
    for dossier, collections in (extra or {}).items():
        for collection, docs in collections.items():
            data.setdefault(dossier, {}).setdefault(collection, []).extend(docs)
    # Seeded after the rest, from their own id stream: every earlier record keeps its objectId and
    # revisionId (facts.md §6 came after the first demo data).
    missions = mission_records(_Ids(f"{firm_id}:giActivitesMission"), data[CABINET]["engagement"])
    later = {CABINET: {"giactivitesmission": missions}}
    with store.transaction():
        for part in (data, later):
            for dossier, collections in part.items():
                store.add_dossier(firm_id, dossier)
                for collection, docs in collections.items():
                    for doc in docs:
                        store.insert(firm_id, dossier, collection, doc)
        store.mark_seeded(firm_id)
