"""Cegid TRA: header record, STD (222) and ETE (1280, version 008) movement lines, other records.

No real TRA file is public (samples/README.md): every file here is synthetic, built field by field at the
positions of tra-format.md.
"""

from __future__ import annotations

import pytest

from cegid_loop.fec import validate_file

from .conftest import TraBuilder, tra_field, tra_header, tra_movement


def _piece(n: str, *, ete: bool = False, amount: str = "120,00", **kw: str) -> list[str]:
    return [
        tra_movement(piece=n, ete=ete, amount=amount, sens="D", **kw),
        tra_movement(piece=n, ete=ete, amount=amount, sens="C", general="70600000", type=" ", aux="", **kw),
    ]


def _at(result, rule: str) -> list[int]:  # type: ignore[no-untyped-def]
    return [f.line for f in result.findings if f.rule == rule]


def test_clean_std_file(tra: TraBuilder) -> None:
    r = validate_file(
        tra([tra_header("STD", "007"), *_piece("1"), *_piece("2", amount="0000000000000099,99")])
    )
    assert r.kind == "tra"
    assert r.counts == {}
    assert r.stats["movements"] == 4 and r.stats["entries"] == 2 and r.stats["total_debit"] == "219.99"
    assert r.stats["header"]["origine"] == "CLI" and r.stats["format"] == "STD"


def test_clean_ete_008_file(tra: TraBuilder) -> None:
    r = validate_file(tra([tra_header("ETE", "008"), *_piece("1", ete=True)]))
    assert r.counts == {}


def test_ete_other_version_is_said_not_guessed(tra: TraBuilder) -> None:
    r = validate_file(tra([tra_header("ETE", "011"), *_piece("1", ete=True), *_piece("2", ete=True)]))
    assert r.counts == {"T2": 1}
    (note,) = r.findings
    assert note.severity == "info" and note.line == 2 and "version 008" in note.message_en


def test_movement_field_errors(tra: TraBuilder) -> None:
    lines = [
        tra_header(),
        tra_movement(date="31022023"),  # line 2: F1
        tra_movement(sens="X", general="70600000", type=" ", aux=""),  # line 3: F3, piece 1 unknown sens
        tra_movement(piece="2", amount="120.00"),  # line 4: F2 decimal point
        tra_movement(piece="2", sens="C", nature="ZZ", amount="120,00"),  # line 5: T1
        tra_movement(piece="3", general="ABC"),  # line 6: F4
        tra_movement(piece="3", sens="C", type="X", aux=""),  # line 7: F5 (tiers without account)
        tra_movement(piece="4", length=200),  # line 8: S3 short line
    ]
    r = validate_file(tra(lines))
    assert _at(r, "F1") == [2]
    assert _at(r, "F3") == [3]
    assert _at(r, "F2") == [4]
    assert _at(r, "T1") == [5]
    assert _at(r, "F4") == [6]
    assert _at(r, "F5") == [7]
    assert _at(r, "S3") == [8]
    # A piece is keyed by journal + date + number: line 2 (other date) is alone. Pieces with Sens X
    # (line 3) and 120.00 (line 4) get no balance verdict, nor the file total; piece 4 has one line.
    assert _at(r, "B2") == [2, 8]
    assert r.counts == {"F1": 1, "F3": 1, "F2": 1, "T1": 1, "F4": 1, "F5": 1, "S3": 1, "B2": 2}


def test_unbalanced_piece_and_analytic_lines(tra: TraBuilder) -> None:
    analytic = tra_movement(piece="1", type="A", aux="SECT01", amount="120,00")
    chars = list(analytic)
    tra_field(chars, 219, "A1")
    lines = [
        tra_header(),
        *_piece("1"),
        "".join(chars),
        tra_movement(piece="2"),
        tra_movement(piece="2", sens="C", amount="100,00"),
    ]
    r = validate_file(tra(lines))
    assert r.counts == {"B2": 1, "B3": 1}  # the analytic line repeats an amount: not in the balance
    (b2,) = r.by_rule("B2")
    assert b2.line == 5 and "20,00" in b2.message_en


