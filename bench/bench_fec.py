"""Benchmark of the offline FEC validator (cegid_loop.fec).

    python bench/bench_fec.py [--size-mb 1024] [--repeat 3] [--throughput-mb 64] [--keep]

1. Throughput: the validator against bare `csv.reader` iteration over the same generated FEC file, run side
   by side (alternating) `--repeat` times; medians and their ratio. Goal: validator >= 0.5x csv.reader.
2. Memory: peak RSS (ru_maxrss) of a child process validating a generated file of `--size-mb`.
   Goal: <= 100 MB.

Files are generated under bench/_data/ (git-ignored) and removed afterwards unless --keep. `run()` returns
the rows of the printed table for an aggregating script.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
DATA = HERE / "_data"
THROUGHPUT_GOAL = 0.5
RSS_GOAL_MB = 100.0

HEADER = (
    "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\t"
    "PieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\n"
)
# One sale entry = 3 lines (customer debit, revenue credit, VAT credit), ~190 bytes a line like real files.
ENTRY = (
    "VE\tVentes\t{n}\t{d}\t41100000\tClients\tC{c:05d}\tClient {c:05d}\tF{n:08d}\t{d}\t"
    "Facture F{n:08d} client {c:05d}\t{ttc},{tc:02d}\t0,00\t\t\t{d}\t\t\n"
    "VE\tVentes\t{n}\t{d}\t70600000\tPrestations de services\t\t\tF{n:08d}\t{d}\t"
    "Facture F{n:08d} client {c:05d}\t0,00\t{ht},{hc:02d}\t\t\t{d}\t\t\n"
    "VE\tVentes\t{n}\t{d}\t44571000\tTVA collectée\t\t\tF{n:08d}\t{d}\t"
    "Facture F{n:08d} client {c:05d}\t0,00\t{tva},{vc:02d}\t\t\t{d}\t\t\n"
)
FILE_NAME = "123456782FEC20231231.txt"  # Luhn-valid SIREN, closing 2023-12-31: a clean file


def generate(path: Path, size_mb: int) -> int:
    """Write a valid, balanced FEC of about `size_mb` MB; returns the number of data lines.

    Blocks of 1 000 entries are formatted at once; numbers, dates and amounts vary with the entry number.
    """
    import datetime as dt

    target = size_mb * 1_000_000
    first = dt.date(2023, 1, 1)
    days = [f"{first + dt.timedelta(days=i):%Y%m%d}" for i in range(365)]
    per_entry = len(ENTRY.format(n=1, d="20230101", c=1, ttc=1, tc=0, ht=1, hc=0, tva=0, vc=0).encode())
    total_entries = max(1, target // per_entry)
    lines = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        n = 0
        while n < total_entries:
            chunk: list[str] = []
            for _ in range(min(1000, total_entries - n)):
                n += 1
                ht = (n * 7919) % 1_000_000 + 100  # cents
                tva = ht // 5
                ttc = ht + tva
                chunk.append(
                    ENTRY.format(
                        n=n,
                        d=days[(n - 1) * 365 // total_entries],
                        c=n % 5000,
                        ttc=ttc // 100,
                        tc=ttc % 100,
                        ht=ht // 100,
                        hc=ht % 100,
                        tva=tva // 100,
                        vc=tva % 100,
                    )
                )
            out.write("".join(chunk))
            lines += 3 * len(chunk)
    return lines


def time_csv(path: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of bare csv.reader iteration."""
    t, c = time.perf_counter(), time.process_time()
    with path.open(newline="", encoding="utf-8") as f:
        for _row in csv.reader(f, delimiter="\t"):
            pass
    return time.perf_counter() - t, time.process_time() - c


def time_validator(path: Path) -> tuple[float, float, dict[str, Any]]:
    """(wall, CPU) seconds of validate_file, and what it found."""
    from cegid_loop.fec import validate_file

    t, c = time.perf_counter(), time.process_time()
    result = validate_file(path, kind="fec")
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    found = {"errors": result.errors, "warnings": result.warnings, "lines": result.stats.get("lines")}
    return wall, cpu, found


