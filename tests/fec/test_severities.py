"""Per-rule severities: resolution rules, their effect on results, ensure_valid and the CLI flags."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cegid_loop.cli.app import app
from cegid_loop.fec import InvalidImportFile, RuleSelectionError, SeverityError, ensure_valid, validate_file
from cegid_loop.fec.severities import from_lists, resolve

from .conftest import FecBuilder, clean_rows

runner = CliRunner()


def test_resolve_expands_groups_and_ids_win() -> None:
    levels = resolve({"C4": "ignore", "C": "error", "n1": "WARN"})
    assert levels == {
        "C1": "error",
        "C2": "error",
        "C3": "error",
        "C4": "ignore",
        "C5": "error",
        "C6": "error",
        "N1": "warning",
    }
    assert resolve([("F4", "off"), ("B1", "info")]) == {"F4": "ignore", "B1": "info"}
    assert resolve(from_lists(warning=["N1,F4", "S2"], ignore=None)) == {
        "N1": "warning",
        "F4": "warning",
        "S2": "warning",
    }


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"Z9": "warning"}, "unknown rule 'Z9'"),
        ({"N1": "loud"}, "unknown severity 'loud'"),
        ({"IO": "warning"}, "IO (file unreadable) cannot be changed"),
        ([("N1", "warning"), ("N1", "error")], "N1 is set to both 'warning' (N1) and 'error' (N1)"),
        ([("C", "warning"), ("C", "ignore")], "C1 is set to both"),
    ],
)
def test_resolve_refuses_what_it_cannot_honour(settings: object, message: str) -> None:
    with pytest.raises(SeverityError, match=re.escape(message)) as info:
        resolve(settings)  # type: ignore[arg-type]
    assert isinstance(info.value, RuleSelectionError) and isinstance(info.value, ValueError)


def _f1_and_c5(fec: FecBuilder) -> Path:
    rows = clean_rows()
    rows[0]["EcritureDate"] = "2023-01-02"  # F1 error, line 2
    rows[2]["EcritureLet"] = "AA"  # C5 warning, line 4
    return fec(rows)


def test_levels_change_severities_and_verdict(fec: FecBuilder) -> None:
    path = _f1_and_c5(fec)
    base = validate_file(path)
    assert (base.errors, base.warnings, base.exit_code) == (1, 1, 1)

    demoted = validate_file(path, severities={"F1": "warning"})
    assert demoted.ok and (demoted.errors, demoted.warnings) == (0, 2)
    assert demoted.by_rule("F1")[0].severity == "warning" and demoted.severities == {"F1": "warning"}

    promoted = validate_file(path, severities={"F1": "warning", "C5": "error"})
    assert not promoted.ok and promoted.by_rule("C5")[0].severity == "error"

    ignored = validate_file(path, severities={"F1": "ignore"})
    assert ignored.ok and "F1" not in ignored.counts and "F1" not in ignored.rules

    as_info = validate_file(path, severities={"F": "info", "C5": "info"})
    assert as_info.ok and (as_info.errors, as_info.warnings, as_info.infos) == (0, 0, 2)
    assert as_info.to_json()["severities"] == {f"F{i}": "info" for i in range(1, 6)} | {"C5": "info"}


def test_explicit_level_wins_over_strict_and_infos_stay_infos(fec: FecBuilder) -> None:
    path = _f1_and_c5(fec)
    strict = validate_file(path, strict=True, severities={"F1": "warning"})
    assert strict.by_rule("F1")[0].severity == "warning"  # said explicitly: strict does not undo it
    assert strict.by_rule("C5")[0].severity == "error"  # no setting: strict applies
    rows = clean_rows()
    trailing = validate_file(fec(rows, trailing_sep=True), severities={"S3": "error"})
    assert trailing.ok and trailing.by_rule("S3")[0].severity == "info"  # a note is never a problem


def test_counted_but_not_kept_findings_follow_the_level(fec: FecBuilder) -> None:
    rows = clean_rows(20)
    for row in rows:
        row["EcritureLet"] = "AA"
    r = validate_file(fec(rows), max_findings_per_rule=3, severities={"C5": "error"})
    assert r.counts == {"C5": 40} and r.errors == 40 and r.omitted == {"C5": 37}


def test_ensure_valid_takes_severities(fec: FecBuilder) -> None:
    path = _f1_and_c5(fec)
    with pytest.raises(InvalidImportFile, match="F1 line 2"):
        ensure_valid(path, "fec", config=False)
    result = ensure_valid(path, "fec", severities={"F1": "warning"}, config=False)
    assert result.ok and result.warnings == 2
    with pytest.raises(InvalidImportFile, match="C5 line 4"):
        ensure_valid(path, "fec", severities={"F1": "ignore", "C5": "error"}, config=False)
    with pytest.raises(SeverityError):
        ensure_valid(path, "fec", severities={"B7": "warning"}, config=False)


def test_cli_flags(fec: FecBuilder) -> None:
    path = str(_f1_and_c5(fec))
    assert runner.invoke(app, ["validate", path, "--no-config"]).exit_code == 1
    demoted = runner.invoke(app, ["validate", path, "--no-config", "--warn", "F1"])
    assert demoted.exit_code == 0 and "rule levels: F1=warning" in demoted.output
    promoted = runner.invoke(app, ["validate", path, "--no-config", "--warn", "F1", "--error", "C5"])
    assert promoted.exit_code == 1
    both = runner.invoke(app, ["validate", path, "--no-config", "--ignore", "F1,C5", "--json"])
    data = json.loads(both.stdout)
    assert (
        both.exit_code == 0
        and data["counts"] == {}
        and data["severities"] == {"C5": "ignore", "F1": "ignore"}
    )
    assert (
        runner.invoke(app, ["validate", path, "--no-config", "--strict", "--warn", "F1"]).exit_code == 1
    )  # C5


def test_cli_refuses_bad_levels_in_one_line_and_json(fec: FecBuilder) -> None:
    path = str(fec())
    for args in (
        ["--warn", "Q1"],
        ["--warn", "N1", "--error", "N1"],
        ["--ignore", "IO"],
        ["--siren", "12345"],
    ):
        out = runner.invoke(app, ["validate", path, "--no-config", *args])
        assert out.exit_code == 2 and len(out.output.strip().splitlines()) == 1, out.output
        assert "Traceback" not in out.output
        as_json = runner.invoke(app, ["validate", path, "--no-config", "--json", *args])
        data = json.loads(as_json.stdout)
        assert as_json.exit_code == 2 and data["exit_code"] == 2 and data["ok"] is False and data["error"]
