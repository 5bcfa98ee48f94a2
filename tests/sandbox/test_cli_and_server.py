"""The three ways to start the sandbox: in-process (other tests), the plugin's server, the command."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from cegid_loop.sandbox.harness import LoopSandbox

ROOT = Path(__file__).resolve().parents[2]
D1 = {"codeDossier": "CEGID001"}


def test_the_session_server_answers_over_http(loop_sandbox_server: LoopSandbox) -> None:
    assert loop_sandbox_server.base_url.startswith("http://127.0.0.1:")
    client = loop_sandbox_server.client()
    assert client.get("/loop-api-publiques/journal", params=D1).status_code == 200
    deposit = client.get("/getFileUrlDeposit", params={"filename": "a.tra"}).json()
    assert deposit["depositUrl"].startswith(loop_sandbox_server.base_url + "/__sandbox__/blob/")
    uploaded = httpx.put(deposit["depositUrl"], content=b"x", headers={"x-ms-blob-type": "BlockBlob"})
    assert uploaded.status_code == 201


def test_the_command_builds_the_app_and_prints_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from cegid_loop.cli.app import app

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: seen.update(app=application, **kw))
    monkeypatch.setenv("LOOP_API_KEY", "env-key:env-secret")
    result = CliRunner().invoke(
        app,
        [
            "sandbox",
            "--port",
            "9999",
            "--subscription-key",
            "my-sub",
            "--profile",
            "drifted",
            "--import-step-seconds",
            "0",
            "--faults",
            '{"rules": [{"kind": "503", "first": 1}]}',
        ],
    )
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:9999" in result.output
    assert "my-sub" not in result.output and "env-secret" not in result.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 9999)
    state = seen["app"].state.sandbox
    assert state.profile == "drifted" and state.faults.active
    firm = state.auth.firms[0]
    assert (firm.subscription_key, firm.api_key) == ("my-sub", "env-key:env-secret")
    bad = CliRunner().invoke(app, ["sandbox", "--profile", "future"])
    assert bad.exit_code != 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_command_serves_over_loopback(tmp_path: Path) -> None:
    port = free_port()
    code = "from cegid_loop.cli.app import app; app()"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "LOOP_SUBSCRIPTION_KEY": "",
        "LOOP_API_KEY": "",
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "sandbox", "--port", str(port), "--db", str(tmp_path / "db.sqlite")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{base}/__sandbox__/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and proc.poll() is None, "the sandbox did not start"
            time.sleep(0.1)
        headers = {"Ocp-Apim-Subscription-Key": "demo-subscription-key", "X-ApiKey": "demo-key:demo-secret"}
        assert httpx.get(f"{base}/compte", params=D1, headers=headers).status_code == 200
        assert httpx.get(f"{base}/compte", params=D1).status_code == 401
    finally:
        proc.terminate()
        output = proc.communicate(timeout=10)[0].decode()
    assert f"http://127.0.0.1:{port}" in output and "demo-secret" not in output
