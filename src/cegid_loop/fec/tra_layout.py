"""Cegid TRA record layouts, as reconstructed in tra-format.md (positions 1-based, inclusive).

Only what the public sources agree on is here: the header (§2), the STD movement (§4.1), the named ETE
fields of version 008 (§4.2) that have a checkable type, and the total lengths of the master-data records
of §5. Anything else is reported as "not checked", never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Field:
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
    Field(4, 2, "produit", "code"),
    Field(6, 3, "origine", "code"),
    Field(9, 3, "contenu", "code"),
    Field(12, 3, "format", "code"),
    Field(15, 3, "exercice clos", "alpha"),
    Field(18, 8, "date bascule euro", "date"),
    Field(26, 8, "date arrêté périodique", "date"),
    Field(34, 3, "version", "code"),
    Field(37, 5, "n° dossier cabinet", "alpha"),
    Field(42, 12, "date de génération", "datetime"),
    Field(54, 35, "utilisateur", "alpha"),
    Field(89, 35, "raison sociale", "alpha"),
    Field(124, 1, "reprise", "flag"),
    Field(137, 8, "date de purge", "date"),
    Field(145, 3, "sous-version", "alpha"),
)
PRODUCTS = frozenset({"S1", "S3", "S5", "S7", "SI", "QU"})
ORIGINS = frozenset({"CLI", "EXP"})
CONTENTS = frozenset({"JRL", "DOS", "BAL", "SYN"})
FORMATS = frozenset({"STD", "ETE"})
KNOWN_VERSIONS = frozenset({"006", "007", "008", "011"})

# Movement line, standard part (positions 1-222).
JOURNAL = Field(1, 3, "journal", "alpha")
DATE = Field(4, 8, "date comptable", "date")
NATURE = Field(12, 2, "nature de pièce", "code")
GENERAL = Field(14, 17, "compte général", "alpha")
ACCOUNT_TYPE = Field(31, 1, "type de compte", "code")
AUX = Field(32, 17, "compte auxiliaire / section", "alpha")
REFERENCE = Field(49, 35, "référence interne", "alpha")
LABEL = Field(84, 35, "libellé", "alpha")
DUE_DATE = Field(122, 8, "date d'échéance", "date")
SENS = Field(130, 1, "sens", "code")
AMOUNT1 = Field(131, 20, "montant 1", "amount")
ENTRY_TYPE = Field(151, 1, "type d'écriture", "code")
PIECE = Field(152, 8, "numéro de pièce", "int")
CURRENCY = Field(160, 3, "devise", "alpha")
AMOUNT_CODE = Field(173, 3, "code montant", "code")
AMOUNT2 = Field(176, 20, "montant 2", "amount")
AMOUNT3 = Field(196, 20, "montant 3", "amount")
AXIS = Field(219, 2, "axe analytique", "alpha")
DUE_NUMBER = Field(221, 2, "numéro d'échéance", "int")

NATURES = frozenset({"FC", "AC", "RC", "FF", "AF", "RF", "OD", "OC", "OF"})
# blank = none, X = tiers, A = analytic; H and 0 allowed by pycegid (meaning unknown); G = GED document
# line, P = BAP line (V9 code).
ACCOUNT_TYPES = frozenset({" ", "X", "A", "H", "0", "G", "P"})
ENTRY_TYPES = frozenset({"N", "S", "U", "R"})
AMOUNT_CODE_LETTERS = frozenset("EFD-")
FLAG_VALUES = frozenset({"X", "-", " "})

# Extended (ETE) fields with a checkable type; other ETE zones are free text or of unknown meaning.
ETE_CHECKED = (
    Field(258, 8, "date référence externe", "date"),
    Field(266, 8, "date de création", "date"),
    Field(294, 8, "date du taux de devise", "date"),
    Field(305, 20, "quantité 1", "amount"),
    Field(325, 20, "quantité 2", "amount"),
    Field(386, 1, "TVA sur encaissements", "flag"),
    Field(447, 8, "date de pointage", "date"),
    Field(455, 8, "date de relance", "date"),
    Field(463, 8, "date de valeur", "date"),
    Field(845, 20, "montant libre 0", "amount"),
    Field(865, 20, "montant libre 1", "amount"),
    Field(885, 20, "montant libre 2", "amount"),
    Field(905, 20, "montant libre 3", "amount"),
    Field(925, 8, "date libre", "date"),
    Field(933, 1, "booléen libre 0", "flag"),
    Field(934, 1, "booléen libre 1", "flag"),
    Field(1177, 1, "validée", "flag"),
)

# Master-data records whose total length is known (tra-format.md §5; CGN and CAE: minimum, V9 appends).
RECORD_LENGTHS = {"JAL": 494, "EXO": 69, "SAT": 251, "CGN": 238, "CAE": 886}
EXO_DATES = (Field(10, 8, "date début", "date"), Field(18, 8, "date fin", "date"))
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
