"""`cegid-loop list`/`get` on what the API reads beyond list and get: named GET actions, the
mandatory filter of /giActivitesMission, `get --id` that checks what comes back; `spec --sandbox`."""

from __future__ import annotations

import json

import pytest

from cegid_loop.sandbox.filters import Filter

from .conftest import Run, error_line

SANDBOX = ("--sandbox",)


@pytest.mark.parametrize(
    "args",
    [
        ("get", "pointage", "-d", "CEGID001"),  # its only read: no --action needed
        ("get", "pointage", "-d", "CEGID001", "--action", "etat_releve_compte"),
        ("list", "pointage", "-d", "CEGID001", "--action", "etat-releve-compte"),
    ],
)
def test_a_named_get_action_is_reachable(run: Run, args: tuple[str, ...]) -> None:
    result = run(*args, "-f", "json", *SANDBOX)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["compteNumero"] == "51200000"


def test_an_action_without_dossier_says_so(run: Run) -> None:
    result = run("list", "offres-collaboratives", "-d", "cabinet", "-f", "json", *SANDBOX)
    assert result.exit_code == 0, result.output
    assert {d["code"] for d in json.loads(result.stdout)} == {"CEGID001", "CEGID003"}
    assert "list_dossiers_application takes no dossier" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("get", "pointage", "--action", "nope"),
            "pointage has no action 'nope' (its GET actions: etat_releve_compte)",
        ),
        (
            ("get", "bank-account-events", "--action", "publish_balances"),
            "bank_account_events.publish_balances is POST /bankAccountEvents/publishBalances, not a read",
        ),
        (("get", "bank-account-events"), "bank_account_events has no read operation"),
        (
            ("list", "pointage", "--filter", "a == 1"),
            "pointage --action etat_releve_compte takes no --filter",
        ),
        (("get", "pointage", "--id", "x"), "--id reads a record of a list"),
        (("list", "pointage", "--all"), "--all pages a list"),
        (("list", "activites-mission"), "activites_mission needs --filter (the API requires one"),
    ],
)
def test_bad_reads_exit_2_with_one_line(run: Run, args: tuple[str, ...], expected: str) -> None:
    result = run(*args, "-d", "CEGID001", *SANDBOX)
    assert result.exit_code == 2, result.output
    assert expected in error_line(result)
    assert result.stdout == ""


def test_activites_mission_with_the_filter(run: Run) -> None:
    letters = json.loads(run("list", "engagements", "-d", "cabinet", "-f", "json", *SANDBOX).stdout)
    letter = next(e for e in letters if e["codeIBS"] == "CEGID001")["objectId"]
    where = f'lettreMissionId == "{letter}"'
    result = run("list", "activites-mission", "-d", "cabinet", "--filter", where, "-f", "json", *SANDBOX)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and {r["lettreMissionId"] for r in rows} == {letter}


def test_codes_tva_by_resource_name_or_path(run: Run) -> None:
    by_name = run("list", "codes-tva", "-d", "CEGID001", "-f", "json", *SANDBOX)
    by_path = run("list", "tva", "-d", "CEGID001", "-f", "json", *SANDBOX)
    assert by_name.exit_code == by_path.exit_code == 0, by_name.output + by_path.output
    assert json.loads(by_name.stdout) == json.loads(by_path.stdout)
    assert {r["regime"] for r in json.loads(by_name.stdout)} == {1, 2, 3}


def test_get_by_id_refuses_a_record_with_another_id(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = json.loads(run("list", "comptes", "-d", "CEGID001", "--take", "2", "-f", "json", *SANDBOX).stdout)
    monkeypatch.setattr(Filter, "matches", lambda self, doc: True)  # an API that ignores the filter
    result = run("get", "comptes", "-d", "CEGID001", "--id", rows[1]["objectId"], *SANDBOX)
    assert result.exit_code == 1, result.output
    line = error_line(result)
    assert rows[1]["objectId"] in line and rows[0]["objectId"] in line and "not the one asked" in line
    assert result.stdout == ""


def test_spec_sandbox_prints_the_definition_the_sandbox_serves(run: Run) -> None:
    result = run("spec", "--sandbox")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["servers"][0]["url"] == "http://127.0.0.1:8765/loop-api-publiques"
    assert document["components"]["parameters"]["filter"]["schema"]["pattern"].startswith(r"^\s*$|^")
    assert "409" in document["paths"]["/compte"]["put"]["responses"]
    both = run("spec", "--sandbox", "--effective")
    assert both.exit_code == 2 and "--effective and --sandbox exclude each other" in error_line(both)
