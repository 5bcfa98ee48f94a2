"""Cegid TRA record layouts, as reconstructed in tra-format.md (positions 1-based, inclusive).

Only what the public sources agree on is here: the header (§2), the STD movement (§4.1), the named ETE
fields of version 008 (§4.2) that have a checkable type, and the total lengths of the master-data records
of §5. Anything else is reported as "not checked", never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TraField:
    """A fixed-width field of a TRA record: where it is, its name in messages, what it holds."""

    start: int  # 1-based
    length: int
    name: str
    kind: str  # "alpha" | "date" | "amount" | "int" | "flag" | "code"

    @property
    def slice(self) -> slice:
        return slice(self.start - 1, self.start - 1 + self.length)


HEADER_LENGTH_V9 = 147
STD_LENGTH = 222
ETE_LENGTH_008 = 1280

HEADER = (
    TraField(4, 2, "produit", "code"),
    TraField(6, 3, "origine", "code"),
    TraField(9, 3, "contenu", "code"),
    TraField(12, 3, "format", "code"),
    TraField(15, 3, "exercice clos", "alpha"),
    TraField(18, 8, "date bascule euro", "date"),
    TraField(26, 8, "date arrêté périodique", "date"),
    TraField(34, 3, "version", "code"),
    TraField(37, 5, "n° dossier cabinet", "alpha"),
    TraField(42, 12, "date de génération", "datetime"),
    TraField(54, 35, "utilisateur", "alpha"),
    TraField(89, 35, "raison sociale", "alpha"),
    TraField(124, 1, "reprise", "flag"),
    TraField(137, 8, "date de purge", "date"),
    TraField(145, 3, "sous-version", "alpha"),
)
PRODUCTS = frozenset({"S1", "S3", "S5", "S7", "SI", "QU"})
ORIGINS = frozenset({"CLI", "EXP"})
CONTENTS = frozenset({"JRL", "DOS", "BAL", "SYN"})
FORMATS = frozenset({"STD", "ETE"})
KNOWN_VERSIONS = frozenset({"006", "007", "008", "011"})

# Movement line, standard part (positions 1-222).
JOURNAL = TraField(1, 3, "journal", "alpha")
DATE = TraField(4, 8, "date comptable", "date")
NATURE = TraField(12, 2, "nature de pièce", "code")
GENERAL = TraField(14, 17, "compte général", "alpha")
ACCOUNT_TYPE = TraField(31, 1, "type de compte", "code")
AUX = TraField(32, 17, "compte auxiliaire / section", "alpha")
REFERENCE = TraField(49, 35, "référence interne", "alpha")
LABEL = TraField(84, 35, "libellé", "alpha")
DUE_DATE = TraField(122, 8, "date d'échéance", "date")
SENS = TraField(130, 1, "sens", "code")
AMOUNT1 = TraField(131, 20, "montant 1", "amount")
ENTRY_TYPE = TraField(151, 1, "type d'écriture", "code")
PIECE = TraField(152, 8, "numéro de pièce", "int")
CURRENCY = TraField(160, 3, "devise", "alpha")
AMOUNT_CODE = TraField(173, 3, "code montant", "code")
AMOUNT2 = TraField(176, 20, "montant 2", "amount")
AMOUNT3 = TraField(196, 20, "montant 3", "amount")
AXIS = TraField(219, 2, "axe analytique", "alpha")
DUE_NUMBER = TraField(221, 2, "numéro d'échéance", "int")

NATURES = frozenset({"FC", "AC", "RC", "FF", "AF", "RF", "OD", "OC", "OF"})
# blank = none, X = tiers, A = analytic; H and 0 allowed by pycegid (meaning unknown); G = GED document
# line, P = BAP line (V9 code).
ACCOUNT_TYPES = frozenset({" ", "X", "A", "H", "0", "G", "P"})
ENTRY_TYPES = frozenset({"N", "S", "U", "R"})
AMOUNT_CODE_LETTERS = frozenset("EFD-")
FLAG_VALUES = frozenset({"X", "-", " "})

# Extended (ETE) fields with a checkable type; other ETE zones are free text or of unknown meaning.
ETE_CHECKED = (
    TraField(258, 8, "date référence externe", "date"),
    TraField(266, 8, "date de création", "date"),
    TraField(294, 8, "date du taux de devise", "date"),
    TraField(305, 20, "quantité 1", "amount"),
    TraField(325, 20, "quantité 2", "amount"),
    TraField(386, 1, "TVA sur encaissements", "flag"),
    TraField(447, 8, "date de pointage", "date"),
    TraField(455, 8, "date de relance", "date"),
    TraField(463, 8, "date de valeur", "date"),
    TraField(845, 20, "montant libre 0", "amount"),
    TraField(865, 20, "montant libre 1", "amount"),
    TraField(885, 20, "montant libre 2", "amount"),
    TraField(905, 20, "montant libre 3", "amount"),
    TraField(925, 8, "date libre", "date"),
    TraField(933, 1, "booléen libre 0", "flag"),
    TraField(934, 1, "booléen libre 1", "flag"),
    TraField(1177, 1, "validée", "flag"),
)

# Master-data records whose total length is known (tra-format.md §5; CGN and CAE: minimum, V9 appends).
RECORD_LENGTHS = {"JAL": 494, "EXO": 69, "SAT": 251, "CGN": 238, "CAE": 886}
EXO_DATES = (TraField(10, 8, "date début", "date"), TraField(18, 8, "date fin", "date"))
# Record identifiers listed in tra-format.md §3 (spec v7 and the V9 code).
KNOWN_RECORDS = frozenset(
    [
        "PS1",
        "PS2",
        "PS3",
        "PS4",
        "PS5",
        "EXO",
        "TL0",
        "TL1",
        "TL2",
        "TL3",
        "TL4",
        "TL5",
        "TL6",
        "TL7",
        "TL8",
        "TL9",
        "SSA",
        "ETB",
        "MDP",
        "MDR",
        "DEV",
        "REG",
        "TVA",
        "SAT",
        "SOU",
        "PTL",
        "CRR",
        "CRI",
        "RUP",
        "CGN",
        "CAE",
        "JAL",
        "RIB",
        "BQC",
        "BQE",
        "EXB",
        "EXL",
        "CON",
        "FBG",
        "FBJ",
        "FBS",
        "YTC",
        "ARS",
        "CTL",
        "XTL",
        "RRL",
        "CTI",
        "CCI",
        "VEN",
        "CPJ",
    ]
)
