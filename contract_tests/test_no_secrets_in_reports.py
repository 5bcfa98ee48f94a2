"""No secret in any report, log or cassette.

A Loop that misbehaves as badly as possible stands in for the real one (a loopback sandbox, drifted
profile, wrapped so that ``GET /compte`` echoes the subscription key and a SAS-signed URL into a field
that fails validation, so that both land in failure texts and drift rows). Then the live contract
suite (with its cassette and a JUnit report) and ``cegid-loop drift live`` (JSON, Markdown,
JUnit) run against it with distinctive keys, and every byte they wrote or printed is searched.
The runs must fail (the drift is real): that proves the texts that could leak were produced.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cegid_loop.sandbox.app import create_app
from cegid_loop.sandbox.auth import Firm

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SUBSCRIPTION_KEY = "sub-9f8e7d6c5b4a3f2e1d"
API_KEY = "key-1a2b3c4d5e:secret-5e6f7a8b9c0d1e"
SAS_SIGNATURE = "Zm9vYmFyU0lHTkFUVVJF"
SECRETS = (SUBSCRIPTION_KEY, API_KEY, *API_KEY.split(":"), SAS_SIGNATURE)
ServeSandbox = Callable[..., str]


class LeakyLoop:
    """ASGI wrapper: the first object of ``GET /compte`` carries the key and a signed URL in ``type``."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] != "/compte" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Any) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            payload = json.loads(b"".join(chunks) or b"null")
            if isinstance(payload, list) and payload:
                payload[0]["type"] = f"{SUBSCRIPTION_KEY} https://blob.test/f.txt?sv=1&sig={SAS_SIGNATURE}"
            data = json.dumps(payload).encode()
            headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
            await send({**start, "headers": [*headers, (b"content-length", str(len(data)).encode())]})
            await send({"type": "http.response.body", "body": data})

        await self.app(scope, receive, capture)


def _env(base_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOOP_")}
    python_path = [str(ROOT / "src"), str(ROOT / "generated"), str(ROOT), env.get("PYTHONPATH", "")]
    return (
        env
        | {
            "LOOP_BASE_URL": base_url,
            "LOOP_SUBSCRIPTION_KEY": SUBSCRIPTION_KEY,
            "LOOP_API_KEY": API_KEY,
            "LOOP_CODE_DOSSIER": "CEGID001",
            "PYTHONPATH": os.pathsep.join(python_path),
        }
        | extra
    )


def _leaks(texts: dict[str, str]) -> list[str]:
    return [f"{secret!r} in {where}" for where, text in texts.items() for secret in SECRETS if secret in text]


def test_nothing_written_or_printed_holds_a_secret(served_sandbox: ServeSandbox, tmp_path: Path) -> None:
    app = LeakyLoop(
        create_app(firms=[Firm(SUBSCRIPTION_KEY, API_KEY)], profile="drifted", import_step_seconds=0)
    )
    base_url = served_sandbox(app=app)
    live = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(ROOT),
            f"{HERE / 'test_live_contract.py'}::test_live_read",
            f"--junitxml={tmp_path / 'junit-live.xml'}",
        ],
        env=_env(
            base_url,
            LOOP_CONTRACT_OPERATIONS="listComptes",
            LOOP_CONTRACT_CASSETTE=str(tmp_path / "cassette.json"),
        ),
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
        check=False,
    )
    drift = subprocess.run(
        [
            sys.executable,
            "-c",
            "from cegid_loop.cli.app import app; app()",
            "drift",
            "live",
            "--json",
            str(tmp_path / "d.json"),
            "--markdown",
            str(tmp_path / "d.md"),
            "--junit",
            str(tmp_path / "d.xml"),
            "--save-bodies",
            str(tmp_path / "bodies"),
        ],
        env=_env(base_url),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    offline = [
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from cegid_loop.cli.app import app; app()",
                *args,
            ],
            env=_env(base_url),
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
            check=False,
        )
        for args in (
            ["drift", "check", str(tmp_path / "bodies"), "--json", str(tmp_path / "c.json")],
            ["drift", "propose", str(tmp_path / "bodies"), "--output", str(tmp_path / "proposal.yaml")],
        )
    ]

    assert live.returncode == 1, live.stdout[-2000:] + live.stderr[-2000:]  # the drifted /compte fails
    assert "1 failed" in live.stdout, live.stdout[-2000:]
    assert drift.returncode == 1, drift.stdout + drift.stderr
    assert [r.returncode for r in offline] == [1, 0], [r.stdout + r.stderr for r in offline]
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    names = {p.name for p in files if p.parent == tmp_path}
    assert names == {"junit-live.xml", "cassette.json", "d.json", "d.md", "d.xml", "c.json", "proposal.yaml"}
    assert len(list((tmp_path / "bodies").glob("*.json"))) >= 25
    texts = {str(p.relative_to(tmp_path)): p.read_text(encoding="utf-8", errors="replace") for p in files}
    texts |= {
        "live stdout": live.stdout,
        "live stderr": live.stderr,
        "drift stdout": drift.stdout,
        "drift stderr": drift.stderr,
    }
    texts |= {
        f"offline {i} {stream}": getattr(r, stream)
        for i, r in enumerate(offline)
        for stream in ("stdout", "stderr")
    }
    # The leaked field reached the reports (masked): the search below is not vacuous.
    assert "https://blob.test/f.txt" in texts["junit-live.xml"]
    assert "https://blob.test/f.txt" in texts["d.json"]
    assert "https://blob.test/f.txt" in texts["cassette.json"]
    assert "https://blob.test/f.txt" in texts["bodies/listComptes.json"]
    assert "https://blob.test/f.txt" in texts["proposal.yaml"]
    assert _leaks(texts) == []