_CHILD = """
import json, resource, sys, time
t = time.perf_counter()
from cegid_loop.fec import validate_file
r = validate_file(sys.argv[1], kind="fec")
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": time.perf_counter() - t, "maxrss_kb": peak_kb,
                  "lines": r.stats.get("lines"), "entries": r.stats.get("entries"), "errors": r.errors,
                  "warnings": r.warnings}))
"""
_CHILD_IDLE = """
import json, resource
import cegid_loop.fec
print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def child_rss(code: str, *args: str) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True, env=env
    ).stdout
    data: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return data


def run(
    size_mb: int = 1024, repeat: int = 5, throughput_mb: int = 64, keep: bool = False
) -> list[dict[str, Any]]:
    """Run both measurements; returns the table rows (name, value, unit, goal, ok, detail)."""
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))
    rows: list[dict[str, Any]] = []
    small = DATA / "throughput" / FILE_NAME
    big = DATA / "rss" / FILE_NAME
    try:
        t = time.perf_counter()
        lines = generate(small, throughput_mb)
        gen_small = time.perf_counter() - t
        csv_wall: list[float] = []
        csv_cpu: list[float] = []
        val_wall: list[float] = []
        val_cpu: list[float] = []
        check: dict[str, Any] = {}
        time_validator(small)  # warm-up: imports, caches, page cache
        # Alternated, and which side goes first rotates each round: a busy spell of the machine or a warm
        # cache must not always favour the same side.
        for n in range(repeat):
            for side in ("csv", "validator") if n % 2 == 0 else ("validator", "csv"):
                gc.collect()
                if side == "csv":
                    wall, cpu = time_csv(small)
                    csv_wall.append(wall)
                    csv_cpu.append(cpu)
                else:
                    wall, cpu, check = time_validator(small)
                    val_wall.append(wall)
                    val_cpu.append(cpu)
        mb = small.stat().st_size / 1e6
        med = statistics.median
        rows.append(
            _row(
                "csv.reader throughput",
                mb / med(csv_wall),
                "MB/s",
                None,
                None,
                f"median of {repeat} on {mb:.0f} MB ({lines} lines, generated in {gen_small:.1f}s)",
            )
        )
        rows.append(
            _row(
                "validator throughput",
                mb / med(val_wall),
                "MB/s",
                None,
                None,
                f"median of {repeat}; findings: {check['errors']} errors, {check['warnings']} warnings",
            )
        )
        ratio = med(csv_wall) / med(val_wall)
        rows.append(
            _row(
                "validator / csv.reader (wall)",
                ratio,
                "x",
                f">= {THROUGHPUT_GOAL}",
                ratio >= THROUGHPUT_GOAL,
                "same file, runs interleaved, ratio of medians",
            )
        )
        cpu_ratio = med(csv_cpu) / med(val_cpu)
        rows.append(
            _row(
                "validator / csv.reader (CPU)",
                cpu_ratio,
                "x",
                f">= {THROUGHPUT_GOAL}",
                cpu_ratio >= THROUGHPUT_GOAL,
                "process CPU time: less sensitive to other load on the machine",
            )
        )
        if not keep:
            small.unlink()
        idle = child_rss(_CHILD_IDLE)
        rows.append(
            _row("RSS after import", idle["maxrss_kb"] / 1024, "MB", None, None, "child process, no file")
        )
        t = time.perf_counter()
        big_lines = generate(big, size_mb)
        gen_big = time.perf_counter() - t
        res = child_rss(_CHILD, str(big))
        peak = res["maxrss_kb"] / 1024
        size = big.stat().st_size / 1e6
        rows.append(
            _row(
                f"peak RSS validating {size:.0f} MB",
                peak,
                "MB",
                f"<= {RSS_GOAL_MB:.0f}",
                peak <= RSS_GOAL_MB,
                f"{big_lines} lines, {res['entries']} entries, {res['seconds']:.1f}s "
                f"({size / res['seconds']:.0f} MB/s), generated in {gen_big:.1f}s; "
                f"{res['errors']} errors, {res['warnings']} warnings",
            )
        )
    finally:
        if not keep:
            for p in (small, big):
                p.unlink(missing_ok=True)
    return rows


def _row(
    name: str, value: float, unit: str, goal: str | None, ok: bool | None, detail: str
) -> dict[str, Any]:
    return {
        "bench": "fec",
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "goal": goal,
        "ok": ok,
        "detail": detail,
    }


def print_table(rows: list[dict[str, Any]]) -> None:
    width = max(len(r["name"]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>10}  {'unit':<5} {'goal':<8} {'holds':<5}  detail")
    for r in rows:
        holds = "" if r["ok"] is None else ("yes" if r["ok"] else "NO")
        goal = r["goal"] or ""
        print(
            f"{r['name']:<{width}}  {r['value']:>10.2f}  {r['unit']:<5} {goal:<8} {holds:<5}  {r['detail']}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=1024, help="size of the file for the peak-RSS run")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each side for the throughput medians")
    parser.add_argument(
        "--throughput-mb", type=int, default=64, help="size of the file for the throughput runs"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated files in bench/_data/")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    rows = run(args.size_mb, args.repeat, args.throughput_mb, args.keep)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print_table(rows)
    return 0 if all(r["ok"] is not False for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
