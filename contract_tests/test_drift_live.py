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

from cegid_loop._retry import RetryPolicy
from cegid_loop.cli.app import app
from cegid_loop.config import LoopConfig, Secret
from cegid_loop.definition.overlay import apply_overlay
from cegid_loop.drift.catalogue import data_file, load_catalogue
from cegid_loop.drift.client_read import (
    FAILED,
    LOSSLESS,
    LOSSY,
    REJECTED,
    ClientReader,
    Culprit,
    Reader,
    ReadOutcome,
)
from cegid_loop.drift.errors import LiveCheckError
from cegid_loop.drift.http import LiveHttp
from cegid_loop.drift.live import LiveOptions, LiveTarget, check_live
from cegid_loop.drift.report import EXPLAINED, INFO, UNEXPLAINED, DriftFinding, Report
from cegid_loop.drift.rules import RUNTIME_RULES
from cegid_loop.drift.verdicts import BodyChecker, Definitions, ReceivedAnswer
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


def matches(drift: profiles.Drift, finding: DriftFinding) -> bool:
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


def reads_everything(operation_id: str, status: int, body: Any) -> ReadOutcome:
    """The client of the synthetic definition: it reads every body losslessly, and raises on
    Loop's ``{"error": ...}`` refusal as the real one does."""
    if isinstance(body, dict) and set(body) == {"error"}:
        return ReadOutcome(REJECTED, "refused")
    return ReadOutcome(LOSSLESS)


