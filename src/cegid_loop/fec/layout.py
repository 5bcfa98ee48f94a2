"""FEC columns (format.md §2): the 18 legal names, the Montant/Sens variant, the 21/22-column variants.

The header is matched by name (TCD normalisation, case-insensitive), so that a file whose columns are out
of order or misspelt in case can still have its content checked; S2 reports every deviation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from cegid_loop.fec.findings import FindingSink

LEGAL_18 = (
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "CompAuxNum",
    "CompAuxLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "Debit",
    "Credit",
    "EcritureLet",
    "DateLet",
    "ValidDate",
    "Montantdevise",
    "Idevise",
)
MONTANT_SENS = ("Montant", "Sens")  # replace Debit, Credit (VII 2°)
CASH_EXTRA = ("DateRglt", "ModeRglt", "NatOp", "IdClient")  # 19-21 BA (VIII 5°), 22 BNC (VIII 7°)

DATE_FIELDS = ("EcritureDate", "PieceDate", "DateLet", "ValidDate", "DateRglt")
_BASE_MANDATORY = (
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "ValidDate",
)
# BNC/BA (VIII): these may be blank. In an 18-column file BIC/IS cannot be told from BNC/BA commercial,
# so the stricter BIC/IS table applies there.
_BLANK_ALLOWED_CASH = ("JournalCode", "JournalLib", "CompteNum")


def normalize(name: str) -> str:
    """TCD's header normalisation (format.md §3 rule 5), lower-cased."""
    name = unicodedata.normalize("NFKD", name.strip().lstrip("\ufeff"))
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    return re.sub(r"[^A-Za-z0-9]", "_", name).lower()


_KNOWN = {normalize(n): n for n in (*LEGAL_18, *MONTANT_SENS, *CASH_EXTRA)}


@dataclass
class Layout:
    names: list[str]  # header fields as written (without a trailing empty field)
    ncols: int  # fields per line, counting the trailing empty field when the header has one
    trailing: bool
    index: dict[str, int] = field(default_factory=dict)  # legal name -> column index
    montant_sens: bool = False
    variant: str = "18"  # "18", "21" (BA trésorerie) or "22" (BNC trésorerie)
    headerless: bool = False

    def has(self, name: str) -> bool:
        return name in self.index

    def mandatory(self) -> list[str]:
        names = list(_BASE_MANDATORY)
        if self.variant in ("21", "22"):
            names = [n for n in names if n not in _BLANK_ALLOWED_CASH] + ["DateRglt", "ModeRglt"]
        names += ["Sens"] if self.montant_sens else []
        return [n for n in names if n in self.index]

    @property
    def amounts_readable(self) -> bool:
        """Debit/Credit (or Montant and Sens) present: lines have amounts to check (B1)."""
        if self.montant_sens:
            return "Sens" in self.index
        return "Debit" in self.index or "Credit" in self.index

    def column_name(self, i: int) -> str:
        return self.names[i] if i < len(self.names) else f"#{i + 1}"


def expected_names(montant_sens: bool, variant: str) -> list[str]:
    names = list(LEGAL_18)
    if montant_sens:
        names[11:13] = MONTANT_SENS
    return names + list(CASH_EXTRA[: {"18": 0, "21": 3, "22": 4}[variant]])


def looks_like_data(fields: list[str]) -> bool:
    return len(fields) >= 18 and len(fields[3].strip()) == 8 and fields[3].strip().isdigit()


def analyze_header(fields: list[str], sink: FindingSink) -> Layout | None:
    """Build the layout from the header fields, reporting S2/S3 findings on line 1.

    Returns None when the line is neither a FEC header nor a data line (the file is then unreadable).
    """
    trailing = len(fields) > 1 and fields[-1].strip() == ""
    names = [f.strip().lstrip("\ufeff") for f in (fields[:-1] if trailing else fields)]
    known = [_KNOWN.get(normalize(n)) for n in names]
    if not any(known):
        if looks_like_data(fields):
            layout = Layout(list(LEGAL_18), len(fields), False, headerless=True)
            layout.index = {n: i for i, n in enumerate(LEGAL_18)}
            sink.add(
                "S2",
                1,
                "",
                fields[0],
                "Ligne d'en-tête absente : la première ligne contient des données (ordre légal supposé).",
                "Header line missing: the first line holds data (legal column order assumed).",
            )
            return layout
        return None
    layout = Layout(names, len(fields), trailing)
    for i, legal in enumerate(known):
        if legal is not None and legal not in layout.index:
            layout.index[legal] = i
    layout.montant_sens = "Montant" in layout.index and "Debit" not in layout.index
    if "IdClient" in layout.index:
        layout.variant = "22"
    elif "DateRglt" in layout.index:
        layout.variant = "21"
    expected = expected_names(layout.montant_sens, layout.variant)
    if trailing:
        sink.add(
            "S3",
            1,
            "",
            "",
            "Séparateur en fin de ligne d'en-tête : toléré s'il est aussi en fin de chaque ligne.",
            "Separator at the end of the header line: tolerated when every line ends with it too.",
            severity="info",
        )
    for name in expected:
        if name not in layout.index:
            sink.add(
                "S2",
                1,
                name,
                "",
                f"La zone obligatoire « {name} » est absente de l'en-tête.",
                f"The mandatory field '{name}' is missing from the header.",
            )
    for i, (written, legal) in enumerate(zip(names, known, strict=True)):
        if legal is None:
            if i < len(expected):
                sink.add(
                    "S2",
                    1,
                    written,
                    written,
                    f"Nom de zone inconnu en position {i + 1} (attendu « {expected[i]} »).",
                    f"Unknown field name at position {i + 1} ('{expected[i]}' expected).",
                )
            else:
                sink.add(
                    "S2",
                    1,
                    written,
                    written,
                    f"Zone complémentaire « {written} » après les zones légales.",
                    f"Extra field '{written}' after the legal fields.",
                    severity="info",
                )
            continue
        if layout.index[legal] != i:
            sink.add(
                "S2",
                1,
                written,
                written,
                f"Zone « {legal} » en double (position {i + 1}).",
                f"Field '{legal}' appears twice (position {i + 1}).",
            )
        elif i >= len(expected) or expected[i] != legal:
            want = expected[i] if i < len(expected) else "-"
            sink.add(
                "S2",
                1,
                written,
                written,
                f"« {legal} » en position {i + 1} : l'ordre légal attend « {want} ».",
                f"'{legal}' at position {i + 1}: the legal order expects '{want}'.",
            )
        elif written != legal:
            sink.add(
                "S2",
                1,
                written,
                written,
                f"« {written} » ne respecte pas la casse du nom légal « {legal} » (accepté).",
                f"'{written}' differs from the legal name '{legal}' in case or accents (accepted).",
                severity="warning",
            )
    return layout
