"""P6: time to the first answer, from process start.

    python bench/bench_startup.py [--repeat 7] [--baseline-ref REV] [--json]

Three commands, each in a fresh interpreter, runs interleaved, medians compared in one run:
- ``python -c pass``: the interpreter's own start-up (the floor);
- the first call: ``import cegid_loop``, a ``LoopClient`` on the in-process sandbox, the first
  ``loop.comptes.list("CEGID001")`` answer, exit;
- ``cegid-loop list comptes -d CEGID001 --sandbox`` (the CLI's wall time).
With ``--baseline-ref`` the same two scenarios also run on that revision of the repository
(extracted with ``git archive`` into a temporary folder, imported through PYTHONPATH), so the
figures before and after are measured side by side. Goal: the first call costs at most 0.3 s on
top of interpreter start-up.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import _common
from _common import Row, row

FIRST_CALL = """
from cegid_loop import LoopClient
from cegid_loop.sandbox import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY
from cegid_loop.sandbox.app import sandbox_sync_transport

transport = sandbox_sync_transport(import_step_seconds=0)
with LoopClient(base_url="http://sandbox.localhost", subscription_key=DEMO_SUBSCRIPTION_KEY,
                api_key=DEMO_API_KEY, transport=transport) as loop:
    assert len(loop.comptes.list("CEGID001")) > 10
"""
# The same first call with no sandbox behind it: an httpx.MockTransport answers 44 comptes (the demo
# dossier's count) from a literal, so what is left is the client's own start-up (imports, one call,
# the models): what an application pays before its first answer, network aside.
FIRST_CALL_CLIENT_ONLY = """
import httpx
from cegid_loop import LoopClient

BODY = ("[" + ",".join(
    '{"objectId": "00000000-0000-4000-8000-%012d", "numero": "4010%04d", "libelle": "Compte %d"}'
    % (n, n, n) for n in range(44)) + "]").encode()
transport = httpx.MockTransport(lambda request: httpx.Response(200, content=BODY,
                                headers={"content-type": "application/json"}))
with LoopClient(base_url="http://loop.localhost", subscription_key="s", api_key="key:secret",
                transport=transport) as loop:
    assert len(loop.comptes.list("CEGID001")) == 44
"""
CLI = "import sys; from cegid_loop.cli import main; sys.argv = ['cegid-loop', *sys.argv[1:]]; main()"
CLI_ARGS = ("list", "comptes", "-d", "CEGID001", "--sandbox", "--format", "json")
GOAL_S = 0.3
BENCH = "startup"


def _wall(command: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=120)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])}... failed: {done.stderr.strip()[-400:]}")
    return took


def _extract(ref: str, into: Path) -> Path:
    archive = into / "baseline.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(_common.ROOT), "archive", ref], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree"


def run(repeat: int, baseline_ref: str | None) -> list[Row]:
    python = sys.executable
    here_env = {**os.environ, "PYTHONPATH": f"{_common.ROOT / 'src'}{os.pathsep}{_common.ROOT / 'generated'}"}
    scenarios: dict[str, tuple[list[str], dict[str, str]]] = {
        "interpreter": ([python, "-c", "pass"], dict(os.environ)),
        "first call": ([python, "-c", FIRST_CALL], here_env),
        "client only": ([python, "-c", FIRST_CALL_CLIENT_ONLY], here_env),
        "cli": ([python, "-c", CLI, *CLI_ARGS], here_env),
    }
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        if baseline_ref:
            tree = _extract(baseline_ref, Path(tmp))
            base_env = {**os.environ, "PYTHONPATH": f"{tree / 'src'}{os.pathsep}{tree / 'generated'}"}
            scenarios["first call (baseline)"] = ([python, "-c", FIRST_CALL], base_env)
            scenarios["cli (baseline)"] = ([python, "-c", CLI, *CLI_ARGS], base_env)
        for command, env in scenarios.values():  # warm the file cache and the bytecode
            _wall(command, env)
        times: dict[str, list[float]] = {name: [] for name in scenarios}
        for _, name in _common.interleaved(repeat, list(scenarios)):
            command, env = scenarios[name]
            times[name].append(_wall(command, env))
    med = {name: _common.median(values) for name, values in times.items()}
    floor = med["interpreter"]
    rows = [
        row("P6", BENCH, "python -c pass (interpreter start-up)", floor, "s", detail=f"median of {repeat}"),
        row(
            "P6",
            BENCH,
            "first comptes.list answer, from process start",
            med["first call"],
            "s",
            detail=f"median of {repeat}; import, client on the in-process sandbox, one call",
        ),
        row(
            "P6",
            BENCH,
            "first call on top of interpreter start-up",
            med["first call"] - floor,
            "s",
            goal=f"<= {GOAL_S}",
            ok=med["first call"] - floor <= GOAL_S,
        ),
        row(
            "P6",
            BENCH,
            "first call on top of start-up, client alone (mock transport)",
            med["client only"] - floor,
            "s",
            detail=f"context, not the goal: the same call answered by an httpx.MockTransport, no sandbox "
            f"to import and build; the sandbox's share of the row above is about "
            f"{med['first call'] - med['client only']:.2f} s; median of {repeat}",
        ),
        row(
            "P6",
            BENCH,
            "cegid-loop list comptes --sandbox (wall)",
            med["cli"],
            "s",
            detail=f"median of {repeat}",
        ),
    ]
    if baseline_ref:
        rows += [
            row(
                "P6",
                BENCH,
                f"first call at {baseline_ref} (before)",
                med["first call (baseline)"],
                "s",
                detail=f"on top of start-up {med['first call (baseline)'] - floor:.2f} s; runs interleaved",
            ),
            row(
                "P6",
                BENCH,
                f"cegid-loop list comptes --sandbox at {baseline_ref}",
                med["cli (baseline)"],
                "s",
            ),
            row(
                "P6", BENCH, "first call: before / now", med["first call (baseline)"] / med["first call"], "x"
            ),
            row("P6", BENCH, "CLI: before / now", med["cli (baseline)"] / med["cli"], "x"),
        ]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--baseline-ref", default=None, help="git revision to measure side by side")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    _common.report(run(args.repeat, args.baseline_ref), as_json=args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
