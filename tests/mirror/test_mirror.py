"""Mirror: a whole firm mirrored; a second run reports exactly the changes made in between; a run
interrupted at any point resumes and ends with the right database and the right summary."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from cegid_loop import AuthenticationError, LoopClient
from cegid_loop.mirror import DEFAULT_RESOURCES, Mirror, MirrorBusy, MirrorEvent, StepStatus
from cegid_loop.mirror.store import MirrorStore
from cegid_loop.sandbox.harness import LoopSandbox

from .conftest import (
    DEMO_DOSSIERS,
    Changes,
    Interrupting,
    Rewriting,
    assert_mirrors,
    client_on,
    reported,
    saved_bodies,
    saved_scopes,
    server_bodies,
    transport,
)

STEPS = 1 + len(DEMO_DOSSIERS) * len(DEFAULT_RESOURCES)  # the firm's dossier list, then each resource


def mirror_run(loop: LoopClient, db: Path, dossiers: list[str] | None = None, **options: Any) -> Any:
    restart = options.pop("restart", False)
    with Mirror(loop, db, **options) as mirror:
        summary = mirror.run(dossiers, restart=restart)
        return summary, mirror.store.changes(summary.run_id)


def test_a_first_run_mirrors_the_whole_firm(loop_client: LoopClient, db: Path) -> None:
    events: list[MirrorEvent] = []
    summary, changes = mirror_run(loop_client, db, on_progress=events.append)
    assert_mirrors(db, loop_client)
    assert summary.dossiers == list(DEMO_DOSSIERS) and not summary.resumed
    assert len(summary.steps) == STEPS and not summary.failed
    totals = summary.totals()
    assert totals["created"] == totals["records"] == len(changes) == 176 + 2  # 176 records, 2 dossiers
    assert {c["kind"] for c in changes} == {"created"}
    assert [e.done for e in events if e.kind == "step"] == list(range(1, STEPS + 1))
    assert events[-1].total == STEPS


def test_a_second_run_reports_exactly_the_changes_made(loop_client: LoopClient, db: Path) -> None:
    mirror_run(loop_client, db)
    made = Changes(loop_client).a_few()
    new_dossier = made.create("cabinet", "dossiers_clients", {"code": "CEGID009", "libelle": "Nouveau"})
    made.create("CEGID009", "comptes", {"numero": "10100000", "libelle": "Capital"})

    summary, changes = mirror_run(loop_client, db)

    assert reported(changes) == made.expected
    assert new_dossier and summary.dossiers == ["CEGID001", "CEGID003", "CEGID009"]
    counts = {(s.dossier, s.resource): (s.created, s.modified, s.deleted) for s in summary.steps if s.changed}
    assert counts == {
        ("CEGID001", "comptes"): (1, 1, 1),
        ("CEGID001", "tiers_fournisseurs"): (1, 1, 0),
        ("CEGID003", "journaux"): (0, 1, 1),
        ("CEGID003", "periodes"): (0, 0, 1),
        ("cabinet", "dossiers_clients"): (1, 0, 0),
        ("CEGID009", "comptes"): (1, 0, 0),
    }
    assert_mirrors(db, loop_client, ["CEGID001", "CEGID003", "CEGID009"])
    third, changes = mirror_run(loop_client, db)
    assert changes == [] and third.totals()["created"] == 0


def test_named_dossiers_and_resources(loop_client: LoopClient, db: Path) -> None:
    summary, _ = mirror_run(loop_client, db, ["CEGID003"], resources=["journaux", "tiers"])
    assert [(s.dossier, s.resource) for s in summary.steps] == [
        ("CEGID003", "journaux"),
        ("CEGID003", "tiers"),
    ]
    assert saved_scopes(db) == {("CEGID003", "journaux"), ("CEGID003", "tiers")}
    assert_mirrors(db, loop_client, ["CEGID003"], ("journaux", "tiers"))


# -- interruptions ---------------------------------------------------------------------------------------


def _interrupted(sandbox: LoopSandbox, db: Path, after: int, **options: Any) -> None:
    with (
        client_on(sandbox, Interrupting(transport(sandbox), after)) as loop,
        pytest.raises(KeyboardInterrupt),
    ):
        mirror_run(loop, db, **options)


Saved = dict[tuple[str, str], list[dict[str, Any]]]


def _everything(db: Path) -> Saved:
    return {scope: saved_bodies(db, *scope) for scope in saved_scopes(db)}


def _consistent(db: Path, loop: LoopClient, before: Saved | None = None) -> None:
    """No step half saved: what the interrupted run saved is what the server holds, everything else
    is what the database held ``before`` it."""
    with sqlite3.connect(db) as conn:
        run = conn.execute("SELECT max(id) FROM mirror_runs").fetchone()[0]
        saved_now = {
            (d, r)
            for d, r in conn.execute("SELECT dossier, resource FROM mirror_steps WHERE run = ?", (run,))
        }
    for scope in saved_scopes(db):
        expected = server_bodies(loop, *scope) if scope in saved_now else (before or {})[scope]
        assert saved_bodies(db, *scope) == expected, f"{scope}"


@pytest.mark.parametrize("after", [1, 2, 6, 13, 20, 27])
@pytest.mark.parametrize("concurrency", [1, 4])
def test_a_first_run_interrupted_resumes_to_the_whole_firm(
    loop_sandbox: LoopSandbox, db: Path, after: int, concurrency: int
) -> None:
    _interrupted(loop_sandbox, db, after, concurrency=concurrency)
    with loop_sandbox.loop_client() as loop:
        _consistent(db, loop)
        summary, changes = mirror_run(loop, db, concurrency=concurrency)
        assert summary.resumed
        assert_mirrors(db, loop)
    assert len(summary.steps) == STEPS and not summary.failed
    assert summary.totals()["created"] == len(changes) == 178  # the whole run, both parts
    assert len({(c["dossier"], c["resource"], c["key"]) for c in changes}) == 178  # none twice


@pytest.mark.parametrize("after", [1, 3, 8, 15, 26])
def test_a_second_run_interrupted_reports_exactly_the_changes_once_resumed(
    loop_sandbox: LoopSandbox, db: Path, after: int
) -> None:
    with loop_sandbox.loop_client() as loop:
        mirror_run(loop, db)
        before = _everything(db)
        made = Changes(loop).a_few()
    _interrupted(loop_sandbox, db, after)
    with loop_sandbox.loop_client() as loop:
        _consistent(db, loop, before)
        summary, changes = mirror_run(loop, db)
        assert_mirrors(db, loop)
    assert summary.resumed and reported(changes) == made.expected


def test_a_step_killed_while_it_is_saved_leaves_nothing_of_it(
    loop_client: LoopClient, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The records of a step, its changes and its outcome are one transaction."""
    original = MirrorStore._put_step
    calls = {"n": 0}

    def dies_on_the_fifth(self: MirrorStore, run_id: int, outcome: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt  # after the records were written, before the commit
        original(self, run_id, outcome)

    monkeypatch.setattr(MirrorStore, "_put_step", dies_on_the_fifth)
    with pytest.raises(KeyboardInterrupt):
        mirror_run(loop_client, db, concurrency=1)
    assert len(saved_scopes(db)) == 4
    _consistent(db, loop_client)
    monkeypatch.setattr(MirrorStore, "_put_step", original)
    summary, changes = mirror_run(loop_client, db)
    assert summary.resumed and len(changes) == 178
    assert_mirrors(db, loop_client)


def test_another_plan_or_restart_starts_afresh(loop_sandbox: LoopSandbox, db: Path) -> None:
    _interrupted(loop_sandbox, db, 10)
    with loop_sandbox.loop_client() as loop:
        other, _ = mirror_run(loop, db, ["CEGID001"])
        assert not other.resumed
        _interrupted(loop_sandbox, db, 10)
        fresh, _ = mirror_run(loop, db, restart=True)
        assert not fresh.resumed and len(fresh.steps) == STEPS
        assert_mirrors(db, loop)
    with sqlite3.connect(db) as conn:
        runs = conn.execute("SELECT id, status FROM mirror_runs ORDER BY id").fetchall()
    assert runs == [(1, "abandoned"), (2, "finished"), (3, "abandoned"), (4, "finished")]


# -- errors ----------------------------------------------------------------------------------------------


def test_a_step_loop_refuses_is_recorded_and_the_run_goes_on(loop_sandbox: LoopSandbox, db: Path) -> None:
    loop_sandbox.set_faults({"rules": [{"kind": "503", "path": "/tva"}]})
    with loop_sandbox.loop_client(max_retries=1) as loop:
        summary, _ = mirror_run(loop, db)
    failed = [(s.dossier, s.resource) for s in summary.failed]
    assert failed == [("CEGID001", "codes_tva"), ("CEGID003", "codes_tva")]
    assert all("ServerError" in (s.error or "") and s.status is StepStatus.FAILED for s in summary.failed)
    assert len(summary.steps) == STEPS
    loop_sandbox.clear_faults()
    with loop_sandbox.loop_client() as loop:
        assert_mirrors(db, loop, resources=tuple(r for r in DEFAULT_RESOURCES if r != "codes_tva"))
        again, changes = mirror_run(loop, db)  # the run was closed: a new one, which saves them
        assert not again.resumed and not again.failed
        assert {(c["resource"], c["kind"]) for c in changes} == {("codes_tva", "created")}


def test_bad_keys_stop_the_run_which_then_resumes(loop_sandbox: LoopSandbox, db: Path) -> None:
    with (
        LoopClient(
            base_url=loop_sandbox.base_url,
            subscription_key=loop_sandbox.subscription_key,
            api_key="wrong-key:wrong-secret",
            transport=transport(loop_sandbox),
        ) as loop,
        pytest.raises(AuthenticationError),
    ):
        mirror_run(loop, db, ["CEGID001"])
    with loop_sandbox.loop_client() as loop:
        summary, _ = mirror_run(loop, db, ["CEGID001"])
    assert summary.resumed and not summary.failed


def test_a_firm_list_refused_names_the_way_out(loop_sandbox: LoopSandbox, db: Path) -> None:
    from cegid_loop.mirror import FirmListRefused

    loop_sandbox.set_faults({"rules": [{"kind": "503", "path": "/dossierClient"}]})
    with (
        loop_sandbox.loop_client(max_retries=0) as loop,
        pytest.raises(FirmListRefused, match="mirror named dossiers instead"),
    ):
        mirror_run(loop, db)


def test_bad_keys_on_the_firm_list_are_not_blamed_on_the_cabinet_api(
    loop_sandbox: LoopSandbox, db: Path
) -> None:
    with (
        LoopClient(
            base_url=loop_sandbox.base_url,
            subscription_key="wrong",
            api_key="wrong:wrong",
            transport=transport(loop_sandbox),
        ) as loop,
        pytest.raises(AuthenticationError),
    ):
        mirror_run(loop, db)


def test_the_database_has_a_view_per_resource(loop_client: LoopClient, db: Path) -> None:
    mirror_run(loop_client, db, ["CEGID001"])
    with sqlite3.connect(db) as conn:
        numeros = [
            n
            for (n,) in conn.execute(
                "SELECT json_extract(body, '$.numero') FROM comptes WHERE dossier = 'CEGID001'"
            )
        ]
        (suppliers,) = conn.execute("SELECT count(*) FROM tiers_fournisseurs").fetchone()
    assert (
        sorted(numeros) == sorted(c.numero for c in loop_client.comptes.iter("CEGID001")) and suppliers == 4
    )


def test_one_mirror_per_database(loop_client: LoopClient, db: Path) -> None:
    started, release = threading.Event(), threading.Event()

    def slow(event: MirrorEvent) -> None:
        started.set()
        release.wait(10)

    worker = threading.Thread(target=lambda: mirror_run(loop_client, db, ["CEGID001"], on_progress=slow))
    worker.start()
    try:
        assert started.wait(10)
        with pytest.raises(MirrorBusy, match="another mirror"):
            mirror_run(loop_client, db, ["CEGID003"])
    finally:
        release.set()
        worker.join(10)
    summary, _ = mirror_run(loop_client, db, ["CEGID003"])
    assert not summary.failed


# -- data kept -------------------------------------------------------------------------------------------


def test_records_of_unexpected_shapes_are_mirrored_as_sent(loop_sandbox: LoopSandbox, db: Path) -> None:
    from .test_changes import ODD

    rewriting = Rewriting(transport(loop_sandbox), "/tiersfournisseur", lambda records, _: records + ODD)
    with client_on(loop_sandbox, rewriting) as loop:
        mirror_run(loop, db, ["CEGID001"], resources=["tiers_fournisseurs"])
        assert saved_bodies(db, "CEGID001", "tiers_fournisseurs") == rewriting.sent
        _, changes = mirror_run(loop, db, ["CEGID001"], resources=["tiers_fournisseurs"])
    assert changes == []


def test_a_dossier_gone_from_the_firm_keeps_its_records(loop_client: LoopClient, db: Path) -> None:
    mirror_run(loop_client, db)
    entity = loop_client.dossiers_clients.find_one("cabinet", filter='code == "CEGID003"')
    loop_client.dossiers_clients.delete("cabinet", entity)
    summary, changes = mirror_run(loop_client, db)
    assert summary.dossiers == ["CEGID001"] and summary.not_listed == ["CEGID003"]
    assert reported(changes) == {
        ("deleted", "cabinet", "dossiers_clients", str(entity.to_dict()["objectId"]))
    }
    assert len(saved_bodies(db, "CEGID003", "comptes")) == 44
