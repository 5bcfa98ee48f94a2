"""Change detection and the mirror against the in-process sandbox: helpers and fixtures.

``server_bodies`` is what Loop (the sandbox) holds, read through the client as the API sends it;
``Changes`` makes a known set of changes through the client and says which ones it made, so that a
test can ask for *exactly* those back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from cegid_loop import LoopClient
from cegid_loop._retry import no_wait
from cegid_loop.mirror import DEFAULT_RESOURCES
from cegid_loop.sandbox.harness import LoopSandbox

DEMO_DOSSIERS = ("CEGID001", "CEGID003")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No real account settings from the environment; retry backoffs take no time."""
    for name in ("LOOP_BASE_URL", "LOOP_SUBSCRIPTION_KEY", "LOOP_API_KEY", "LOOP_TIMEOUT", "LOOP_DEADLINE"):
        monkeypatch.delenv(name, raising=False)
    with no_wait():
        yield


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "mirror.sqlite"


def server_bodies(loop: LoopClient, dossier: str, resource: str) -> list[dict[str, Any]]:
    return [record.to_dict() for record in getattr(loop, resource).iter(dossier)]


def saved_bodies(path: Path, dossier: str, resource: str) -> list[dict[str, Any]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT body FROM records WHERE dossier = ? AND resource = ? ORDER BY rowid", (dossier, resource)
        ).fetchall()
    return [json.loads(body) for (body,) in rows]


def by_id(bodies: list[dict[str, Any]]) -> dict[Any, dict[str, Any]]:
    return {body.get("objectId"): body for body in bodies}


def saved_scopes(path: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return {(str(d), str(r)) for d, r in conn.execute("SELECT dossier, resource FROM scopes")}


def assert_mirrors(
    path: Path,
    loop: LoopClient,
    dossiers: tuple[str, ...] | list[str] = DEMO_DOSSIERS,
    resources: tuple[str, ...] = DEFAULT_RESOURCES,
) -> None:
    """The database holds exactly what the server holds, record for record, for each step."""
    for dossier in dossiers:
        for resource in resources:
            assert by_id(saved_bodies(path, dossier, resource)) == by_id(
                server_bodies(loop, dossier, resource)
            ), f"{dossier} {resource}"


Expected = set[tuple[str, str, str, str]]  # (kind, dossier, resource, objectId)


@dataclass
class Changes:
    """Known changes made through the client; ``expected`` is what change detection must report."""

    loop: LoopClient
    expected: Expected = field(default_factory=set)

    def create(self, dossier: str, resource: str, body: dict[str, Any]) -> str:
        created = getattr(self.loop, resource).create(dossier, body)
        oid = str(created.to_dict()["objectId"])
        self.expected.add(("created", dossier, resource, oid))
        return oid

    def modify(self, dossier: str, resource: str, index: int, **fields: Any) -> str:
        record = getattr(self.loop, resource).list(dossier)[index]
        for name, value in fields.items():
            setattr(record, name, value)
        getattr(self.loop, resource).update(dossier, record)
        oid = str(record.to_dict()["objectId"])
        self.expected.add(("modified", dossier, resource, oid))
        return oid

    def delete(self, dossier: str, resource: str, index: int) -> str:
        record = getattr(self.loop, resource).list(dossier)[index]
        getattr(self.loop, resource).delete(dossier, record)
        oid = str(record.to_dict()["objectId"])
        self.expected.add(("deleted", dossier, resource, oid))
        return oid

    def a_few(self) -> Changes:
        """Creations, modifications and deletions in several resources of both demo dossiers."""
        self.create("CEGID001", "comptes", {"numero": "60611000", "libelle": "Fournitures de bureau"})
        self.modify("CEGID001", "comptes", 3, libelle="Libellé modifié")
        self.delete("CEGID001", "comptes", 10)
        self.create("CEGID001", "tiers_fournisseurs", {"code": "FPAPETERIE", "raisonSociale": "Papeterie"})
        self.modify("CEGID001", "tiers_fournisseurs", 0, telephone="04 78 00 00 01")
        self.modify("CEGID003", "journaux", 1, libelle="Journal renommé")
        self.delete("CEGID003", "journaux", 2)
        self.delete("CEGID003", "periodes", 11)
        return self


def reported(changes: list[dict[str, Any]]) -> Expected:
    """A mirror run's change log (``MirrorStore.changes``) in the shape of ``Changes.expected``."""
    return {(c["kind"], c["dossier"], c["resource"], c["objectId"]) for c in changes}


class Interrupting(httpx.BaseTransport):
    """Passes requests on, and raises ``KeyboardInterrupt`` at the ``after``-th (a Ctrl-C, or a
    kill, in the middle of a run: whatever the thread)."""

    def __init__(self, inner: httpx.BaseTransport, after: int) -> None:
        self.inner, self.after, self.count = inner, after, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.count += 1
        if self.count >= self.after:
            raise KeyboardInterrupt
        return self.inner.handle_request(request)


class Counting(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner, self.requests = inner, []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.inner.handle_request(request)


class Rewriting(httpx.BaseTransport):
    """The sandbox's answer to one path, its records passed through ``rewrite`` (JSON in, JSON out)."""

    def __init__(
        self, inner: httpx.BaseTransport, path: str, rewrite: Callable[[list[Any], httpx.Request], list[Any]]
    ) -> None:
        self.inner, self.path, self.rewrite = inner, path.lower(), rewrite
        self.sent: list[Any] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.method != "GET" or not request.url.path.lower().endswith(self.path):
            return response
        records = json.loads(response.read())
        self.sent = self.rewrite(records, request)
        return httpx.Response(200, json=self.sent)


def transport(sandbox: LoopSandbox) -> httpx.BaseTransport:
    from cegid_loop.sandbox.transports import SyncSandboxTransport

    return SyncSandboxTransport(sandbox.app)


def client_on(sandbox: LoopSandbox, through: httpx.BaseTransport | None = None) -> LoopClient:
    """A client on the in-process sandbox with the demo keys, through another transport (one that
    rewrites, counts or interrupts)."""
    return LoopClient(
        base_url=sandbox.base_url,
        subscription_key=sandbox.subscription_key,
        api_key=sandbox.api_key,
        transport=through or transport(sandbox),
    )
