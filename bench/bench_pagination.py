"""P4 - walking a long list: bounded concurrency against one page at a time, sync and async.

    python bench/bench_pagination.py [--records 10000] [--latency-ms 20] [--concurrency 8]
                                     [--repeat 3] [--budget-s 150] [--no-stub]

A sandbox in a child process (uvicorn on 127.0.0.1) holds a dossier of ``--records`` comptes, put
straight into its store; a latency fault (``POST /__sandbox__/faults``:
``{"kind": "latency", "ms": 20, "method": "GET"}``) delays every GET. ``loop.comptes.iter(dossier,
concurrency=N)`` walks it (pages of 100) with ``concurrency=1`` and with ``--concurrency``, through
``LoopClient`` and through ``AsyncLoopClient`` (``async for``), the four walks alternated; each walk
must give every objectId exactly once, in the server's order.

Figures: median(sequential) / median(concurrent), for each client. Goal: >= 6 (8 is the limit).

The CPU time the server and the client spend per page (read from ``/proc`` on Linux) is printed
beside each speed-up: the server answers on one event loop and the client decodes under one GIL, so
a walk cannot take less than ``pages x max(server, client) CPU per page``, whatever the concurrency.
The same walks against a *pages stub* (same records, shaped by the sandbox's serializer once,
answered from memory after the same latency) tell what the client's pagination achieves when the
server's cost per page is small (``--no-stub`` skips it).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _common
from _common import Row, interleaved, median, row

GOAL = 6.0
PAGE = 100
CLIENTS = ("sync", "async")


def _drain(timeout: float = 120.0) -> float:
    """Wait for the sync pool's threads to be gone after a concurrent walk (the walk itself waits
    for the up to concurrency - 1 requests past the end: threads cannot be cancelled), so that
    they do not weigh on the next walk."""
    start = time.perf_counter()
    while any(t.name.startswith("loop-page") for t in threading.enumerate()):
        if time.perf_counter() - start > timeout:
            break
        time.sleep(0.01)
    return time.perf_counter() - start


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process so far (Linux), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


class Walks:
    """The four walks of one server: sync and async, sequential and concurrent."""

    def __init__(self, url: str, concurrency: int) -> None:
        from cegid_loop import AsyncLoopClient
        from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY

        self.concurrency = concurrency
        self.sync = _common.loop_client(url, timeout=300.0)
        self.events = asyncio.new_event_loop()
        self.aclient = AsyncLoopClient(
            base_url=url, subscription_key=DEMO_SUBSCRIPTION_KEY, api_key=DEMO_API_KEY, timeout=300.0
        )

    def modes(self) -> dict[str, Callable[[], list[str]]]:
        n = self.concurrency
        return {
            "sync sequential": lambda: self._walk(1),
            "sync concurrent": lambda: self._walk(n),
            "async sequential": lambda: self.events.run_until_complete(self._awalk(1)),
            "async concurrent": lambda: self.events.run_until_complete(self._awalk(n)),
        }

    def _walk(self, concurrency: int) -> list[str]:
        return [
            _common.object_id_text(c.object_id)
            for c in self.sync.comptes.iter(_common.BENCH_DOSSIER, concurrency=concurrency)
        ]

    async def _awalk(self, concurrency: int) -> list[str]:
        pages = self.aclient.comptes.iter(_common.BENCH_DOSSIER, concurrency=concurrency)
        return [_common.object_id_text(c.object_id) async for c in pages]

    def warm_up(self) -> None:  # connections, spec, modules
        self.sync.comptes.list(_common.BENCH_DOSSIER, take=1)
        self.events.run_until_complete(self.aclient.comptes.list(_common.BENCH_DOSSIER, take=1))

    def close(self) -> None:
        self.sync.close()
        self.events.run_until_complete(self.aclient.aclose())
        self.events.close()


def measure(
    records: int, latency_ms: int, concurrency: int, repeat: int, budget_s: float, *, stub: bool
) -> dict[str, Any]:
    """Median walk times of the four modes against the sandbox (or the pages stub), and the CPU
    time the server and this process spent per page in each mode."""
    with _common.SandboxProcess(comptes=records, stub_latency_ms=latency_ms if stub else None) as sandbox:
        if not stub:
            sandbox.set_faults({"rules": [{"kind": "latency", "ms": latency_ms, "method": "GET"}]})
        walks = Walks(sandbox.url, concurrency)
        modes = walks.modes()
        times: dict[str, list[float]] = {name: [] for name in modes}
        server_cpu: dict[str, list[float]] = {name: [] for name in modes}
        client_cpu: dict[str, list[float]] = {name: [] for name in modes}
        drains: list[float] = []
        pid = sandbox._proc.pid  # the server's child process
        try:
            walks.warm_up()
            with _common.RetryCounter() as counter:
                started = time.perf_counter()
                current = -1
                for n, name in interleaved(repeat, list(modes)):
                    if n != current:  # a new round of walks, only if it fits in the budget
                        if n > 0 and (time.perf_counter() - started) / n * (n + 1) > budget_s:
                            break
                        current = n
                    server0, client0, t = _cpu_seconds(pid), time.process_time(), time.perf_counter()
                    ids = modes[name]()
                    times[name].append(time.perf_counter() - t)
                    client_cpu[name].append(time.process_time() - client0)
                    server1 = _cpu_seconds(pid)
                    if server0 is not None and server1 is not None:
                        server_cpu[name].append(server1 - server0)
                    if name == "sync concurrent":
                        drains.append(_drain())
                    _check(name, ids, sandbox.ids)
        finally:
            walks.close()
    return {
        "times": {name: median(values) for name, values in times.items()},
        "server_cpu": {name: median(v) if v else None for name, v in server_cpu.items()},
        "client_cpu": {name: median(v) for name, v in client_cpu.items()},
        "rounds": len(times["sync sequential"]),
        "retries": counter.retries,
        "drain": median(drains) if drains else 0.0,
    }


def _check(name: str, ids: list[str], expected: list[str]) -> None:
    if ids != expected:
        seen = set(ids)
        raise AssertionError(
            f"{name} walk: {len(ids)} records ({len(seen)} distinct) for {len(expected)}; "
            f"missing {len(set(expected) - seen)}, "
            f"{'same set, other order' if seen == set(expected) else 'different set'}"
        )


def _cpu_text(result: dict[str, Any], name: str, pages: int) -> str:
    server, client = result["server_cpu"][name], result["client_cpu"][name]
    server_text = "?" if server is None else f"{server / pages * 1000:.1f}"
    return f"CPU a page: server {server_text} ms, client {client / pages * 1000:.1f} ms"


def _rows(label: str, result: dict[str, Any], pages: int, concurrency: int, *, goal: bool) -> list[Row]:
    rows: list[Row] = []
    times = result["times"]
    for client in CLIENTS:
        sequential, concurrent = times[f"{client} sequential"], times[f"{client} concurrent"]
        speedup = sequential / concurrent
        past_end = "; the requests past the end waited for within the walk" + (
            f", the pool's threads gone {result['drain']:.2f}s later (not timed)" if client == "sync" else ""
        )
        rows += [
            row(
                "P4",
                "pagination",
                f"{label}: {client} iter(concurrency=1)",
                sequential,
                "s",
                detail=f"{sequential / pages * 1000:.0f} ms a page; "
                f"{_cpu_text(result, f'{client} sequential', pages)}; median of {result['rounds']}",
            ),
            row(
                "P4",
                "pagination",
                f"{label}: {client} iter(concurrency={concurrency})",
                concurrent,
                "s",
                detail=f"{_cpu_text(result, f'{client} concurrent', pages)}; median of {result['rounds']}, "
                f"walks alternated{past_end}",
            ),
            row(
                "P4",
                "pagination",
                f"{label}: {client} concurrent speed-up",
                speedup,
                "x",
                f">= {GOAL:g}" if goal else None,
                speedup >= GOAL if goal else None,
                f"every objectId exactly once and in order; {result['retries']} retries in all walks"
                if goal
                else "context, not the goal: the client's pagination when the server costs little a page; "
                f"every objectId exactly once and in order; {result['retries']} retries",
            ),
        ]
    return rows


def run(
    records: int = 10_000,
    latency_ms: int = 20,
    concurrency: int = 8,
    repeat: int = 3,
    budget_s: float = 150.0,
    stub: bool = True,
) -> list[Row]:
    _common.use_source_tree()
    pages = records // PAGE + 1  # the walk ends on the first page shorter than 100
    real = measure(records, latency_ms, concurrency, repeat, budget_s, stub=False)
    rows = _rows("sandbox", real, pages, concurrency, goal=True)
    rows[0]["detail"] = (
        f"{records:,} comptes, {pages} pages ({latency_ms} ms of injected latency each); " + rows[0]["detail"]
    )
    if stub:
        fast = measure(records, latency_ms, concurrency, max(repeat, 3), budget_s, stub=True)
        rows += _rows("pages stub", fast, pages, concurrency, goal=False)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--latency-ms", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=8, help="pages in flight in the concurrent mode")
    parser.add_argument("--repeat", type=int, default=3, help="walks of each mode at most")
    parser.add_argument(
        "--budget-s", type=float, default=150.0, help="no further pair of walks past this many seconds"
    )
    parser.add_argument("--no-stub", action="store_true", help="skip the pages-stub diagnosis")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (for bench/run.py)")
    args = parser.parse_args()
    rows = run(args.records, args.latency_ms, args.concurrency, args.repeat, args.budget_s, not args.no_stub)
    _common.report(rows, as_json=args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
