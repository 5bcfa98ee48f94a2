"""No key, secret or SAS signature in any log record, error text or repr, on every error path.

The fake server is hostile: it echoes the keys it received in its error bodies and headers.
"""

from __future__ import annotations

import logging
import sys
import types
from pathlib import Path

import httpx
import pytest

from cegid_loop import AsyncLoopClient, LoopClient, LoopError
from cegid_loop.config import LoopConfig

from .conftest import SECRETS, TEST_API_KEY, TEST_SUBSCRIPTION_KEY
from .fakeloop import BASE_URL, SAS_SIGNATURE, FakeLoop, apim

FORBIDDEN = (*SECRETS, SAS_SIGNATURE)


def echo(status: int) -> httpx.Response:
    """An error that quotes the caller's keys back (as a careless server might)."""
    return httpx.Response(
        status,
        json={
            "statusCode": status,
            "message": f"bad keys {TEST_SUBSCRIPTION_KEY} / X-ApiKey: {TEST_API_KEY}",
        },
        headers={"x-debug-key": TEST_API_KEY, "x-request-id": f"echo-{status}"},
    )


def chain(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in out:
        out.append(current)
        current = current.__cause__ or current.__context__
    return out


def texts_of(exc: BaseException) -> list[str]:
    texts: list[str] = []
    for e in chain(exc):
        if isinstance(e, LoopError):  # our errors: everything they show or carry
            texts += [str(e), repr(e), e.message, e.body or "", str(vars(e))]
    return texts


@pytest.fixture(autouse=True)
def fec_stub(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("cegid_loop.fec")
    module.ensure_valid = lambda path, kind=None, **settings: types.SimpleNamespace(findings=[])  # type: ignore[attr-defined]
    module.check_siren = lambda path, siren: None  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cegid_loop.fec", module)


def run_every_error_path(loop: LoopClient, fake: FakeLoop, tmp_path: Path) -> list[BaseException]:
    fec = tmp_path / "FEC.txt"
    fec.write_text("JournalCode|JournalLib\n", encoding="utf-8")
    raised: list[BaseException] = []

    def expect_error(fn: object, *args: object, **kwargs: object) -> None:
        try:
            fn(*args, **kwargs)  # type: ignore[operator]
        except Exception as exc:
            raised.append(exc)
        else:
            raise AssertionError("an error was expected")

    for status in (400, 401, 403, 404, 409, 500, 520):
        fake.fault("GET", "compte", echo(status))
        expect_error(loop.comptes.list, "CEGID001")
    fake.fault("GET", "compte", *[echo(429)] * 3)
    expect_error(loop.comptes.list, "CEGID001")
    fake.fault("GET", "compte", *[echo(503)] * 3)
    expect_error(loop.comptes.list, "CEGID001")
    fake.fault("GET", "compte", *[httpx.ConnectError(f"refused {TEST_API_KEY}")] * 3)
    expect_error(loop.comptes.list, "CEGID001")
    fake.fault("GET", "compte", *[httpx.Response(200, content=b"[{oops")] * 3)
    expect_error(loop.comptes.list, "CEGID001")
    fake.fault("GET", "compte", httpx.Response(200, json={"error": {"message": f"X-ApiKey: {TEST_API_KEY}"}}))
    expect_error(loop.comptes.list, "CEGID001")
    fake.fault("PUT", "compte", echo(409))
    expect_error(loop.comptes.update, "CEGID001", {"objectId": "x", "revisionId": "0x1"})
    # imports: storage refusal (the URL holds a SAS signature), refused start, ambiguous start,
    # failed import, timeout
    fake.fault(
        "PUT", fec.name, httpx.Response(403, text=f"<Error><Message>sig={SAS_SIGNATURE}</Message></Error>")
    )
    expect_error(loop.imports.fec, "CEGID001", fec)
    fake.fault(
        "POST", "importFEC", httpx.Response(200, json={"error": {"instanceId": "i", "message": TEST_API_KEY}})
    )
    expect_error(loop.imports.fec, "CEGID001", fec)
    fake.fault("POST", "importFEC", echo(503))
    expect_error(loop.imports.fec, "CEGID001", fec)
    fake.status_script = [{"status": 4, "message": f"refus {TEST_SUBSCRIPTION_KEY}"}]
    expect_error(loop.imports.fec, "CEGID001", fec)
    fake.status_script = [{"status": 2}]
    expect_error(loop.imports.fec, "CEGID001", fec, timeout=1.0)
    # successful calls log too
    fake.status_script = [{"status": 3}]
    fake.status_calls = 0
    loop.imports.fec("CEGID001", fec)
    loop.comptes.list("CEGID001")
    return raised


def test_nothing_leaks(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # httpx, httpcore, stamina and cegid_loop at their most verbose
    fake = FakeLoop(n_comptes=3)
    with LoopClient(
        subscription_key=TEST_SUBSCRIPTION_KEY,
        api_key=TEST_API_KEY,
        base_url=BASE_URL,
        transport=fake.transport,
    ) as loop:
        raised = run_every_error_path(loop, fake, tmp_path)
        reprs = [repr(loop), str(loop), repr(loop.config), repr(loop._api), repr(loop.comptes)]
        reprs += [
            repr(
                LoopConfig.resolve(
                    env={"LOOP_SUBSCRIPTION_KEY": TEST_SUBSCRIPTION_KEY, "LOOP_API_KEY": TEST_API_KEY}
                )
            )
        ]
    assert len(raised) == 18
    assert len(fake.requests) > 30

    texts = [t for exc in raised for t in texts_of(exc)] + reprs
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    for record in caplog.records:
        texts.append(formatter.format(record))
        texts.append(str(vars(record)))
    assert any("HTTP Request" in t for t in texts)  # httpx's own log lines were captured
    assert any("stamina.retry_scheduled" in t for t in texts)  # so were stamina's
    assert any("bad keys" in t for t in texts)  # the echoing bodies reached the errors...
    for text in texts:
        for forbidden in FORBIDDEN:
            assert forbidden not in text, f"leak of {forbidden[:6]}...: {text[:300]!r}"  # ...scrubbed


@pytest.mark.asyncio
async def test_nothing_leaks_async(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fake = FakeLoop(n_comptes=3)
    raised: list[BaseException] = []
    async with AsyncLoopClient(
        subscription_key=TEST_SUBSCRIPTION_KEY,
        api_key=TEST_API_KEY,
        base_url=BASE_URL,
        transport=fake.transport,
    ) as loop:
        for status in (401, 404, 500):
            fake.fault("GET", "compte", echo(status))
            with pytest.raises(LoopError) as info:
                await loop.comptes.list("CEGID001")
            raised.append(info.value)
        fake.fault("GET", "compte", *[apim(503, TEST_API_KEY)] * 3)
        with pytest.raises(LoopError) as info:
            await loop.comptes.list("CEGID001")
        raised.append(info.value)
        texts = [t for exc in raised for t in texts_of(exc)] + [repr(loop)]
    texts += [str(vars(r)) for r in caplog.records] + [r.getMessage() for r in caplog.records]
    for text in texts:
        for forbidden in FORBIDDEN:
            assert forbidden not in text
