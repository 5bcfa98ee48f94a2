"""`drift live`: against the sandbox (normal: every catalogued quirk explained, nothing unexplained;
drifted: every planted drift of ``sandbox.profiles.DRIFTS`` reported), and the mechanism on small
synthetic definitions (overlay targets -> quirk ids, runtime rules, statuses, rate limits)."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

import cegid_loop.cli.drift  # noqa: F401  (registers `drift` on the shared app)
from cegid_loop.cli.app import app
from cegid_loop.config import Secret
from cegid_loop.drift.live import (
    RUNTIME_RULES,
    LiveCheckError,
    LiveOptions,
    LiveTarget,
    check_live,
    data_file,
    load_catalogue,
)
from cegid_loop.drift.report import EXPLAINED, UNEXPLAINED, Finding, Report
from cegid_loop.overlay import apply_overlay
from cegid_loop.sandbox import profiles
from cegid_loop.sandbox.app import create_app, sandbox_sync_transport
from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY

TARGET = LiveTarget("http://loop-sandbox.test", Secret(DEMO_SUBSCRIPTION_KEY), Secret(DEMO_API_KEY))
CATALOGUE = load_catalogue(data_file("QUIRKS.md").read_text(encoding="utf-8"))
ServeSandbox = Callable[..., str]


def run_against_sandbox(profile: str, *, probe: bool = True) -> Report:
    application = create_app(profile=profile, import_step_seconds=0)
    return check_live(
        TARGET, LiveOptions(probe_operations=probe), transport=sandbox_sync_transport(application)
    )


@pytest.fixture(scope="module")
def normal() -> Report:
    return run_against_sandbox(profiles.NORMAL)


@pytest.fixture(scope="module")
def drifted() -> Report:
    return run_against_sandbox(profiles.DRIFTED)


def test_the_normal_sandbox_has_no_unexplained_drift(normal: Report) -> None:
    assert normal.failing == [], [f.to_json() for f in normal.failing]
    assert normal.exit_code == 0
    assert len(normal.operations) == 99 and set(normal.skipped) == {
        "GET /getFileUrlDeposit",
        "GET /getImportStatus",
    }


def test_the_normal_sandbox_shows_the_catalogued_quirks_explained(normal: Report) -> None:
    explained = {q for f in normal.findings if f.verdict == EXPLAINED for q in f.quirks}
    # The wire-level quirks a read can show (the others are request-side or client-side).
    assert {"Q-REVISION-HEX", "Q-INT-ENUMS", "Q-COMPTEBANQUE-REFERENCE"} <= explained
    assert explained <= set(CATALOGUE), "every explanation names a quirk of QUIRKS.md"
    seen = {q.id for q in normal.quirks if q.seen}
    assert {"Q-GROUPE-DATA-WRAP", "Q-EMPTY-REFERENCE"} <= seen
    assert [q.id for q in normal.quirks] == list(CATALOGUE), "the report lists every catalogued quirk"
    assert normal.notes == [], "overlay ids and rule ids are all catalogued"
    compte = {(f.path, f.kind): f.quirks for f in normal.findings if f.operation == "GET /compte"}
    assert compte[("$[*].revisionId", "format-mismatch")] == ("Q-REVISION-HEX",)
    assert compte[("$[*].type", "type-changed")] == ("Q-INT-ENUMS",)


def matches(drift: profiles.Drift, finding: Finding) -> bool:
    if finding.verdict != UNEXPLAINED or finding.operation != f"{drift.method} {drift.path}":
        return False
    if drift.kind == profiles.REMOVED_OPERATION:
        return finding.kind == "operation-gone"
    if drift.kind == profiles.RENAMED_FIELD:
        return finding.kind == "field-renamed" and (finding.old, finding.new) == (drift.old, drift.new)
    if drift.kind == profiles.CHANGED_TYPE:
        return finding.kind == "type-changed" and finding.path == drift.json_path and finding.old == drift.old
    if drift.kind == profiles.NEW_ENUM_VALUE:
        return (
            finding.kind == "enum-value-unknown"
            and finding.path == drift.json_path
            and finding.new == drift.new
        )
    raise AssertionError(f"a drift kind this test does not know: {drift.kind}")


@pytest.mark.parametrize("drift", profiles.DRIFTS, ids=lambda d: f"{d.kind} {d.method} {d.path}")
def test_each_planted_drift_is_reported(drifted: Report, drift: profiles.Drift) -> None:
    assert any(matches(drift, f) for f in drifted.findings), [f.to_json() for f in drifted.failing]


def test_the_drifted_sandbox_has_nothing_else_unexplained(drifted: Report) -> None:
    assert drifted.exit_code == 1
    unmatched = [f for f in drifted.failing if not any(matches(d, f) for d in profiles.DRIFTS)]
    assert unmatched == []


def test_without_probes_no_write_operation_is_called() -> None:
    seen: list[str] = []
    application = create_app(profile=profiles.DRIFTED, import_step_seconds=0)
    inner = sandbox_sync_transport(application)

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.method)
        return inner.handle_request(request)

    report = check_live(TARGET, transport=httpx.MockTransport(record))
    assert set(seen) == {"GET"}
    assert "DELETE /journal" in report.skipped and "--probe-operations" in report.skipped["DELETE /journal"]


def test_the_command_against_a_served_drifted_sandbox(
    served_sandbox: ServeSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base_url = served_sandbox(profiles.DRIFTED)
    monkeypatch.setenv("LOOP_SUBSCRIPTION_KEY", DEMO_SUBSCRIPTION_KEY)
    monkeypatch.setenv("LOOP_API_KEY", DEMO_API_KEY)
    monkeypatch.delenv("LOOP_CODE_DOSSIER", raising=False)
    result = CliRunner().invoke(
        app,
        [
            "drift",
            "live",
            "--base-url",
            base_url,
            "--probe-operations",
            "--json",
            str(tmp_path / "l.json"),
            "--markdown",
            str(tmp_path / "l.md"),
            "--junit",
            str(tmp_path / "l.xml"),
        ],
    )
    assert result.exit_code == 1, result.output
    assert "4 unexplained drift(s)" in result.output
    data = json.loads((tmp_path / "l.json").read_text())
    assert data["subject"]["dossier"] == "CEGID001" and data["result"] == "fail"
    suite = ET.parse(tmp_path / "l.xml").getroot().find("testsuite")
    assert suite is not None
    failed = sorted(c.get("name") or "" for c in suite.iter("testcase") if c.find("failure") is not None)
    assert failed == ["DELETE /journal", "GET /compte", "GET /journal"]
    markdown = (tmp_path / "l.md").read_text()
    assert "## Known quirks (overrides/QUIRKS.md)" in markdown and "| Q-REVISION-HEX | overlay |" in markdown


def test_the_command_against_the_in_process_normal_sandbox_passes() -> None:
    result = CliRunner().invoke(app, ["drift", "live", "--sandbox", "normal"])
    assert result.exit_code == 0, result.output
    assert "0 unexplained drift(s)" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "missing --base-url (or LOOP_BASE_URL)"),
        (["--base-url", "ftp://x"], "--base-url must be an http(s) URL"),
        (
            ["--base-url", "http://127.0.0.1:9"],
            "missing subscription key: --subscription-key or LOOP_SUBSCRIPTION_KEY",
        ),
        (["--base-url", "http://127.0.0.1:9", "--subscription-key", "s"], "missing API key"),
        (["--base-url", "http://127.0.0.1:9", "--subscription-key", "s", "--api-key", "k:s"], "cannot reach"),
        (["--sandbox", "other"], "--sandbox must be one of normal, drifted"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    for name in ("LOOP_BASE_URL", "LOOP_SUBSCRIPTION_KEY", "LOOP_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(app, ["drift", "live", *args])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output


# -- the mechanism, on a synthetic definition -------------------------------------------------------------

THING = {
    "type": "object",
    "properties": {
        "objectId": {"type": "string", "format": "uuid"},
        "kind": {"type": "string", "enum": ["a", "b"]},
        "size": {"type": "string"},
        "label": {"type": "string"},
    },
}
UPSTREAM: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/things": {
            "get": {
                "operationId": "listThings",
                "parameters": [
                    {"name": "codeDossier", "in": "query", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
                                "examples": {
                                    "doc": {
                                        "value": [{"objectId": "x", "kind": "a", "size": "1", "label": "L"}]
                                    }
                                },
                            }
                        },
                    },
                    "404": {
                        "description": "gone",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/ApimError"}}
                        },
                    },
                },
            },
            "delete": {
                "operationId": "deleteThing",
                "parameters": [
                    {"name": "codeDossier", "in": "query", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {"200": {"description": "ok"}},
            },
        },
        "/others": {
            "get": {
                "operationId": "listOthers",
                "parameters": [
                    {"name": "codeDossier", "in": "query", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}
                            }
                        },
                    }
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Thing": THING,
            "ApimError": {
                "type": "object",
                "properties": {"statusCode": {"type": "integer"}, "message": {"type": "string"}},
            },
        }
    },
}
OVERLAY = {
    "overlay": "1.0.0",
    "info": {"title": "t", "version": "1"},
    "actions": [
        {
            "target": "$.components.schemas.Thing.properties.size",
            "x-quirk": "Q-TEST-SIZE",
            "update": {"type": ["string", "integer"]},
        }
    ],
}
CATALOGUE_TEXT = "\n".join(
    f"| {q} | s | e | runtime: x | t |" for q in ("Q-TEST-SIZE", *sorted(RUNTIME_RULES))
)
GOOD = {"objectId": "00000000-0000-4000-8000-000000000000", "kind": "a", "size": "1", "label": "L"}


def synthetic(
    answer: Callable[[httpx.Request], httpx.Response],
    *,
    effective: Mapping[str, Any] | None = None,
    options: LiveOptions | None = None,
    sleep: Callable[[float], None] | None = None,
) -> Report:
    if effective is None:
        effective, _ = apply_overlay(UPSTREAM, OVERLAY)
    return check_live(
        TARGET,
        options,
        upstream=UPSTREAM,
        effective=effective,
        overlay=OVERLAY,
        catalogue_text=CATALOGUE_TEXT,
        transport=httpx.MockTransport(answer),
        **({"sleep": sleep} if sleep else {}),
    )


def body(*items: Mapping[str, Any], status: int = 200) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(status, json=list(items))


def rows(report: Report) -> set[tuple[str, str, str, tuple[str, ...]]]:
    return {(f.kind, f.path, f.verdict, f.quirks) for f in report.findings}


def test_a_deviation_the_overlay_fixes_is_explained_by_the_action_that_covers_it() -> None:
    report = synthetic(body({**GOOD, "size": 3}))
    assert rows(report) == {("type-changed", "$[*].size", EXPLAINED, ("Q-TEST-SIZE",))}


def test_a_deviation_the_effective_schema_refuses_is_unexplained() -> None:
    report = synthetic(body({**GOOD, "kind": "c"}, {**GOOD, "size": 2.5}))
    assert ("enum-value-unknown", "$[*].kind", UNEXPLAINED, ()) in rows(report)
    assert ("type-changed", "$[*].size", UNEXPLAINED, ()) in rows(report)  # neither string nor integer


def test_a_difference_no_overlay_action_covers_is_unmapped() -> None:
    effective = copy.deepcopy(UPSTREAM)
    effective["components"]["schemas"]["Thing"]["properties"]["label"] = {"type": ["string", "integer"]}
    report = synthetic(body({**GOOD, "label": 7}), effective=effective)
    assert ("unmapped-deviation", "$[*].label", UNEXPLAINED, ()) in rows(report)


def test_a_documented_field_gone_is_missing_or_renamed() -> None:
    renamed = {k: v for k, v in GOOD.items() if k != "label"} | {"title": "L"}
    assert ("field-renamed", "$[*].label", UNEXPLAINED, ()) in rows(synthetic(body(renamed)))
    gone = {k: v for k, v in GOOD.items() if k != "label"}
    assert ("field-missing", "$[*].label", UNEXPLAINED, ()) in rows(synthetic(body(gone)))
    assert synthetic(body(GOOD, {**GOOD, "extra": 1})).failing == []  # an undeclared field is only a note


def test_runtime_rules_explain_their_quirk() -> None:
    wrapped = synthetic(lambda r: httpx.Response(200, json={"data": [GOOD]}))
    assert rows(wrapped) == {("list-wrapped", "$.data", EXPLAINED, ("Q-GROUPE-DATA-WRAP",))}
    refused = synthetic(lambda r: httpx.Response(200, json={"error": {"instanceId": "i", "message": "non"}}))
    assert rows(refused) == {("error-with-200", "$.error", EXPLAINED, ("Q-IMPORT-ERROR-200",))}
    odd_id = synthetic(body({**GOOD, "objectId": "352ebf42-ba97-43"}))
    assert rows(odd_id) == {("format-mismatch", "$[*].objectId", EXPLAINED, ("Q-OBJECTID-NOT-UUID",))}


def test_apim_404_means_the_operation_is_gone() -> None:
    apim = {"statusCode": 404, "message": "Resource not found"}
    report = synthetic(
        lambda r: (
            httpx.Response(404, json=apim) if r.method == "DELETE" else httpx.Response(200, json=[GOOD])
        ),
        options=LiveOptions(probe_operations=True),
    )
    assert rows(report) == {("operation-gone", "$", UNEXPLAINED, ())}
    assert report.failing[0].operation == "DELETE /things"


def test_statuses_the_spec_does_not_document_are_drift() -> None:
    report = synthetic(
        lambda r: (
            httpx.Response(418, json={}) if r.url.path == "/things" else httpx.Response(200, json=[GOOD])
        )
    )
    assert rows(report) == {("status-undocumented", "$", UNEXPLAINED, ())}
    with pytest.raises(LiveCheckError, match="nothing could be checked"):
        synthetic(lambda r: httpx.Response(404, json={"statusCode": 404, "message": "dossier inconnu"}))


def test_refused_credentials_stop_the_check() -> None:
    with pytest.raises(LiveCheckError, match="refused the credentials"):
        synthetic(lambda r: httpx.Response(401, json={"statusCode": 401, "message": "Access denied"}))


def test_429_waits_for_retry_after_then_goes_on() -> None:
    answers = [
        httpx.Response(429, headers={"Retry-After": "3"}),
        httpx.Response(200, json=[GOOD]),
        httpx.Response(200, json=[GOOD]),
    ]
    waits: list[float] = []
    report = synthetic(lambda r: answers.pop(0), sleep=waits.append)
    assert waits == [3.0] and report.failing == []
