"""Demo data: a realistic small French firm with two client dossiers, CEGID001 and CEGID003.

Everything is generated from a ``random.Random`` seeded with the firm id, so a firm's objectIds are
the same from one start to the next (tests may rely on them) while two firms never share one.
"""

from __future__ import annotations

import random
import uuid
from typing import Any

from cegid_loop.sandbox.serializer import reference
from cegid_loop.sandbox.store import CABINET, Store

Document = dict[str, Any]

DOSSIERS = ("CEGID001", "CEGID003")

# (numero, libelle, collectif, lettrable, pointable) — a subset of the Plan comptable général.
PCG: tuple[tuple[str, str, bool, bool, bool], ...] = (
    ("10130000", "Capital souscrit - appelé, versé", False, False, False),
    ("10610000", "Réserve légale", False, False, False),
    ("12000000", "Résultat de l'exercice (bénéfice)", False, False, False),
    ("16400000", "Emprunts auprès des établissements de crédit", False, False, False),
    ("20500000", "Concessions, brevets, licences, logiciels", False, False, False),
    ("21540000", "Matériel industriel", False, False, False),
    ("21830000", "Matériel de bureau et matériel informatique", False, False, False),
    ("28183000", "Amortissements du matériel de bureau", False, False, False),
    ("31000000", "Matières premières", False, False, False),
    ("37000000", "Stocks de marchandises", False, False, False),
    ("40100000", "Fournisseurs", True, True, False),
    ("40400000", "Fournisseurs d'immobilisations", True, True, False),
    ("40800000", "Fournisseurs - Factures non parvenues", False, True, False),
    ("41100000", "Clients", True, True, False),
    ("41600000", "Clients douteux ou litigieux", False, True, False),
    ("42100000", "Personnel - Rémunérations dues", True, True, False),
    ("43100000", "Sécurité sociale", False, True, False),
    ("44551000", "TVA à décaisser", False, False, False),
    ("44566000", "TVA déductible sur autres biens et services", False, False, False),
    ("44571000", "TVA collectée", False, False, False),
    ("47100000", "Compte d'attente", False, True, False),
    ("51200000", "Banque", False, False, True),
    ("53000000", "Caisse", False, False, False),
    ("60100000", "Achats non stockés de matières et fournitures", False, False, False),
    ("60610000", "Fournitures non stockables (eau, énergie)", False, False, False),
    ("60640000", "Fournitures administratives", False, False, False),
    ("60700000", "Achats de marchandises", False, False, False),
    ("61320000", "Locations immobilières", False, False, False),
    ("61500000", "Entretien et réparations", False, False, False),
    ("62260000", "Honoraires", False, False, False),
    ("62510000", "Voyages et déplacements", False, False, False),
    ("62600000", "Frais postaux et de télécommunications", False, False, False),
    ("62700000", "Services bancaires et assimilés", False, False, False),
    ("63510000", "Impôts directs (sauf impôts sur les bénéfices)", False, False, False),
    ("64100000", "Rémunérations du personnel", False, False, False),
    ("64510000", "Cotisations à l'URSSAF", False, False, False),
    ("66110000", "Intérêts des emprunts et dettes", False, False, False),
    ("68112000", "Dotations aux amortissements des immobilisations corporelles", False, False, False),
    ("70100000", "Ventes de produits finis", False, False, False),
    ("70600000", "Prestations de services", False, False, False),
    ("70700000", "Ventes de marchandises", False, False, False),
    ("70800000", "Produits des activités annexes", False, False, False),
    ("76000000", "Produits financiers", False, False, False),
    ("77100000", "Produits exceptionnels sur opérations de gestion", False, False, False),
)

# (code, libelle, type, counterpart account) — type codes of Journal.html: Achat 1, OD 2,
# A-Nouveau 3, Banque 4, Caisse 5, Vente 8.
JOURNALS: tuple[tuple[str, str, int, str | None], ...] = (
    ("ACH", "Journal achat", 1, None),
    ("VTE", "Journal des ventes", 8, None),
    ("BQ", "Banque Crédit Agricole", 4, "51200000"),
    ("OD", "Opérations diverses", 2, None),
    ("AN", "A-nouveaux", 3, None),
    ("CAI", "Caisse", 5, "53000000"),
)

