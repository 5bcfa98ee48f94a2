"""P4 - walking a long list: bounded concurrency against one page at a time.

    python bench/bench_pagination.py [--records 10000] [--latency-ms 20] [--concurrency 8]
                                     [--repeat 3] [--budget-s 150] [--no-stub]

A sandbox in a child process (uvicorn on 127.0.0.1) holds a dossier of ``--records`` comptes, put
straight into its store; a latency fault (``POST /__sandbox__/faults``:
``{"kind": "latency", "ms": 20, "method": "GET"}``) delays every GET. ``loop.comptes.iter(dossier,
concurrency=N)`` walks it (pages of 100) with ``concurrency=1`` and with ``--concurrency``,
alternately; each walk must give every objectId exactly once, in the server's order.

Figure: median(sequential) / median(concurrent). Goal: >= 5.

The sandbox's list handler reads and shapes the whole collection on every page, so its own cost per
page grows with the collection and runs on one event loop: no client can overlap that. The same
walks against a *pages stub* (same records, shaped by the sandbox's serializer once, answered from
memory after the same latency) tell what the client's pagination achieves when the server's cost per
page is what a real paginated API's is (``--no-stub`` skips it).
"""

from __future__ import annotations

import argparse
import threading
import time
from typing import Any

import _common
from _common import Row, interleaved, median, row

GOAL = 5.0
PAGE = 100


def _drain(timeout: float = 120.0) -> float:
    """Wait for the pages still in flight when a concurrent walk ended (it stops at the first short
    page, with up to concurrency - 1 requests past the end running in the pool's threads, which
    cannot be cancelled), so that they neither weigh on the next walk nor fail on a closed client."""
    start = time.perf_counter()
    while any(t.name.startswith("loop-page") for t in threading.enumerate()):
        if time.perf_counter() - start > timeout:
            break
        time.sleep(0.01)
    return time.perf_counter() - start


def _walk(loop: Any, concurrency: int) -> list[str]:
    return [
        _common.object_id_text(compte.object_id)
        for compte in loop.comptes.iter(_common.BENCH_DOSSIER, concurrency=concurrency)
    ]


def measure(
    records: int, latency_ms: int, concurrency: int, repeat: int, budget_s: float, *, stub: bool
) -> dict[str, Any]:
    """Median walk times of both modes against the sandbox (or the pages stub)."""
    modes = {"sequential": 1, "concurrent": concurrency}
    times: dict[str, list[float]] = {name: [] for name in modes}
    drains: list[float] = []
    with (
        _common.SandboxProcess(comptes=records, stub_latency_ms=latency_ms if stub else None) as sandbox,
        _common.loop_client(sandbox.url, timeout=300.0) as loop,
    ):
        if not stub:
            sandbox.set_faults({"rules": [{"kind": "latency", "ms": latency_ms, "method": "GET"}]})
        loop.comptes.list(_common.BENCH_DOSSIER, take=1)  # warm-up: connection, spec, modules
        with _common.RetryCounter() as counter:
            started = time.perf_counter()
            current = -1
            for n, name in interleaved(repeat, list(modes)):
                if n != current:  # a new pair of walks, only if it fits in the budget
                    if n > 0 and (time.perf_counter() - started) / n * (n + 1) > budget_s:
                        break
                    current = n
                t = time.perf_counter()
                ids = _walk(loop, modes[name])
                times[name].append(time.perf_counter() - t)
                if name == "concurrent":
                    drains.append(_drain())
                if ids != sandbox.ids:
                    seen = set(ids)
                    raise AssertionError(
                        f"{name} walk: {len(ids)} records ({len(seen)} distinct) for {len(sandbox.ids)}; "
                        f"missing {len(set(sandbox.ids) - seen)}, "
                        f"{'same set, other order' if seen == set(sandbox.ids) else 'different set'}"
                    )
    return {name: median(values) for name, values in times.items()} | {
        "rounds": len(times["sequential"]),
        "retries": counter.retries,
        "drain": median(drains) if drains else 0.0,
    }


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
    speedup = real["sequential"] / real["concurrent"]
    per_page = real["sequential"] / pages * 1000
    rows = [
        row(
            "P4",
            "pagination",
            "sandbox: iter(concurrency=1)",
            real["sequential"],
            "s",
            detail=f"{records:,} comptes, {pages} pages, {per_page:.0f} ms a page "
            f"({latency_ms} ms of it injected latency); median of {real['rounds']}",
        ),
        row(
            "P4",
            "pagination",
            f"sandbox: iter(concurrency={concurrency})",
            real["concurrent"],
            "s",
            detail=f"median of {real['rounds']}, walks alternated; the requests past the end then took "
            f"{real['drain']:.1f}s more (not timed)",
        ),
        row(
            "P4",
            "pagination",
            "sandbox: concurrent speed-up",
            speedup,
            "x",
            f">= {GOAL:g}",
            speedup >= GOAL,
            f"every objectId exactly once and in order, both modes; {real['retries']} retries",
        ),
    ]
    if stub:
        fast = measure(records, latency_ms, concurrency, max(repeat, 3), budget_s, stub=True)
        fast_speedup = fast["sequential"] / fast["concurrent"]
        rows += [
            row(
                "P4",
                "pagination",
                "pages stub: iter(concurrency=1)",
                fast["sequential"],
                "s",
                detail=f"diagnosis: same records and latency, server cost independent of the "
                f"collection; {fast['sequential'] / pages * 1000:.0f} ms a page; median of {fast['rounds']}",
            ),
            row(
                "P4",
                "pagination",
                f"pages stub: iter(concurrency={concurrency})",
                fast["concurrent"],
                "s",
                detail=f"median of {fast['rounds']}; requests past the end: "
                f"{fast['drain']:.2f}s more (not timed)",
            ),
            row(
                "P4",
                "pagination",
                "pages stub: concurrent speed-up",
                fast_speedup,
                "x",
                detail="context, not the goal: what the client's pagination gives when the server "
                f"is not the bottleneck; every objectId exactly once and in order; {fast['retries']} retries",
            ),
        ]
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
