"""`cegid-loop validate` through typer's CliRunner on the shared app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cegid_loop.cli.app import app

from .conftest import FecBuilder, clean_rows

runner = CliRunner()


def invoke(*args: str) -> Result:
    return runner.invoke(app, ["validate", *args])


def test_valid_file_exits_0(fec: FecBuilder) -> None:
    result = invoke(str(fec()))
    assert result.exit_code == 0, result.output
    assert "VALID" in result.output and "6 lines" in result.output


def test_invalid_file_exits_1_with_rule_and_line(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[3]["Credit"] = "100,00"
    result = invoke(str(fec(rows)), "--examples", "1")
    assert result.exit_code == 1
    assert "B2" in result.output and "line 4" in result.output and "INVALID" in result.output


def test_json_output(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[0]["EcritureDate"] = "2023-01-02"
    result = invoke(str(fec(rows)), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["counts"] == {"F1": 1} and data["exit_code"] == 1 and data["kind"] == "fec"
    (finding,) = data["findings"]
    assert finding["rule"] == "F1" and finding["line"] == 2 and finding["column"] == "EcritureDate"
    assert finding["message_fr"] and finding["message_en"]
    assert data["stats"]["lines"] == 6


def test_rules_and_strict(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[0]["EcritureLet"] = "AA"  # C5 warning only
    path = str(fec(rows))
    assert invoke(path).exit_code == 0
    assert invoke(path, "--strict").exit_code == 1
    assert invoke(path, "--strict", "--rules", "all,-C5").exit_code == 0
    result = invoke(path, "--rules", "Z9")
    assert result.exit_code == 2 and "unknown rule" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("content", [None, b"", b"hello\n", b"\xff\xfeJ\x00o\x00"])
def test_unreadable_is_one_line_exit_2(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "123456782FEC20231231.txt"
    if content is not None:
        path.write_bytes(content)
    result = invoke(str(path))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1 and str(path) in result.output


def test_french_messages_and_kind(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[0]["EcritureLib"] = ""
    result = invoke(str(fec(rows)), "--lang", "fr")
    assert "La zone obligatoire « EcritureLib » est vide." in result.output
    assert invoke(str(fec()), "--kind", "xml").exit_code == 2
    assert invoke(str(fec()), "--kind", "fec").exit_code == 0


def test_sample_refused(samples: Path) -> None:
    result = invoke(str(samples / "111111111FEC20221231.TXT"))
    assert result.exit_code == 1 and "E1" in result.output and "line 779" in result.output
