"""`cegid-loop mirror` end to end (CliRunner, in-process sandbox persisted with --sandbox-db): summary on
stdout, progress on stderr, exit codes 0 / 1 (Loop refused) / 2 (usage, settings) / 130 (interrupted)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from cegid_loop import LoopClient
from cegid_loop.cli.app import app
from cegid_loop.sandbox import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY
from cegid_loop.sandbox.app import create_app, sandbox_sync_transport

from .conftest import Changes, Interrupting, reported

SUBSCRIPTION_KEY = "sub-MIRRORTEST-77f1"
API_SECRET = "secret-MIRRORTEST-90ab"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["mirror", *args])


@pytest.fixture
def loop_db(tmp_path: Path) -> Path:
    return tmp_path / "loop.sqlite"  # the sandbox's data, kept from one command to the next


@pytest.fixture
def served(loop_db: Path) -> Iterator[LoopClient]:
    """A client on the same sandbox data as the commands' --sandbox-db (to change it in between)."""
    app_ = create_app(db_path=loop_db, import_step_seconds=0)
    with LoopClient(
        base_url="http://sandbox.localhost/loop-api-publiques",
        subscription_key=DEMO_SUBSCRIPTION_KEY,
        api_key=DEMO_API_KEY,
        transport=sandbox_sync_transport(app_),
    ) as loop:
        yield loop


def mirror_json(db: Path, loop_db: Path, *more: str) -> dict[str, Any]:
    result = run("--all-dossiers", "--db", str(db), "--sandbox-db", str(loop_db), "--json", *more)
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)  # stdout is the summary, nothing else
    return document


def test_a_firm_then_exactly_its_changes(tmp_path: Path, loop_db: Path, served: LoopClient) -> None:
    db = tmp_path / "mirror.sqlite"
    first = run("--all-dossiers", "--db", str(db), "--sandbox-db", str(loop_db))
    assert first.exit_code == 0, first.output
    assert "[1/27] cabinet dossiers_clients: 2 records (2 created, 0 modified, 0 deleted)" in first.stderr
    assert "[27/27]" in first.stderr and "run 1: 27 steps" in first.stderr
    lines = first.stdout.splitlines()
    assert lines[0].startswith("run 1: 2 dossier(s), 27 steps, 178 records in ")
    assert lines[1].split() == ["dossier", "resource", "created", "modified", "deleted", "records"]
    assert "CEGID001  comptes" in first.stdout and lines[-1].split() == ["total", "178", "0", "0", "178"]

    made = Changes(served).a_few()
    second = mirror_json(db, loop_db, "--changes")
    assert reported(second["changes"]) == made.expected
    assert second["totals"] == {
        "records": 177,
        "created": 2,
        "modified": 3,
        "deleted": 3,
        "steps": 27,
        "failed": 0,
    }
    assert second["dossiers"]["CEGID001"]["comptes"] == {
        "status": "done",
        "records": 44,
        "created": 1,
        "modified": 1,
        "deleted": 1,
    }
    third = run("--all-dossiers", "--db", str(db), "--sandbox-db", str(loop_db))
    assert third.exit_code == 0 and third.stdout.splitlines()[-1].split() == ["total", "0", "0", "0", "177"]


def test_named_dossiers_and_resources(tmp_path: Path) -> None:
    db = tmp_path / "mirror.sqlite"
    result = run("-d", "CEGID003", "-r", "journaux", "-r", "tiers", "--db", str(db), "--sandbox", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["resources"] == ["journaux", "tiers"] and list(document["dossiers"]) == ["CEGID003"]
    assert document["totals"]["created"] == 6 + 11


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "say which dossiers"),
        (("--all-dossiers", "-d", "CEGID001"), "say which dossiers"),
        (("-d", "CEGID001", "-r", "comptez"), "cannot mirror comptez"),
        (("-d", "CEGID001", "-r", "ecritures"), "at most 100 per request"),
        (("-d", "CEGID001", "--concurrency", "0"), "concurrency"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = run(*args, "--db", str(tmp_path / "m.sqlite"), "--sandbox")
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_missing_keys_or_an_unusable_database_exit_2(tmp_path: Path) -> None:
    no_keys = run("-d", "CEGID001", "--db", str(tmp_path / "m.sqlite"))
    assert no_keys.exit_code == 2 and "LOOP_SUBSCRIPTION_KEY" in no_keys.stderr
    directory = run("-d", "CEGID001", "--db", str(tmp_path), "--sandbox")
    assert directory.exit_code == 2 and "is a directory" in directory.stderr
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not sqlite" * 200)
    assert run("-d", "CEGID001", "--db", str(junk), "--sandbox").exit_code == 2


def test_a_dossier_loop_refuses_exits_1_with_every_step_named(tmp_path: Path) -> None:
    result = run("-d", "NOPE", "-d", "CEGID001", "--db", str(tmp_path / "m.sqlite"), "--sandbox")
    assert result.exit_code == 1, result.output
    assert (
        "NOPE comptes: failed: NotFound: GET /compte (listComptes): Le dossier NOPE n'existe pas"
        in result.stderr
    )
    assert "13 step(s) failed" in result.stdout
    assert "CEGID001  comptes" in result.stdout  # the others were saved


def test_an_interrupted_run_exits_130_and_resumes(
    tmp_path: Path, loop_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cegid_loop.sandbox import app as sandbox_app

    db = tmp_path / "mirror.sqlite"
    real = sandbox_app.sandbox_sync_transport
    with monkeypatch.context() as patch:
        patch.setattr(
            sandbox_app, "sandbox_sync_transport", lambda app=None, **kw: Interrupting(real(app), 9)
        )
        result = run("--all-dossiers", "--db", str(db), "--sandbox-db", str(loop_db), "--concurrency", "1")
    assert result.exit_code == 130, result.output
    assert "interrupted after 8/27 steps" in result.stderr and "run the same command again" in result.stderr
    resumed = mirror_json(db, loop_db, "--concurrency", "1")
    assert resumed["resumed"] is True and resumed["totals"]["created"] == 178


def test_no_key_reaches_the_output(tmp_path: Path) -> None:
    keys = ("--subscription-key", SUBSCRIPTION_KEY, "--api-key", f"key-MIRRORTEST:{API_SECRET}")
    for args in (("--all-dossiers",), ("-d", "NOPE"), ("-d", "CEGID001", "--json", "--changes")):
        result = run(*args, "--db", str(tmp_path / "m.sqlite"), "--sandbox", *keys)
        assert result.exit_code in (0, 1), result.output
        for secret in (SUBSCRIPTION_KEY, API_SECRET, "key-MIRRORTEST"):
            assert secret not in result.output


def test_the_progress_bar_is_for_terminals_only(tmp_path: Path) -> None:
    import re

    escape = re.compile(r"\x1b\[")
    args = ["mirror", "-d", "CEGID001", "--sandbox"]
    forced = CliRunner().invoke(
        app, [*args, "--db", str(tmp_path / "a.sqlite")], env={"FORCE_COLOR": "1", "NO_COLOR": ""}
    )
    assert forced.exit_code == 0 and escape.search(forced.stderr)  # a progress bar on a "terminal"
    plain = CliRunner().invoke(
        app, [*args, "--db", str(tmp_path / "b.sqlite")], env={"FORCE_COLOR": "1", "NO_COLOR": "1"}
    )
    assert plain.exit_code == 0 and not escape.search(plain.output)
    assert "[13/13] CEGID001 " in plain.stderr  # one plain line per step instead
