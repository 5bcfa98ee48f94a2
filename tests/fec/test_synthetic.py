"""Synthetic FEC files for every case the real samples lack; each yields its rule id at the right line.

Data row i of the list given to the `fec` builder is physical line i + 2 (line 1 is the header).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cegid_loop.fec import validate_file

from .conftest import LEGAL_18, FecBuilder, clean_rows, entry_lines

MONTANT_SENS = [*LEGAL_18[:11], "Montant", "Sens", *LEGAL_18[13:]]


def _at(result, rule: str) -> list[int]:  # type: ignore[no-untyped-def]
    return [f.line for f in result.findings if f.rule == rule]


def test_clean_file_has_no_finding(fec: FecBuilder) -> None:
    r = validate_file(fec())
    assert r.counts == {}
    assert r.ok and r.exit_code == 0 and r.kind == "fec"
    assert (r.stats["lines"], r.stats["entries"], r.stats["journals"]) == (6, 3, 1)
    assert r.stats["total_debit"] == r.stats["total_credit"] == "360.00"


@pytest.mark.parametrize(
    ("newline", "name"), [("\r\n", "CRLF"), ("\r", "CR"), ("\r\r\n", "CRCRLF"), ("\n", "LF")]
)
def test_line_endings(fec: FecBuilder, newline: str, name: str) -> None:
    rows = clean_rows()
    rows[3]["EcritureDate"] = "2023-01-03"  # data row 3 -> line 5
    r = validate_file(fec(rows, newline=newline))
    assert r.counts == {"F1": 1}
    assert _at(r, "F1") == [5]
    assert r.stats["line_ending"] == name and r.stats["lines"] == 6


def test_montant_sens_variant(fec: FecBuilder) -> None:
    rows = []
    for row in clean_rows():
        debit = row["Debit"] != "0,00"
        rows.append(
            {**row, "Montant": row["Debit"] if debit else row["Credit"], "Sens": "D" if debit else "C"}
        )
    rows[1]["Sens"] = "-1"  # same meaning as C
    rows[2]["Sens"] = "+1"
    clean = validate_file(fec(rows, header=MONTANT_SENS))
    assert clean.counts == {}
    assert clean.stats["variant"] == "18-montant-sens"
    assert clean.stats["total_debit"] == clean.stats["total_credit"] == "360.00"
    rows[3]["Sens"] = "D"  # line 5: entry 2 now has two debits
    r = validate_file(fec(rows, header=MONTANT_SENS))
    assert r.counts == {"B2": 1, "B3": 1}
    assert _at(r, "B2") == [4] and _at(r, "B3") == [0]
    rows[4]["Sens"] = "X"  # line 6: direction unknown, so entry 3 and the file total get no verdict
    r = validate_file(fec(rows, header=MONTANT_SENS))
    assert r.counts == {"F3": 1, "B2": 1}
    assert _at(r, "F3") == [6] and _at(r, "B2") == [4]


def test_ba_tresorerie_21_columns(fec: FecBuilder) -> None:
    header = [*LEGAL_18, "DateRglt", "ModeRglt", "NatOp"]
    rows = [{**row, "DateRglt": row["EcritureDate"], "ModeRglt": "VIR"} for row in clean_rows()]
    rows[2]["DateRglt"] = ""  # line 4
    rows[3]["JournalCode"] = ""  # line 5: may be blank in BA/BNC
    rows[3]["JournalLib"] = ""
    r = validate_file(fec(rows, header=header))
    assert r.stats["variant"] == "21"
    assert r.counts == {"F5": 1, "B2": 2}  # the blank JournalCode makes line 5 its own entry ("", "2")
    f5 = r.by_rule("F5")
    assert (f5[0].line, f5[0].column) == (4, "DateRglt")


def test_iso_8859_15_accents(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[0]["EcritureLib"] = "Écriture réglée 100 € œuvre"
    rows[1]["CompteLib"] = "Prestations à l'étranger"
    path = fec(rows, encoding="iso-8859-15")
    assert b"\xa4" in path.read_bytes()  # the euro sign of ISO-8859-15
    r = validate_file(path)
    assert r.counts == {}
    assert r.stats["encoding"] == "iso-8859-15"
    rows[2]["EcritureLib"] = "Réglé | en €"  # line 4: a '|' in a TAB file, decoded from Latin-9
    r = validate_file(fec(rows, encoding="iso-8859-15"))
    (s1,) = r.by_rule("S1")
    assert (s1.line, s1.column, s1.value) == (4, "EcritureLib", "Réglé | en €")


def test_windows_1252_byte_in_latin9(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[3]["EcritureLib"] = "Facture d’avoir"  # line 5, U+2019 is 0x92 in Windows-1252
    r = validate_file(fec(rows, encoding="cp1252"))
    assert r.counts == {"E1": 1}
    (e1,) = r.by_rule("E1")
    assert (e1.line, e1.column, e1.severity) == (5, "EcritureLib", "error") and "0x92" in e1.message_en


def test_mixed_encodings(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[0]["EcritureLib"] = "Réglé"  # valid UTF-8 on line 2 fixes the encoding
    path = fec(rows)
    data = path.read_bytes().replace(b"Facture 3", b"Factur\xe9 3", 1)  # Latin-1 byte on line 6
    path.write_bytes(data)
    r = validate_file(path)
    assert r.counts == {"E1": 1}
    (e1,) = r.by_rule("E1")
    assert (e1.line, e1.column) == (6, "EcritureLib") and "mixed" in e1.message_en


def test_control_character(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[4]["CompteLib"] = "Clients\x00"
    r = validate_file(fec(rows))
    assert r.counts == {"E1": 1}
    assert [(f.line, f.column) for f in r.by_rule("E1")] == [(6, "CompteLib")]


def test_utf16_is_unreadable(fec: FecBuilder) -> None:
    r = validate_file(fec(encoding="utf-16"))
    assert r.counts == {"E1": 1, "IO": 1}
    assert r.unreadable and r.exit_code == 2


def test_utf8_bom(fec: FecBuilder) -> None:
    r = validate_file(fec(bom=True))
    assert r.counts == {} and r.stats["encoding"] == "utf-8-bom"


def test_decimal_point(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[2]["Debit"] = "120.00"  # line 4
    rows[3]["Credit"] = "120.00"  # line 5
    r = validate_file(fec(rows))
    assert r.counts == {"F2": 2}  # the value is still read: entry 2 stays balanced (no B2)
    assert _at(r, "F2") == [4, 5]
    assert "decimal point" in r.by_rule("F2")[0].message_en


def test_thousands_separator(fec: FecBuilder) -> None:
    rows = [*entry_lines("1", amount="1200,00"), *entry_lines("2")]
    rows[0]["Debit"] = "1 200,00"  # line 2
    rows[1]["Credit"] = "1.200,00"  # line 3
    r = validate_file(fec(rows))
    assert r.counts == {"F2": 2}
    assert _at(r, "F2") == [2, 3]
    assert all("thousands" in f.message_en for f in r.by_rule("F2"))


def test_signed_amounts(fec: FecBuilder) -> None:
    rows = clean_rows()
    # A reversal written with signs: -120 on the debit side, 120- on the credit side.
    rows[2]["Debit"], rows[3]["Credit"] = "-120,00", "120,00-"
    rows[4]["Debit"], rows[5]["Credit"] = "+120,00", "120,00+"
    r = validate_file(fec(rows))
    assert r.counts == {}
    assert r.stats["total_debit"] == r.stats["total_credit"] == "120.00"
    rows[0]["Debit"] = "-120,00-"  # line 2: sign on both sides
    rows[1]["Credit"] = "1-20,00"  # line 3
    r = validate_file(fec(rows))
    assert r.counts == {"F2": 2}  # unreadable amounts: no balance verdict for entry 1
    assert _at(r, "F2") == [2, 3]
    assert "both" in r.by_rule("F2")[0].message_en


def test_unbalanced_entry(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[3]["Credit"] = "100,00"  # entry 2 (lines 4-5) is 20,00 short
    r = validate_file(fec(rows))
    assert r.counts == {"B2": 1, "B3": 1}
    (b2,) = r.by_rule("B2")
    assert (b2.line, b2.value) == (4, "VE/2")
    assert "20,00" in b2.message_en
    assert _at(r, "B3") == [0]


def test_non_contiguous_entries(fec: FecBuilder) -> None:
    a, b, c = entry_lines("1"), entry_lines("2"), entry_lines("3")
    rows = [a[0], b[0], a[1], b[1], c[0], c[1]]
    balanced = validate_file(fec(rows))
    assert balanced.counts == {}  # keyed by (JournalCode, EcritureNum), not by contiguity
    extra = {**a[1], "Credit": "20,00"}
    rows = [a[0], b[0], b[1], {**a[1], "Credit": "90,00"}, c[0], c[1], extra]  # entry 1: 120 - 110
    r = validate_file(fec(rows))
    assert r.counts == {"B2": 1, "B3": 1}
    (b2,) = r.by_rule("B2")
    assert (b2.line, b2.value) == (2, "VE/1")


def test_wrong_field_count(fec: FecBuilder) -> None:
    rows: list[dict[str, str] | str] = list(clean_rows())
    rows[1] = "\t".join(rows[1].get(h, "") for h in LEGAL_18[:-1])  # type: ignore[union-attr]  # line 3: 17
    rows[2] = "\t".join(rows[2].get(h, "") for h in LEGAL_18) + "\textra"  # type: ignore[union-attr]  # 19
    rows.insert(4, "")  # line 6: empty
    rows[6]["EcritureDate"] = "20231301"  # type: ignore[index]  # line 8: still checked after them
    r = validate_file(fec(rows))
    s3 = r.by_rule("S3")
    assert [f.line for f in s3] == [3, 4, 6]
    assert "17 fields" in s3[0].message_en and "19 fields" in s3[1].message_en and "Empty" in s3[2].message_en
    assert _at(r, "F1") == [8]
    # lines 3 and 4 are left out: entries 1 and 2 (and the file total) get no balance verdict
    assert r.counts == {"S3": 3, "F1": 1}


def test_separator_inside_field(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[4]["EcritureLib"] = "Facture 3 | avoir"  # line 6
    r = validate_file(fec(rows))
    assert r.counts == {"S1": 1}
    (s1,) = r.by_rule("S1")
    assert (s1.line, s1.column) == (6, "EcritureLib")
    # In a pipe file the same '|' adds a field: S3 at that line.
    r = validate_file(fec(rows, sep="|"))
    assert r.counts == {"S3": 1}
    (s3,) = r.by_rule("S3")
    assert s3.line == 6 and "separator inside" in s3.message_en


def test_line_with_the_other_separator(fec: FecBuilder) -> None:
    rows: list[dict[str, str] | str] = list(clean_rows())
    rows[0] = "|".join(rows[0].get(h, "") for h in LEGAL_18)  # type: ignore[union-attr]  # line 2
    r = validate_file(fec(rows))
    assert _at(r, "S1") == [2]
    assert r.counts == {"S1": 1}


def test_trailing_separator(fec: FecBuilder) -> None:
    clean = validate_file(fec(sep="|", trailing_sep=True))
    assert clean.counts == {"S3": 1} and clean.by_rule("S3")[0].severity == "info"
    rows: list[dict[str, str] | str] = list(clean_rows())
    rows[2] = "|".join(rows[2].get(h, "") for h in LEGAL_18)  # type: ignore[union-attr]  # line 4: missing
    r = validate_file(fec(rows, sep="|", trailing_sep=True))
    assert [(f.line, f.severity) for f in r.by_rule("S3")] == [(1, "info"), (4, "error")]
    assert "missing trailing separator" in r.by_rule("S3")[1].message_en


def test_padded_fixed_width(fec: FecBuilder) -> None:
    rows = [
        {k: (v.rjust(13, "0") if k in ("Debit", "Credit") else v.ljust(20)) for k, v in row.items()}
        for row in clean_rows()
    ]
    r = validate_file(fec(rows, sep="|"))
    assert r.counts == {}
    rows[5]["EcritureLib"] = " " * 20  # line 7: blank once the padding is removed
    r = validate_file(fec(rows, sep="|"))
    assert r.counts == {"F5": 1} and _at(r, "F5") == [7]


def test_split_files(fec: FecBuilder, tmp_path: Path) -> None:
    a, b = entry_lines("1"), entry_lines("2")
    part1 = fec([*a, b[0]], name="123456782FEC20231231_1.txt")  # entry 2 starts in part 1 ...
    bad = {**entry_lines("3")[0], "EcritureDate": "20230231"}
    fec([b[1], bad, entry_lines("3")[1]], name="123456782FEC20231231_2.txt")  # ... and ends in part 2
    r = validate_file(part1)
    assert r.parts == ["123456782FEC20231231_1.txt", "123456782FEC20231231_2.txt"]
    assert r.counts == {"F1": 1}  # entry 2 balances across the parts
    (f1,) = r.by_rule("F1")
    assert (f1.file, f1.line) == ("123456782FEC20231231_2.txt", 3)
    assert r.stats["entries"] == 3 and r.stats["lines"] == 6
    # Validating part 2 validates the set as well.
    assert validate_file(tmp_path / "123456782FEC20231231_2.txt").counts == {"F1": 1}


def test_split_files_missing_part_and_header(fec: FecBuilder) -> None:
    part1 = fec(entry_lines("1"), name="123456782FEC20231231_1.txt")
    fec(
        entry_lines("2"),
        name="123456782FEC20231231_3.txt",
        header=[*LEGAL_18[:16], "MontantDevise", "Idevise"],
    )
    r = validate_file(part1)
    assert r.parts == ["123456782FEC20231231_1.txt", "123456782FEC20231231_3.txt"]
    (n1,) = r.by_rule("N1")
    assert n1.value == "_2" and "missing" in n1.message_en
    s2 = r.by_rule("S2")
    assert [(f.file, f.line) for f in s2] == [("123456782FEC20231231_3.txt", 1)] * 2
    assert r.counts == {"N1": 1, "S2": 2}  # the header differs from part 1's, and in case from the law


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\r\r\n"])
def test_multi_block_file_line_numbers(fec: FecBuilder, newline: str) -> None:
    rows = clean_rows(3000)  # 6000 lines, ~700 KB: many read blocks, terminators cut at their edges
    rows[4321]["Debit"] = "12.5"  # line 4323, far beyond the first block
    rows[5000]["CompteNum"] = "ABC"  # line 5002
    rows[5999]["Credit"] = "1,00"  # line 6001, entry 3000 (lines 6000-6001) unbalanced
    r = validate_file(fec(rows, newline=newline))
    assert r.counts == {"F2": 1, "F4": 1, "B2": 2, "B3": 1}
    assert _at(r, "F2") == [4323] and _at(r, "F4") == [5002]
    assert _at(r, "B2") == [4322, 6000]  # 12.5 is read: entry 2161 is 107,50 short
    assert r.stats["lines"] == 6000 and r.stats["entries"] == 3000


def test_semicolon_separator(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[0]["EcritureDate"] = "2023"
    r = validate_file(fec(rows, sep=";"))
    assert r.counts == {"S1": 1, "F1": 1}
    assert _at(r, "S1") == [1] and _at(r, "F1") == [2]


def test_headerless_file(fec: FecBuilder) -> None:
    rows = clean_rows()
    path = fec(rows[1:], raw_header="\t".join(rows[0].get(h, "") for h in LEGAL_18))
    r = validate_file(path)
    assert _at(r, "S2") == [1]
    assert r.stats["lines"] == 6 and r.counts == {"S2": 1}


def test_header_problems(fec: FecBuilder) -> None:
    header = [*LEGAL_18]
    header[0], header[1] = header[1], header[0]  # JournalLib first
    header[10] = "Libelle"
    r = validate_file(fec(header=header))
    s2 = r.by_rule("S2")
    assert r.counts == {"S2": 4}  # a missing column is reported once, not on every line
    assert {f.column for f in s2} == {"EcritureLib", "JournalLib", "JournalCode", "Libelle"}


@pytest.mark.parametrize(
    ("column", "value", "rule"),
    [
        ("EcritureDate", "2023-01-15", "F1"),
        ("PieceDate", "20230230", "F1"),
        ("CompteNum", "4A1000", "F4"),
        ("EcritureLib", "", "F5"),
        ("PieceRef", "", "F5"),
        ("EcritureNum", "", "F5"),
    ],
)
def test_field_formats(fec: FecBuilder, column: str, value: str, rule: str) -> None:
    rows = clean_rows()
    rows[0][column] = value
    rows[1][column] = value  # both lines of entry 1 (lines 2 and 3)
    r = validate_file(fec(rows))
    assert _at(r, rule) == [2, 3]
    assert r.counts == {rule: 2}


def test_b1_one_side_per_line(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[0]["Credit"] = "10,00"  # line 2: both sides
    rows[1]["Credit"] = "110,00"
    rows.insert(2, {**rows[1], "Credit": "0,00"})  # line 4: both zero
    r = validate_file(fec(rows))
    assert r.counts == {"B1": 2}
    assert _at(r, "B1") == [2, 4]


def test_c1_validation_order(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[4]["ValidDate"] = rows[5]["ValidDate"] = "20230102"  # lines 6-7 validated before lines 4-5
    r = validate_file(fec(rows))
    assert r.counts == {"C1": 1} and _at(r, "C1") == [6]


def test_c2_numbering_gap(fec: FecBuilder) -> None:
    rows = [*entry_lines("1"), *entry_lines("2"), *entry_lines("5"), *entry_lines("6")]
    r = validate_file(fec(rows))
    assert r.counts == {"C2": 1}
    (c2,) = r.by_rule("C2")
    assert c2.line == 6 and "3 to 4 missing" in c2.message_en


def test_c2_per_journal_numbering_is_fine(fec: FecBuilder) -> None:
    rows = [
        *entry_lines("1"),
        *entry_lines("1", journal="AC"),
        *entry_lines("2"),
        *entry_lines("2", journal="AC"),
    ]
    assert validate_file(fec(rows)).counts == {}


def test_c3_opening_entries_not_first(fec: FecBuilder) -> None:
    opening = [{**row, "JournalCode": "AN", "JournalLib": "A nouveaux"} for row in entry_lines("4")]
    rows = [*clean_rows(), *opening]
    r = validate_file(fec(rows))
    assert r.counts == {"C3": 1} and _at(r, "C3") == [8]


def test_c4_outside_fiscal_year(fec: FecBuilder) -> None:
    rows = clean_rows()
    for row in rows[4:]:
        row["EcritureDate"] = row["PieceDate"] = "20240105"
    r = validate_file(fec(rows))
    assert r.counts == {"C4": 2} and _at(r, "C4") == [6, 7]


def test_c5_lettering(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[0]["EcritureLet"] = "AA"  # line 2: no DateLet
    rows[2]["EcritureLet"], rows[2]["DateLet"] = "AB", "20230101"  # line 4: lettered before its date
    rows[4]["DateLet"] = "20230201"  # line 6: DateLet without EcritureLet
    r = validate_file(fec(rows))
    assert r.counts == {"C5": 3} and _at(r, "C5") == [2, 4, 6]


def test_c6_currency(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[0]["Montantdevise"] = "130,00"  # line 2: no Idevise
    rows[2]["Montantdevise"], rows[2]["Idevise"] = "130,00", "USD"  # line 4: fine
    rows[4]["Montantdevise"], rows[4]["Idevise"] = "130,00", "EURO"  # line 6: not ISO 4217
    rows[5]["Montantdevise"] = "13.0"  # line 7: F2 and no Idevise
    r = validate_file(fec(rows))
    assert r.counts == {"C6": 3, "F2": 1}
    assert _at(r, "C6") == [2, 6, 7] and _at(r, "F2") == [7]


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("123456782FEC20231231.txt", {}),
        ("123456782FEC20231231_1.TXT", {}),
        ("123456789FEC20231231.txt", {"N2": 1}),
        ("12345678FEC20231231.txt", {"N1": 1}),
        ("123456782FEC20231331.txt", {"N1": 1}),
        ("ecritures.txt", {"N1": 1}),
    ],
)
def test_file_names(fec: FecBuilder, name: str, counts: dict[str, int]) -> None:
    r = validate_file(fec(name=name))
    assert r.counts == counts


def test_header_only_file(fec: FecBuilder) -> None:
    r = validate_file(fec([]))
    assert r.counts == {"S3": 1} and r.exit_code == 1


def test_unreadable_files(tmp_path: Path) -> None:
    empty = tmp_path / "123456782FEC20231231.txt"
    empty.write_bytes(b"")
    assert validate_file(empty).exit_code == 2
    xml = tmp_path / "123456782FEC20231231.xml"
    xml.write_text('<?xml version="1.0"?><comptabilite/>')
    r = validate_file(xml)
    assert r.unreadable and "XML" in r.findings[0].message_en
    missing = validate_file(tmp_path / "nope.txt")
    assert missing.exit_code == 2 and missing.counts == {"IO": 1}
    text = tmp_path / "notes.txt"
    text.write_text("hello world\n")
    assert validate_file(text).exit_code == 2
    binary = tmp_path / "123456782FEC20231231.bin"
    binary.write_bytes(b"JournalCode\t" + b"\x01" * (3 << 20))  # 3 MB without a line break
    r = validate_file(binary)
    assert r.exit_code == 2 and "line too long" in r.by_rule("IO")[0].message_en


def test_rule_selection_and_strict(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[3]["Credit"] = "100,00"  # B2 + B3 errors
    rows[0]["EcritureLet"] = "AA"  # C5 warning
    path = fec(rows)
    assert validate_file(path).counts == {"B2": 1, "B3": 1, "C5": 1}
    assert validate_file(path, rules="B2").counts == {"B2": 1}
    assert validate_file(path, rules=["C"]).counts == {"C5": 1}
    only_c = validate_file(path, rules="all,-B")
    assert only_c.counts == {"C5": 1} and only_c.exit_code == 0
    assert validate_file(path, rules="C5", strict=True).exit_code == 1
    assert validate_file(path, rules="C5", strict=True).findings[0].severity == "error"


def test_findings_are_capped_but_counted(fec: FecBuilder) -> None:
    rows = clean_rows(50)
    for row in rows:
        row["EcritureLet"] = "AA"
    r = validate_file(fec(rows), max_findings_per_rule=10)
    assert r.counts == {"C5": 100} and len(r.findings) == 10 and r.omitted == {"C5": 90}
    assert r.warnings == 100


def test_non_ascii_digits_are_not_numbers(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[0]["Debit"] = "١٢٠,٠٠"  # Arabic-Indic digits: int() would read them, the law does not
    rows[2]["EcritureDate"] = "２０２３０１０３"  # fullwidth digits, line 4
    r = validate_file(fec(rows))
    assert r.counts == {"F2": 1, "F1": 1}
    assert _at(r, "F2") == [2] and _at(r, "F1") == [4]


def test_open_entries_are_bounded(fec: FecBuilder, monkeypatch: pytest.MonkeyPatch) -> None:
    import cegid_loop.fec.entries as entries

    monkeypatch.setattr(entries, "MAX_OPEN", 2)
    rows = clean_rows(5)
    for i in (0, 2, 4, 6):  # entries 1-4 lose their credit line's amount
        rows[i + 1]["Credit"] = "100,00"
    r = validate_file(fec(rows))
    # Entries 1 and 2 are pushed out while 3 and 4 open, and reported all the same.
    assert _at(r, "B2") == [2, 4, 6, 8]
    assert r.counts == {"B2": 4, "B3": 1}
