"""A standard tool pointed at the definition the sandbox serves finds nothing on the sandbox.

The schemathesis command line (``st run``), as a user would run it: the definition loaded from the
sandbox's well-known path ``GET /__sandbox__/openapi.json`` (nothing from this repository's
contract overlays), every phase, every check but ``unsupported_method`` (Azure API Management, and so
the sandbox, answers an undocumented method with 404, never 405: TUNING.md T3), several seeds. The
seed 20261125 runs in-process, per operation, in test_sandbox_contract.py; the budget is TUNING.md T6.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY
from cegid_loop.sandbox.definition import SERVED_AT
from contract_tests.conftest import ServeSandbox

SEEDS = (777, 2026)
MAX_EXAMPLES = 4  # fuzzing cases per operation and mode; the coverage phase is not bounded by it
OPERATIONS = 101
ST = (sys.executable, "-m", "schemathesis.cli")  # the `st` command, from this interpreter


def st_run(definition_url: str, seed: int, workdir: Path) -> subprocess.CompletedProcess[str]:
    command = [
        *ST, "run", definition_url,
        "--seed", str(seed),
        "--max-examples", str(MAX_EXAMPLES),
        "--workers", "1",
        "--checks", "all",
        "--exclude-checks", "unsupported_method",
        "--generation-database", "none",
        "--header", f"Ocp-Apim-Subscription-Key: {DEMO_SUBSCRIPTION_KEY}",
        "--header", f"X-ApiKey: {DEMO_API_KEY}",
        "--no-color",
    ]  # fmt: skip
    return subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.parametrize("seed", SEEDS)
def test_schemathesis_finds_nothing_on_the_definition_the_sandbox_serves(
    served_sandbox: ServeSandbox, tmp_path: Path, seed: int
) -> None:
    done = st_run(served_sandbox() + SERVED_AT, seed, tmp_path)
    report = done.stdout[-6000:] + done.stderr[-2000:]
    assert done.returncode == 0, report
    assert f"Tested: {OPERATIONS}" in done.stdout, report
    for phase in ("Examples", "Coverage", "Fuzzing", "Stateful"):
        assert f"✅ {phase}" in done.stdout, report
    assert "failures" not in done.stdout.rsplit("SUMMARY", 1)[-1], report


def test_the_same_run_fails_on_the_effective_definition(served_sandbox: ServeSandbox, tmp_path: Path) -> None:
    """The run can fail: against the effective definition alone (no grammar, no 409), schemathesis
    finds the sandbox's undocumented answers, as it did before the sandbox served its own."""
    from cegid_loop import spec

    base = served_sandbox()
    effective = tmp_path / "effective.json"
    effective.write_text(spec.read_text(spec.EFFECTIVE_NAME), encoding="utf-8")
    command = [
        *ST, "run", str(effective), "--url", base, "--seed", "777", "--max-examples", "2",
        "--workers", "1", "--phases", "examples,coverage", "--exclude-checks", "unsupported_method",
        "--include-path", "/compte", "--generation-database", "none", "--no-color",
        "--header", f"Ocp-Apim-Subscription-Key: {DEMO_SUBSCRIPTION_KEY}",
        "--header", f"X-ApiKey: {DEMO_API_KEY}",
    ]  # fmt: skip
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 1, done.stdout[-3000:]
    assert "Schema-valid request rejected" in done.stdout or "Undocumented status code" in done.stdout
