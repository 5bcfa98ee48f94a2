"""FEC reading for the sandbox's import, on the project's FEC package (no second decoder here).

Checking is :func:`cegid_loop.fec.validate_file` (encoding, separators, header, dates, amounts,
balance...), minus the file-name rules N1/N2 — an API import names its file freely, and Loop's own
rule on names is unknown. A file with any error finding is refused as a whole.

Reading the lines of a file the validator passed uses the same pieces as the validator: its
streaming :class:`~cegid_loop.fec.reader.BlockReader` (line terminators, BOM, UTF-8 / ISO-8859-15),
its header analysis :func:`~cegid_loop.fec.layout.analyze_header` (legal names, case, Montant/Sens,
21/22-column variants) and its amount and date readers. Lines are yielded one at a time: a
gigabyte file is never in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from cegid_loop.fec import validate_file
from cegid_loop.fec.amounts import parse_amount, to_decimal
from cegid_loop.fec.dates import parse_yyyymmdd
from cegid_loop.fec.findings import FindingSink
from cegid_loop.fec.layout import Layout, analyze_header
from cegid_loop.fec.reader import BlockReader, LineTooLong

VALIDATOR_RULES = "all,-N1,-N2"
_DEBIT_SENS = frozenset({"D", "+1"})
_CREDIT_SENS = frozenset({"C", "-1"})


class FecReadError(ValueError):
    """A line the reader cannot turn into an entry (the validator should have refused the file)."""


@dataclass(frozen=True)
class FecLine:
    line_no: int
    journal_code: str
    journal_lib: str
    ecriture_num: str
    ecriture_date: date
    compte_num: str
    compte_lib: str
    comp_aux_num: str
    comp_aux_lib: str
    piece_ref: str
    piece_date: date | None
    ecriture_lib: str
    debit: Decimal
    credit: Decimal
    ecriture_let: str
    date_let: date | None
    idevise: str


def validate_fec(path: Path) -> list[str]:
    """Error findings of the project's FEC validator, as French ``ligne N : message`` texts."""
    result = validate_file(path, kind="fec", rules=VALIDATOR_RULES)
    if result.ok:
        return []
    return [
        f"ligne {f.line} : {f.message_fr}" if f.line else f.message_fr
        for f in result.findings
        if f.severity == "error"
    ] or ["fichier refusé par le validateur FEC"]


def _separator(header: str) -> str:
    # The validator's choice (FecValidator._header): TAB or '|', whichever the header uses more.
    return "\t" if header.count("\t") >= header.count("|") else "|"


class _Row:
    """One data line, fields addressed by their legal name through the header's layout."""

    def __init__(self, layout: Layout, fields: list[str], line_no: int) -> None:
        self.layout, self.fields, self.line_no = layout, fields, line_no

    def get(self, name: str) -> str:
        i = self.layout.index.get(name)
        return self.fields[i].strip() if i is not None and i < len(self.fields) else ""

    def date(self, name: str, *, required: bool = False) -> date | None:
        text = self.get(name)
        if not text and not required:
            return None
        value = parse_yyyymmdd(text)
        if value is None:
            raise FecReadError(f"ligne {self.line_no} : date {name} invalide {text!r} (AAAAMMJJ attendu)")
        return value

    def amount(self, name: str) -> Decimal:
        units = parse_amount(self.get(name))
        if isinstance(units, str):
            raise FecReadError(f"ligne {self.line_no} : montant {name} invalide {self.get(name)!r}")
        return to_decimal(units)

    def sides(self) -> tuple[Decimal, Decimal]:
        if not self.layout.montant_sens:
            return self.amount("Debit"), self.amount("Credit")
        montant, sens = self.amount("Montant"), self.get("Sens").upper()
        if sens in _DEBIT_SENS:
            return montant, Decimal(0)
        if sens in _CREDIT_SENS:
            return Decimal(0), montant
        raise FecReadError(f"ligne {self.line_no} : code D/C mal renseigné {self.get('Sens')!r}")

    def line(self) -> FecLine:
        debit, credit = self.sides()
        ecriture_date = self.date("EcritureDate", required=True)
        assert ecriture_date is not None
        return FecLine(
            line_no=self.line_no,
            journal_code=self.get("JournalCode"),
            journal_lib=self.get("JournalLib"),
            ecriture_num=self.get("EcritureNum"),
            ecriture_date=ecriture_date,
            compte_num=self.get("CompteNum"),
            compte_lib=self.get("CompteLib"),
            comp_aux_num=self.get("CompAuxNum"),
            comp_aux_lib=self.get("CompAuxLib"),
            piece_ref=self.get("PieceRef"),
            piece_date=self.date("PieceDate"),
            ecriture_lib=self.get("EcritureLib"),
            debit=debit,
            credit=credit,
            ecriture_let=self.get("EcritureLet"),
            date_let=self.date("DateLet"),
            idevise=self.get("Idevise"),
        )


def read_lines(path: Path) -> Iterator[FecLine]:
    """The entry lines of a FEC file, in file order. Raises :class:`FecReadError`."""
    layout: Layout | None = None
    sep = "\t"
    count = 0
    try:
        with path.open("rb") as fp:
            for block in BlockReader(fp):
                lines = block.lines
                start = 0
                if layout is None:
                    sep = _separator(lines[0])
                    layout = analyze_header(lines[0].split(sep), FindingSink())
                    if layout is None:
                        raise FecReadError("ligne 1 : la première ligne n'est pas un en-tête FEC")
                    start = 0 if layout.headerless else 1
                for offset, raw in enumerate(lines[start:], start=start):
                    if raw.strip():
                        count += 1
                        yield _Row(layout, raw.split(sep), block.first_line + offset).line()
    except LineTooLong as exc:
        raise FecReadError(f"ligne démesurée : {exc}") from exc
    if count == 0:
        raise FecReadError("Le fichier est vide (aucune ligne d'écriture après l'en-tête).")
