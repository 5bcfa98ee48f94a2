"""Every file of examples/ runs, as a user would run it, and must still give what it says; so does
every Python block of the documentation's tour (docs/tour.md).

Each script runs in a subprocess (the interpreter of this test run), in a fresh working directory,
with no ``LOOP_*`` variable (so nothing can reach a real Loop), against the in-process sandbox; the
CI files' ``cegid-loop drift live`` commands run against a sandbox served on a loopback port. The
exit status and part of the output are checked, so an example that goes stale fails the suite.
A new file in examples/ needs its test here (``test_every_example_is_run``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from mypy import api as mypy_api

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TIMEOUT = 120

# file -> the test(s) below that run it
COVERED = {
    "list_accounts.py": "test_list_accounts",
    "export_listing.py": "test_export_listing",
    "import_fec.py": "test_import_fec_reconciles_by_id",
    "async_dossiers.py": "test_async_dossiers",
    "test_with_fixtures.py": "test_pytest_fixtures_example",
    "ci/github-actions-loop-drift.yml": "test_ci_drift_job",
    "ci/gitlab-ci-loop-drift.yml": "test_ci_drift_job",
}


def clean_env() -> dict[str, str]:
    """The environment without any Loop setting, the interpreter's scripts first on PATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOOP_")}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONIOENCODING"] = "utf-8"
    # Our own source first, as in the test run itself (an installed copy may be another branch's).
    paths = [str(ROOT / "src"), str(ROOT / "generated"), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    return env


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env=env or clean_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        check=False,
    )


def script(name: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, str(EXAMPLES / name), *args], cwd)


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, f"exit {done.returncode}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    return done.stdout