def test_header_checks(tra: TraBuilder) -> None:
    r = validate_file(tra([tra_header("STD", content="BAL", origin="XYZ"), *_piece("1")]))
    assert r.counts == {"S2": 1}
    r = validate_file(tra([tra_header("ETE", "008", content="BAL"), *_piece("1", ete=True)]))
    assert r.counts == {"S2": 1} and "BAL" in r.findings[0].message_en
    short = tra_header()[:36]
    r = validate_file(tra([short, *_piece("1")]))
    assert r.counts == {"S3": 1} and r.findings[0].severity == "warning"


def test_missing_header(tra: TraBuilder) -> None:
    path = tra(_piece("1"))
    r = validate_file(path, kind="tra")
    assert r.counts == {"S2": 1} and _at(r, "S2") == [1]
    assert validate_file(path).kind == "tra"  # a 222-character line without separator: TRA


def test_records(tra: TraBuilder) -> None:
    exo = "***EXO001" + "01012023" + "31122023" + "OUV" + " " * 44
    jal = "***JAL" + "VE".ljust(3) + "Ventes".ljust(35)  # shorter than 494
    lines = [tra_header(), "***PS1" + " " * 50, exo, jal, "***ZZZ", "***PS1", *_piece("1")]
    r = validate_file(tra(lines))
    assert r.counts == {"T2": 2, "S3": 1}
    assert [(f.line, f.severity) for f in r.by_rule("T2")] == [(2, "info"), (5, "warning")]
    assert _at(r, "S3") == [4]
    assert r.stats["records"] == {"EXO": 1, "JAL": 1, "PS1": 2, "ZZZ": 1}


def test_tab_and_line_endings(tra: TraBuilder) -> None:
    lines = [tra_header(), *_piece("1")]
    lines[1] = lines[1][:100] + "\t" + lines[1][101:]
    r = validate_file(tra(lines, newline="\n"))
    assert _at(r, "S1") == [2]
    assert [(f.line, f.severity) for f in r.by_rule("T2")] == [(0, "info")]
    assert "LF" in r.by_rule("T2")[0].message_en


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_tra_encodings(tra: TraBuilder, encoding: str) -> None:
    lines = [tra_header(), *_piece("1", label="Facture réglée")]
    path = tra(lines)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    r = validate_file(path)
    if encoding == "utf-8":
        assert r.counts == {"E1": 1} and r.findings[0].severity == "info"
    else:
        assert r.counts == {} and r.stats["encoding"] == "windows-1252"


def test_ete_fields(tra: TraBuilder) -> None:
    first, second = _piece("1", ete=True)
    chars = list(first)
    tra_field(chars, 266, "32012023")  # date de création
    tra_field(chars, 386, "Y")  # TVA sur encaissements flag
    tra_field(chars, 845, "12.50".rjust(20))  # montant libre 0
    r = validate_file(tra([tra_header("ETE", "008"), "".join(chars), second]))
    assert r.counts == {"F1": 1, "T1": 1, "F2": 1}
    assert {(f.rule, f.line, f.column) for f in r.findings} == {
        ("F1", 2, "date de création"),
        ("T1", 2, "TVA sur encaissements"),
        ("F2", 2, "montant libre 0"),
    }


@pytest.mark.parametrize("newline", ["\r", "\r\r\n", "\n"])
def test_large_file_every_line_end(tra: TraBuilder, newline: str) -> None:
    """Over 1 MB: records are read in blocks, so a CR-only file (no "line" for readline) still reads, and
    a terminator cut between two blocks is still one terminator."""
    lines = [tra_header("STD", "007")]
    for n in range(1, 2501):
        lines += _piece(str(n))
    lines[3001] = tra_movement(piece="1501", sens="X")  # line 3002
    r = validate_file(tra(lines, newline=newline))
    assert r.counts.get("F3") == 1 and _at(r, "F3") == [3002]
    assert r.stats["lines"] == 5001 and r.stats["movements"] == 5000
    assert "S3" not in r.counts and "IO" not in r.counts
