"""The firm's own demo records (the cabinet pseudo dossier): agencies, groups, staff, the client
dossiers, engagement letters and the services they list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cegid_loop.sandbox.luhn import luhn_complete
from cegid_loop.sandbox.seed_data import DOSSIER_INFO, DOSSIERS, SERVICES

Document = dict[str, Any]
Ids = Callable[[], str]  # the next objectId of the firm's stream


def cabinet_records(ids: Ids) -> dict[str, list[Document]]:
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


def mission_records(ids: Ids, engagements: list[Document]) -> list[Document]:
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


__all__ = ["cabinet_records", "mission_records"]