def test_every_example_is_run() -> None:
    files = {
        p.relative_to(EXAMPLES).as_posix()
        for p in EXAMPLES.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert files == set(COVERED), "a file of examples/ without its test here (COVERED), or a stale entry"


def test_list_accounts(tmp_path: Path) -> None:
    out = ok(script("list_accounts.py", cwd=tmp_path))
    assert "dossier CEGID001, SIREN 732829320" in out
    assert "60100000  Achats non stockés de matières et fournitures" in out
    assert out.rstrip().endswith("15 account(s) of class 6")

    out = ok(script("list_accounts.py", "--class", "4", "--dossier", "CEGID003", cwd=tmp_path))
    assert "SIREN 443061841" in out and "40100000" in out and "60100000" not in out

    failed = script("list_accounts.py", "--dossier", "NOPE", cwd=tmp_path)
    assert failed.returncode == 1
    assert "NOPE" in failed.stderr and "HTTP 404" in failed.stderr and "Traceback" not in failed.stderr


def test_list_accounts_live_needs_settings(tmp_path: Path) -> None:
    """--live without LOOP_* variables stops on a configuration error naming the variable."""
    failed = script("list_accounts.py", "--live", cwd=tmp_path)
    assert failed.returncode == 1
    assert "LOOP_SUBSCRIPTION_KEY" in failed.stderr


def test_export_listing(tmp_path: Path) -> None:
    out = ok(script("export_listing.py", "--output", "clients.csv", cwd=tmp_path))
    assert out.startswith("254 customers written to clients.csv in ")
    requests = int(out.split(" in ")[1].split()[0])
    assert 3 <= requests <= 4  # 254 records, 100 a page (one page more may be fetched ahead)
    lines = (tmp_path / "clients.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "code,raisonSociale,telephone,objectId,revisionId"
    assert len(lines) == 255 and len({line.split(",")[0] for line in lines[1:]}) == 254

    out = ok(script("export_listing.py", "--page-size", "50", cwd=tmp_path))
    assert "254 customers" in out and int(out.split(" in ")[1].split()[0]) >= 6


def test_import_fec_reconciles_by_id(tmp_path: Path) -> None:
    first = ok(script("import_fec.py", cwd=tmp_path))
    assert "started" in first and "succeeded" in first
    assert "result: 3 comptes, 2 journaux, 3 tiers, 9 ecritures" in first
    import_id = first.split("import ", 1)[1].split()[0]
    assert (tmp_path / "loop-imports.json").is_file() and (tmp_path / "loop-sandbox.sqlite").is_file()

    # Again: the journal knows the file, nothing is sent, the same import is followed.
    second = ok(script("import_fec.py", cwd=tmp_path))
    assert f"as import {import_id}: not sent again" in second
    assert f"import {import_id}: succeeded" in second
    assert "deposit" not in second  # no upload this time (stages are on stderr anyway)


def test_import_fec_refuses_a_broken_file(tmp_path: Path) -> None:
    from cegid_loop.fec.samples import demo_entries, unbalanced, write_fec

    broken = write_fec(tmp_path, "732829320", unbalanced(demo_entries()))
    failed = script("import_fec.py", str(broken), cwd=tmp_path)
    assert failed.returncode == 1
    assert "is invalid" in failed.stderr and "not uploaded" in failed.stderr
    assert "uploaded\n" not in failed.stderr  # the progress never reached the upload


def test_async_dossiers(tmp_path: Path) -> None:
    out = ok(script("async_dossiers.py", "--parallel", "1", cwd=tmp_path))
    rows = [line.split() for line in out.splitlines()]
    assert rows[0] == ["dossier", "comptes", "journaux", "clients"]
    assert ["CEGID001", "44", "6", "4"] in rows and ["CEGID003", "44", "6", "4"] in rows
    assert rows[-1] == ["2", "dossier(s)"]


def test_pytest_fixtures_example(tmp_path: Path) -> None:
    """In a directory without any pytest configuration, as in a new project of a user."""
    shutil.copy(EXAMPLES / "test_with_fixtures.py", tmp_path)
    done = run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_with_fixtures.py"], tmp_path
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "6 passed" in done.stdout


def drift_commands(workflow: Path) -> list[str]:
    """The shell lines of a CI file that run ``cegid-loop drift``."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("run", "script") and isinstance(value, str):
                    found.append(value)
                elif key == "script" and isinstance(value, list):
                    found.extend(v for v in value if isinstance(v, str))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load(workflow.read_text(encoding="utf-8")))
    return [line for line in found if line.startswith("cegid-loop drift")]


@pytest.fixture(scope="module", params=["normal", "drifted"])
def served_sandbox(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    from cegid_loop.sandbox.app import create_app
    from cegid_loop.sandbox.harness import ServerThread, free_port

    server = ServerThread(create_app(profile=request.param, import_step_seconds=0), free_port())
    server.start()
    yield request.param, server.base_url
    server.stop()


@pytest.mark.parametrize("workflow", ["github-actions-loop-drift.yml", "gitlab-ci-loop-drift.yml"])
def test_ci_drift_job(workflow: str, served_sandbox: tuple[str, str], tmp_path: Path) -> None:
    """The job's own command, with the variables CI would give it, against a sandbox over HTTP."""
    path = EXAMPLES / "ci" / workflow
    text = path.read_text(encoding="utf-8")
    assert '"cegid-loop[cli,drift]==' in text  # the command needs both extras; an exact pin
    assert "--api-key" not in text and "--subscription-key" not in text  # keys only in variables
    (command,) = drift_commands(path)

    from cegid_loop.sandbox import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY

    profile, base_url = served_sandbox
    env = clean_env() | {
        "LOOP_BASE_URL": base_url,
        "LOOP_SUBSCRIPTION_KEY": DEMO_SUBSCRIPTION_KEY,
        "LOOP_API_KEY": DEMO_API_KEY,
        "LOOP_CODE_DOSSIER": "CEGID001",
    }
    done = run(["bash", "-c", command], tmp_path, env)
    report = (tmp_path / "drift.md").read_text(encoding="utf-8")
    assert (tmp_path / "drift.xml").is_file() and (tmp_path / "drift.json").is_file()
    assert DEMO_API_KEY not in report and DEMO_SUBSCRIPTION_KEY not in report
    if profile == "normal":
        assert done.returncode == 0, done.stdout + done.stderr
        assert "**Result: PASS**" in report
    else:  # the drifted sandbox renames and retypes fields: the job must go red
        assert done.returncode == 1, done.stdout + done.stderr
        assert "**Result: FAIL**" in report and "field-renamed" in report


# -- the tour of the documentation ------------------------------------------------------------------
TOUR = ROOT / "docs" / "tour.md"
FENCE = re.compile(r"^```python\n(.*?)^```\n(?:\s*^```text\n(.*?)^```$)?", re.M | re.S)
# Output lines that differ from run to run: ids, revisions, temporary paths, an import's first state.
VARIABLE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-|0x[0-9A-F]{8,}|/tmp|^pending$|…")


def tour_blocks() -> list[tuple[str, str]]:
    blocks = [(m.group(1), m.group(2) or "") for m in FENCE.finditer(TOUR.read_text(encoding="utf-8"))]
    assert len(blocks) >= 5, "the tour's Python blocks were not found"
    return blocks


@pytest.mark.parametrize("index", range(len(tour_blocks())))
def test_tour_block_runs(index: int, tmp_path: Path) -> None:
    """Each block is a whole program; the ones written for Loop itself (``LoopClient()`` with the
    ``LOOP_*`` variables) run against a fresh sandbox served on a loopback port."""
    from cegid_loop.sandbox import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY
    from cegid_loop.sandbox.app import create_app
    from cegid_loop.sandbox.harness import ServerThread, free_port

    code, expected = tour_blocks()[index]
    (tmp_path / "block.py").write_text(code, encoding="utf-8")
    server = ServerThread(create_app(import_step_seconds=0), free_port())
    server.start()
    try:
        env = clean_env() | {
            "LOOP_BASE_URL": server.base_url,
            "LOOP_SUBSCRIPTION_KEY": DEMO_SUBSCRIPTION_KEY,
            "LOOP_API_KEY": DEMO_API_KEY,
        }
        done = run([sys.executable, "block.py"], tmp_path, env)
    finally:
        server.stop()
    out = ok(done)
    for line in expected.splitlines():
        if line.strip() and not VARIABLE.search(line):
            assert line in out.splitlines(), f"{line!r} not in the output of block {index}:\n{out}"


def test_examples_pass_mypy_strict() -> None:
    files = sorted(str(p) for p in EXAMPLES.rglob("*.py"))
    stdout, stderr, status = mypy_api.run(
        ["--strict", "--no-incremental", "--config-file", str(ROOT / "pyproject.toml"), *files]
    )
    assert status == 0, stdout + stderr
