"""Every Python block of the README runs as written (a user pastes them): scripts in a fresh
interpreter, test files under pytest. A block that goes stale fails here, not in a user's hands."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cegid_loop.sandbox.harness import LoopSandbox

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def _env(server: LoopSandbox) -> dict[str, str]:
    """The environment the README sets before the blocks that read it ("Over HTTP, with the settings
    from the environment"): a sandbox served on loopback and its keys."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LOOP_")}
    return {
        **clean,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "generated")]),
        "LOOP_BASE_URL": server.base_url,
        "LOOP_SUBSCRIPTION_KEY": server.subscription_key,
        "LOOP_API_KEY": server.api_key,
    }


def test_the_readme_has_python_blocks() -> None:
    assert len(BLOCKS) >= 6


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_the_block_runs(index: int, tmp_path: Path, loop_sandbox_server: LoopSandbox) -> None:
    code = BLOCKS[index]
    is_test_file = re.search(r"^(async )?def test_", code, re.M) is not None
    script = tmp_path / ("test_block.py" if is_test_file else "block.py")
    script.write_text(code, encoding="utf-8")
    if is_test_file:
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(script)]
    else:
        command = [sys.executable, str(script)]
    done = subprocess.run(
        command,
        cwd=tmp_path,
        env=_env(loop_sandbox_server),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    loop_sandbox_server.reset()  # the demo data back for the next user of the session's server
    assert done.returncode == 0, (
        f"README block {index}:\n{code}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    )
