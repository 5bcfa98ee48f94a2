"""A smoke test of an installed cegid-loop, run from outside any source tree (`nox -s build`).

It proves that what a pinned consumer gets from the wheel works on its own: the version identity,
the vendored definitions, the generated client and the facade; with ``all``, the sandbox, the
command and the pytest fixtures shipped inside it; with ``core``, that the client alone needs no
extra and pulls none. ``python -m cegid_loop.smoke core|all`` prints one line per check and exits
non-zero on the first failure.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

# What the extras bring (pyproject.toml); a core install must have none of them.
EXTRA_MODULES = ("typer", "rich", "starlette", "uvicorn", "jsonschema", "yaml", "jsonpath")


def _identity(checks: list[tuple[str, bool]]) -> None:
    import cegid_loop
    from cegid_loop import spec

    here = Path(cegid_loop.__file__).resolve()
    checks.append((f"imported from {here.parent}", "site-packages" in here.parts))
    checks.append(
        (f"version {cegid_loop.__version__}", cegid_loop.__version__.startswith(cegid_loop.__spec_version__))
    )
    checks.append(
        ("spec files shipped in the wheel", spec.spec_path(spec.EFFECTIVE_NAME).is_relative_to(here.parent))
    )


def core(checks: list[tuple[str, bool]]) -> None:
    import httpx

    from cegid_loop import LoopClient

    _identity(checks)
    missing = [name for name in EXTRA_MODULES if importlib.util.find_spec(name) is None]
    checks.append((f"no extra installed ({', '.join(missing)} absent)", missing == list(EXTRA_MODULES)))
    page = [{"numero": "60100000", "libelle": "Achats"}]
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=page))
    with LoopClient(
        base_url="http://loop.invalid", subscription_key="smoke-sub", api_key="smoke:key", transport=transport
    ) as loop:
        comptes = loop.comptes.list("CEGID001")
        checks.append(("a typed list through the facade", [c.numero for c in comptes] == ["60100000"]))
        checks.append(("imports reachable", callable(loop.imports.fec)))
    command = shutil.which("cegid-loop")
    if command is not None:
        done = subprocess.run([command, "--version"], capture_output=True, text=True, check=False)
        checks.append(
            ("the command names the cli extra", done.returncode == 2 and "cegid-loop[cli]" in done.stderr)
        )


def full(checks: list[tuple[str, bool]]) -> None:
    from cegid_loop import LoopClient
    from cegid_loop.sandbox.app import sandbox_sync_transport
    from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY

    _identity(checks)
    transport = sandbox_sync_transport(import_step_seconds=0)
    with LoopClient(
        base_url="http://sandbox.invalid",
        subscription_key=DEMO_SUBSCRIPTION_KEY,
        api_key=DEMO_API_KEY,
        transport=transport,
    ) as loop:
        comptes = list(loop.comptes.iter("CEGID001"))
        checks.append((f"{len(comptes)} accounts listed through the in-process sandbox", len(comptes) > 10))
        journal = loop.journaux.find_one("CEGID001", filter='code=="ACH"')
        checks.append(("journal ACH read back with a typed model", getattr(journal, "code", None) == "ACH"))
    command = shutil.which("cegid-loop")
    done = subprocess.run(
        [command or "cegid-loop", "list", "journaux", "-d", "CEGID001", "--sandbox", "-f", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    checks.append(("the command lists journaux on --sandbox", done.returncode == 0 and "ACH" in done.stdout))


MODES: dict[str, Callable[[list[tuple[str, bool]]], None]] = {"core": core, "all": full}


def main(argv: list[str]) -> int:
    mode = argv[0] if argv else "all"
    if mode not in MODES:
        print(f"usage: python -m cegid_loop.smoke [{'|'.join(MODES)}]", file=sys.stderr)
        return 2
    checks: list[tuple[str, bool]] = []
    MODES[mode](checks)
    for label, ok in checks:
        print(f"{'ok ' if ok else 'FAIL'} {label}")
        if not ok:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
