"""The benchmark suite: P1-P5 side by side with their goals (``nox -s bench``).

    python bench/run.py [--quick] [--fec-size-mb N] [--only P1,P3] [--no-write] [--strict]

Each figure is a ratio of medians measured side by side in one run (see bench/README.md); nothing
here is a timed test. P1, P2 and P4 each run in a fresh interpreter (a child process), so that one
measurement's heap, threads and servers never weigh on the next; P3 is ``bench_fec.run()``; P5 is
read from ``bench/ci-wall-time.txt``. The table is printed with the goals that hold, and a full run
(no ``--only``) writes it to ``bench/RESULTS.md`` with the date and the machine.

Exit status: 1 when a benchmark failed or a check inside one did (every record exactly once, models
that give their input back...); a missed goal is reported, not an error, unless ``--strict``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import time
import traceback
from collections.abc import Callable

import _common
from _common import HERE, Row, row

RESULTS = HERE / "RESULTS.md"
CI_WALL_TIME = HERE / "ci-wall-time.txt"
CI_GOAL_MINUTES = 15.0

TITLES = {
    "P1": "call overhead: facade vs raw httpx + json.loads (loopback sandbox)",
    "P2": "decoding 100,000 accounts into models vs json.loads",
    "P3": "FEC validation: throughput vs csv.reader, peak RSS on a 1 GB file",
    "P4": "pagination: bounded concurrency vs sequential (10,000 records, 20 ms latency)",
    "P5": "wall time of .ci/run on a fresh 2-core machine",
    "P6": "start-up: process start to the first answer (in-process sandbox), and the CLI, before/after",
    "P7": "importing a 1 GB FEC into a served sandbox: the client's peak RSS (validate, upload, start)",
    "P8": "mirror of 10 dossiers x 1,000 records at 20 ms latency: first run, second run with 1 % changed",
    "P9": "install footprint: packages and MB of the core and of [all] (fresh venvs, from the wheel)",
}
# P6's "before": the last commit before the typed facade (run-time spec parsing, eager imports).
STARTUP_BASELINE = "2d0c431"


def _child(script: str, *args: str, timeout: float = 900) -> list[Row]:
    """Run ``bench/<script> --json ...`` in a fresh interpreter; its last stdout line is the rows."""
    command = [sys.executable, str(HERE / script), "--json", *args]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, timeout=timeout, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{script} exited with status {done.returncode} (its error is printed above)")
    rows: list[Row] = json.loads(lines[-1])
    return rows


def p1(quick: bool, args: argparse.Namespace) -> list[Row]:
    return _child("bench_calls.py", "--calls", "60" if quick else "200", "--warmup", "10" if quick else "20")


def p2(quick: bool, args: argparse.Namespace) -> list[Row]:
    return _child(
        "bench_decode.py", "--records", "20000" if quick else "100000", "--repeat", "3" if quick else "7"
    )


def p3(quick: bool, args: argparse.Namespace) -> list[Row]:
    import bench_fec

    size = args.fec_size_mb if args.fec_size_mb is not None else (64 if quick else 1024)
    rows = bench_fec.run(size_mb=size, repeat=2 if quick else 5, throughput_mb=16 if quick else 64)
    return [{"id": "P3", **r} for r in rows]


def p4(quick: bool, args: argparse.Namespace) -> list[Row]:
    if quick:
        options = ["--records", "2000", "--repeat", "1", "--budget-s", "60"]
    else:
        options = ["--records", "10000", "--repeat", "3", "--budget-s", "150"]
    return _child("bench_pagination.py", *options, "--latency-ms", "20", "--concurrency", "8")


def parse_duration(text: str) -> float | None:
    """Seconds from ``754``, ``754.2s``, ``12m34s``, ``12 min 34 s``, ``12:34`` or ``1:02:03``."""
    text = text.strip().lower()
    if m := re.fullmatch(r"(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)", text):
        return int(m[1] or 0) * 3600 + int(m[2]) * 60 + float(m[3])
    units = r"(?:(\d+)\s*h\s*)?(?:(\d+)\s*m(?:in)?\s*)?(?:(\d+(?:\.\d+)?)\s*s(?:ec)?)?"
    if (m := re.fullmatch(units, text)) and any(m.groups()):
        return int(m[1] or 0) * 3600 + int(m[2] or 0) * 60 + float(m[3] or 0)
    if m := re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(m[0])
    return None


def p5(quick: bool, args: argparse.Namespace) -> list[Row]:
    name = ".ci/run wall time (fresh clone, 2 cores)"
    goal = f"<= {CI_GOAL_MINUTES:g}"
    if not CI_WALL_TIME.exists():
        return [row("P5", "ci", name, None, "min", goal, None, f"not measured (no {CI_WALL_TIME.name})")]
    lines = [line.strip() for line in CI_WALL_TIME.read_text(encoding="utf-8").splitlines() if line.strip()]
    seconds = parse_duration(lines[0]) if lines else None
    if seconds is None:
        return [
            row("P5", "ci", name, None, "min", goal, None, f"not measured ({CI_WALL_TIME.name}: unreadable)")
        ]
    minutes = seconds / 60
    note = "; ".join(lines[1:]) or "no details given"
    return [
        row(
            "P5",
            "ci",
            name,
            minutes,
            "min",
            goal,
            minutes <= CI_GOAL_MINUTES,
            f"from {CI_WALL_TIME.name}: {note}",
        )
    ]


# Run order (cheap and sensitive first, the 1 GB file last); the table is shown in P1..P6 order.
def p6(quick: bool, args: argparse.Namespace) -> list[Row]:
    options = ["--repeat", "3" if quick else "9"]
    if args.startup_baseline:
        options += ["--baseline-ref", args.startup_baseline]
    return _child("bench_startup.py", *options)


def p7(quick: bool, args: argparse.Namespace) -> list[Row]:
    size = args.fec_size_mb if args.fec_size_mb is not None else (64 if quick else 1024)
    return _child("bench_import.py", "--size-mb", str(size), timeout=1800)


def p8(quick: bool, args: argparse.Namespace) -> list[Row]:
    size = ["--dossiers", "3", "--records", "300", "--repeat", "1"] if quick else ["--repeat", "3"]
    return _child("bench_mirror.py", *size, "--latency-ms", "20", "--concurrency", "1,4")


def p9(quick: bool, args: argparse.Namespace) -> list[Row]:
    return _child("bench_install.py", timeout=900)


BENCHES: dict[str, tuple[Callable[[bool, argparse.Namespace], list[Row]], str]] = {
    "P6": (p6, "about 40 s: three commands, nine times each, and the same at the baseline commit"),
    "P1": (p1, "about 20 s"),
    "P4": (p4, "about 30 seconds: 10,000 records walked 3 times each way"),
    "P2": (p2, "about 1 minute, stock client generation included"),
    "P3": (p3, "1 to 3 minutes, most of it writing and reading the 1 GB file"),
    "P5": (p5, "read from a file"),
    "P7": (p7, "1 to 2 minutes: a 1 GB FEC written, validated and uploaded"),
    "P8": (p8, "about 2 minutes: 3 rounds of two mirror runs at concurrency 1 and 4"),
    "P9": (p9, "about 1 minute: a wheel built, two venvs installed from the package registry"),
}


def summary(rows: list[Row]) -> list[str]:
    lines = []
    for fig in sorted({r["id"] for r in rows}):
        goals = [r for r in rows if r["id"] == fig and r["goal"]]
        if not goals:
            continue
        verdicts = [r["ok"] for r in goals]
        if any(v is False for v in verdicts):
            state = "MISSED"
        elif all(v is True for v in verdicts):
            state = "holds"
        else:
            state = "not measured"
        figures = ", ".join(
            f"{r['name']} {'-' if r['value'] is None else format(r['value'], '.2f')} {r['unit']} "
            f"(goal {r['goal']})"
            for r in goals
        )
        lines.append(f"{fig} {TITLES.get(fig, '')}: {state} - {figures}")
    return lines


def write_results(rows: list[Row], lines: list[str], notes: list[str], quick: bool, seconds: float) -> None:
    machine = _common.machine()
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    libraries = _common.versions("httpx", "attrs", "uvicorn", "starlette", "openapi-python-client")
    text = [
        "# Benchmark results",
        "",
        f"Latest run of `python bench/run.py{' --quick' if quick else ''}` (`nox -s bench`): {now}, "
        f"{seconds / 60:.1f} minutes in all."
        + (" Quick mode: smaller inputs, fewer repeats - not the reference figures." if quick else ""),
        "What each figure measures: [README.md](README.md). Ratios are of medians measured side by side in "
        "this one run.",
        "",
        "## Machine",
        "",
        *[f"- {key}: {value}" for key, value in machine.items()],
        f"- libraries: {libraries}",
        "",
        "## Figures",
        "",
        _common.markdown_table(rows),
        "",
        "## Goals",
        "",
        *[f"- {line}" for line in lines],
    ]
    if notes:
        text += ["", "## Notes", "", *[f"- {note}" for note in notes]]
    tmp = RESULTS.with_suffix(".md.tmp")
    tmp.write_text("\n".join(text) + "\n", encoding="utf-8")
    tmp.replace(RESULTS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs and fewer repeats (a smoke run)")
    parser.add_argument(
        "--fec-size-mb", type=int, default=None, help="size of the FEC file for the peak-RSS figure (1024)"
    )
    parser.add_argument(
        "--only", default="", help="comma-separated figures, e.g. P1,P4 (RESULTS.md untouched)"
    )
    parser.add_argument("--no-write", action="store_true", help="do not write bench/RESULTS.md")
    parser.add_argument(
        "--startup-baseline",
        default=STARTUP_BASELINE,
        help="git revision P6 measures side by side ('' to skip; needs the repository's history)",
    )
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a goal is missed")
    args = parser.parse_args()
    wanted = [f.strip().upper() for f in args.only.split(",") if f.strip()] or list(BENCHES)
    unknown = sorted(set(wanted) - set(BENCHES))
    if unknown:
        parser.error(f"unknown figure(s): {', '.join(unknown)}")

    _common.use_source_tree()
    started = time.perf_counter()
    rows: list[Row] = []
    notes: list[str] = []
    failed = False
    for fig, (bench, expected) in BENCHES.items():
        if fig not in wanted:
            continue
        print(f"[{fig}] {TITLES[fig]} ({expected})...", flush=True)
        t = time.perf_counter()
        try:
            got = bench(args.quick, args)
        except Exception as exc:
            traceback.print_exc()
            failed = True
            got = [row(fig, "error", TITLES[fig], None, "", "-", False, f"FAILED: {exc}")]
            notes.append(f"{fig} failed: {exc}")
        rows += got
        print(f"[{fig}] done in {time.perf_counter() - t:.0f}s", flush=True)
    rows.sort(key=lambda r: r["id"])  # stable: each figure's rows keep their order
    seconds = time.perf_counter() - started
    notes += [
        f"{r['id']} {r['name']}: {r['detail']}" for r in rows if r["value"] is None and r["ok"] is not False
    ]
    lines = summary(rows)

    print()
    print(_common.format_table(rows))
    print()
    print("Goals:")
    for line in lines:
        print(f"  {line}")
    print(f"\n{seconds / 60:.1f} minutes in all.")
    if args.only or args.no_write:
        print(f"{RESULTS.relative_to(_common.ROOT)} not written ({'--only' if args.only else '--no-write'}).")
    else:
        write_results(rows, lines, notes, args.quick, seconds)
        print(f"Written to {RESULTS.relative_to(_common.ROOT)}.")
    missed = any(r["ok"] is False for r in rows)
    return 1 if failed or (args.strict and missed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
