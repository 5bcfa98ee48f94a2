"""`cegid-loop sandbox`: serve the Loop sandbox over HTTP (uvicorn)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from cegid_loop.cli.app import app
from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY, Firm
from cegid_loop.sandbox.profiles import NORMAL, PROFILES


def _faults(raw: str | None) -> dict[str, Any] | None:
    if not raw:
        return None
    text = Path(raw[1:]).read_text(encoding="utf-8") if raw.startswith("@") else raw
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise typer.BadParameter(f"not JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise typer.BadParameter('expected a JSON object {"seed": ..., "rules": [...]}')
    return value


@app.command()
def sandbox(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8765,
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
) -> None:
    """Run the stateful Loop API sandbox (a local emulator of the Cegid Loop public API)."""
    import uvicorn

    from cegid_loop.sandbox.app import create_app

    if profile not in PROFILES:
        raise typer.BadParameter(f"expected one of {', '.join(PROFILES)}", param_hint="--profile")
    sub = subscription_key or os.environ.get("LOOP_SUBSCRIPTION_KEY") or DEMO_SUBSCRIPTION_KEY
    key = api_key or os.environ.get("LOOP_API_KEY") or DEMO_API_KEY
    application = create_app(
        firms=[Firm(sub, key)],
        db_path=db,
        profile=profile,
        faults=_faults(faults),
        import_step_seconds=import_step_seconds,
    )
    shown_host = f"[{host}]" if ":" in host else host
    # The keys are never printed: only where to point the client.
    typer.echo(f"Loop sandbox ({profile}) on http://{shown_host}:{port}  (also under /loop-api-publiques)")
    if db is not None:
        typer.echo(f"data: {db}")
    uvicorn.run(application, host=host, port=port, log_level="warning")
