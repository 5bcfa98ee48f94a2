"""The sandbox ASGI application (Starlette) and its in-process transports.

Layout of the URL space:
- the API at ``/`` and at ``/loop-api-publiques/`` (the real base path), routes built from the spec;
- control endpoints under ``/__sandbox__/`` (never affected by faults): ``GET health`` (no key),
  ``GET|POST|DELETE faults``, ``POST reset``, ``GET quirks``, ``GET drifts`` (same two keys as the
  API), and ``PUT blob/{token}/{filename}`` (the deposit area; signed URL, no API key, like Azure).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from cegid_loop.sandbox import profiles
from cegid_loop.sandbox.auth import Authenticator, AuthFailure, Firm, demo_firm, lower_headers
from cegid_loop.sandbox.faults import (
    MALFORMED_BODY,
    SERVICE_UNAVAILABLE_BODY,
    FaultConfigError,
    FaultInjector,
    rate_limit_body,
    truncate,
)
from cegid_loop.sandbox.imports import ImportService
from cegid_loop.sandbox.models import Store
from cegid_loop.sandbox.responses import NOT_FOUND_BODY, Answer, Call, Sandbox
from cegid_loop.sandbox.seed import DOSSIERS, seed_firm
from cegid_loop.sandbox.serializer import QUIRKS, loop_error
from cegid_loop.sandbox.urls import Router, build_operations, load_spec

API_PREFIX = "/loop-api-publiques"
CONTROL_PREFIX = "/__sandbox__"
RAW_SEND = "cegid_loop.sandbox.raw_send"
_LOG = logging.getLogger("cegid_loop.sandbox")
JSON_TYPE = "application/json; charset=utf-8"


class ConnectionDropped(Exception):
    """Raised by the ``drop`` fault when the server cannot close the socket itself (ASGI transport)."""


@dataclass
class SandboxState:
    store: Store
    auth: Authenticator
    faults: FaultInjector
    imports: ImportService
    router: Router
    sandbox: Sandbox
    profile: str

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
) -> Starlette:
    """Build a sandbox. ``firms[0]`` is the demo firm (default keys ``demo-subscription-key`` /
    ``demo-key:demo-secret``); every firm with ``seed=True`` starts with the demo data (once, when
    ``db_path`` points to an existing file). ``clock`` drives the import timeline (tests)."""
    if profile not in profiles.PROFILES:
        raise ValueError(f"unknown profile {profile!r}; expected one of {', '.join(profiles.PROFILES)}")
    spec = spec if spec is not None else load_spec()
    store = Store(db_path)
    imports = ImportService(store, step_seconds=import_step_seconds, clock=clock or time.time)
    operations = build_operations(spec)
    removed = {
        (d.method, d.path)
        for d in profiles.DRIFTS
        if d.kind == profiles.REMOVED_OPERATION and profile == profiles.DRIFTED
    }
    state = SandboxState(
        store=store,
        auth=Authenticator(list(firms) if firms else [demo_firm()]),
        faults=FaultInjector(faults),
        imports=imports,
        router=Router(operations, removed=removed),
        sandbox=Sandbox(store=store, imports=imports, spec=spec, profile=profile),
        profile=profile,
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
                state.faults.configure(json.loads(await request.body() or b"{}"))
            except (ValueError, FaultConfigError) as exc:
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

    async def blob(request: Request) -> Response:
        answer = state.imports.upload(
            request.path_params["token"],
            request.path_params["filename"],
            request.query_params.get("sig"),
            lower_headers(request.scope["headers"]),
            await request.body(),
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
            Route(CONTROL_PREFIX + "/blob/{token}/{filename:path}", blob, methods=["PUT"]),
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
        call = Call(
            firm=who,
            op=match[0],
            query=_first_values(request.query_params.multi_items()),
            body=await request.body(),
            base_url=f"{request.url.scheme}://{request.url.netloc}",
        )
        try:
            answer = state.sandbox.handle(call)
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


# -- in-process transports ------------------------------------------------------------------------


class SandboxTransport(httpx.ASGITransport):
    """``httpx.ASGITransport`` that turns the ``drop`` fault into what a socket client sees:
    ``httpx.RemoteProtocolError("Server disconnected without sending a response.")``."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await super().handle_async_request(request)
        except ConnectionDropped as exc:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from exc


class SyncSandboxTransport(httpx.BaseTransport):
    """A synchronous transport onto the ASGI app (httpx's ASGITransport is async only): the app
    runs in an event loop on a daemon helper thread (so a forgotten client never blocks exit)."""

    def __init__(self, app: Starlette) -> None:
        self._async = SandboxTransport(app=app)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None

    def _get_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                threading.Thread(target=self._loop.run_forever, name="loop-sandbox", daemon=True).start()
            return self._loop

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        content = request.read()

        async def run() -> tuple[int, list[tuple[bytes, bytes]], bytes]:
            forwarded = httpx.Request(request.method, request.url, headers=request.headers, content=content)
            response = await self._async.handle_async_request(forwarded)
            body = await response.aread()
            return response.status_code, response.headers.raw, body

        status, headers, body = asyncio.run_coroutine_threadsafe(run(), self._get_loop()).result()
        return httpx.Response(status, headers=headers, content=body, request=request)

    def close(self) -> None:
        with self._lock:
            loop, self._loop = self._loop, None
        if loop is not None:
            loop.call_soon_threadsafe(loop.stop)


def sandbox_transport(app: Starlette | None = None, **create_kwargs: Any) -> SandboxTransport:
    """An async httpx transport onto a sandbox (``app``, or a new one built with ``create_kwargs``)."""
    return SandboxTransport(app=app if app is not None else create_app(**create_kwargs))


def sandbox_sync_transport(app: Starlette | None = None, **create_kwargs: Any) -> SyncSandboxTransport:
    """The same for ``httpx.Client``."""
    return SyncSandboxTransport(app if app is not None else create_app(**create_kwargs))
