"""The four real FEC files of shared/fec/samples: each gets exactly the findings its README predicts.

Beyond what the README spells out, two findings follow from rule N2 applied to the file names (computed,
not guessed): SIREN 111111111 and 123456789 fail the Luhn key (digit sums 13 and 47).
"""

from __future__ import annotations

from pathlib import Path

from cegid_loop.fec import validate_file
from cegid_loop.fec.filename import luhn_ok


def _lines(result_findings: list, rule: str) -> list[int]:  # type: ignore[type-arg]
    return [f.line for f in result_findings if f.rule == rule]


def test_siren_keys_used_below() -> None:
    assert not luhn_ok("111111111")
    assert not luhn_ok("123456789")
    assert luhn_ok("000000000")


def test_pipe_fixed_width_dos_byte(samples: Path) -> None:
    """111111111FEC20221231.TXT: pipe, trailing '|', padded zones, CP850 byte, entries after closing,
    à-nouveaux entry numbered 192 of 248."""
    r = validate_file(samples / "111111111FEC20221231.TXT", max_findings_per_rule=None)
    assert r.counts == {"N2": 1, "E1": 6, "S2": 1, "S3": 1, "C3": 1, "C4": 934}
    assert r.exit_code == 1 and not r.ok
    e1 = r.by_rule("E1")
    assert [f.line for f in e1] == [779, 780, 781, 807, 808, 809]
    assert {f.column for f in e1} == {"EcritureLib"}
    assert {f.severity for f in e1} == {"error"}
    assert e1[0].value.startswith("CREATø MAQUETTE") and "0xF8" in e1[0].message_en
    assert e1[3].value.startswith("SIMULATø LICHEN")
    (s2,) = r.by_rule("S2")
    assert (s2.line, s2.column, s2.severity) == (1, "MontantDevise", "warning")
    (s3,) = r.by_rule("S3")
    assert (s3.line, s3.severity) == (1, "info")
    (c3,) = r.by_rule("C3")
    assert (c3.line, c3.value) == (730, "AN")
    assert _lines(r.findings, "C4") == list(range(2, 936))
    (n2,) = r.by_rule("N2")
    assert (n2.line, n2.value) == (0, "111111111")
    s = r.stats
    assert (s["lines"], s["entries"], s["journals"]) == (934, 248, 9)
    assert s["encoding"] == "iso-8859-15" and s["separator"] == "|" and s["trailing_separator"] is True
    assert s["total_debit"] == s["total_credit"] == "225682.23"


def test_bnc_tresorerie_constant_number(samples: Path) -> None:
    """000000000FEC20231231.txt: 22 columns, EcritureNum always 0, ValidDate empty, AD block last."""
    r = validate_file(samples / "000000000FEC20231231.txt", max_findings_per_rule=None)
    assert r.counts == {"N2": 1, "F5": 2102, "C2": 1, "C3": 1, "C4": 422}
    f5 = r.by_rule("F5")
    assert [f.line for f in f5] == list(range(2, 2104))
    assert {f.column for f in f5} == {"ValidDate"}
    (c2,) = r.by_rule("C2")
    assert (c2.line, c2.column, c2.value) == (2, "EcritureNum", "0")
    (c3,) = r.by_rule("C3")
    assert (c3.line, c3.value) == (1648, "AD")
    c4 = r.by_rule("C4")
    assert len(c4) == 422 and all(f.value < "20230101" for f in c4)
    assert sum(f.value < "20220101" for f in c4) == 7
    (n2,) = r.by_rule("N2")
    assert n2.value == "000000000" and "placeholder" in n2.message_en
    assert r.stats["variant"] == "22" and r.stats["lines"] == 2102 and r.stats["journals"] == 6


def test_bom_ten_digit_siren_scattered_entries(samples: Path) -> None:
    """0000000001FEC20220831.txt: UTF-8 BOM, 10 digits before FEC (a warning only: Test Compta Demat
    accepts it), entries not contiguous (no false B2), EcritureLet without DateLet."""
    path = samples / "excerpts" / "0000000001FEC20220831.txt"
    r = validate_file(path)
    assert r.counts == {"N1": 1, "C5": 90}
    (n1,) = r.by_rule("N1")
    # Test Compta Demat accepts any prefix before FEC (init.pl): a warning, so the file can be imported.
    assert n1.severity == "warning" and "10 digits" in n1.message_en and n1.value == "0000000001"
    assert r.ok and r.exit_code == 0
    # Independent reading: the lines whose EcritureLet (field 14) is set, DateLet (15) being always empty.
    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    expected = [i for i, line in enumerate(lines[1:], start=2) if line.split("\t")[13]]
    assert len(expected) == 90
    assert [f.line for f in r.by_rule("C5")] == expected
    assert r.stats["encoding"] == "utf-8-bom"
    assert (r.stats["lines"], r.stats["entries"], r.stats["journals"]) == (405, 90, 2)


def test_cr_cr_lf(samples: Path) -> None:
    """123456789FEC20500930.txt: CR CR LF terminators read as one, closing date 2050 (fictitious)."""
    r = validate_file(samples / "excerpts" / "123456789FEC20500930.txt")
    assert r.counts == {"N1": 1, "N2": 1, "C4": 403}
    assert r.exit_code == 0 and r.ok
    (n1,) = r.by_rule("N1")
    assert n1.severity == "warning" and n1.value == "20500930"
    assert [f.line for f in r.by_rule("C4")] == list(range(2, 405))
    s = r.stats
    assert s["line_ending"] == "CRCRLF"
    assert (s["lines"], s["entries"], s["journals"]) == (403, 36, 2)


def test_every_sample_reads_without_crash(samples: Path) -> None:
    files = sorted(p for p in samples.rglob("*") if p.suffix.lower() == ".txt")
    assert len(files) == 4
    for path in files:
        r = validate_file(path)
        assert r.kind == "fec" and not r.unreadable, path
        assert "B2" not in r.counts and "B3" not in r.counts, path  # every sample is balanced
