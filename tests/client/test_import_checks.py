"""Checks a user can tune on an import: per-rule levels, and the dossier's SIREN compared with the
FEC's name before upload (against the in-process sandbox: CEGID001's SIREN is 732829320)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from cegid_loop import ImportFailed, ImportProgress, ImportResult, LoopClient
from cegid_loop.fec import InvalidImportFile
from cegid_loop.fec.samples import demo_entries, write_fec
from cegid_loop.sandbox import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY
from cegid_loop.sandbox.app import create_app, sandbox_sync_transport

KEYS = {"subscription_key": DEMO_SUBSCRIPTION_KEY, "api_key": DEMO_API_KEY}


class Counting(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner, self.paths = inner, []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path.rsplit("/", 1)[-1])
        return self.inner.handle_request(request)


@pytest.fixture
def transport() -> Counting:
    return Counting(sandbox_sync_transport(create_app(import_step_seconds=0)))


def _fec(folder: Path, siren: str, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = write_fec(folder, siren, demo_entries())
    return path.rename(folder / name) if name else path


def _import(transport: Counting, path: Path, **options: object) -> tuple[ImportResult, list[ImportProgress]]:
    events: list[ImportProgress] = []
    with LoopClient(base_url="http://sandbox.localhost", transport=transport, **KEYS) as loop:
        result = loop.imports.fec("CEGID001", path, on_progress=events.append, poll_interval=0.01, **options)  # type: ignore[call-overload]
    return result, events


def _warnings(events: list[ImportProgress]) -> tuple[str, ...]:
    return next(e.warnings for e in events if e.stage == "validated")


def test_the_dossier_s_own_siren_gives_no_warning(tmp_path: Path, transport: Counting) -> None:
    result, events = _import(transport, _fec(tmp_path, "732829320"))
    assert result.ok and _warnings(events) == ()


def test_another_siren_is_warned_about_before_upload(
    tmp_path: Path, transport: Counting, caplog: pytest.LogCaptureFixture
) -> None:
    result, events = _import(transport, _fec(tmp_path, "552100554"))
    (warning,) = _warnings(events)
    assert warning.startswith("N3:") and "732829320" in warning and "552100554" in warning
    assert result.ok  # a warning: the import goes on
    assert "N3" in caplog.text
    validated = next(i for i, e in enumerate(events) if e.stage == "validated")
    assert validated < next(i for i, e in enumerate(events) if e.stage == "uploaded")


def test_n3_made_an_error_refuses_before_any_upload(tmp_path: Path, transport: Counting) -> None:
    with pytest.raises(ImportFailed, match="not uploaded"):
        _import(transport, _fec(tmp_path, "552100554"), severities={"N3": "error"})
    assert "getFileUrlDeposit" not in transport.paths and transport.paths == ["DossierComplet"]


def test_a_broken_file_makes_no_request_at_all(tmp_path: Path, transport: Counting) -> None:
    path = _fec(tmp_path, "732829320", "export.txt")  # a name the official tool refuses: N1 error
    with pytest.raises(InvalidImportFile):
        _import(transport, path)
    assert transport.paths == []


def test_a_disputed_rule_can_be_demoted_for_one_import(tmp_path: Path, transport: Counting) -> None:
    path = _fec(tmp_path, "732829320", "export.txt")
    result, events = _import(transport, path, severities={"N1": "warning"})
    assert result.ok
    assert any(w.startswith("N1:") for w in _warnings(events))
    assert any(w.startswith("N3:") for w in _warnings(events))  # no SIREN in that name to compare


def test_the_cli_takes_warn_and_shows_the_warnings(tmp_path: Path) -> None:
    from cegid_loop.cli.app import app

    path = _fec(tmp_path, "552100554", "export.txt")
    refused = CliRunner().invoke(app, ["import", "fec", str(path), "-d", "CEGID001", "--sandbox"])
    assert refused.exit_code == 1 and "N1" in refused.stderr
    done = CliRunner().invoke(
        app, ["import", "fec", str(path), "-d", "CEGID001", "--sandbox", "--warn", "N1"]
    )
    assert done.exit_code == 0, done.output
    assert "! N1:" in done.stderr and "! N3:" in done.stderr and "succeeded" in done.stdout
