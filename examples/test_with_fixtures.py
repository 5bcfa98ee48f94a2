"""Testing your own Loop code with the fixtures cegid-loop installs into pytest (no network, no keys).

    pip install 'cegid-loop[sandbox]' pytest pytest-asyncio
    pytest examples/test_with_fixtures.py

- ``loop_client`` / ``async_loop_client``: a client on a fresh in-process sandbox (demo firm:
  dossiers CEGID001 and CEGID003; imports final at once), a new one for every test;
- ``loop_sandbox``: that sandbox itself: faults, a second firm, its keys;
- ``loop_sandbox_server``: one sandbox served on a loopback port for the whole session (for code
  that builds its own client from a URL, or a subprocess); ``reset()`` brings the demo data back.

Async tests need pytest-asyncio: mark them ``@pytest.mark.asyncio`` (as here), or set
``asyncio_mode = "auto"`` in your pytest configuration.
"""

from __future__ import annotations

import pytest

from cegid_loop import AsyncLoopClient, LoopClient, RateLimited, RevisionConflict
from cegid_loop.sandbox.harness import LoopSandbox


def supplier_codes(loop: LoopClient, dossier: str) -> set[str]:
    """The code under test: yours would live in your package."""
    return {str(t.code) for t in loop.tiers_fournisseurs.iter(dossier)}


def test_reads_the_demo_firm(loop_client: LoopClient) -> None:
    assert loop_client.dossiers.get("CEGID001").siren == "732829320"
    assert "60100000" in {c.numero for c in loop_client.comptes.list("CEGID001")}


def test_a_stale_revision_is_refused(loop_client: LoopClient) -> None:
    loop_client.tiers_fournisseurs.create("CEGID001", {"code": "FTEST", "raisonSociale": "Test"})
    assert "FTEST" in supplier_codes(loop_client, "CEGID001")

    read = loop_client.tiers_fournisseurs.find_one("CEGID001", filter='code == "FTEST"')
    read.telephone = "04 78 00 00 01"
    loop_client.tiers_fournisseurs.update("CEGID001", read)  # carries read.revision_id
    with pytest.raises(RevisionConflict):
        loop_client.tiers_fournisseurs.update("CEGID001", read)  # that revision is gone now


def test_rate_limits_are_retried(loop_sandbox: LoopSandbox) -> None:
    # Two 429 answers with Retry-After: 0, then the normal answer.
    loop_sandbox.set_faults({"rules": [{"kind": "429", "path": "/journal", "first": 2, "retry_after": 0}]})
    with loop_sandbox.loop_client(max_retries=2) as loop:
        assert loop.journaux.list("CEGID001")


def test_without_retries_the_error_is_typed(loop_sandbox: LoopSandbox) -> None:
    loop_sandbox.set_faults({"rules": [{"kind": "429", "path": "/journal", "retry_after": 0}]})
    with loop_sandbox.loop_client(max_retries=0) as loop, pytest.raises(RateLimited) as caught:
        loop.journaux.list("CEGID001")
    assert caught.value.status_code == 429


@pytest.mark.asyncio
async def test_async_client(async_loop_client: AsyncLoopClient) -> None:
    comptes = [c async for c in async_loop_client.comptes.iter("CEGID001", page_size=10)]
    assert len(comptes) == len({c.object_id for c in comptes}) > 10  # several pages, each record once


def test_over_http(loop_sandbox_server: LoopSandbox) -> None:
    loop_sandbox_server.reset()  # shared by the session: start from the demo data
    with LoopClient(
        base_url=loop_sandbox_server.base_url,  # http://127.0.0.1:<free port>
        subscription_key=loop_sandbox_server.subscription_key,
        api_key=loop_sandbox_server.api_key,
    ) as loop:
        assert supplier_codes(loop, "CEGID003")
