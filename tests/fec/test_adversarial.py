"""Hostile inputs: every one gives findings with file, line and field, or one clear exit-2 line.

Never an internal exception text (class names, reprs, tracebacks): not in findings, not in the human
report, not in `--json`, not in the exception `ensure_valid` raises, which is always InvalidImportFile.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cegid_loop.cli.app import app
from cegid_loop.fec import InvalidImportFile, ValidationResult, ensure_valid, validate_file
from cegid_loop.fec.amounts import format_fr, to_decimal

from .conftest import GOOD_NAME, LEGAL_18, clean_rows, entry_lines, tra_header, tra_movement

runner = CliRunner()

# What an exception's text looks like once it leaks: class names, reprs, tracebacks, errno tuples.
INTERNAL = re.compile(
    r"Traceback|<class |Exception|InvalidOperation|ValueError|TypeError|KeyError|IndexError|"
    r"AttributeError|UnicodeDecodeError|MemoryError|object at 0x|\[Errno|decimal\.|sys\.set_int|"
    r"validator met a case it does not handle"  # the safety net: a case listed here must be handled
)
TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def tsv(rows: list[dict[str, str]], header: list[str] = LEGAL_18, newline: str = "\n") -> bytes:
    lines = ["\t".join(header), *("\t".join(r.get(h, "") for h in header) for r in rows)]
    return (newline.join(lines) + newline).encode("utf-8")


def with_field(line: int, field: str, value: str) -> bytes:
    """The clean file with `field` of physical `line` set to `value`."""
    rows = clean_rows()
    rows[line - 2][field] = value
    return tsv(rows)


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], Path]  # writes the input under the given folder, returns the path to check
    rule: str  # a finding of this rule is expected ("IO": the file cannot be checked, exit 2)
    line: int | None = None  # ... at this line (None: any)
    column: str | None = None  # ... on this field (None: any)


def file_with(data: bytes, name: str = GOOD_NAME) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def tra_file(lines: list[str]) -> Callable[[Path], Path]:
    return file_with(("\r\n".join(lines) + "\r\n").encode("cp1252"), "ecritures.tra")


def _directory(folder: Path) -> Path:
    (folder / GOOD_NAME).mkdir()
    return folder / GOOD_NAME


def _long_name(folder: Path) -> Path:
    return folder / ("1" * 300 + "FEC20231231.txt")


def _huge_pair(amount: str) -> bytes:
    a, b = entry_lines("1", amount=amount)
    return tsv([a, b, *entry_lines("2")])


CASES: dict[str, Case] = {
    "amount of 27 digits": Case(file_with(_huge_pair("1" * 27 + ",00")), "F2", 2, "Debit"),
    "amount of 5000 digits": Case(file_with(_huge_pair("9" * 5000 + ",00")), "F2", 2, "Debit"),
    "amount 16 digits zero-padded to 40 is fine but 16 significant is not": Case(
        file_with(_huge_pair("0" * 24 + "1" * 16 + ",00")), "F2", 3, "Credit"
    ),
    "amount zero-padded to 5000 digits (legal, and read)": Case(
        file_with(with_field(2, "Debit", "0" * 5000 + "100,00")),
        "B2",
        2,  # 100 against 120: read
    ),
    "amount 1e400": Case(file_with(with_field(2, "Debit", "1e400")), "F2", 2, "Debit"),
    "amount NaN": Case(file_with(with_field(2, "Debit", "NaN")), "F2", 2, "Debit"),
    "amount Infinity": Case(file_with(with_field(3, "Credit", "Infinity")), "F2", 3, "Credit"),
    "amount --1": Case(file_with(with_field(2, "Debit", "--1")), "F2", 2, "Debit"),
    "amount -0x1F": Case(file_with(with_field(2, "Debit", "-0x1F")), "F2", 2, "Debit"),
    "Montantdevise of 30 digits": Case(
        file_with(with_field(4, "Montantdevise", "9" * 30 + ",00")), "F2", 4, "Montantdevise"
    ),
    "EcritureNum of 5000 digits": Case(
        file_with(tsv([*entry_lines("9" * 5000), {**entry_lines("2")[0], "Credit": "1,00"}])), "B2"
    ),
    "EcritureNum of 100 000 digits then a letter": Case(
        file_with(tsv([*entry_lines("1" * 100_000 + "A"), *entry_lines("2")[:1]])), "B2", 4
    ),
    "3000 extra columns": Case(
        file_with(
            tsv(
                [{**r, **{f"X{i}": "x" for i in range(3000)}} for r in clean_rows()],
                [*LEGAL_18, *(f"X{i}" for i in range(3000))],
            )
        ),
        "S2",
        1,
        "X0",
    ),
    "a line of 100 000 fields": Case(file_with(tsv(clean_rows())[:-1] + b"\t" * 100_000 + b"\n"), "S3", 7),
    "a 10 MB single line": Case(file_with(b"JournalCode" + b"x" * 10_000_000), "IO"),
    "a 10 MB line after the header": Case(file_with(tsv(clean_rows()) + b"y" * 10_000_000), "IO", 8),
    "10 MB without separator": Case(file_with(b"z" * 10_000_000), "IO"),
    "NUL bytes in a field": Case(
        file_with(with_field(3, "EcritureLib", "a\x00\x00b")), "E1", 3, "EcritureLib"
    ),
    "NUL bytes in the header": Case(
        file_with(tsv(clean_rows()).replace(b"JournalLib", b"Journal\x00Lib", 1)), "E1", 1
    ),
    "ESC sequence in a field": Case(
        file_with(with_field(2, "EcritureLib", "\x1b[2J\x1b]0;pwned\x07")), "E1", 2, "EcritureLib"
    ),
    "invalid UTF-8 after UTF-8": Case(
        file_with(with_field(2, "EcritureLib", "Réglé") + b"VE\t\xff\xfe\xfd\n"), "E1", 8
    ),
    "Latin-9 then UTF-8 (mixed encodings)": Case(
        file_with(with_field(2, "EcritureLib", "x").replace(b"Facture 1", b"Factur\xe9", 1) + "é\n".encode()),
        "E1",
        8,
    ),
    "Windows-1252 quote": Case(
        file_with(with_field(4, "EcritureLib", "d’avoir").replace("’".encode(), b"\x92")), "E1", 4
    ),
    "UTF-16": Case(file_with(tsv(clean_rows()).decode().encode("utf-16")), "IO"),
    "UTF-32 BOM": Case(file_with(b"\xff\xfe\x00\x00" + "J\t".encode("utf-32-le")), "IO"),
    "a directory": Case(_directory, "IO"),
    "a missing file": Case(lambda folder: folder / GOOD_NAME, "IO"),
    "a name too long for the file system": Case(_long_name, "IO"),
    "an empty file": Case(file_with(b""), "IO"),
    "a header only": Case(file_with(tsv([])), "S3", 1),
    "a header with a duplicated column": Case(
        file_with(
            tsv([{**r, "Debit": r["Debit"]} for r in clean_rows()], [*LEGAL_18[:12], "Debit", *LEGAL_18[12:]])
        ),
        "S2",
        1,
        "Debit",
    ),
    "a header without its amount columns": Case(
        file_with(tsv(clean_rows(), [h for h in LEGAL_18 if h not in ("Debit", "Credit")])), "S2", 1, "Debit"
    ),
    "a header of unknown names": Case(file_with(b"a\tb\tc\n1\t2\t3\n"), "IO"),
    "CR-only line ends": Case(
        file_with(tsv(clean_rows()).replace(b"\n", b"\r").replace(b"20230103\t", b"20230230\t", 1)), "F1", 4
    ),
    "date 20240230": Case(file_with(with_field(2, "EcritureDate", "20240230")), "F1", 2, "EcritureDate"),
    "date 99999999": Case(file_with(with_field(5, "PieceDate", "99999999")), "F1", 5, "PieceDate"),
    "date 00000000": Case(file_with(with_field(5, "ValidDate", "00000000")), "F1", 5, "ValidDate"),
    "a ZIP archive": Case(file_with(b"PK\x03\x04" + bytes(range(256)) * 10), "IO"),
    "random bytes with a TAB": Case(
        file_with(bytes((i * 7919) % 256 for i in range(50_000)) + b"\t\n"), "IO"
    ),
    "split part _999 alone": Case(file_with(tsv(clean_rows()), "123456782FEC20231231_999.txt"), "N1", 0),
    "part number of 14 digits": Case(
        file_with(tsv(clean_rows()), "123456782FEC20231231_99999999999999.txt"), "N1", 0
    ),
    "file name with ESC and newline": Case(
        file_with(tsv(clean_rows()), "123456782FEC20231231\x1b[31m\n.txt"), "N1", 0
    ),
    "TRA header with a superscript hour": Case(
        tra_file(
            [tra_header()[:41] + "15012023²²30" + tra_header()[53:], tra_movement(), tra_movement(sens="C")]
        ),
        "F1",
        1,
    ),
    "TRA line of 10 MB": Case(tra_file([tra_header(), tra_movement() + "x" * 10_000_000]), "IO", 2),
    "TRA amounts of 20 nines and a 31 February": Case(
        tra_file(
            [
                tra_header(),
                tra_movement(amount="9" * 20),
                tra_movement(sens="C", amount="9" * 20, date="31022023"),
            ]
        ),
        "F1",
        3,
        "date comptable",
    ),
}


def _check_result(r: ValidationResult, case: Case) -> None:
    for f in r.findings:
        for text in (f.message_en, f.message_fr, f.value, f.column):
            assert not INTERNAL.search(text), (f, text)
    if case.rule == "IO":
        assert r.unreadable and r.exit_code == 2
        (io,) = r.by_rule("IO")
        assert io.message_en.startswith("Unreadable file: ") and io.message_fr.startswith("Fichier illisible")
        if case.line is not None:
            assert io.line == case.line
        return
    assert not r.unreadable, r.findings
    found = [f for f in r.findings if f.rule == case.rule]
    assert found, (case.rule, r.counts)
    if case.line is not None:
        found = [f for f in found if f.line == case.line]
        assert found, (case.line, [(f.rule, f.line) for f in r.findings])
    if case.column is not None:
        assert any(f.column == case.column for f in found), [(f.line, f.column) for f in found]
    assert all(isinstance(f.line, int) and f.line >= 0 for f in r.findings)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    path = case.make(tmp_path)
    r = validate_file(path)
    _check_result(r, case)
    json.dumps(r.to_json())  # the result always serialises

    human = runner.invoke(app, ["validate", str(path), "--no-config"])
    assert human.exit_code == r.exit_code, human.output
    assert not INTERNAL.search(human.output) and not TERMINAL_CONTROL.search(human.output.replace("\n", ""))
    if r.exit_code == 2:
        (only,) = human.output.strip().splitlines()
        assert only.startswith("cegid-loop validate: ") and "Unreadable file" in only

    as_json = runner.invoke(app, ["validate", str(path), "--no-config", "--json"])
    assert as_json.exit_code == r.exit_code
    data = json.loads(as_json.stdout)
    assert data["exit_code"] == r.exit_code and data["counts"] == r.counts
    assert not INTERNAL.search(as_json.stdout)

    try:
        ensure_valid(path, config=False)
    except InvalidImportFile as exc:
        assert (
            not r.ok
            and not INTERNAL.search(str(exc))
            and not TERMINAL_CONTROL.search(str(exc).replace("\n", ""))
        )
    else:
        assert r.ok


def test_totals_beyond_decimal_precision_format_exactly() -> None:
    units = 10**40 + 123_456  # 41 digits in millionths: Decimal's 28-digit context would round, then raise
    assert format_fr(units) == "10000000000000000000000000000000000,123456"
    assert str(to_decimal(-units)) == "-10000000000000000000000000000000000.123456"
    assert format_fr(1_230_000) == "1,23" and format_fr(0) == "0,00"


def test_many_maximal_amounts_sum_without_error(tmp_path: Path) -> None:
    """999 999 999 999 999,99 (15 digits) is the largest legal amount; sums of it stay exact."""
    top = "999999999999999,99"
    rows = [row for n in range(1, 5001) for row in entry_lines(str(n), amount=top)]
    path = tmp_path / GOOD_NAME
    path.write_bytes(tsv(rows))
    r = validate_file(path, rules="all,-C")
    assert r.ok and r.counts == {}
    assert r.stats["total_debit"] == "4999999999999999950.00"
