"""The variants profile: every list operation of the spec answers in the shapes real systems send,
still valid JSON, with every record of the normal answer present."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from cegid_loop.definition import Definition
from cegid_loop.sandbox.app import create_app, sandbox_sync_transport
from cegid_loop.sandbox.profiles import PROFILES, VARIANTS
from cegid_loop.sandbox.urls import LIST, Route, build_routes, load_spec
from cegid_loop.sandbox.variants import KINDS

from .conftest import DEMO_HEADERS

SPEC = load_spec()
LIST_OPERATIONS = [op for op in build_routes(Definition(SPEC)) if op.kind == LIST]
HEX16 = re.compile(r"0x[0-9A-F]{16}")


@pytest.fixture(scope="module")
def clients() -> Iterator[tuple[httpx.Client, httpx.Client]]:
    def client(profile: str) -> httpx.Client:
        app = create_app(profile=profile, import_step_seconds=0, spec=SPEC)
        return httpx.Client(transport=sandbox_sync_transport(app), base_url="http://x", headers=DEMO_HEADERS)

    with client("normal") as normal, client(VARIANTS) as varied:
        yield normal, varied


def params_for(op: Route) -> dict[str, str]:
    params = {"codeDossier": "cabinet" if op.rule.cabinet else "CEGID001", "take": "100"}
    if any(p.name == "filter" and p.required for p in op.operation.parameters):
        params["filter"] = "objectId != null"  # true of every record
    return params


def records(body: Any) -> list[Any]:
    return list(body["data"]) if isinstance(body, dict) else list(body)


def is_uuid(value: Any) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value
    except ValueError:
        return False


def kinds_between(normal: dict[str, Any], varied: dict[str, Any]) -> set[str]:
    """Which variants turn ``normal`` into ``varied``; fails on any other difference (a record lost,
    a value changed in a way no variant explains)."""
    found: set[str] = set()
    by_lower = {k.lower(): k for k in normal}
    renamed = {}
    for key in varied:
        if key in normal:
            continue
        original = by_lower.get(key.lower())
        if original is not None and original not in varied:
            renamed[original] = key
            found.add("respelled-field")
        else:
            found.add("extra-field")
    for key, before in normal.items():
        assert key in varied or key in renamed, f"field {key} lost"
        after = varied[renamed.get(key, key)]
        if after == before and type(after) is type(before):
            continue
        if key == "objectId":
            assert after == "" or not is_uuid(after), after
            found.add("id-not-uuid")
        elif key == "revisionId":
            assert (
                HEX16.fullmatch(before) and not HEX16.fullmatch(after) and int(after, 16) == int(before, 16)
            )
            found.add("short-revision")
        elif isinstance(before, str) and isinstance(after, int) and int(before) == after:
            found.add("int-for-string")
        elif isinstance(before, int) and isinstance(after, str) and str(before) == after:
            found.add("string-for-int")
        elif after is None and isinstance(before, dict) and before.get("objectId") is None:
            found.add("null-reference")
        else:
            raise AssertionError(f"{key}: {before!r} became {after!r}")
    return found


def test_the_profile_is_offered_with_the_others_and_lists_its_variants(
    clients: tuple[httpx.Client, httpx.Client],
) -> None:
    assert VARIANTS in PROFILES
    listed = clients[1].get("/__sandbox__/variants").json()
    assert listed["profile"] == VARIANTS and [v["kind"] for v in listed["variants"]] == list(KINDS)


@pytest.mark.parametrize("op", LIST_OPERATIONS, ids=lambda op: f"{op.method} {op.path}")
def test_every_list_operation_answers_with_variants_and_every_record(
    clients: tuple[httpx.Client, httpx.Client], op: Route
) -> None:
    normal_client, varied_client = clients
    normal = normal_client.get(op.path, params=params_for(op))
    varied = varied_client.get(op.path, params=params_for(op))
    assert normal.status_code == varied.status_code == 200
    body = json.loads(varied.content)  # still valid JSON
    expected, got = records(normal.json()), records(body)
    assert expected, "the demo data should fill every list"
    assert len(got) == len(expected)
    kinds: set[str] = set()
    for before, after in zip(expected, got, strict=True):
        kinds |= kinds_between(before, after)
    if isinstance(body, dict):
        assert body["data"] == got and body["count"] == len(got)
        kinds.add("data-envelope")
    assert len(kinds) >= 2, kinds  # several kinds on every list resource
    assert varied_client.get(op.path, params=params_for(op)).content == varied.content  # seeded


def test_all_kinds_are_spread_over_the_lists(clients: tuple[httpx.Client, httpx.Client]) -> None:
    normal_client, varied_client = clients
    seen: set[str] = set()
    for op in LIST_OPERATIONS:
        normal = records(normal_client.get(op.path, params=params_for(op)).json())
        body = varied_client.get(op.path, params=params_for(op)).json()
        for before, after in zip(normal, records(body), strict=True):
            seen |= kinds_between(before, after)
        if isinstance(body, dict):
            seen.add("data-envelope")
    assert seen == set(KINDS)


def test_queries_still_work_on_the_documented_shape(clients: tuple[httpx.Client, httpx.Client]) -> None:
    _, varied = clients
    [compte] = records(
        varied.get("/compte", params={"codeDossier": "CEGID001", "filter": 'numero == "60100000"'}).json()
    )
    assert [str(v) for k, v in compte.items() if k.lower() == "numero"] == ["60100000"]
    page = records(
        varied.get("/compte", params={"codeDossier": "CEGID001", "skip": "40", "take": "10"}).json()
    )
    assert len(page) == 4  # 44 demo comptes
