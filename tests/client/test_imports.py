"""The import workflow over the fake Loop: validate, deposit, upload, start once, poll."""

from __future__ import annotations

import base64
import hashlib
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cegid_loop import (
    AsyncLoopClient,
    AuthenticationError,
    ImportFailed,
    ImportNotConfirmed,
    ImportProgress,
    ImportTimeout,
    LoopClient,
)
from cegid_loop.imports import ImportResult, ImportStarted, ImportState
from cegid_loop.imports.states import state_of

from .conftest import TEST_API_KEY, TEST_SUBSCRIPTION_KEY
from .fakeloop import BASE_URL, BLOB_HOST, SAS_SIGNATURE, FakeLoop, apim

FEC_TEXT = "JournalCode|JournalLib|EcritureNum\nAC|Achats|1\n"


class InvalidImportFile(ValueError):
    pass


@pytest.fixture
def fec_validator(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Stand-in for cegid_loop.fec.ensure_valid: records calls, rejects files named *bad*."""
    seen: list[Path] = []

    def ensure_valid(path: Path, kind: str | None = None, **settings: object) -> types.SimpleNamespace:
        seen.append(Path(path))
        if "bad" in Path(path).name:
            raise InvalidImportFile(f"{path}: invalid FEC")
        return types.SimpleNamespace(findings=[])

    def check_siren(path: Path, siren: str) -> None:
        return None

    module = types.ModuleType("cegid_loop.fec")
    module.ensure_valid = ensure_valid  # type: ignore[attr-defined]
    module.check_siren = check_siren  # type: ignore[attr-defined]
    module.InvalidImportFile = InvalidImportFile  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cegid_loop.fec", module)
    return seen


@pytest.fixture
def fec_file(tmp_path: Path) -> Path:
    path = tmp_path / "842008161FEC20241231.txt"
    path.write_text(FEC_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def fake() -> FakeLoop:
    return FakeLoop()


@pytest.fixture
def loop(fake: FakeLoop) -> Iterator[LoopClient]:
    with LoopClient(
        subscription_key=TEST_SUBSCRIPTION_KEY,
        api_key=TEST_API_KEY,
        base_url=BASE_URL,
        transport=fake.transport,
    ) as client:
        yield client


def test_fec_happy_path(loop: LoopClient, fake: FakeLoop, fec_file: Path, fec_validator: list[Path]) -> None:
    events: list[ImportProgress] = []
    result = loop.imports.fec("CEGID001", fec_file, on_progress=events.append)

    assert isinstance(result, ImportResult) and result.ok and result.state is ImportState.SUCCEEDED
    assert fec_validator == [fec_file]
    # upload: raw bytes, BlockBlob, a correct Content-MD5, and *no* Loop keys sent to storage
    (upload,) = [r for r in fake.requests if r.url.host == BLOB_HOST]
    assert upload.method == "PUT" and upload.content == fec_file.read_bytes()
    assert upload.headers["x-ms-blob-type"] == "BlockBlob"
    assert upload.headers["content-md5"] == base64.b64encode(hashlib.md5(upload.content).digest()).decode()
    assert "ocp-apim-subscription-key" not in upload.headers and "x-apikey" not in upload.headers
    # start: once, by URI
    (started,) = fake.imports_started
    assert started["codeIbs"] == "CEGID001" and started["URI"].endswith(fec_file.name)
    assert "URL" not in started or not started["URL"]
    assert result.import_request_id == started["id"]
    stages = [e.stage for e in events]
    assert stages[:4] == ["validated", "deposit", "uploaded", "started"]
    assert stages[-1] == "done" and stages.count("status") == 3
    assert [e.status.state for e in events if e.stage == "status"] == [  # type: ignore[union-attr]
        ImportState.PENDING,
        ImportState.RUNNING,
        ImportState.SUCCEEDED,
    ]


def test_invalid_file_never_leaves(
    loop: LoopClient, fake: FakeLoop, tmp_path: Path, fec_validator: list[Path]
) -> None:
    bad = tmp_path / "bad-FEC.txt"
    bad.write_text("nope", encoding="utf-8")
    with pytest.raises(InvalidImportFile):
        loop.imports.fec("CEGID001", bad)
    assert fake.requests == []


def test_wait_false_then_resume(
    loop: LoopClient, fake: FakeLoop, fec_file: Path, fec_validator: list[Path]
) -> None:
    started = loop.imports.fec("CEGID001", fec_file, wait=False)
    assert isinstance(started, ImportStarted) and started.uri
    assert fake.status_calls == 0
    assert loop.imports.wait(started.import_request_id).ok


def test_timeout_is_resumable(
    loop: LoopClient, fake: FakeLoop, fec_file: Path, fec_validator: list[Path]
) -> None:
    fake.status_script = [{"status": 2}] * 3 + [{"status": 3}]
    with pytest.raises(ImportTimeout) as info:
        loop.imports.fec("CEGID001", fec_file, timeout=0.0)
    request_id = info.value.import_request_id
    assert info.value.last_status.state is ImportState.RUNNING
    assert loop.imports.wait(request_id).ok
    assert len(fake.imports_started) == 1


def test_final_error_raises_import_failed(
    loop: LoopClient, fake: FakeLoop, fec_file: Path, fec_validator: list[Path]
) -> None:
    fake.status_script = [{"status": 4, "message": "Ecritures déséquilibrées"}]
    with pytest.raises(ImportFailed) as info:
        loop.imports.fec("CEGID001", fec_file)
    assert info.value.result.state is ImportState.FAILED
    assert "déséquilibrées" in str(info.value)
    # or as a value, when asked
    result = loop.imports.wait(info.value.import_request_id, raise_on_failure=False)  # type: ignore[arg-type]
    assert not result.ok


def test_error_body_on_start_is_import_failed(
    loop: LoopClient, fake: FakeLoop, fec_file: Path, fec_validator: list[Path]
) -> None:
    fake.fault(
        "POST",
        "importFEC",
        httpx.Response(200, json={"error": {"instanceId": "inst-7", "message": "dossier inconnu"}}),
    )
    with pytest.raises(ImportFailed) as info:
        loop.imports.fec("CEGID001", fec_file)
    assert info.value.instance_id == "inst-7" and "dossier inconnu" in info.value.message
    assert info.value.status_code == 200
    assert fake.status_calls == 0


@pytest.mark.parametrize(
    "fault",
    [
        apim(503, "Service Unavailable"),
        apim(502, "Bad Gateway"),
        httpx.ReadTimeout("read timed out"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.Response(
            200, content=b'{"accountingImportRequestId": "ca85', headers={"content-type": "application/json"}
        ),
    ],
)
def test_ambiguous_start_is_never_replayed(
    loop: LoopClient,
    fake: FakeLoop,
    fec_file: Path,
    fec_validator: list[Path],
    fault: httpx.Response | Exception,
) -> None:
    fake.fault("POST", "importFEC", fault)
    with pytest.raises(ImportNotConfirmed) as info:
        loop.imports.fec("CEGID001", fec_file)
    assert len(fake.calls("POST", "importFEC")) == 1
    assert info.value.uri and info.value.uri.endswith(fec_file.name)
    assert isinstance(info.value, ImportFailed)


def test_start_retried_when_it_certainly_did_not_land(
    loop: LoopClient, fake: FakeLoop, fec_file: Path, fec_validator: list[Path]
) -> None:
    fake.fault(
        "POST", "importFEC", httpx.ConnectError("refused"), apim(429, "Rate limit", **{"Retry-After": "1"})
    )
    assert loop.imports.fec("CEGID001", fec_file).ok
    assert len(fake.calls("POST", "importFEC")) == 3
    assert len(fake.imports_started) == 1


def test_auth_error_on_start_is_not_wrapped(
    loop: LoopClient, fake: FakeLoop, fec_file: Path, fec_validator: list[Path]
) -> None:
    fake.fault("POST", "importFEC", apim(401, "Access denied"))
    with pytest.raises(AuthenticationError):
        loop.imports.fec("CEGID001", fec_file)


def test_idempotent_steps_are_retried(
    loop: LoopClient, fake: FakeLoop, fec_file: Path, fec_validator: list[Path]
) -> None:
    fake.fault("GET", "getFileUrlDeposit", apim(503, "down"))
    fake.fault("PUT", fec_file.name, httpx.ConnectError("reset"), apim(503, "busy"))
    fake.fault("GET", "getImportStatus", apim(429, "slow", **{"Retry-After": "1"}), httpx.ReadTimeout("t"))
    assert loop.imports.fec("CEGID001", fec_file).ok
    assert len(fake.imports_started) == 1
    assert len(fake.blobs) == 1


def test_upload_rejected_by_storage_is_typed(
    loop: LoopClient, fake: FakeLoop, fec_file: Path, fec_validator: list[Path]
) -> None:
    fake.fault(
        "PUT",
        fec_file.name,
        httpx.Response(400, text="<Error><Code>Md5Mismatch</Code><Message>x</Message></Error>"),
    )
    with pytest.raises(Exception) as info:
        loop.imports.fec("CEGID001", fec_file)
    assert "Md5Mismatch" in str(info.value)
    assert SAS_SIGNATURE not in str(info.value)
    assert fake.imports_started == []


def test_tra_perso_json(loop: LoopClient, fake: FakeLoop, tmp_path: Path, fec_validator: list[Path]) -> None:
    tra = tmp_path / "ecritures.tra"
    tra.write_text("***S5EXPJRLETE\n", encoding="utf-8")
    assert loop.imports.tra("CEGID001", tra, siret="07955542100027").ok
    assert fake.imports_started[-1]["kind"] == "tra" and fake.imports_started[-1]["SIRET"] == "07955542100027"

    fake.status_calls = 0
    csv = tmp_path / "perso.csv"
    csv.write_text("a;b\n", encoding="utf-8")
    with pytest.raises(ValueError):
        loop.imports.perso("CEGID001", csv, modele="")
    assert loop.imports.perso("CEGID001", csv, modele="IMPORTPERSO").ok
    # spelled as the description spells it (MODELE), and URL empty in URI mode
    assert fake.imports_started[-1]["MODELE"] == "IMPORTPERSO"
    assert fake.imports_started[-1]["URL"] == ""

    fake.status_calls = 0
    data = {
        "contexte": {"from": "2026-01-01T00:00:00.000Z", "to": "2026-01-31T00:00:00.000Z"},
        "ecritures": [],
    }
    started = loop.imports.json("CEGID001", data, wait=False)
    assert fake.imports_started[-1]["kind"] == "json" and fake.imports_started[-1]["data"] == data
    assert loop.imports.wait(started.import_request_id).ok


@pytest.mark.parametrize(
    ("raw", "state"),
    [
        (1, ImportState.PENDING),
        (10, ImportState.PENDING),
        (2, ImportState.RUNNING),
        (20, ImportState.RUNNING),
        (3, ImportState.SUCCEEDED),
        (4, ImportState.FAILED),
        (25, ImportState.ENDED),  # "end of processing": the outcome is not in the code
        (30, ImportState.ENDED),
        ("en cours", ImportState.RUNNING),
        ("Terminé en erreur", ImportState.FAILED),
        ("Terminé", ImportState.SUCCEEDED),
        ("3", ImportState.SUCCEEDED),
        (None, ImportState.UNKNOWN),
        (True, ImportState.UNKNOWN),
        (7, ImportState.UNKNOWN),
        # What substring matching used to call a success (issue 12), and French failures it missed.
        ("Not OK", ImportState.UNKNOWN),
        ("broken", ImportState.UNKNOWN),
        ("Token expired", ImportState.UNKNOWN),
        ("booked", ImportState.UNKNOWN),
        ("Rejeté", ImportState.FAILED),
        ("Refusé", ImportState.FAILED),
        ("Annulé", ImportState.FAILED),
        ("ÉCHEC", ImportState.FAILED),
        ("terminé sans erreur", ImportState.SUCCEEDED),
        ("completed with errors", ImportState.FAILED),
        ("pas terminé", ImportState.UNKNOWN),
        ("OK", ImportState.SUCCEEDED),
        ("  20 ", ImportState.RUNNING),
        (-3, ImportState.UNKNOWN),
        (3.0, ImportState.UNKNOWN),
    ],
)
def test_status_classification(raw: object, state: ImportState) -> None:
    assert state_of(raw) is state


@pytest.mark.parametrize("raw", [25, 99, 1000])
def test_a_final_code_with_errors_is_a_failure(raw: int) -> None:
    assert state_of(raw, has_errors=True) is ImportState.FAILED


@pytest.mark.parametrize(
    ("body", "state"),
    [
        ({"status": 4, "statusLabel": "failed", "statusCode": 40}, ImportState.FAILED),
        ({"status": 3, "statusLabel": "done", "statusCode": 30}, ImportState.SUCCEEDED),
        ({"statusCode": 40, "statusLabel": "failed"}, ImportState.FAILED),
        ({"status": 2}, ImportState.RUNNING),
        ({"error": {"message": "boom"}}, ImportState.FAILED),
        ({}, ImportState.UNKNOWN),
    ],
)
def test_result_prefers_labels(body: dict[str, object], state: ImportState) -> None:
    assert ImportResult.from_status("r", body).state is state


def test_an_unreadable_status_ends_the_wait_as_unknown(loop: LoopClient, fake: FakeLoop) -> None:
    fake.imports_started.append({"id": "req-x", "kind": "fec"})
    fake.status_script = [{"status": 7}]
    result = loop.imports.wait("req-x", timeout=60, poll_interval=0.01)
    assert result.state is ImportState.UNKNOWN and not result.ok and result.raw_status == 7
    assert fake.status_calls == 3  # UNKNOWN_POLLS in a row, not 30 minutes of polling


def test_a_status_that_becomes_readable_is_followed(loop: LoopClient, fake: FakeLoop) -> None:
    fake.imports_started.append({"id": "req-y", "kind": "fec"})
    fake.status_script = [{"status": 7}, {"status": 2}, {"status": 7}, {"status": 3}]
    assert loop.imports.wait("req-y", timeout=60, poll_interval=0.01).ok


def test_still_running_at_the_timeout_names_the_import(loop: LoopClient, fake: FakeLoop) -> None:
    fake.imports_started.append({"id": "req-z", "kind": "fec"})
    fake.status_script = [{"status": 2}]
    with pytest.raises(ImportTimeout, match=r"cegid-loop status req-z --wait") as info:
        loop.imports.wait("req-z", timeout=0.05, poll_interval=0.01)
    assert info.value.import_request_id == "req-z"


@pytest.mark.asyncio
async def test_async_fec(fake: FakeLoop, fec_file: Path, fec_validator: list[Path]) -> None:
    async with AsyncLoopClient(
        subscription_key=TEST_SUBSCRIPTION_KEY,
        api_key=TEST_API_KEY,
        base_url=BASE_URL,
        transport=fake.transport,
    ) as loop:
        fake.fault("POST", "importFEC", apim(503, "down"))
        with pytest.raises(ImportNotConfirmed):
            await loop.imports.fec("CEGID001", fec_file)
        assert len(fake.calls("POST", "importFEC")) == 1
        fake.status_calls = 0
        events: list[ImportProgress] = []
        result = await loop.imports.fec("CEGID001", fec_file, on_progress=events.append)
        assert result.ok and events[-1].stage == "done"
        assert len(fake.imports_started) == 1
