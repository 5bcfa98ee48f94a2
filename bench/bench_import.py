"""P7: importing a large FEC: the client's peak memory (validate, deposit, upload, start).

    python bench/bench_import.py [--size-mb 1024] [--json]

A valid FEC of about ``--size-mb`` MB is written (the P3 generator), a sandbox is served by uvicorn
in a child process on loopback, and a fresh interpreter runs ``loop.imports.fec(..., wait=False)``
against it: offline validation, deposit URL, upload (8 MiB blocks streamed from disk, each with its MD5,
for a file this size), start. The figure is that interpreter's peak RSS (``ru_maxrss``), measured with its
imports of the client; the goal is 100 MB whatever the file's size (it was the file's size plus
the interpreter before the upload streamed). The sandbox's own ingestion of the entries is not
timed here (it takes minutes for a gigabyte and is not the client's cost).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _common
from _common import BENCH_DOSSIER, GENERATED, SRC, Row, SandboxProcess, row
from bench_fec import FILE_NAME, generate

GOAL_MB = 100
BENCH = "import"

CHILD = """
import json, resource, sys, time
from cegid_loop import LoopClient
from cegid_loop.sandbox import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY

url, path, dossier = sys.argv[1:4]
stages = {}
last = [time.perf_counter()]

def progress(event):
    now = time.perf_counter()
    stages[event.stage] = round(now - last[0], 3)
    last[0] = now

baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
keys = {"subscription_key": DEMO_SUBSCRIPTION_KEY, "api_key": DEMO_API_KEY}
with LoopClient(base_url=url, deadline=600, **keys) as loop:
    started = loop.imports.fec(dossier, path, wait=False, on_progress=progress)
print(json.dumps({
    "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "baseline_kb": baseline_kb,
    "stages": stages,
    "id": started.import_request_id,
}))
"""


def run(size_mb: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        path = Path(tmp) / FILE_NAME
        started = time.perf_counter()
        lines = generate(path, size_mb)
        generated = time.perf_counter() - started
        size = path.stat().st_size
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(GENERATED)])}
        # Imports queued (settled 1 h later, never during the run): the start answers at once, as Loop does.
        with SandboxProcess(comptes=1, import_step_seconds=3600) as sandbox:
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", CHILD, sandbox.url, str(path), BENCH_DOSSIER],
                capture_output=True,
                text=True,
                env=env,
                timeout=1800,
                check=False,
            )
            took = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"the import failed: {done.stderr.strip()[-600:]}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
    peak_mb = result["maxrss_kb"] / 1024
    stages = result["stages"]
    upload_s = stages.get("uploaded", 0.0) + stages.get("deposit", 0.0)
    detail = f"{size / 1e6:,.0f} MB, {lines:,} lines (generated in {generated:.0f} s); import started"
    return [
        row("P7", BENCH, "client RSS after its imports (no file yet)", result["baseline_kb"] / 1024, "MB"),
        row(
            "P7",
            BENCH,
            f"peak RSS importing a {size / 1e9:.2f} GB FEC (validate, upload, start)",
            peak_mb,
            "MB",
            goal=f"<= {GOAL_MB}",
            ok=peak_mb <= GOAL_MB,
            detail=detail,
        ),
        row("P7", BENCH, "offline validation", stages.get("validated", 0.0), "s"),
        row(
            "P7",
            BENCH,
            "deposit + upload (8 MiB blocks streamed from disk, each with its MD5)",
            upload_s,
            "s",
            detail=f"{size / 1e6 / max(upload_s, 1e-9):,.0f} MB/s over loopback",
        ),
        row("P7", BENCH, "whole client run (process start to import started)", took, "s"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    _common.report(run(args.size_mb), as_json=args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