def synthetic(
    answer: Callable[[httpx.Request], httpx.Response],
    *,
    effective: Mapping[str, Any] | None = None,
    options: LiveOptions | None = None,
    sleep: Callable[[float], None] | None = None,
    reader: Reader = reads_everything,
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
        reader=reader,
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


# -- an explanation stands only if the client's own parser read the answer losslessly -----------------


def _recording(profile: str) -> tuple[httpx.MockTransport, dict[str, Any]]:
    inner = sandbox_sync_transport(create_app(profile=profile, import_step_seconds=0))
    bodies: dict[str, Any] = {}

    def record(request: httpx.Request) -> httpx.Response:
        response = inner.handle_request(request)
        content = response.read()
        if request.method == "GET" and response.status_code == 200:
            bodies[f"GET {request.url.path}"] = json.loads(content)
        return httpx.Response(response.status_code, headers=response.headers, content=content)

    return httpx.MockTransport(record), bodies


def facade_reads(operation_id: str, body: Any) -> bool:
    """Written apart from drift's reader: the facade method, on a canned answer, written back."""
    import inspect

    from cegid_loop_api.facade import LoopClient
    from cegid_loop_api.facade.registry import OPERATIONS

    op = next(o for o in OPERATIONS if o.operation_id == operation_id)
    with LoopClient(
        base_url="http://canned.invalid",
        subscription_key="canned-subscription",
        api_key="canned-key:canned-secret",
        max_retries=0,
        transport=httpx.MockTransport(lambda request: httpx.Response(200, json=body)),
    ) as loop:
        method = getattr(getattr(loop, op.resource), op.name)
        required = [p.name for p in inspect.signature(method).parameters.values() if p.default is p.empty]
        try:
            result = method(**{name: "x" for name in required})
        except Exception:
            return False
    back = [r.to_dict() for r in result] if isinstance(result, list) else result.to_dict()
    sent = body["data"] if isinstance(result, list) and isinstance(body, dict) else body
    # Amounts come back as Decimal (Q-AMOUNT-DECIMAL); `sent` was decoded with floats.
    return json.dumps(back, sort_keys=True, default=float) == json.dumps(sent, sort_keys=True)


@pytest.mark.parametrize("profile", [profiles.VARIANTS, profiles.DRIFTED, profiles.NORMAL])
def test_no_answer_the_client_cannot_read_gets_an_explained_verdict(profile: str) -> None:
    transport, bodies = _recording(profile)
    report = check_live(TARGET, transport=transport)
    ids = {op.label: op.operation_id for op in BodyChecker(Definitions.load()).operations}
    assert len(bodies) >= 25
    for label, sent in bodies.items():
        rows = [f for f in report.findings if f.operation == label]
        if facade_reads(ids[label], sent):
            assert not [f for f in rows if f.kind.startswith("client-read")], label
        else:
            assert not [f for f in rows if f.verdict == EXPLAINED], label
            assert [f for f in rows if f.kind.startswith("client-read")], label
    assert any(f.verdict == EXPLAINED for f in report.findings)


COMPTE = {
    "objectId": "2c7a3b1e-6d4f-4a8b-9c0d-1e2f3a4b5c6d",
    "revisionId": "0x0000000000017ED5",
    "numero": "60100000",
    "type": 6,
}


def _compte_rows(body: Any) -> dict[tuple[str, str], DriftFinding]:
    checker = BodyChecker(Definitions.load())
    op = next(o for o in checker.operations if o.operation_id == "listComptes")
    return {(f.kind, f.path): f for f in checker.check_answer(op, ReceivedAnswer(200, body))}


def test_an_answer_the_client_fails_on_explains_nothing() -> None:
    good = _compte_rows([COMPTE])
    assert good[("format-mismatch", "$[*].revisionId")].verdict == EXPLAINED
    assert good[("type-changed", "$[*].type")].quirks == ("Q-INT-ENUMS",)
    bad = _compte_rows([COMPTE, 42])  # no reader will ever make a Compte of 42
    revision = bad[("format-mismatch", "$[*].revisionId")]
    assert (revision.verdict, revision.quirks) == (UNEXPLAINED, ("Q-REVISION-HEX",))
    assert revision.message.startswith("would explain it, but the client fails on the answer (at $[*]:")
    culprit = bad[("client-read-failed", "$[*]")]
    assert culprit.verdict == UNEXPLAINED and "AttributeError" in culprit.message and culprit.new == 42


def test_the_data_wrapper_is_explained_only_if_the_client_reads_it() -> None:
    """The issue's case: `{"data": [...]}` on a list documented as a bare array."""
    body = {"data": [COMPTE]}
    wrapped = _compte_rows(body)[("list-wrapped", "$.data")]
    assert wrapped.quirks == ("Q-GROUPE-DATA-WRAP",)
    assert (wrapped.verdict == EXPLAINED) == facade_reads("listComptes", body)
    if wrapped.verdict == UNEXPLAINED:
        assert ("client-read-failed", "$") in _compte_rows(body)


def _outcome(kind: str, *culprits: Culprit, error: str = "boom") -> Reader:
    return lambda operation_id, status, body: ReadOutcome(kind, error, (), culprits)


def test_a_reader_that_fails_turns_explanations_into_unexplained_drift() -> None:
    failing = _outcome(FAILED, Culprit((1, "size"), FAILED, "ValueError: 3", 3))
    report = synthetic(body(GOOD, {**GOOD, "size": 3}), reader=failing)
    assert rows(report) == {
        ("type-changed", "$[*].size", UNEXPLAINED, ("Q-TEST-SIZE",)),
        ("client-read-failed", "$[*].size", UNEXPLAINED, ()),
    }
    status = next(q for q in report.quirks if q.id == "Q-TEST-SIZE")
    assert (status.explained, status.failed) == (0, 2)  # /things and /others
    assert status.status == "covers 2 more the client fails to read"
    lossy = _outcome(LOSSY, Culprit((0, "size"), LOSSY, "written back as 3", "3"))
    assert ("client-read-lossy", "$[*].size", UNEXPLAINED, ()) in rows(synthetic(body(GOOD), reader=lossy))


def test_a_refusal_the_client_does_not_raise_on_is_unexplained() -> None:
    refusal = {"error": {"instanceId": "i", "message": "non"}}
    report = synthetic(lambda r: httpx.Response(200, json=refusal), reader=_outcome(LOSSLESS))
    assert rows(report) == {
        ("error-with-200", "$.error", UNEXPLAINED, ("Q-IMPORT-ERROR-200",)),
        ("client-ignores-refusal", "$", UNEXPLAINED, ()),
    }


def test_an_operation_the_client_has_no_method_for_explains_nothing() -> None:
    report = synthetic(body({**GOOD, "size": 3}), reader=ClientReader())  # no listThings in the facade
    assert rows(report) == {
        ("type-changed", "$[*].size", UNEXPLAINED, ("Q-TEST-SIZE",)),
        ("client-no-method", "$", INFO, ()),
    }


# -- HTTP: the client's auth, retry policy and Retry-After parser ---------------------------------------


def test_the_keys_are_added_by_the_client_auth_and_sit_in_no_headers_dict() -> None:
    seen: list[httpx.Headers] = []
    config = LoopConfig(
        subscription_key=Secret("sub-abcdef"), api_key=Secret("key-123:secret-456"), base_url="http://x"
    )
    with LiveHttp(
        config, transport=httpx.MockTransport(lambda r: seen.append(r.headers) or httpx.Response(200))
    ) as http:
        assert "sub-abcdef" not in repr(vars(http)) and "secret-456" not in str(http._client.headers)
        http.send("GET", "/compte", {})
    assert (
        seen[0]["Ocp-Apim-Subscription-Key"] == "sub-abcdef" and seen[0]["X-ApiKey"] == "key-123:secret-456"
    )


def test_a_retry_after_beyond_the_policy_is_not_waited_for() -> None:
    waits: list[float] = []
    report = synthetic(
        lambda r: (
            httpx.Response(429, headers={"Retry-After": "3600"}, json={"statusCode": 429, "message": "x"})
            if r.url.path == "/things"
            else httpx.Response(200, json=[GOOD])
        ),
        sleep=waits.append,
    )
    assert waits == [] and ("rate-limited", "$", "error", ()) in rows(report)


def test_a_503_is_retried_with_the_policy_backoff() -> None:
    answers = [httpx.Response(503), httpx.Response(200, json=[GOOD]), httpx.Response(200, json=[GOOD])]
    waits: list[float] = []
    report = synthetic(lambda r: answers.pop(0), sleep=waits.append)
    assert waits == [RetryPolicy().wait_initial] and report.failing == []