# (code, type, nature, prenom, nom, raisonSociale, ville) — nature "1" personne physique, "2" morale
TIERS: tuple[tuple[str, int, str, str, str, str, str], ...] = (
    ("CBOULANGERIEDUPONT", 0, "2", "", "", "Boulangerie Dupont", "Lyon"),
    ("CHOTELDUPARC", 0, "2", "", "", "Hôtel du Parc SAS", "Annecy"),
    ("CMAIRIEVILLEURBAN", 0, "2", "", "", "Mairie de Villeurbanne", "Villeurbanne"),
    ("CLEROYJEAN", 0, "1", "Jean", "Leroy", "", "Grenoble"),
    ("FEDF", 1, "2", "", "", "EDF", "Paris"),
    ("FORANGE", 1, "2", "", "", "Orange SA", "Issy-les-Moulineaux"),
    ("FMOULINSDEPARIS", 1, "2", "", "", "Grands Moulins de Paris", "Ivry-sur-Seine"),
    ("FBUREAUVALLEE", 1, "2", "", "", "Bureau Vallée Lyon", "Lyon"),
    ("SMARTINCLAIRE", 2, "1", "Claire", "Martin", "", "Lyon"),
    ("SBERNARDLUC", 2, "1", "Luc", "Bernard", "", "Bron"),
    ("DURSSAF", 4, "2", "", "", "URSSAF Rhône-Alpes", "Lyon"),
)

DOSSIER_INFO: dict[str, dict[str, str]] = {
    "CEGID001": {
        "raisonSociale": "Boulangerie Martin",
        "formeJuridique": "SARL",
        "sirenPrefix": "73282932",
        "ville": "Lyon",
        "codePostal": "69003",
    },
    "CEGID003": {
        "raisonSociale": "Transports Durand",
        "formeJuridique": "SA",
        "sirenPrefix": "44306184",
        "ville": "Villeurbanne",
        "codePostal": "69100",
    },
}


# (code, description, regime) — regime codes of Tva.html: Normal 1, Exonéré 2, Autoliquidation
# biens intra-communautaire 3, Export 4.
VAT_CODES: tuple[tuple[str, str, int], ...] = (
    ("N20", "TVA normale 20 %", 1),
    ("R55", "TVA réduite 5,5 %", 1),
    ("EXO", "Exonéré", 2),
    ("AIC", "Autoliquidation biens intra-communautaire", 3),
)
# Tva.html's `collecte`, with the values the page shows (its list is cut after these seven).
COLLECTE: dict[str, int] = {
    "Vente": 7,
    "assuranceDeb": 61,
    "transportDeb": 62,
    "client": 411,
    "douteux": 416,
    "societe": 512,
    "discountC": 665,
}
# (Libelle, activiteCabinet, activiteClient, unite, frequence, calage, decalage) — the services of an
# engagement letter (Mission.html, facts.md §6 N3): frequence 1 Monthly … 5 Punctual, calage 1
# fiscal year, 2 calendar year.
SERVICES: tuple[tuple[str, bool, bool, float, str, int, list[int]], ...] = (
    ("Tenue de la comptabilité", True, False, 2.5, "1", 1, [1, 1, 1]),
    ("Déclarations de TVA", True, False, 0.5, "1", 2, [1, 1, 1]),
    ("Bilan et liasse fiscale", True, False, 12.0, "5", 1, [3, 4, 5]),
    ("Pièces justificatives", False, True, 1.0, "1", 1, [1, 1, 1]),
)


def luhn_ok(digits: str) -> bool:
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def luhn_complete(prefix: str) -> str:
    """Append the digit that makes ``prefix`` pass the Luhn check (SIREN/SIRET)."""
    return next(prefix + str(d) for d in range(10) if luhn_ok(prefix + str(d)))


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


