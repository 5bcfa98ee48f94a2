"""Contains all the data models used in inputs/outputs.

Each model is imported the first time it is asked for (``from cegid_loop_api.models import Compte``
imports ``compte`` alone): a process that lists accounts does not import 68 modules.
Type checkers see the plain imports below.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .activite_mission import ActiviteMission
    from .activite_mission_calage import ActiviteMissionCalage
    from .agence_cabinet import AgenceCabinet
    from .apim_error import ApimError
    from .axe import Axe
    from .axe_reference import AxeReference
    from .bank_account_event import BankAccountEvent
    from .code_tva import CodeTva
    from .code_tva_collecte import CodeTvaCollecte
    from .code_tva_regime import CodeTvaRegime
    from .collaborateur_cabinet import CollaborateurCabinet
    from .collaborative_offer_request import CollaborativeOfferRequest
    from .compte import Compte
    from .compte_bancaire import CompteBancaire
    from .compte_type import CompteType
    from .declaration_edi import DeclarationEdi
    from .dossier_client import DossierClient
    from .dossier_client_provision_request import DossierClientProvisionRequest
    from .dossier_collaborateur import DossierCollaborateur
    from .dossier_complet import DossierComplet
    from .dossier_complet_update import DossierCompletUpdate
    from .dossier_complet_update_result import DossierCompletUpdateResult
    from .dossier_comptable import DossierComptable
    from .ecriture_comptable import EcritureComptable
    from .ecriture_import import EcritureImport
    from .ecriture_import_axe_ana_item import EcritureImportAxeAnaItem
    from .ecriture_import_fichier import EcritureImportFichier
    from .ecriture_import_mode_paiement import EcritureImportModePaiement
    from .ecriture_import_type import EcritureImportType
    from .ecriture_import_type_lot import EcritureImportTypeLot
    from .ecriture_import_type_mouvement import EcritureImportTypeMouvement
    from .engagement import Engagement
    from .etablissement_complet import EtablissementComplet
    from .etablissement_complet_type import EtablissementCompletType
    from .etablissement_juridique import EtablissementJuridique
    from .etat_releve_compte import EtatReleveCompte
    from .file_deposit import FileDeposit
    from .groupe import Groupe
    from .groupe_list import GroupeList
    from .import_fec_request import ImportFecRequest
    from .import_json_contexte import ImportJsonContexte
    from .import_json_data import ImportJsonData
    from .import_json_options import ImportJsonOptions
    from .import_json_options_comptes_rules_item import (
        ImportJsonOptionsComptesRulesItem,
    )
    from .import_json_request import ImportJsonRequest
    from .import_perso_request import ImportPersoRequest
    from .import_refused import ImportRefused
    from .import_refused_error import ImportRefusedError
    from .import_request_accepted import ImportRequestAccepted
    from .import_status import ImportStatus
    from .import_tra_request import ImportTraRequest
    from .interlocuteur_offer_request import InterlocuteurOfferRequest
    from .journal import Journal
    from .journal_type import JournalType
    from .journal_type_contrepartie import JournalTypeContrepartie
    from .loop_error import LoopError
    from .loop_error_error import LoopErrorError
    from .montant import Montant
    from .nature import Nature
    from .partial_init_request import PartialInitRequest
    from .partial_init_response import PartialInitResponse
    from .periode import Periode
    from .reference import Reference
    from .section import Section
    from .tiers import Tiers
    from .tiers_adr import TiersAdr
    from .tiers_rib_item import TiersRibItem
    from .tiers_type import TiersType

_MODULES = {
    "ActiviteMission": ".activite_mission",
    "ActiviteMissionCalage": ".activite_mission_calage",
    "AgenceCabinet": ".agence_cabinet",
    "ApimError": ".apim_error",
    "Axe": ".axe",
    "AxeReference": ".axe_reference",
    "BankAccountEvent": ".bank_account_event",
    "CodeTva": ".code_tva",
    "CodeTvaCollecte": ".code_tva_collecte",
    "CodeTvaRegime": ".code_tva_regime",
    "CollaborateurCabinet": ".collaborateur_cabinet",
    "CollaborativeOfferRequest": ".collaborative_offer_request",
    "Compte": ".compte",
    "CompteBancaire": ".compte_bancaire",
    "CompteType": ".compte_type",
    "DeclarationEdi": ".declaration_edi",
    "DossierClient": ".dossier_client",
    "DossierClientProvisionRequest": ".dossier_client_provision_request",
    "DossierCollaborateur": ".dossier_collaborateur",
    "DossierComplet": ".dossier_complet",
    "DossierCompletUpdate": ".dossier_complet_update",
    "DossierCompletUpdateResult": ".dossier_complet_update_result",
    "DossierComptable": ".dossier_comptable",
    "EcritureComptable": ".ecriture_comptable",
    "EcritureImport": ".ecriture_import",
    "EcritureImportAxeAnaItem": ".ecriture_import_axe_ana_item",
    "EcritureImportFichier": ".ecriture_import_fichier",
    "EcritureImportModePaiement": ".ecriture_import_mode_paiement",
    "EcritureImportType": ".ecriture_import_type",
    "EcritureImportTypeLot": ".ecriture_import_type_lot",
    "EcritureImportTypeMouvement": ".ecriture_import_type_mouvement",
    "Engagement": ".engagement",
    "EtablissementComplet": ".etablissement_complet",
    "EtablissementCompletType": ".etablissement_complet_type",
    "EtablissementJuridique": ".etablissement_juridique",
    "EtatReleveCompte": ".etat_releve_compte",
    "FileDeposit": ".file_deposit",
    "Groupe": ".groupe",
    "GroupeList": ".groupe_list",
    "ImportFecRequest": ".import_fec_request",
    "ImportJsonContexte": ".import_json_contexte",
    "ImportJsonData": ".import_json_data",
    "ImportJsonOptions": ".import_json_options",
    "ImportJsonOptionsComptesRulesItem": ".import_json_options_comptes_rules_item",
    "ImportJsonRequest": ".import_json_request",
    "ImportPersoRequest": ".import_perso_request",
    "ImportRefused": ".import_refused",
    "ImportRefusedError": ".import_refused_error",
    "ImportRequestAccepted": ".import_request_accepted",
    "ImportStatus": ".import_status",
    "ImportTraRequest": ".import_tra_request",
    "InterlocuteurOfferRequest": ".interlocuteur_offer_request",
    "Journal": ".journal",
    "JournalType": ".journal_type",
    "JournalTypeContrepartie": ".journal_type_contrepartie",
    "LoopError": ".loop_error",
    "LoopErrorError": ".loop_error_error",
    "Montant": ".montant",
    "Nature": ".nature",
    "PartialInitRequest": ".partial_init_request",
    "PartialInitResponse": ".partial_init_response",
    "Periode": ".periode",
    "Reference": ".reference",
    "Section": ".section",
    "Tiers": ".tiers",
    "TiersAdr": ".tiers_adr",
    "TiersRibItem": ".tiers_rib_item",
    "TiersType": ".tiers_type",
}

if (
    not TYPE_CHECKING
):  # hidden from type checkers, so that a misspelt model name stays an error

    def __getattr__(name: str) -> object:
        module = _MODULES.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(module, __name__), name)
        globals()[name] = value
        return value


__all__ = (
    "ActiviteMission",
    "ActiviteMissionCalage",
    "AgenceCabinet",
    "ApimError",
    "Axe",
    "AxeReference",
    "BankAccountEvent",
    "CodeTva",
    "CodeTvaCollecte",
    "CodeTvaRegime",
    "CollaborateurCabinet",
    "CollaborativeOfferRequest",
    "Compte",
    "CompteBancaire",
    "CompteType",
    "DeclarationEdi",
    "DossierClient",
    "DossierClientProvisionRequest",
    "DossierCollaborateur",
    "DossierComplet",
    "DossierCompletUpdate",
    "DossierCompletUpdateResult",
    "DossierComptable",
    "EcritureComptable",
    "EcritureImport",
    "EcritureImportAxeAnaItem",
    "EcritureImportFichier",
    "EcritureImportModePaiement",
    "EcritureImportType",
    "EcritureImportTypeLot",
    "EcritureImportTypeMouvement",
    "Engagement",
    "EtablissementComplet",
    "EtablissementCompletType",
    "EtablissementJuridique",
    "EtatReleveCompte",
    "FileDeposit",
    "Groupe",
    "GroupeList",
    "ImportFecRequest",
    "ImportJsonContexte",
    "ImportJsonData",
    "ImportJsonOptions",
    "ImportJsonOptionsComptesRulesItem",
    "ImportJsonRequest",
    "ImportPersoRequest",
    "ImportRefused",
    "ImportRefusedError",
    "ImportRequestAccepted",
    "ImportStatus",
    "ImportTraRequest",
    "InterlocuteurOfferRequest",
    "Journal",
    "JournalType",
    "JournalTypeContrepartie",
    "LoopError",
    "LoopErrorError",
    "Montant",
    "Nature",
    "PartialInitRequest",
    "PartialInitResponse",
    "Periode",
    "Reference",
    "Section",
    "Tiers",
    "TiersAdr",
    "TiersRibItem",
    "TiersType",
)
