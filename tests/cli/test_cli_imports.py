"""`cegid-loop import` and `cegid-loop status` against the in-process sandbox."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from cegid_loop.cli.import_commands import Kind, StageDisplay, stages_for
from cegid_loop.imports import ImportProgress, ImportResult

from .conftest import KEY_ARGS, Run, error_line

SANDBOX = ("--sandbox",)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def test_fec_import_shows_every_stage_and_the_result(run: Run, fec_file: Path) -> None:
    result = run("import", "fec", str(fec_file), "--dossier", "CEGID001", *SANDBOX)
    assert result.exit_code == 0, result.output
    stages = re.findall(r"✓ (\w+)", result.stderr)
    assert stages == ["validate", "deposit", "upload", "start", "poll"]
    assert re.search(rf"import {UUID.pattern}: succeeded", result.stdout)
    assert "ecritures" in result.stdout and "9" in result.stdout


def test_fec_import_json_output(run: Run, fec_file: Path) -> None:
    result = run("import", "fec", str(fec_file), "-d", "CEGID001", "--format", "json", *SANDBOX, *KEY_ARGS)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["state"] == "succeeded" and UUID.fullmatch(data["importRequestId"])
    assert data["details"]["result"] == {"comptes": 3, "journaux": 2, "tiers": 3, "ecritures": 9}


def test_no_wait_then_status_across_commands(run: Run, fec_file: Path, tmp_path: Path) -> None:
    db = ("--sandbox-db", str(tmp_path / "sandbox.sqlite"))
    started = run("import", "fec", str(fec_file), "-d", "CEGID001", "--no-wait", *db)
    assert started.exit_code == 0, started.output
    assert "poll" not in started.stderr
    match = UUID.search(started.stdout)
    assert match and f"cegid-loop status {match[0]} --wait" in started.stdout
    status = run("status", match[0], "--format", "json", *db)
    assert status.exit_code == 0, status.output
    assert json.loads(status.stdout)["state"] == "succeeded"
    waited = run("status", match[0], "--wait", *db)
    assert waited.exit_code == 0 and "succeeded" in waited.stdout and "✓ poll" in waited.stderr
    # and the entries are in the (persistent) sandbox
    sales = 'codeLettrage == null && journalCode == "VE"'
    entries = run("list", "ecritures", "-d", "CEGID001", "--filter", sales, "-f", "json", *db)
    assert len(json.loads(entries.stdout)) == 3


def test_invalid_fec_is_refused_before_upload(run: Run, bad_fec_file: Path) -> None:
    result = run("import", "fec", str(bad_fec_file), "-d", "CEGID001", *SANDBOX)
    assert result.exit_code == 1
    line = error_line(result)  # one line, although the validator's message has several
    assert "is invalid" in line and "not uploaded" in line and "not balanced" in line
    assert "✓ deposit" not in result.stderr


def test_refused_by_loop_is_exit_1(run: Run, fec_file: Path) -> None:
    result = run("import", "fec", str(fec_file), "-d", "NOPE999", *SANDBOX)
    assert result.exit_code == 1
    assert "NOPE999" in error_line(result)


def test_perso_import_with_its_model(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("date;compte;montant\n2024-01-15;60630000;250.00\n", encoding="utf-8")
    result = run("import", "perso", str(path), "-d", "CEGID001", "--modele", "EXPORT_CSV", *SANDBOX)
    assert result.exit_code == 0, result.output
    assert "succeeded" in result.stdout
    assert re.findall(r"✓ (\w+)", result.stderr) == [
        "deposit",
        "upload",
        "start",
        "poll",
    ]  # nothing to validate


def test_tra_import_without_validation(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "ecritures.tra"
    path.write_text("***S5CLIJRLETE\n", encoding="latin-1")
    result = run("import", "tra", str(path), "-d", "CEGID001", "--no-validate", *SANDBOX)
    assert result.exit_code == 0, result.output
    assert "validate" not in result.stderr and "succeeded" in result.stdout


def test_json_import(run: Run, tmp_path: Path) -> None:
    data = {
        "contexte": {"from": "2024-01-01T00:00:00.000Z", "to": "2024-12-31T00:00:00.000Z"},
        "ecritures": [
            {
                "journal": "OD",
                "compte": "62600000",
                "date": "2024-03-01",
                "libelle": "Abonnement",
                "debit": {"amount": 49},
            },
            {
                "journal": "OD",
                "compte": "51200000",
                "date": "2024-03-01",
                "libelle": "Abonnement",
                "credit": {"amount": 49},
            },
        ],
    }
    path = tmp_path / "ecritures.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run("import", "json", str(path), "-d", "CEGID001", "-f", "json", *SANDBOX)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["details"]["result"]["ecritures"] == 2
    assert re.findall(r"✓ (\w+)", result.stderr) == ["start", "poll"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("perso", "{file}"), "a perso import needs --modele"),
        (("fec", "{file}", "--modele", "M"), "--modele is for perso imports only"),
        (("fec", "{missing}"), "no such file"),
    ],
)
def test_import_bad_usage_exits_2(run: Run, fec_file: Path, args: tuple[str, ...], expected: str) -> None:
    values = {"file": str(fec_file), "missing": str(fec_file.with_name("missing.txt"))}
    result = run("import", *(a.format(**values) for a in args), "-d", "CEGID001", *SANDBOX)
    assert result.exit_code == 2, result.output
    assert expected in error_line(result)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("not json", "not a JSON file"),
        ("[1, 2]", "expected a JSON object with 'ecritures'"),
        (
            '{"ecritures": [{"journal": "OD", "debit": 1}, {"journal": "OD", "credit": 1}]}',
            "JSON import format",
        ),
    ],
)
def test_unusable_json_file_exits_1(run: Run, tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "data.json"
    path.write_text(content, encoding="utf-8")
    result = run("import", "json", str(path), "-d", "CEGID001", *SANDBOX)
    assert result.exit_code == 1, result.output
    assert expected in error_line(result)


def test_status_of_an_unknown_import(run: Run) -> None:
    result = run("status", "00000000-0000-4000-8000-000000000000", *SANDBOX, *KEY_ARGS)
    assert result.exit_code == 1
    assert "n'existe pas" in error_line(result) and "(HTTP 404)" in error_line(result)


def test_stages() -> None:
    assert stages_for(Kind.fec, validate=True, wait=True) == [
        "validate",
        "deposit",
        "upload",
        "start",
        "poll",
    ]
    assert stages_for(Kind.tra, validate=False, wait=False) == ["deposit", "upload", "start"]
    assert stages_for(Kind.json, validate=True, wait=True) == ["start", "poll"]


def test_progress_bar_on_a_terminal() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120, color_system=None)
    done = ImportResult.from_status("id-1", {"status": 3, "statusLabel": "done"})
    with StageDisplay(["validate", "deposit", "upload", "start", "poll"], console) as display:
        assert display.live
        for stage in ("validated", "uploaded", "started"):
            display(ImportProgress(stage, "fec"))
        assert display.current == "poll"
        display(ImportProgress("status", None, "id-1", done))
        display(ImportProgress("done", None, "id-1", done))
    text = out.getvalue()
    assert "5/5" in text and "poll ✓" in text and "validate ✓" in text
