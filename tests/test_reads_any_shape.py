"""Reading never loses a record or a value, whatever shape the server sends (issue 13).

On **every** list resource of the facade (from the generated registry, not a hand-picked few):
- the sandbox's ``variants`` profile (coded fields in the other form, null references, ids that
  are not UUIDs, short revisionIds, extra and respelled fields, envelopes with other keys);
- adversarial shapes invented here: every field of every record replaced by a value of another
  JSON type (objects, arrays, huge numbers, booleans, nulls, unicode), a nested object where a
  string is, the envelope under another key;
each through ``loop.<resource>.list()`` and ``cegid-loop list ... --format json``: every record
comes back, and written back with ``to_dict()`` it is the record that was sent.
"""

from __future__ import annotations

import importlib
import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from cegid_loop import LoopClient
from cegid_loop.sandbox import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY
from cegid_loop.sandbox.app import create_app, sandbox_sync_transport
from cegid_loop_api.facade.registry import RESOURCES

KEYS = {"subscription_key": DEMO_SUBSCRIPTION_KEY, "api_key": DEMO_API_KEY}
BASE = "http://sandbox.localhost"
# List resources that need more than a dossier code (a mandatory filter) are read with one.
CABINET = {"agences", "groupes", "collaborateurs", "dossiers_clients", "dossiers_comptables", "engagements"}


def _list_resources() -> list[str]:
    return sorted(name for name, info in RESOURCES.items() if info.operation("list") is not None)


def _dossier(resource: str) -> str:
    return "cabinet" if resource in CABINET else "CEGID001"


def _call_args(resource: str) -> dict[str, Any]:
    op = RESOURCES[resource].operation("list")
    assert op is not None
    return {"filter": "code != null"} if "filter" in op.required else {}


class Raw(httpx.BaseTransport):
    """Passes requests on and keeps the bodies of the answers, as sent."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner, self.bodies = inner, []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        content = response.read()
        self.bodies.append(content)
        return httpx.Response(response.status_code, headers=response.headers, content=content)


def _records(body: bytes) -> list[Any]:
    data = json.loads(body)
    if isinstance(data, list):
        return data
    return next(value for value in data.values() if isinstance(value, list))


def _written_back(records: list[Any]) -> list[Any]:
    return [r.to_dict() for r in records]


@pytest.fixture(scope="module")
def variants_app() -> Any:
    return create_app(profile="variants", import_step_seconds=0)


@pytest.mark.parametrize("resource", _list_resources())
def test_every_list_resource_reads_the_variant_shapes_losslessly(variants_app: Any, resource: str) -> None:
    raw = Raw(sandbox_sync_transport(variants_app))
    with LoopClient(base_url=BASE, transport=raw, **KEYS) as loop:
        got = getattr(loop, resource).list(_dossier(resource), **_call_args(resource))
    sent = _records(raw.bodies[-1])
    assert len(got) == len(sent)
    assert _written_back(got) == sent


# -- shapes invented here ------------------------------------------------------------------------------
STRANGE = [
    {"nested": {"deep": [1, {"x": None}]}},
    [1, "two", None, {"three": 3}],
    10**40,
    -0.0,
    True,
    None,
    "ünïcødé ✓ \u2028",
    "",
]


def _strange(record: dict[str, Any], seed: int) -> dict[str, Any]:
    """Every field replaced by a value of another JSON type (the seed rotates which)."""
    return {key: STRANGE[(seed + i) % len(STRANGE)] for i, key in enumerate(record)}


class Rewriting(httpx.BaseTransport):
    """The sandbox's real answer, its records rewritten, then wrapped in an envelope under another key."""

    def __init__(self, inner: httpx.BaseTransport, seed: int) -> None:
        self.inner, self.seed, self.sent = inner, seed, []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        records = _records(response.read())
        rewritten = [_strange(r, self.seed + n) if isinstance(r, dict) else r for n, r in enumerate(records)]
        self.sent = rewritten
        body = {"results": rewritten, "count": len(rewritten), "next": None} if self.seed % 2 else rewritten
        return httpx.Response(200, json=body)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("resource", _list_resources())
def test_every_list_resource_keeps_values_of_any_type(
    resource: str, seed: int, caplog: pytest.LogCaptureFixture
) -> None:
    from cegid_loop_api import types

    types._reported.clear()  # reported once per model and field in a process: start afresh
    app = create_app(import_step_seconds=0)
    rewriting = Rewriting(sandbox_sync_transport(app), seed)
    with (
        caplog.at_level(logging.WARNING, logger="cegid_loop.reader"),
        LoopClient(base_url=BASE, transport=rewriting, **KEYS) as loop,
    ):
        got = getattr(loop, resource).list(_dossier(resource), **_call_args(resource))
    assert len(got) == len(rewriting.sent)
    assert _written_back(got) == rewriting.sent
    if seed % 2:
        assert getattr(got, "envelope", None) == {"count": len(rewriting.sent), "next": None}
    if rewriting.sent and any(r.unparsed_fields for r in got):
        assert "kept as given" in caplog.text  # reported, not silent


def _cli(app: Any, *args: str) -> Any:
    from cegid_loop.cli.app import app as cli_app

    for name in ("read_commands", "spec"):
        importlib.import_module(f"cegid_loop.cli.{name}")
    return CliRunner().invoke(cli_app, list(args))


@pytest.fixture
def variants_transport(monkeypatch: pytest.MonkeyPatch) -> Iterator[Raw]:
    """The CLI's --sandbox, on the variants profile, its answers recorded."""
    from cegid_loop.sandbox import app as sandbox_app

    raw = Raw(sandbox_sync_transport(create_app(profile="variants", import_step_seconds=0)))
    monkeypatch.setattr(sandbox_app, "sandbox_sync_transport", lambda app=None, **_: raw)
    yield raw


@pytest.mark.parametrize("resource", _list_resources())
def test_the_cli_prints_every_record_and_value(variants_transport: Raw, resource: str) -> None:
    args = ["list", resource.replace("_", "-"), "-d", _dossier(resource), "--sandbox", "--format", "json"]
    if "filter" in (RESOURCES[resource].operation("list") or RESOURCES[resource].operations[0]).required:
        args += ["--filter", "code != null"]
    result = _cli(None, *args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == _records(variants_transport.bodies[-1])
