"""The real thing: `cegid-loop mirror` in a child process against a served sandbox (with latency), killed
with SIGKILL mid-run, then interrupted with SIGINT (Ctrl-C), then run to the end: it resumes each time
and the database ends right."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cegid_loop import LoopClient
from cegid_loop.sandbox import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY
from cegid_loop.sandbox.harness import free_port

from .conftest import assert_mirrors

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

ROOT = Path(__file__).resolve().parents[2]
CLI = "from cegid_loop.cli import main; main()"


def _env(base_url: str) -> dict[str, str]:
    path = os.pathsep.join([str(ROOT / "src"), str(ROOT / "generated"), os.environ.get("PYTHONPATH", "")])
    return {
        **os.environ,
        "PYTHONPATH": path,
        "LOOP_BASE_URL": base_url,
        "LOOP_SUBSCRIPTION_KEY": DEMO_SUBSCRIPTION_KEY,
        "LOOP_API_KEY": DEMO_API_KEY,
    }


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """`cegid-loop sandbox` in a child process, every GET delayed by 80 ms."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    faults = json.dumps({"rules": [{"kind": "latency", "ms": 80, "method": "GET"}]})
    args = ["sandbox", "--port", str(port), "--db", str(tmp_path / "loop.sqlite"), "--faults", faults]
    server = subprocess.Popen(
        [sys.executable, "-c", CLI, *args], env=_env(base_url), stdout=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base_url}/__sandbox__/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "the sandbox did not start"
            time.sleep(0.1)
        yield base_url
    finally:
        server.terminate()
        server.wait(10)


def _steps_saved(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT count(*) FROM mirror_steps").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def _stop_after(command: list[str], env: dict[str, str], db: Path, steps: int, sig: int) -> int:
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _steps_saved(db) < steps:
        assert proc.poll() is None, "the mirror ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    proc.send_signal(sig)
    return proc.wait(30)


def test_killed_then_interrupted_then_finished(served: str, tmp_path: Path) -> None:
    db = tmp_path / "mirror.sqlite"
    env = _env(served)
    command = [sys.executable, "-c", CLI, "mirror", "--all-dossiers", "--db", str(db), "--concurrency", "1"]

    assert _stop_after(command, env, db, 5, signal.SIGKILL) == -signal.SIGKILL
    killed_at = _steps_saved(db)
    assert _stop_after(command, env, db, killed_at + 5, signal.SIGINT) == 130

    done = subprocess.run([*command, "--json"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["resumed"] is True and summary["run"] == 1
    assert summary["totals"]["created"] == summary["totals"]["records"] == 178
    with LoopClient(base_url=served, subscription_key=DEMO_SUBSCRIPTION_KEY, api_key=DEMO_API_KEY) as loop:
        assert_mirrors(db, loop)
