"""`cegid-loop sandbox`: serve the Loop sandbox over HTTP (uvicorn).

Every start-up mistake (fault rules that cannot be read, a --db that is not a usable SQLite file,
a port out of range or taken, a host that does not resolve) ends with one line on stderr and exit
code 2, never a traceback; nothing is printed that holds a key.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import Annotated, Any

import typer

from cegid_loop.cli.failures import EXIT_USAGE, fail
from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY, Firm
from cegid_loop.sandbox.limits import MAX_JSON_BODY_BYTES
from cegid_loop.sandbox.profiles import NORMAL, PROFILES


class StartupProblem(Exception):
    """One line saying which option is wrong and why."""


def _faults(raw: str | None) -> dict[str, Any] | None:
    if not raw:
        return None
    where = "--faults"
    if raw.startswith("@"):
        path = Path(raw[1:])
        where = f"--faults {raw}"
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise StartupProblem(f"{where}: cannot be read ({reason})") from exc
    else:
        text = raw
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        at = f" at line {exc.lineno}, column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise StartupProblem(f"{where}: not JSON ({detail}{at})") from exc
    if not isinstance(value, dict):
        raise StartupProblem(f'{where}: expected a JSON object {{"seed": ..., "rules": [...]}}')
    return value


def check_listen(host: str, port: int) -> None:
    """Fail now, with a clear line, where uvicorn would fail later with a log line or a traceback."""
    if not 1 <= port <= 65535:
        raise StartupProblem(f"--port {port}: out of range (1-65535)")
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) and exc.strerror else str(exc)
        raise StartupProblem(f"--host {host}: not an address this machine can listen on ({reason})") from exc
    family, kind, proto, _, address = addresses[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind(address)
        except OSError as exc:
            raise StartupProblem(
                f"--host {host} --port {port}: cannot listen there ({exc.strerror or exc})"
            ) from exc


def _build(**options: Any) -> Any:
    """The app, or the reason it cannot be built, as one line."""
    from cegid_loop.sandbox.app import create_app
    from cegid_loop.sandbox.exceptions import StartupError
    from cegid_loop.sandbox.faults import FaultConfigError

    try:
        return create_app(**options)
    except FaultConfigError as exc:
        raise StartupProblem(f"--faults: {exc}") from exc
    except StartupError as exc:
        raise StartupProblem(str(exc)) from exc


def sandbox(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port (1-65535).")] = 8765,
    subscription_key: Annotated[
        str | None,
        typer.Option(
            help="Demo firm's Ocp-Apim-Subscription-Key (default: $LOOP_SUBSCRIPTION_KEY, "
            "else the demo key).",
            show_default=False,
        ),
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            help="Demo firm's X-ApiKey, KEY:SECRET (default: $LOOP_API_KEY, else the demo key).",
            show_default=False,
        ),
    ] = None,
    db: Annotated[Path | None, typer.Option(help="SQLite file: the data survives a restart.")] = None,
    profile: Annotated[str, typer.Option(help=f"Behaviour profile: {' | '.join(PROFILES)}.")] = NORMAL,
    import_step_seconds: Annotated[
        float,
        typer.Option(help="Duration of each import phase (pending, running); 0 = imports finish at once."),
    ] = 0.2,
    faults: Annotated[
        str | None,
        typer.Option(help="Fault injection config, JSON or @file.json (see cegid_loop.sandbox.faults)."),
    ] = None,
    max_body_mb: Annotated[
        float,
        typer.Option(help="Largest API request body in MB (413 beyond); not for deposit uploads."),
    ] = MAX_JSON_BODY_BYTES / 1_000_000,
) -> None:
    """Run the stateful Loop API sandbox (a local emulator of the Cegid Loop public API)."""
    import uvicorn

    sub = subscription_key or os.environ.get("LOOP_SUBSCRIPTION_KEY") or DEMO_SUBSCRIPTION_KEY
    key = api_key or os.environ.get("LOOP_API_KEY") or DEMO_API_KEY
    try:
        if profile not in PROFILES:
            raise StartupProblem(f"--profile {profile}: expected one of {', '.join(PROFILES)}")
        if not max_body_mb > 0:
            raise StartupProblem(f"--max-body-mb {max_body_mb}: must be a positive number")
        fault_config = _faults(faults)
        check_listen(host, port)
        application = _build(
            firms=[Firm(sub, key)],
            db_path=db,
            profile=profile,
            faults=fault_config,
            import_step_seconds=import_step_seconds,
            max_body_bytes=int(max_body_mb * 1_000_000),
        )
    except StartupProblem as exc:
        fail(str(exc), EXIT_USAGE)
    shown_host = f"[{host}]" if ":" in host else host
    # The keys are never printed: only where to point the client.
    typer.echo(f"Loop sandbox ({profile}) on http://{shown_host}:{port}  (also under /loop-api-publiques)")
    if db is not None:
        typer.echo(f"data: {db}")
    uvicorn.run(application, host=host, port=port, log_level="warning")
