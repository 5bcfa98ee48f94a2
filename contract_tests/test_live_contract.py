"""The contract suites against a real Loop (live mode).

Runs when LOOP_BASE_URL, LOOP_SUBSCRIPTION_KEY, LOOP_API_KEY and LOOP_CODE_DOSSIER are all set;
otherwise skipped, with the names of the missing variables. Optional:

- LOOP_ALLOW_WRITES=1: also the write operations and the stateful phase (add -> read -> modify ->
  delete through the links), only on the named dossier (LOOP_CODE_DOSSIER); the cabinet-level APIs,
  the collaborative offer, partialInit and the imports are never written to;
- LOOP_CONTRACT_OPERATIONS=opId,opId: only these operations;
- LOOP_CONTRACT_CASSETTE=FILE: every interaction recorded there (JSON; keys masked, texts scrubbed).

Every request goes through :class:`GuardedSession`: it refuses a write without LOOP_ALLOW_WRITES=1 or
outside the named dossier *before* anything is sent, and honours 429 + Retry-After (APIM's rate limit).
The guard and the skip are tested here without any credential; the suites themselves against a
loopback sandbox standing in for Loop.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import hypothesis
import pytest
import requests
import schemathesis
from requests.adapters import BaseAdapter

from cegid_loop._redact import scrub_value
from cegid_loop.sandbox.app import create_app
from cegid_loop.sandbox.auth import Firm
from contract_tests.links import collections, contract_config, contract_spec

ENV_VARS = ("LOOP_BASE_URL", "LOOP_SUBSCRIPTION_KEY", "LOOP_API_KEY", "LOOP_CODE_DOSSIER")
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SECRET_HEADERS = frozenset({"ocp-apim-subscription-key", "x-apikey", "authorization"})
# Never written to by the live suite, even with LOOP_ALLOW_WRITES=1: not scoped to one dossier.
NOT_DOSSIER_SCOPED_TAGS = ("parametres_cabinet", "collaboratif", "sink", "ecritures_import")
HERE = Path(__file__).resolve().parent
ServeSandbox = Callable[..., str]  # the served_sandbox fixture of conftest.py


def missing_variables(env: Mapping[str, str]) -> list[str]:
    return [name for name in ENV_VARS if not env.get(name)]


def skip_reason(env: Mapping[str, str]) -> str:
    missing = missing_variables(env)
    return f"live Loop suite skipped: {', '.join(missing)} not set" if missing else ""


class WriteRefused(RuntimeError):
    """A request the live suite must never send; raised before it leaves the process."""


def _retry_after(response: requests.Response, cap: float) -> float:
    try:
        return max(0.0, min(float(response.headers.get("Retry-After", "1")), cap))
    except ValueError:
        return 1.0


class GuardedSession(requests.Session):
    """The only way the live suite talks to Loop: read-only unless allowed, one dossier, 429-aware;
    it records the cassette (schemathesis' own VCR/HAR writers need allure under pytest: TUNING.md T8)."""

    def __init__(
        self,
        dossier: str,
        *,
        allow_writes: bool,
        sleep: Callable[[float], None] = time.sleep,
        max_retries: int = 3,
        max_wait: float = 60.0,
        cassette: Path | None = None,
    ) -> None:
        super().__init__()
        self.dossier, self.allow_writes, self.sleep = dossier, allow_writes, sleep
        self.max_retries, self.max_wait = max_retries, max_wait
        self.cassette = cassette
        self.interactions: list[dict[str, Any]] = []

    def check(self, request: requests.PreparedRequest) -> None:
        method = (request.method or "GET").upper()
        if method in READ_METHODS:
            return
        if not self.allow_writes:
            raise WriteRefused(f"{method} refused: the live suite is read-only unless LOOP_ALLOW_WRITES=1")
        query = parse_qs(urlsplit(request.url or "").query, keep_blank_values=True)
        codes = set(query.get("codeDossier", []))
        body = request.body.decode("utf-8", "replace") if isinstance(request.body, bytes) else request.body
        try:
            payload = json.loads(body) if isinstance(body, str) and body else None
        except ValueError:
            payload = None
        if isinstance(payload, dict) and "codeIbs" in payload:
            codes.add(str(payload["codeIbs"]))
        if codes != {self.dossier}:
            raise WriteRefused(
                f"{method} refused: writes go to dossier {self.dossier} only, not {sorted(codes)}"
            )

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        self.check(request)
        response = super().send(request, **kwargs)
        for _ in range(self.max_retries):
            if response.status_code != 429:
                break
            self.sleep(_retry_after(response, self.max_wait))
            response = super().send(request, **kwargs)
        if self.cassette is not None:
            self.interactions.append(_interaction(request, response))
        return response

    def close(self) -> None:
        if self.cassette is not None:
            self.cassette.parent.mkdir(parents=True, exist_ok=True)
            self.cassette.write_text(
                json.dumps(scrub_value(self.interactions), ensure_ascii=False, indent=1), encoding="utf-8"
            )
        super().close()


def _masked(headers: Mapping[str, Any]) -> dict[str, str]:
    return {k: ("***" if k.lower() in SECRET_HEADERS else str(v)) for k, v in headers.items()}


def _interaction(request: requests.PreparedRequest, response: requests.Response) -> dict[str, Any]:
    body = request.body.decode("utf-8", "replace") if isinstance(request.body, bytes) else request.body
    return {
        "request": {
            "method": request.method,
            "url": request.url,
            "headers": _masked(request.headers),
            "body": body,
        },
        "response": {
            "status": response.status_code,
            "headers": _masked(response.headers),
            "body": response.content.decode("utf-8", "replace"),
        },
    }


# -- the live suites ------------------------------------------------------------------------------------
# (built at import: schemathesis' lazy `from_fixture` schemas do not work with pytest 9, TUNING.md T8)

SKIP_REASON = skip_reason(os.environ)
ALLOW_WRITES = os.environ.get("LOOP_ALLOW_WRITES") == "1"
WRITES_SKIPPED = "live writes skipped: LOOP_ALLOW_WRITES=1 not set (the live suite is read-only)"
LIVE_SCENARIOS = 20  # state machine runs against a real Loop: few, each one writes
ACTIVE_SESSIONS: list[GuardedSession] = []  # the state machine is a unittest class: no fixture argument


def _selected(operation: Any, *, writes: bool, cabinet: bool, stateful: bool = False) -> bool:
    raw = operation.definition.raw
    tags = set(raw.get("tags") or [])
    only = [op for op in os.environ.get("LOOP_CONTRACT_OPERATIONS", "").split(",") if op]
    if only and raw.get("operationId") not in only:
        return False
    if stateful:  # the dossier's own collections, read and written
        return not tags & {"parametres_cabinet", *NOT_DOSSIER_SCOPED_TAGS}
    if writes:
        return operation.method.upper() not in READ_METHODS and not tags & set(NOT_DOSSIER_SCOPED_TAGS)
    if operation.method.upper() != "GET" or raw.get("operationId") == "getFileUrlDeposit":  # a signed URL
        return False
    return ("parametres_cabinet" in tags) == cabinet


def _live_schema(*, writes: bool, cabinet: bool = False, stateful: bool = False) -> Any:
    env = {name: os.environ[name] for name in ENV_VARS}
    dossier = env["LOOP_CODE_DOSSIER"]
    overrides: dict[str, Any] = {
        "base-url": env["LOOP_BASE_URL"],
        "parameters": {"query.codeDossier": "cabinet" if cabinet else dossier},
    }
    # TUNING.md T7: no undocumented methods against a real Loop (PATCH/QUERY could write); for writes
    # no coverage phase (it drops required parameters on purpose, codeDossier included); the stateful
    # phase positive only (its codeDossier is forced to the dossier, see LiveStateMachine).
    overrides["phases"] = {
        "coverage": {"enabled": not writes, "unexpected-methods": []},
        "stateful": {"generation": {"mode": "positive"}},
    }
    config = contract_config(env["LOOP_SUBSCRIPTION_KEY"], env["LOOP_API_KEY"], **overrides)
    schema = schemathesis.openapi.from_dict(
        contract_spec(dossier=dossier, server=env["LOOP_BASE_URL"], live=True), config=config
    )
    return schema.include(
        lambda ctx: _selected(ctx.operation, writes=writes, cabinet=cabinet, stateful=stateful)
    )


@pytest.fixture(scope="module")
def live_session() -> Iterator[GuardedSession]:
    cassette = os.environ.get("LOOP_CONTRACT_CASSETTE")
    with GuardedSession(
        os.environ["LOOP_CODE_DOSSIER"],
        allow_writes=ALLOW_WRITES,
        cassette=Path(cassette) if cassette else None,
    ) as session:
        ACTIVE_SESSIONS.append(session)
        yield session
        ACTIVE_SESSIONS.remove(session)


def _suite(build: Callable[[], Any], unavailable: str) -> Callable[..., None]:
    """A schemathesis test over the operations ``build`` selects, or a skip saying why there is none."""
    if SKIP_REASON or unavailable:

        def skipped() -> None:
            pytest.skip(SKIP_REASON or unavailable)

        return skipped
    schema = build()
    if not any(True for _ in schema.get_all_operations()):

        def nothing() -> None:
            pytest.skip("no operation selected (LOOP_CONTRACT_OPERATIONS)")

        return nothing

    @schema.parametrize()  # type: ignore[untyped-decorator]
    def suite(case: schemathesis.Case[Any], live_session: GuardedSession) -> None:
        case.call_and_validate(session=live_session)

    return suite  # type: ignore[no-any-return]


test_live_read = _suite(lambda: _live_schema(writes=False), "")
test_live_cabinet_read = _suite(lambda: _live_schema(writes=False, cabinet=True), "")
test_live_write = _suite(lambda: _live_schema(writes=True), "" if ALLOW_WRITES else WRITES_SKIPPED)


def _live_state_machine() -> Any:
    """The stateful phase on the dossier's own collections (links of contract_tests/links.py)."""
    schema = _live_schema(writes=True, stateful=True)
    dossier = os.environ["LOOP_CODE_DOSSIER"]
    deletable = {c.path for c in collections(contract_spec(dossier=dossier, live=True)) if c.delete}

    class LiveStateMachine(schema.as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            self.added: list[tuple[str, str]] = []  # (path, objectId) of what this scenario added

        def before_call(self, case: schemathesis.Case[Any]) -> None:
            # `parameters` does not reach the stateful phase: every step names the dossier itself.
            case.query = {**(case.query or {}), "codeDossier": dossier}

        def get_call_kwargs(self, case: schemathesis.Case[Any]) -> dict[str, Any]:
            return {"session": ACTIVE_SESSIONS[-1]}

        def after_call(self, response: Any, case: schemathesis.Case[Any]) -> None:
            super().after_call(response, case)
            if (
                case.method.upper() == "POST"
                and case.operation.path in deletable
                and response.status_code == 200
            ):
                body = response.json()
                if isinstance(body, dict) and body.get("objectId"):
                    self.added.append((case.operation.path, str(body["objectId"])))

        def teardown(self) -> None:
            # Each scenario leaves the dossier as it found it: a real dossier keeps no test data, and
            # Hypothesis, which replays scenarios, gets the same answers to the same steps (an object
            # left by one scenario would turn the next one's add of the same code into a 409).
            session = ACTIVE_SESSIONS[-1]
            for path, object_id in reversed(self.added):
                session.delete(
                    os.environ["LOOP_BASE_URL"] + path, params={"codeDossier": dossier, "objectId": object_id}
                )
            super().teardown()

    test_case = LiveStateMachine.TestCase
    test_case.settings = hypothesis.settings(
        max_examples=LIVE_SCENARIOS,
        stateful_step_count=schema.config.phases.stateful.max_steps,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    return pytest.mark.usefixtures("live_session")(test_case)


if SKIP_REASON or not ALLOW_WRITES:

    def test_live_stateful() -> None:
        pytest.skip(SKIP_REASON or WRITES_SKIPPED)

else:
    TestLiveStateful = _live_state_machine()


# -- the machinery, tested without credentials ------------------------------------------------------------


class FakeAdapter(BaseAdapter):
    """Answers from a list of (status, headers) and records what was sent; never touches a network."""

    def __init__(self, answers: list[tuple[int, dict[str, str]]]) -> None:
        super().__init__()
        self.answers = answers
        self.sent: list[requests.PreparedRequest] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        self.sent.append(request)
        status, headers = self.answers.pop(0) if self.answers else (200, {})
        response = requests.Response()
        response.status_code, response.headers, response._content = status, headers, b"{}"  # type: ignore[assignment]
        response.request, response.url = request, request.url or ""
        return response

    def close(self) -> None:
        pass


def _session(
    answers: list[tuple[int, dict[str, str]]] | None = None, **kwargs: Any
) -> tuple[GuardedSession, FakeAdapter]:
    session = GuardedSession("DOSSIER1", **{"allow_writes": False, **kwargs})
    adapter = FakeAdapter(answers or [])
    session.mount("http://", adapter)
    return session, adapter


def test_the_skip_message_names_each_missing_variable() -> None:
    assert skip_reason({}) == (
        "live Loop suite skipped: LOOP_BASE_URL, LOOP_SUBSCRIPTION_KEY, LOOP_API_KEY, "
        "LOOP_CODE_DOSSIER not set"
    )
    partial = {"LOOP_BASE_URL": "http://127.0.0.1:1", "LOOP_SUBSCRIPTION_KEY": "s", "LOOP_API_KEY": "k:s"}
    assert skip_reason(partial) == "live Loop suite skipped: LOOP_CODE_DOSSIER not set"
    assert skip_reason({**partial, "LOOP_CODE_DOSSIER": "D"}) == ""


def test_no_write_leaves_without_permission() -> None:
    session, adapter = _session()
    assert session.get("http://127.0.0.1:1/compte", params={"codeDossier": "DOSSIER1"}).status_code == 200
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        with pytest.raises(WriteRefused, match="LOOP_ALLOW_WRITES=1"):
            session.request(method, "http://127.0.0.1:1/compte", params={"codeDossier": "DOSSIER1"}, json={})
    assert [r.method for r in adapter.sent] == ["GET"]


def test_writes_go_to_the_named_dossier_only() -> None:
    session, adapter = _session(allow_writes=True)
    url = "http://127.0.0.1:1/compte"
    session.post(url, params={"codeDossier": "DOSSIER1"}, json={"numero": "1"})
    session.post("http://127.0.0.1:1/importFEC", json={"codeIbs": "DOSSIER1", "URI": "x"})
    for params, body in (
        ({"codeDossier": "OTHER"}, {}),
        ({}, {"codeIbs": "OTHER"}),
        ({}, {}),
        ({"codeDossier": "DOSSIER1"}, {"codeIbs": "OTHER"}),
    ):
        with pytest.raises(WriteRefused, match="DOSSIER1 only"):
            session.post(url, params=params, json=body)
    assert len(adapter.sent) == 2


def test_429_is_retried_after_the_delay_apim_asks_for() -> None:
    waits: list[float] = []
    session, adapter = _session(
        [(429, {"Retry-After": "2"}), (429, {"Retry-After": "7200"}), (200, {})],
        sleep=waits.append,
        max_wait=60.0,
    )
    assert session.get("http://127.0.0.1:1/compte").status_code == 200
    assert waits == [2.0, 60.0] and len(adapter.sent) == 3
    session, adapter = _session([(429, {"Retry-After": "1"})] * 5, sleep=waits.append, max_retries=2)
    assert session.get("http://127.0.0.1:1/compte").status_code == 429 and len(adapter.sent) == 3


class MethodRecorder:
    """ASGI wrapper that records (method, path, query) of every request, to prove what was sent."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.seen: list[tuple[str, str, str]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.seen.append((scope["method"], scope["path"], scope["query_string"].decode()))
        await self.app(scope, receive, send)


def run_live_suite(
    base_url: str,
    tmp_path: Path,
    *,
    keys: tuple[str, str],
    operations: str,
    allow_writes: bool = False,
    extra_env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOOP_")}
    env |= {
        "LOOP_BASE_URL": base_url,
        "LOOP_SUBSCRIPTION_KEY": keys[0],
        "LOOP_API_KEY": keys[1],
        "LOOP_CODE_DOSSIER": "CEGID001",
        "LOOP_CONTRACT_OPERATIONS": operations,
        "PYTHONPATH": os.pathsep.join(
            [
                str(HERE.parent / "src"),
                str(HERE.parent / "generated"),
                str(HERE.parent),
                env.get("PYTHONPATH", ""),
            ]
        ),
    }
    if allow_writes:
        env["LOOP_ALLOW_WRITES"] = "1"
    env |= dict(extra_env or {})
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            *(
                f"{HERE / 'test_live_contract.py'}::{name}"
                for name in (
                    "test_live_read",
                    "test_live_cabinet_read",
                    "test_live_write",
                    "TestLiveStateful" if allow_writes else "test_live_stateful",
                )
            ),
            f"--junitxml={tmp_path / 'junit-live.xml'}",
            "--rootdir",
            str(HERE.parent),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        cwd=HERE.parent,
        check=False,
    )


SANDBOX_KEYS = ("live-sub-key-1234", "live-key:live-secret-5678")


def test_the_live_suite_is_read_only_by_default(served_sandbox: ServeSandbox, tmp_path: Path) -> None:
    recorder = MethodRecorder(create_app(firms=[Firm(*SANDBOX_KEYS)], import_step_seconds=0))
    base_url = served_sandbox(app=recorder)
    result = run_live_suite(
        base_url, tmp_path, keys=SANDBOX_KEYS, operations="listComptes,addCompte,deleteCompte,listGroupes"
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "2 passed, 2 skipped" in result.stdout, result.stdout[-1500:]
    assert {m for m, _, _ in recorder.seen} == {"GET"}, "the read-only live suite sent a write"
    assert any(path == "/compte" for _, path, _ in recorder.seen)


def test_live_writes_stay_in_the_named_dossier(served_sandbox: ServeSandbox, tmp_path: Path) -> None:
    recorder = MethodRecorder(create_app(firms=[Firm(*SANDBOX_KEYS)], import_step_seconds=0))
    base_url = served_sandbox(app=recorder)
    result = run_live_suite(
        base_url,
        tmp_path,
        keys=SANDBOX_KEYS,
        operations="listComptes,addCompte,updateCompte,deleteCompte,addGroupe",
        allow_writes=True,
    )
    # GET /compte; no cabinet read selected (skip); POST, PUT, DELETE /compte; the state machine
    assert "5 passed, 1 skipped" in result.stdout, result.stdout[-1500:]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    writes_sent = [(m, p, q) for m, p, q in recorder.seen if m != "GET"]
    assert {p for _, p, _ in writes_sent} == {"/compte"}, writes_sent[:5]
    assert all(parse_qs(q).get("codeDossier") == ["CEGID001"] for _, _, q in writes_sent), writes_sent[:5]
