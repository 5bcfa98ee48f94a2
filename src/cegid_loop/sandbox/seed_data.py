"""The tables the sandbox's demo data is made from: the dossiers, a subset of the Plan comptable
général, journals, third parties, VAT codes and the services of an engagement letter.

Data only; :mod:`.seed` (and :mod:`.seed_cabinet` for the firm's own records) turn it into documents.
"""

from __future__ import annotations

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
