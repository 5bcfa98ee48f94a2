"""A small, valid FEC to try things with: three balanced entries on demo accounts, written as the law
wants the file (``SirenFECAAAAMMJJ.txt``, tab-separated, UTF-8, CRLF), and the same entries made
unbalanced. The README's tour, the demo and the tests import files made here::

    from cegid_loop.fec.samples import demo_entries, unbalanced, write_fec
    path = write_fec(folder, "732829320", demo_entries())
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

FEC_COLUMNS = (
    "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum",
    "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet",
    "ValidDate", "Montantdevise", "Idevise",
)  # fmt: skip


@dataclass(frozen=True)
class SampleLine:
    journal: str
    journal_lib: str
    num: str
    date: str  # AAAAMMJJ
    compte: str
    compte_lib: str
    aux: str
    aux_lib: str
    piece: str
    libelle: str
    debit: str  # French decimal comma, as FEC files have it
    credit: str

    def row(self) -> str:
        # In FEC_COLUMNS order; the piece and validation dates are the entry date, no lettering, EUR.
        values = (
            self.journal,
            self.journal_lib,
            self.num,
            self.date,
            self.compte,
            self.compte_lib,
            self.aux,
            self.aux_lib,
            self.piece,
            self.date,
            self.libelle,
            self.debit,
            self.credit,
            "",
            "",
            self.date,
            "",
            "",
        )
        return "\t".join(values)


def _entry(
    journal: str,
    journal_lib: str,
    num: str,
    date: str,
    piece: str,
    libelle: str,
    *lines: tuple[str, str, str, str, str, str],
) -> list[SampleLine]:
    return [
        SampleLine(journal, journal_lib, num, date, compte, compte_lib, aux, aux_lib, piece, libelle, d, c)
        for compte, compte_lib, aux, aux_lib, d, c in lines
    ]


def demo_entries() -> list[SampleLine]:
    """Three balanced entries. Journals AC/VE, accounts 62360000/61550000/70610000 and the three
    tiers are not in the sandbox's demo data: the import creates them."""
    return [
        *_entry(
            "AC",
            "Journal des achats",
            "1",
            "20240115",
            "F2024-0012",
            "Facture Imprimerie Rose",
            ("62360000", "Catalogues et imprimés", "", "", "400,00", "0,00"),
            ("44566000", "TVA déductible", "", "", "80,00", "0,00"),
            ("40100000", "Fournisseurs", "FIMPRIMERIEROSE", "Imprimerie Rose", "0,00", "480,00"),
        ),
        *_entry(
            "AC",
            "Journal des achats",
            "2",
            "20240122",
            "GC-8841",
            "Facture Garage Central",
            ("61550000", "Entretien et réparations sur biens mobiliers", "", "", "300,00", "0,00"),
            ("44566000", "TVA déductible", "", "", "60,00", "0,00"),
            ("40100000", "Fournisseurs", "FGARAGECENTRAL", "Garage Central", "0,00", "360,00"),
        ),
        *_entry(
            "VE",
            "Journal des ventes",
            "1",
            "20240131",
            "2024-001",
            "Facture Café des Arts",
            ("41100000", "Clients", "CCAFEDESARTS", "Café des Arts", "1200,00", "0,00"),
            ("70610000", "Prestations de services traiteur", "", "", "0,00", "1000,00"),
            ("44571000", "TVA collectée", "", "", "0,00", "200,00"),
        ),
    ]


def write_fec(directory: Path, siren: str, lines: Sequence[SampleLine], closing: str = "20241231") -> Path:
    """A FEC file named as the law wants it (SirenFECAAAAMMJJ.txt): tab-separated, UTF-8, CRLF."""
    path = directory / f"{siren}FEC{closing}.txt"
    path.write_text(
        "\r\n".join(["\t".join(FEC_COLUMNS), *(line.row() for line in lines)]) + "\r\n",
        encoding="utf-8",
        newline="",
    )
    return path


def unbalanced(lines: Sequence[SampleLine]) -> list[SampleLine]:
    """The same entries with the last credit 10 short: the sale no longer balances."""
    last = lines[-1]
    wrong = f"{Decimal(last.credit.replace(',', '.')) - 10:.2f}".replace(".", ",")
    return [*lines[:-1], SampleLine(**{**vars(last), "credit": wrong})]
