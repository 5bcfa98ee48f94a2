"""Fixtures for the FEC/TRA validator tests.

Real sample files are read from the shared folder beside the clone (`<repo root>/../shared/fec/samples`,
or `$CEGID_LOOP_SHARED_DIR/fec/samples`), never copied into the repository. Synthetic files are written in
tmp_path by the `fec` and `tra` builders below.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import missing_reference

REPO_ROOT = Path(__file__).resolve().parents[2]

LEGAL_18 = [
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
]
# A Luhn-valid SIREN and a closing date: synthetic files named like this raise no N1/N2 finding.
GOOD_NAME = "123456782FEC20231231.txt"


def shared_dir() -> Path:
    env = os.environ.get("CEGID_LOOP_SHARED_DIR")
    return Path(env) if env else REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def samples() -> Path:
    path = shared_dir() / "fec" / "samples"
    if not path.is_dir():
        missing_reference("shared FEC samples", path)
    return path


def entry_lines(
    num: str, journal: str = "VE", date: str = "20230115", amount: str = "120,00"
) -> list[dict[str, str]]:
    """A balanced two-line sale: customer debit, revenue credit."""
    base = {
        "JournalCode": journal,
        "JournalLib": "Ventes" if journal == "VE" else "Achats",
        "EcritureNum": num,
        "EcritureDate": date,
        "CompAuxNum": "",
        "CompAuxLib": "",
        "PieceRef": f"F{num}",
        "PieceDate": date,
        "EcritureLib": f"Facture {num}",
        "EcritureLet": "",
        "DateLet": "",
        "ValidDate": date,
        "Montantdevise": "",
        "Idevise": "",
    }
    return [
        {**base, "CompteNum": "41100000", "CompteLib": "Clients", "Debit": amount, "Credit": "0,00"},
        {**base, "CompteNum": "70600000", "CompteLib": "Ventes", "Debit": "0,00", "Credit": amount},
    ]


def clean_rows(entries: int = 3) -> list[dict[str, str]]:
    """`entries` balanced entries numbered 1..n, dated in order within 2023: a file without findings."""
    rows: list[dict[str, str]] = []
    for n in range(1, entries + 1):
        rows += entry_lines(str(n), date=f"202301{n % 28 + 1:02d}" if n < 28 else "20230228")
    return rows


FecBuilder = Callable[..., Path]


@pytest.fixture
def fec(tmp_path: Path) -> FecBuilder:
    """Write a FEC file from rows (dicts by column name, or raw lines as str) and return its path.

    Data line i of `rows` is physical line i + 2 of the file (line 1 is the header).
    """

    def build(
        rows: Sequence[dict[str, str] | str] | None = None,
        *,
        name: str = GOOD_NAME,
        header: Sequence[str] = LEGAL_18,
        sep: str = "\t",
        encoding: str = "utf-8",
        newline: str = "\n",
        bom: bool = False,
        trailing_sep: bool = False,
        raw_header: str | None = None,
        folder: Path | None = None,
    ) -> Path:
        rows = clean_rows() if rows is None else rows
        end = sep if trailing_sep else ""
        lines = [raw_header if raw_header is not None else sep.join(header) + end]
        for row in rows:
            lines.append(row if isinstance(row, str) else sep.join(row.get(h, "") for h in header) + end)
        data = (newline.join(lines) + newline).encode(encoding)
        path = (folder or tmp_path) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
        return path

    return build


def tra_field(
    line: list[str], start: int, value: str, *, right: bool = False, width: int | None = None
) -> None:
    """Write `value` at 1-based `start` into a list of characters, padded to `width`."""
    w = width if width is not None else len(value)
    text = value.rjust(w) if right else value.ljust(w)
    line[start - 1 : start - 1 + w] = list(text[:w])


def tra_movement(**kw: Any) -> str:
    """A TRA movement line (STD 222 characters, or ETE 1280 when ete=True) with sensible defaults."""
    size = 1280 if kw.get("ete") else 222
    chars = [" "] * size
    values = {
        "journal": "VE",
        "date": "15012023",
        "nature": "FC",
        "general": "41100000",
        "type": "X",
        "aux": "CLI001",
        "ref": "F1",
        "label": "Facture 1",
        "mode": "VIR",
        "due": "15022023",
        "sens": "D",
        "amount": "120,00",
        "etype": "N",
        "piece": "1",
        "currency": "EUR",
        "code": "E--",
    }
    values.update({k: v for k, v in kw.items() if k in values})
    tra_field(chars, 1, values["journal"], width=3)
    tra_field(chars, 4, values["date"], width=8)
    tra_field(chars, 12, values["nature"], width=2)
    tra_field(chars, 14, values["general"], width=17)
    tra_field(chars, 31, values["type"], width=1)
    tra_field(chars, 32, values["aux"], width=17)
    tra_field(chars, 49, values["ref"], width=35)
    tra_field(chars, 84, values["label"], width=35)
    tra_field(chars, 119, values["mode"], width=3)
    tra_field(chars, 122, values["due"], width=8)
    tra_field(chars, 130, values["sens"], width=1)
    tra_field(chars, 131, values["amount"], right=True, width=20)
    tra_field(chars, 151, values["etype"], width=1)
    tra_field(chars, 152, values["piece"], right=True, width=8)
    tra_field(chars, 160, values["currency"], width=3)
    tra_field(chars, 173, values["code"], width=3)
    if kw.get("ete"):
        tra_field(chars, 258, "01011900")
        tra_field(chars, 266, kw.get("created", "15012023"))
        tra_field(chars, 302, "N")
        tra_field(chars, 386, "-")
        tra_field(chars, 447, "010119000101190001011900")
        tra_field(chars, 1021, "RI")
    line = "".join(chars)
    return line[: kw["length"]] if "length" in kw else line


def tra_header(fmt: str = "STD", version: str = "007", *, content: str = "JRL", origin: str = "CLI") -> str:
    chars = [" "] * 147
    tra_field(chars, 1, f"***S5{origin}{content}{fmt}")
    tra_field(chars, 18, "01011900")
    tra_field(chars, 26, "01011900")
    tra_field(chars, 34, version)
    tra_field(chars, 42, "150120231530")
    tra_field(chars, 54, "TESTS")
    tra_field(chars, 124, "-")
    tra_field(chars, 137, "01011900")
    tra_field(chars, 145, "001")
    return "".join(chars)


TraBuilder = Callable[..., Path]


@pytest.fixture
def tra(tmp_path: Path) -> TraBuilder:
    def build(lines: Sequence[str], *, name: str = "ecritures.tra", newline: str = "\r\n") -> Path:
        path = tmp_path / name
        path.write_bytes((newline.join(lines) + newline).encode("cp1252"))
        return path

    return build
