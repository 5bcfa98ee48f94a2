"""`cegid-loop` console command: one Typer app (:mod:`cegid_loop.cli.app`), one module per command
(named after it) or per family of commands (``read_commands``: list, get, resources;
``import_commands``: import, status, imports history).

Without the ``cli`` extra (typer, rich), the command says which extra to install instead of failing
with an import error.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from cegid_loop.cli.app import main as run
    except ModuleNotFoundError as exc:
        top = (exc.name or "").split(".")[0]
        if top not in {"typer", "rich", "click", "yaml"}:
            raise
        sys.stderr.write(
            f"cegid-loop: error: the command needs the cli extra ({top} is not installed): "
            "pip install 'cegid-loop[cli]'\n"
        )
        raise SystemExit(2) from None
    run()


__all__ = ["main"]
