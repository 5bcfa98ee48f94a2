"""File names as Test Compta Demat accepts them (N1), and the dossier's SIREN against the name's (N3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cegid_loop.cli.app import app
from cegid_loop.fec import InvalidImportFile, check_siren, ensure_valid, validate_file
from cegid_loop.fec.filename import TCD_NAME, parse_name
from cegid_loop.fec.siren import normalize_siren

from .conftest import FecBuilder

runner = CliRunner()


@pytest.mark.parametrize(
    ("name", "severity"),
    [
        # Accepted by TCD's init.pl (`(.*)FEC(20[0-9]{2}[0-1][0-9][0-3][0-9])` on the upper-cased name,
        # non-empty prefix) but not legal text IX: a warning, the file can be imported.
        ("0000000001FEC20220831.txt", "warning"),  # 10 digits (the real sample's name)
        ("ACME-123456782FEC20231231.txt", "warning"),
        ("123456782FEC20231231_export.txt", "warning"),
        ("123456782FEC20231231.backup.txt", "warning"),
        ("123456782FEC20231331.txt", "warning"),  # month 13 fits [0-1][0-9]: TCD starts, no calendar date
        ("123456782FEC20231231_1000.txt", "warning"),  # not a part number we follow (1-999)
        # Refused by TCD: an error.
        ("FEC20231231.txt", "error"),  # nothing before FEC
        ("123456782FEC19991231.txt", "error"),  # TCD wants 20AA
        ("123456782FEC2023-12-31.txt", "error"),
        ("123456782FEC20231241.txt", "error"),  # day 41 is not [0-3][0-9]
        ("123456782_20231231.txt", "error"),
        ("ecritures.txt", "error"),
    ],
)
def test_n1_follows_test_compta_demat(fec: FecBuilder, name: str, severity: str) -> None:
    r = validate_file(fec(name=name))
    n1 = r.by_rule("N1")
    assert n1 and {f.severity for f in n1} == {severity}, [(f.severity, f.message_en) for f in n1]
    assert r.ok is (severity == "warning")
    tcd_accepts = (m := TCD_NAME.match(name.upper())) is not None and m.group(1) != ""
    assert tcd_accepts is (severity == "warning")


@pytest.mark.parametrize(
    "name",
    [
        "123456782FEC20231231.txt",
        "123456782fec20231231.TXT",
        "123456782FEC20231231_1.txt",
        "123456782FEC20231231",
    ],
)
def test_legal_names_raise_nothing(fec: FecBuilder, name: str) -> None:
    assert "N1" not in validate_file(fec(name=name)).counts


def test_ten_digit_name_can_be_imported_and_tuned(fec: FecBuilder) -> None:
    path = fec(name="0000000001FEC20220831.txt")
    r = ensure_valid(path, "fec", config=False)
    (n1,) = r.by_rule("N1")
    assert "10 digits before FEC" in n1.message_en and "Test Compta Demat accepts it" in n1.message_en
    assert validate_file(path, severities={"N1": "ignore"}).counts == {"C4": 6}  # closing 2022-08-31
    with pytest.raises(InvalidImportFile, match="N1 file, file name"):
        ensure_valid(path, "fec", severities={"N1": "error"}, config=False)


def test_parse_name() -> None:
    info = parse_name("123456782FEC20231231_2.txt")
    assert (info.siren, str(info.closing), info.part, info.prefix) == (
        "123456782",
        "2023-12-31",
        2,
        "123456782",
    )
    assert parse_name("0000000001FEC20220831.txt").siren is None
    assert parse_name("notes.txt").prefix is None
    # Like Perl's greedy (.*), the last FEC+date is the one that counts.
    assert (
        parse_name("111111111FEC20221231-123456782FEC20231231.txt").prefix == "111111111FEC20221231-123456782"
    )


@pytest.mark.parametrize(
    ("name", "dossier", "expected"),
    [
        ("123456782FEC20231231.txt", "123456782", None),
        ("123456782FEC20231231.txt", "123 456 782", None),
        ("123456782FEC20231231.txt", "12345678200017", None),  # a SIRET: its first 9 digits
        ("111111111FEC20231231.txt", "123456782", ("SIREN", "111111111", "is not the dossier's (123456782)")),
        ("0000000001FEC20220831.txt", "123456782", ("SIREN", "0000000001", "is not a 9-digit SIREN")),
        ("ecritures.txt", "123456782", ("file name", "ecritures.txt", "carries no SIREN")),
    ],
)
def test_check_siren(tmp_path: Path, name: str, dossier: str, expected: tuple[str, str, str] | None) -> None:
    finding = check_siren(tmp_path / name, dossier)  # the name only: the file need not exist
    if expected is None:
        assert finding is None
        return
    assert finding is not None
    column, value, text = expected
    assert (finding.rule, finding.severity, finding.line, finding.column, finding.value, finding.file) == (
        "N3",
        "warning",
        0,
        column,
        value,
        name,
    )
    assert text in finding.message_en and finding.message_fr


@pytest.mark.parametrize("bad", ["12345678", "1234567890", "12345678A", "", "١٢٣٤٥٦٧٨٢"])
def test_malformed_dossier_siren_is_a_clear_value_error(bad: str) -> None:
    with pytest.raises(ValueError, match="a SIREN is 9 digits"):
        normalize_siren(bad)
    with pytest.raises(ValueError, match=repr(bad).replace("\\", "\\\\")):
        check_siren("123456782FEC20231231.txt", bad)


def test_siren_in_validation_and_import_gate(fec: FecBuilder) -> None:
    path = fec(name="111111111FEC20231231.txt")
    assert "N3" not in validate_file(path).counts  # no dossier SIREN given: nothing to compare
    r = validate_file(path, siren="123456782")
    (n3,) = r.by_rule("N3")
    assert r.ok and n3.severity == "warning" and n3.value == "111111111"
    assert ensure_valid(path, "fec", siren="123456782", config=False).warnings == 2  # N2 (Luhn) + N3
    with pytest.raises(InvalidImportFile, match="N3 file, SIREN"):
        ensure_valid(path, "fec", siren="123456782", severities={"N3": "error"}, config=False)
    out = runner.invoke(app, ["validate", str(path), "--no-config", "--siren", "123456782"])
    assert out.exit_code == 0 and "N3" in out.output and "is not the dossier's (123456782)" in out.output
