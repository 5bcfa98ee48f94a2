"""The sandbox ASGI application (Starlette) and its in-process transports.

Layout of the URL space:
- the API at ``/`` and at ``/loop-api-publiques/`` (the real base path), routes built from the spec;
- control endpoints under ``/__sandbox__/`` (never affected by faults): ``GET health`` (no key),
  ``GET|POST|DELETE faults``, ``POST reset``, ``GET quirks``, ``GET drifts`` (same two keys as the
  API), ``GET variants`` (what the variants profile changes), ``GET openapi.json`` (the definition
  the sandbox conforms to, no key: see ``definition``) and ``PUT|GET blob/{token}/{filename}`` (the
  deposit area, Azure Blob semantics: Put Blob, Put Block, Put/Get Block List; signed URL, no API
  key, like Azure).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from cegid_loop.definition import Definition
from cegid_loop.sandbox import profiles, variants
from cegid_loop.sandbox.auth import Authenticator, AuthFailure, Firm, demo_firm, lower_headers
from cegid_loop.sandbox.backend import Backend
from cegid_loop.sandbox.definition import SERVED_AT, served_definition
from cegid_loop.sandbox.deposit import MAX_UPLOAD_BYTES, DepositArea
from cegid_loop.sandbox.exceptions import SandboxError
from cegid_loop.sandbox.faults import (
    MALFORMED_BODY,
    SERVICE_UNAVAILABLE_BODY,
    FaultConfigError,
    FaultInjector,
    rate_limit_body,
    truncate,
)
from cegid_loop.sandbox.import_jobs import ImportService
from cegid_loop.sandbox.limits import MAX_JSON_BODY_BYTES, parse_json, read_limited
from cegid_loop.sandbox.quirks import QUIRKS
from cegid_loop.sandbox.responses import NOT_FOUND_BODY, Answer, Call, Sandbox
from cegid_loop.sandbox.seed import DOSSIERS, seed_firm
from cegid_loop.sandbox.serializer import loop_error
from cegid_loop.sandbox.store import Store
from cegid_loop.sandbox.transports import ConnectionDropped, SandboxTransport, SyncSandboxTransport
from cegid_loop.sandbox.urls import Router, build_routes, load_spec

API_PREFIX = "/loop-api-publiques"
CONTROL_PREFIX = "/__sandbox__"
RAW_SEND = "cegid_loop.sandbox.raw_send"
_LOG = logging.getLogger("cegid_loop.sandbox")
JSON_TYPE = "application/json; charset=utf-8"


@dataclass
class SandboxState:
    store: Store
    auth: Authenticator
    faults: FaultInjector
    deposits: DepositArea
    imports: ImportService
    backend: Backend
    router: Router
    sandbox: Sandbox  # the HTTP side (responses)
    profile: str
    max_body_bytes: int

    def seed(self, firm: Firm) -> None:
        if firm.seed:
            seed_firm(self.store, firm.id, profiles.extra_seed(self.profile, DOSSIERS))

    def add_firm(self, firm: Firm) -> None:
        """Register one more firm (e.g. a second one for isolation tests) and seed it."""
        self.auth.add(firm)
        self.seed(firm)

    def reset(self, firm: Firm) -> None:
        """Back to the demo data, for this firm only."""
        self.store.clear_firm(firm.id)
        self.seed(firm)


class _SandboxStarlette(Starlette):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            # The server's own send callable, before Starlette wraps it: the drop fault needs the
            # socket under it (uvicorn's send is a bound method of the object that holds the transport).
            scope[RAW_SEND] = send
        await super().__call__(scope, receive, send)


def _json(status: int, body: Any, headers: Mapping[str, str] | None = None) -> Response:
    return Response(
        json.dumps(body, ensure_ascii=False).encode(),
        status_code=status,
        headers=dict(headers or {}),
        media_type=JSON_TYPE,
    )


async def _drop(scope: Scope) -> None:
    send = scope.get(RAW_SEND)
    owner = getattr(send, "__self__", None)
    transport = getattr(owner, "transport", None)
    if owner is not None and transport is not None and hasattr(owner, "disconnected"):
        owner.disconnected = True  # uvicorn must not write its 500 on the closed socket
        transport.close()
        return
    raise ConnectionDropped("the sandbox dropped the connection (fault injection)")


def create_app(
    *,
    firms: Sequence[Firm] | None = None,
    db_path: str | Path | None = None,
    profile: str = profiles.NORMAL,
    faults: Mapping[str, Any] | None = None,
    import_step_seconds: float = 0.2,
    spec: Mapping[str, Any] | None = None,
    clock: Callable[[], float] | None = None,
    max_body_bytes: int = MAX_JSON_BODY_BYTES,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
) -> Starlette:
    """Build a sandbox. ``firms[0]`` is the demo firm (default keys ``demo-subscription-key`` /
    ``demo-key:demo-secret``); every firm with ``seed=True`` starts with the demo data (once, when
    ``db_path`` points to an existing file). ``clock`` drives the import timeline (tests).
    ``max_body_bytes`` bounds an API request's body (413 beyond); ``max_upload_bytes`` a file put
    in the deposit area, which is streamed to disk.

    Raises ``ValueError`` for an unknown profile, ``FaultConfigError`` for unusable fault rules and
    ``StartupError`` for a store that cannot be opened, each with a one-line message."""
    if profile not in profiles.PROFILES:
        raise ValueError(f"unknown profile {profile!r}; expected one of {', '.join(profiles.PROFILES)}")
    fault_injector = FaultInjector(faults)  # before the store: bad rules must not create a --db file
    spec_doc: Mapping[str, Any] = spec if spec is not None else load_spec(max_body_bytes)
    now = clock or time.time
    store = Store(db_path)
    deposits = DepositArea(store, clock=now, max_bytes=max_upload_bytes)
    imports = ImportService(store, deposits, step_seconds=import_step_seconds, clock=now)
    backend = Backend(store, deposits, imports)
    routed = Definition(spec_doc, name="sandbox")
    removed = {
        (d.method, d.path)
        for d in profiles.DRIFTS
        if d.kind == profiles.REMOVED_OPERATION and profile == profiles.DRIFTED
    }
    state = SandboxState(
        store=store,
        auth=Authenticator(list(firms) if firms else [demo_firm()]),
        faults=fault_injector,
        deposits=deposits,
        imports=imports,
        backend=backend,
        router=Router(build_routes(routed), removed=removed),
        sandbox=Sandbox(backend=backend, definition=routed, profile=profile),
        profile=profile,
        max_body_bytes=max_body_bytes,
    )
    for firm in state.auth.firms:
        state.seed(firm)

    def guard(request: Request) -> Firm | Response:
        who = state.auth.authenticate(lower_headers(request.scope["headers"]))
        return _json(who.status, who.body) if isinstance(who, AuthFailure) else who

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "profile": state.profile})

    async def faults_endpoint(request: Request) -> Response:
        who = guard(request)
        if isinstance(who, Response):
            return who
        if request.method == "POST":
            try:
                raw = await read_limited(request.stream(), request.headers.get("content-length"), 1 << 20)
                config = parse_json(raw)
                state.faults.configure({} if config is None else config)
            except SandboxError as exc:
                return _json(exc.status, exc.body())
            except FaultConfigError as exc:
                return _json(400, loop_error(str(exc)))
        elif request.method == "DELETE":
            state.faults.clear()
        return _json(200, state.faults.to_json())

    async def reset(request: Request) -> Response:
        who = guard(request)
        if isinstance(who, Response):
            return who
        state.reset(who)
        return _json(200, {"status": "reset"})

    async def quirks(request: Request) -> Response:
        who = guard(request)
        if isinstance(who, Response):
            return who
        return _json(200, [vars(q) for q in QUIRKS.values()])

    async def drifts(request: Request) -> Response:
        who = guard(request)
        if isinstance(who, Response):
            return who
        return _json(200, {"profile": state.profile, "drifts": profiles.drifts_as_json()})

    async def variants_endpoint(request: Request) -> Response:
        who = guard(request)
        if isinstance(who, Response):
            return who
        return _json(200, {"profile": state.profile, "variants": variants.variants_as_json()})

    async def definition(request: Request) -> Response:
        # No key needed, like health: tools (schemathesis, Prism) load it before any call.
        server = f"{request.url.scheme}://{request.url.netloc}{API_PREFIX}"
        return _json(200, served_definition(spec_doc, server))

    async def blob(request: Request) -> Response:
        answer = await state.deposits.handle(
            request.method,
            request.path_params["token"],
            request.path_params["filename"],
            dict(request.query_params),
            lower_headers(request.scope["headers"]),
            request.stream(),
        )
        return Response(answer.body, status_code=answer.status, media_type=answer.content_type)

    async def api(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        response = await _api_call(state, request)
        if response is not None:
            await response(scope, receive, send)

    app = _SandboxStarlette(
        routes=[
            Route(f"{CONTROL_PREFIX}/health", health, methods=["GET"]),
            Route(f"{CONTROL_PREFIX}/faults", faults_endpoint, methods=["GET", "POST", "DELETE"]),
            Route(f"{CONTROL_PREFIX}/reset", reset, methods=["POST"]),
            Route(f"{CONTROL_PREFIX}/quirks", quirks, methods=["GET"]),
            Route(f"{CONTROL_PREFIX}/drifts", drifts, methods=["GET"]),
            Route(f"{CONTROL_PREFIX}/variants", variants_endpoint, methods=["GET"]),
            Route(SERVED_AT, definition, methods=["GET"]),
            Route(CONTROL_PREFIX + "/blob/{token}/{filename:path}", blob, methods=["PUT", "GET"]),
        ]
    )
    app.router.redirect_slashes = False
    app.router.default = api  # everything else is the API
    app.state.sandbox = state
    return app


def _first_values(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in items:
        out.setdefault(key, value)
    return out


async def _api_call(state: SandboxState, request: Request) -> Response | None:
    path = request.url.path
    if path.lower().startswith(API_PREFIX + "/") or path.lower() == API_PREFIX:
        path = path[len(API_PREFIX) :] or "/"
    who = state.auth.authenticate(lower_headers(request.scope["headers"]))
    if isinstance(who, AuthFailure):
        return _json(who.status, who.body)
    method = request.method.upper()
    match = state.router.match(method, path)
    decision = state.faults.decide(method, path, match[0].operation_id if match else None)
    if decision.delay_ms:
        await asyncio.sleep(decision.delay_ms / 1000)
    if decision.kind == "429":
        return _json(429, rate_limit_body(decision.retry_after), {"Retry-After": str(decision.retry_after)})
    if decision.kind == "503":
        return _json(503, SERVICE_UNAVAILABLE_BODY)
    if decision.kind == "drop":
        await _drop(request.scope)
        return None
    if match is None:
        answer = Answer(404, NOT_FOUND_BODY)  # APIM: no operation for this method + path (Q-APIM-404)
    else:
        try:
            body = await read_limited(
                request.stream(), request.headers.get("content-length"), state.max_body_bytes
            )
            call = Call(
                firm=who,
                route=match[0],
                query=_first_values(request.query_params.multi_items()),
                body=body,
                base_url=f"{request.url.scheme}://{request.url.netloc}",
            )
            answer = state.sandbox.handle(call)
        except SandboxError as exc:  # a body too large, before it is even parsed
            answer = Answer(exc.status, exc.body())
        except Exception:  # a sandbox bug: answer like Loop would (documented 500 + LoopError), and log it
            _LOG.exception("sandbox error on %s %s", method, path)
            answer = Answer(500, loop_error("Erreur interne du bac à sable."))
    payload = answer.encode()
    if decision.kind == "malformed":
        payload = MALFORMED_BODY
    elif decision.kind == "truncated":
        payload = truncate(payload)
    return Response(
        payload,
        status_code=answer.status,
        headers=answer.headers,
        media_type=answer.content_type if payload else None,
    )


def sandbox_state(app: Starlette) -> SandboxState:
    state = app.state.sandbox
    assert isinstance(state, SandboxState)
    return state


__all__ = [
    "API_PREFIX",
    "CONTROL_PREFIX",
    "ConnectionDropped",
    "SandboxState",
    "SandboxTransport",
    "SyncSandboxTransport",
    "create_app",
    "sandbox_state",
    "sandbox_sync_transport",
    "sandbox_transport",
]


def sandbox_transport(app: Starlette | None = None, **create_kwargs: Any) -> SandboxTransport:
    """An async httpx transport onto a sandbox (``app``, or a new one built with ``create_kwargs``)."""
    return SandboxTransport(app=app if app is not None else create_app(**create_kwargs))


def sandbox_sync_transport(app: Starlette | None = None, **create_kwargs: Any) -> SyncSandboxTransport:
    """The same for ``httpx.Client``."""
    return SyncSandboxTransport(app if app is not None else create_app(**create_kwargs))