def _cabinet(ids: _Ids) -> dict[str, list[Document]]:
    agences = [
        {
            "objectId": ids(),
            "code": "LYON",
            "libelle": "Agence de Lyon",
            "siret": luhn_complete("4123456780001"),
            "numvoie": "12",
            "email": "lyon@cabinet-demo.fr",
        },
        {
            "objectId": ids(),
            "code": "ANNECY",
            "libelle": "Agence d'Annecy",
            "siret": luhn_complete("4123456780002"),
            "numvoie": "3",
            "email": "annecy@cabinet-demo.fr",
        },
    ]
    groupes = [
        {"objectId": ids(), "code": "GRP_SOCIAL", "description": "Pôle social", "agence": "LYON"},
        {"objectId": ids(), "code": "GRP_COMPTA", "description": "Pôle comptable", "agence": "LYON"},
        {"objectId": ids(), "code": "GRP_ANNECY", "description": "Équipe Annecy", "agence": "ANNECY"},
    ]
    collaborateurs = [
        {
            "objectId": ids(),
            "identifiant": "Collaborateur_100",
            "prenom": "Sophie",
            "nom": "Lambert",
            "email": "sophie.lambert@cabinet-demo.fr",
            "agence": "LYON",
            "actif": True,
        },
        {
            "objectId": ids(),
            "identifiant": "Collaborateur_101",
            "prenom": "Karim",
            "nom": "Benali",
            "email": "karim.benali@cabinet-demo.fr",
            "agence": "LYON",
            "actif": True,
        },
        {
            "objectId": ids(),
            "identifiant": "Collaborateur_102",
            "prenom": "Julie",
            "nom": "Morel",
            "email": "julie.morel@cabinet-demo.fr",
            "agence": "ANNECY",
            "actif": False,
        },
    ]
    dossiers = [
        {
            "objectId": ids(),
            "code": code,
            "libelle": DOSSIER_INFO[code]["raisonSociale"],
            "formeJuridique": DOSSIER_INFO[code]["formeJuridique"],
            "agence": "LYON",
            "actif": True,
        }
        for code in DOSSIERS
    ]
    comptables = [
        {
            "objectId": ids(),
            "codeDossier": code,
            "libelle": DOSSIER_INFO[code]["raisonSociale"],
            "exerciceDebut": "2026-01-01",
            "exerciceFin": "2026-12-31",
        }
        for code in DOSSIERS
    ]
    # The fields of Engagement.html (facts.md §6 N2); entiteIbsId is read as the entity's objectId.
    engagements = [
        {
            "objectId": ids(),
            "codeIBS": entity["code"],
            "description": f"Lettre de mission 2026 - {entity['libelle']}",
            "profitCenter": entity["agence"],
            "maitreDossier": "Collaborateur_100" if entity["code"] == "CEGID001" else "Collaborateur_101",
            "entite": entity["libelle"],
            "entiteIbsId": entity["objectId"],
            "dateDebut": "2026-01-01",
            "dateFin": "2026-12-31",
        }
        for entity in dossiers
    ]
    liens = [
        {"objectId": ids(), "codeDossier": code, "identifiant": who}
        for code, who in (
            ("CEGID001", "Collaborateur_100"),
            ("CEGID001", "Collaborateur_101"),
            ("CEGID003", "Collaborateur_101"),
        )
    ]
    return {
        "agencecabinet": agences,
        "groupe": groupes,
        "collaborateurcabinet": collaborateurs,
        "dossierclient": dossiers,
        "dossiercomptable": comptables,
        "engagement": engagements,
        "dossiercollaborateur": liens,
    }


def _missions(ids: _Ids, engagements: list[Document]) -> list[Document]:
    """The services of each engagement letter (lettreMissionId: the engagement's objectId)."""
    return [
        {
            "objectId": ids(),
            "lettreMissionId": engagement["objectId"],
            "Libelle": libelle,
            "activiteCabinet": cabinet,
            "activiteClient": client,
            "unite": unite,
            "frequence": frequence,
            "dateFreq": "2026-01-31T00:00:00",
            "calage": calage,
            "decalage": decalage,
            "quantite": [1 if frequence == "1" or month == 4 else 0 for month in range(18)],
        }
        for engagement in engagements
        for libelle, cabinet, client, unite, frequence, calage, decalage in SERVICES
    ]


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
    data: dict[str, dict[str, list[Document]]] = {CABINET: _cabinet(ids)}
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
    missions = _missions(_Ids(f"{firm_id}:giActivitesMission"), data[CABINET]["engagement"])
    later = {CABINET: {"giactivitesmission": missions}}
    with store.transaction():
        for part in (data, later):
            for dossier, collections in part.items():
                store.add_dossier(firm_id, dossier)
                for collection, docs in collections.items():
                    for doc in docs:
                        store.insert(firm_id, dossier, collection, doc)
        store.mark_seeded(firm_id)
