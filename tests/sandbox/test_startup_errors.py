"""`cegid-loop sandbox` start-up mistakes: one line on stderr, exit code 2, never a traceback."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cegid_loop.sandbox.app import create_app
from cegid_loop.sandbox.exceptions import StartupError


@pytest.fixture
def never_serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """uvicorn.run replaced: a mistake must be caught before the server would start."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: calls.append(kw))
    yield calls


def run(*args: str) -> tuple[int, str]:
    from cegid_loop.cli.app import app

    result = CliRunner().invoke(app, ["sandbox", *args])
    return result.exit_code, result.output


def assert_one_line_error(code: int, output: str, *needles: str) -> None:
    assert code == 2, output
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    assert lines[0].startswith("cegid-loop: error: ") and "Traceback" not in output
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


def test_a_faults_file_that_is_missing_broken_or_wrong(tmp_path: Path, never_serve: list[Any]) -> None:
    assert_one_line_error(*run("--faults", f"@{tmp_path / 'missing.json'}"), "missing.json", "cannot be read")
    broken = tmp_path / "broken.json"
    broken.write_text('{"rules": [', encoding="utf-8")
    assert_one_line_error(*run("--faults", f"@{broken}"), "broken.json", "not JSON", "line 1")
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"rules": [{"kind": "explode"}]}', encoding="utf-8")
    assert_one_line_error(*run("--faults", f"@{wrong}"), "--faults", "unknown fault kind 'explode'")
    assert_one_line_error(*run("--faults", "[1, 2]"), "--faults", "expected a JSON object")
    assert never_serve == []


def test_a_db_that_is_corrupt_or_cannot_be_written(tmp_path: Path, never_serve: list[Any]) -> None:
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database" * 100)
    assert_one_line_error(*run("--db", str(garbage)), str(garbage), "not a SQLite database")
    good = tmp_path / "good.sqlite"
    create_app(db_path=good).state.sandbox.backend.store.close()
    damaged = tmp_path / "damaged.sqlite"
    data = good.read_bytes()
    damaged.write_bytes(data[:100] + b"\0" * (len(data) - 100))  # header kept, pages wiped
    assert_one_line_error(*run("--db", str(damaged)), str(damaged), "malformed")
    assert_one_line_error(*run("--db", str(tmp_path / "no" / "such" / "dir.sqlite")), "cannot be opened")
    assert_one_line_error(*run("--db", str(tmp_path)), "is a directory")
    assert never_serve == []


def test_ports_and_hosts_that_cannot_be_listened_on(busy_port: int, never_serve: list[Any]) -> None:
    assert_one_line_error(*run("--port", "99999"), "--port 99999", "out of range")
    assert_one_line_error(*run("--port", "0"), "--port 0", "out of range")
    assert_one_line_error(*run("--port", str(busy_port)), f"--port {busy_port}", "in use")
    assert_one_line_error(*run("--host", "no-such-host.invalid"), "--host no-such-host.invalid")
    # TEST-NET-1: a well-formed address that is not this machine's (bind fails; nothing is sent)
    assert_one_line_error(*run("--host", "192.0.2.1", "--port", "8765"), "--host 192.0.2.1", "cannot listen")
    assert never_serve == []


def test_other_options_and_a_key_never_shown(never_serve: list[Any]) -> None:
    assert_one_line_error(*run("--profile", "future"), "--profile future", "normal, drifted, variants")
    assert_one_line_error(*run("--max-body-mb", "0"), "--max-body-mb")
    code, output = run("--api-key", "k:very-secret", "--port", "99999")
    assert_one_line_error(code, output, "--port 99999")
    assert "very-secret" not in output


def test_create_app_raises_the_same_one_line_errors(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"\x00garbage" * 512)
    not_sqlite = r"^--db .*garbage.sqlite: cannot be used \(not a SQLite database\)$"
    with pytest.raises(StartupError, match=not_sqlite):
        create_app(db_path=garbage)
    with pytest.raises(ValueError, match="unknown fault kind"):
        create_app(db_path=tmp_path / "never.sqlite", faults={"rules": [{"kind": "boom"}]})
    assert not (tmp_path / "never.sqlite").exists()  # bad rules are refused before a file is made
    sqlite3.connect(tmp_path / "ok.sqlite").close()  # an empty SQLite file is a fine new store
    assert create_app(db_path=tmp_path / "ok.sqlite") is not None
