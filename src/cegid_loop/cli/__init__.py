"""`cegid-loop` console command: one Typer app, one module per command."""

from __future__ import annotations

import importlib

from cegid_loop.cli.app import app

# Each module registers its commands on `app` when imported.
_COMMAND_MODULES = ("spec", "validate", "sandbox", "resources", "imports", "drift")


def main() -> None:
    for name in _COMMAND_MODULES:
        importlib.import_module(f"cegid_loop.cli.{name}")
    app()


__all__ = ["app", "main"]
