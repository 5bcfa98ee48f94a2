"""`cegid-loop list`, `get` and `resources` against the in-process sandbox."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from cegid_loop_api.facade.registry import RESOURCES

from .conftest import API_KEY_ID, API_SECRET, KEY_ARGS, SUBSCRIPTION_KEY, Run, error_line

SANDBOX = ("--sandbox",)


def test_resources_lists_the_spec_namespaces(run: Run) -> None:
    result = run("resources", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["resource"] for r in rows] == sorted(set(RESOURCES) - {"imports"})
    comptes = next(r for r in rows if r["resource"] == "comptes")
    assert comptes["path"] == "/compte" and comptes["methods"][:1] == ["list"]
    assert comptes["operations"]["list"] == "listComptes"


def test_resources_table(run: Run) -> None:
    result = run("resources")
    assert result.exit_code == 0, result.output
    for name in ("comptes", "tiers_clients", "dossiers", "ecritures", "/DossierComplet"):
        assert name in result.stdout


def test_list_table(run: Run) -> None:
    result = run("list", "comptes", "--dossier", "CEGID001", *SANDBOX)
    assert result.exit_code == 0, result.output
    assert "numero" in result.stdout and "10130000" in result.stdout and "Capital souscrit" in result.stdout


def test_list_accepts_dashes_and_json(run: Run) -> None:
    result = run("list", "tiers-clients", "-d", "CEGID001", "--format", "json", *SANDBOX)
    assert result.exit_code == 0, result.output
    codes = [r["code"] for r in json.loads(result.stdout)]
    assert "CBOULANGERIEDUPONT" in codes and all(c.startswith("C") for c in codes)


def test_list_filter_sort_select_csv(run: Run) -> None:
    result = run(
        "list", "comptes", "-d", "CEGID001", *SANDBOX, "--filter", 'numero >= "6"', "--filter",
        'numero < "7"', "--sort", "-numero", "--select", "numero,libelle", "--format", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    numbers = [r["numero"] for r in rows]
    assert numbers and all(n.startswith("6") for n in numbers)
    assert numbers == sorted(numbers, reverse=True)
    assert "libelle" in rows[0] and "lettrable" not in rows[0]


def test_list_take_and_all(run: Run) -> None:
    five = run("list", "comptes", "-d", "CEGID001", "--take", "5", "-f", "json", *SANDBOX)
    assert five.exit_code == 0, five.output
    assert len(json.loads(five.stdout)) == 5
    assert "--all" in five.stderr  # told that there is more
    everything = json.loads(run("list", "comptes", "-d", "CEGID001", "--all", "-f", "json", *SANDBOX).stdout)
    beyond_a_page = json.loads(
        run("list", "comptes", "-d", "CEGID001", "--take", "150", "-f", "json", *SANDBOX).stdout
    )
    assert len(everything) == len(beyond_a_page) > 5
    assert len({r["objectId"] for r in everything}) == len(everything)


def test_list_ecritures_with_the_required_filter(run: Run) -> None:
    result = run(
        "list", "ecritures", "-d", "CEGID001", "--filter", "codeLettrage == null", "-f", "json", *SANDBOX
    )
    assert result.exit_code == 0, result.output
    assert all(e.get("codeLettrage") is None for e in json.loads(result.stdout))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("list", "compts", "-d", "CEGID001"), "unknown resource 'compts' (did you mean comptes?)"),
        (("list", "dossiers", "-d", "CEGID001"), "try `cegid-loop get dossiers --dossier CEGID001`"),
        (("list", "ecritures", "-d", "CEGID001"), "ecritures needs --filter"),
        (
            ("list", "comptes", "-d", "CEGID001", "--all", "--take", "3"),
            "--take and --all exclude each other",
        ),
        (("list", "comptes", "-d", "CEGID001", "--sort", "bad name"), "--sort: not a valid field name"),
        (("get", "comptes", "-d", "CEGID001"), "get comptes needs --id OBJECTID or --filter EXPR"),
        (("get", "comptes", "-d", "CEGID001", "--id", "x", "--filter", "a == 1"), "exclude each other"),
        (("get", "dossiers", "-d", "CEGID001", "--id", "x"), "dossiers is one object per dossier"),
    ],
)
def test_bad_usage_exits_2_with_one_line(run: Run, args: tuple[str, ...], expected: str) -> None:
    result = run(*args, *SANDBOX)
    assert result.exit_code == 2, result.output
    assert expected in error_line(result)
    assert result.stdout == ""


def test_get_single_object_resource(run: Run) -> None:
    result = run("get", "dossiers", "--dossier", "CEGID001", *SANDBOX)
    assert result.exit_code == 0, result.output
    assert "siren" in result.stdout and "732829320" in result.stdout
    as_json = json.loads(run("get", "dossiers", "-d", "CEGID001", "-f", "json", *SANDBOX).stdout)
    assert as_json["siren"] == "732829320"


def test_get_by_id_and_by_filter(run: Run) -> None:
    first = json.loads(
        run("list", "comptes", "-d", "CEGID001", "--take", "1", "-f", "json", *SANDBOX).stdout
    )[0]
    by_id = run("get", "comptes", "-d", "CEGID001", "--id", first["objectId"], "-f", "json", *SANDBOX)
    assert by_id.exit_code == 0, by_id.output
    assert json.loads(by_id.stdout) == first
    by_filter = run("get", "comptes", "-d", "CEGID001", "--filter", 'numero == "41100000"', *SANDBOX)
    assert by_filter.exit_code == 0 and "Clients" in by_filter.stdout


def test_not_found_is_a_loop_error(run: Run) -> None:
    result = run("get", "comptes", "-d", "CEGID001", "--id", "no-such-id", *SANDBOX)
    assert result.exit_code == 1
    assert 'no comptes matches objectId == "no-such-id"' in error_line(result)


def test_unknown_dossier_exits_1_with_one_line(run: Run) -> None:
    result = run("list", "comptes", "-d", "NOPE999", *SANDBOX, *KEY_ARGS)
    assert result.exit_code == 1
    line = error_line(result)
    assert "NOPE999" in line and "(HTTP 404)" in line
    assert result.stdout == ""


def test_missing_keys_is_a_configuration_error(run: Run) -> None:
    result = run("list", "comptes", "-d", "CEGID001", "--base-url", "http://127.0.0.1:9")
    assert result.exit_code == 2  # a command that cannot run, as the README says
    assert "missing subscription key" in error_line(result)


def test_connection_refused_is_one_line_without_the_keys(run: Run) -> None:
    with socket.socket() as sock:  # a loopback port that nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = run("list", "comptes", "-d", "CEGID001", "--base-url", f"http://127.0.0.1:{port}", *KEY_ARGS)
    assert result.exit_code == 1
    assert "cegid-loop: error:" in error_line(result)  # the leak check is in `run`


def test_sandbox_with_the_keys_given_never_prints_them(run: Run) -> None:
    for args in (
        ("list", "comptes", "-d", "CEGID001", "-f", "json"),
        ("get", "dossiers", "-d", "CEGID001"),
        ("list", "comptes", "-d", "NOPE"),
        ("get", "comptes", "-d", "CEGID001", "--id", "nope"),
    ):
        run(*args, *SANDBOX, *KEY_ARGS)  # `run` fails the test if a key shows


def test_sandbox_excludes_base_url(run: Run) -> None:
    result = run("list", "comptes", "-d", "CEGID001", "--sandbox", "--base-url", "http://127.0.0.1:9")
    assert result.exit_code == 2
    assert "--base-url and --sandbox" in error_line(result)


def test_a_real_process_prints_one_line_and_no_retry_log(tmp_path: Path) -> None:
    """Outside CliRunner (no pytest log capture): stamina's retry log must not reach stderr."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code = "from cegid_loop.cli.app import app; app()"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOOP_")}
    env["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in sys.path if p)  # this checkout's code
    env.update(
        LOOP_MAX_RETRIES="1",
        LOOP_SUBSCRIPTION_KEY=SUBSCRIPTION_KEY,
        LOOP_API_KEY=f"{API_KEY_ID}:{API_SECRET}",
    )
    args = ["list", "comptes", "-d", "CEGID001", "--base-url", f"http://127.0.0.1:{port}"]
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True,
                          timeout=60, cwd=tmp_path, check=False)  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("cegid-loop: error: "), done.stderr
    for secret in (SUBSCRIPTION_KEY, API_KEY_ID, API_SECRET):
        assert secret not in done.stderr
