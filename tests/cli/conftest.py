"""CLI tests: the shared Typer app with the API commands, run in-process against `--sandbox`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cegid_loop._retry import no_wait
from cegid_loop.cli.app import app
from cegid_loop.fec.samples import demo_entries, unbalanced, write_fec

# Distinctive keys given on the command line: the leak checks grep every output for them.
SUBSCRIPTION_KEY = "sub-CLITEST-5e1d07"
API_KEY_ID = "key-CLITEST-a93f"
API_SECRET = "secret-CLITEST-44c2b1"
KEY_ARGS = ("--subscription-key", SUBSCRIPTION_KEY, "--api-key", f"{API_KEY_ID}:{API_SECRET}")
SECRETS = (SUBSCRIPTION_KEY, API_KEY_ID, API_SECRET, "demo-secret", "demo-subscription-key")
SIREN = "732829320"  # CEGID001's, in the sandbox's demo data

Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No real account settings from the environment; backoffs and poll delays take no time."""
    for name in (
        "LOOP_BASE_URL",
        "LOOP_SUBSCRIPTION_KEY",
        "LOOP_API_KEY",
        "LOOP_TIMEOUT",
        "LOOP_MAX_RETRIES",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "200")  # wide tables: every column fits, assertions stay simple
    with no_wait():
        yield


@pytest.fixture
def run() -> Run:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        result = runner.invoke(app, list(args))
        for secret in SECRETS:
            assert secret not in result.output, f"secret printed: {result.output[:300]!r}"
        assert "Traceback" not in result.output, result.output
        return result

    return invoke


def error_line(result: Result) -> str:
    """The single line a failing command printed on stderr (import stages, indented, may precede it)."""
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("  ")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cegid-loop: error: "), lines[0]
    assert result.stderr.rstrip().endswith(lines[0]), "the error is the last thing printed"
    return lines[0]


@pytest.fixture
def fec_file(tmp_path: Path) -> Path:
    return write_fec(tmp_path, SIREN, demo_entries())


@pytest.fixture
def bad_fec_file(tmp_path: Path) -> Path:
    (tmp_path / "bad").mkdir()
    return write_fec(tmp_path / "bad", SIREN, unbalanced(demo_entries()))
