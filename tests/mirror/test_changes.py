"""ChangeTracker against the sandbox: exactly the changes made, by objectId and revisionId, sync and async;
the state moves on only when every change was consumed; apparent deletions are checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from cegid_loop import AsyncLoopClient, LoopClient, UnexpectedResponse
from cegid_loop.changes import Change, ChangeKind, ChangeState, ChangeTracker, StateError, resource_name
from cegid_loop.changes.reading import LOOKUP_LIMIT
from cegid_loop.sandbox.harness import LoopSandbox

from .conftest import Changes, Counting, Rewriting, by_id, client_on, server_bodies, transport


def kinds(changes: list[Change[Any]]) -> set[tuple[str, str]]:
    return {(c.kind.value, str(c.object_id)) for c in changes}


def test_the_first_time_everything_is_created_then_nothing_changes(
    loop_client: LoopClient, tmp_path: Path
) -> None:
    with ChangeTracker(tmp_path / "state.sqlite") as tracker:
        first = list(tracker.changes(loop_client.comptes, "CEGID001"))
        again = list(tracker.changes(loop_client.comptes, "CEGID001"))
    server = server_bodies(loop_client, "CEGID001", "comptes")
    assert [c.kind for c in first] == [ChangeKind.CREATED] * len(server) and len(server) == 44
    assert [c.body for c in first] == server  # in the server's order, as it sent them
    assert again == []


def test_exactly_the_changes_made_with_their_revisions(loop_client: LoopClient, tmp_path: Path) -> None:
    tracker = ChangeTracker(tmp_path / "state.sqlite")
    list(tracker.changes(loop_client.comptes, "CEGID001"))
    before = by_id(server_bodies(loop_client, "CEGID001", "comptes"))
    made = Changes(loop_client)
    created = made.create("CEGID001", "comptes", {"numero": "60611000", "libelle": "Fournitures"})
    modified = made.modify("CEGID001", "comptes", 3, libelle="Autre libellé")
    deleted = made.delete("CEGID001", "comptes", 10)
    after = by_id(server_bodies(loop_client, "CEGID001", "comptes"))

    changes = {c.object_id: c for c in tracker.changes(loop_client.comptes, "CEGID001")}

    assert {(c.kind.value, oid) for oid, c in changes.items()} == {
        ("created", created),
        ("modified", modified),
        ("deleted", deleted),
    }
    assert changes[created].revision_id == after[created]["revisionId"]
    assert changes[created].record is not None and changes[created].record.numero == "60611000"
    assert changes[modified].previous_revision_id == before[modified]["revisionId"]
    assert changes[modified].revision_id == after[modified]["revisionId"] != before[modified]["revisionId"]
    assert changes[modified].previous == before[modified] and changes[modified].body == after[modified]
    assert changes[deleted].record is None and changes[deleted].body == before[deleted]
    assert list(tracker.changes(loop_client.comptes, "CEGID001")) == []
    tracker.close()


def test_stopping_early_keeps_the_state_so_the_changes_come_again(
    loop_client: LoopClient, tmp_path: Path
) -> None:
    tracker = ChangeTracker(tmp_path / "state.sqlite")
    list(tracker.changes(loop_client.journaux, "CEGID001"))
    made = Changes(loop_client)
    made.modify("CEGID001", "journaux", 0, libelle="Un")
    made.modify("CEGID001", "journaux", 1, libelle="Deux")
    for _ in tracker.changes(loop_client.journaux, "CEGID001"):
        break
    with pytest.raises(RuntimeError):
        for _ in tracker.changes(loop_client.journaux, "CEGID001"):
            raise RuntimeError("the consumer failed")
    assert {("modified", oid) for *_, oid in made.expected} == kinds(
        list(tracker.changes(loop_client.journaux, "CEGID001"))
    )
    assert list(tracker.changes(loop_client.journaux, "CEGID001")) == []


def test_the_state_is_per_dossier_and_resource(loop_client: LoopClient) -> None:
    tracker = ChangeTracker(":memory:")
    assert len(list(tracker.changes(loop_client.comptes, "CEGID001"))) == 44
    assert len(list(tracker.changes(loop_client.comptes, "CEGID003"))) == 44
    assert len(list(tracker.changes(loop_client.journaux, "CEGID001"))) == 6
    scopes = {(s.dossier, s.resource, s.records) for s in tracker.state.scopes()}
    assert scopes == {("CEGID001", "comptes", 44), ("CEGID003", "comptes", 44), ("CEGID001", "journaux", 6)}


async def test_async_changes(async_loop_client: AsyncLoopClient, loop_sandbox: LoopSandbox) -> None:
    tracker = ChangeTracker(":memory:")
    first = [c async for c in tracker.achanges(async_loop_client.tiers_clients, "CEGID001")]
    assert len(first) == 4 and all(c.kind is ChangeKind.CREATED for c in first)
    with loop_sandbox.loop_client() as loop:
        made = Changes(loop)
        made.create("CEGID001", "tiers_clients", {"code": "CNOUVEAU", "raisonSociale": "Nouveau client"})
        made.modify("CEGID001", "tiers_clients", 1, telephone="01 02 03 04 05")
    second = [c async for c in tracker.achanges(async_loop_client.tiers_clients, "CEGID001")]
    assert {(c.kind.value, "CEGID001", "tiers_clients", c.object_id) for c in second} == made.expected


def test_resource_names_come_from_the_registry(loop_client: LoopClient) -> None:
    assert resource_name(loop_client.tiers_fournisseurs) == "tiers_fournisseurs"
    with pytest.raises(ValueError, match="name="):
        resource_name(object())


# -- apparent deletions ---------------------------------------------------------------------------------


def _dropping(sandbox: LoopSandbox, path: str, index: int) -> Rewriting:
    """A walk that misses one record (what skip/take does when a record before it is deleted meanwhile);
    a lookup by objectId (a filter) still finds it."""

    def rewrite(records: list[Any], request: httpx.Request) -> list[Any]:
        if "filter" in request.url.params:
            return records
        return [r for n, r in enumerate(records) if n != index]

    return Rewriting(transport(sandbox), path, rewrite)


def test_a_record_missed_by_the_walk_is_looked_up_not_reported_deleted(loop_sandbox: LoopSandbox) -> None:
    tracker = ChangeTracker(":memory:")
    with loop_sandbox.loop_client() as loop:
        list(tracker.changes(loop.comptes, "CEGID001"))
    counting = Counting(_dropping(loop_sandbox, "/compte", 7))
    with client_on(loop_sandbox, counting) as loop:
        assert list(tracker.changes(loop.comptes, "CEGID001")) == []
    filters = [r for r in counting.requests if "filter" in r.url.params]
    assert len(filters) == 1 and "objectId ==" in filters[0].url.params["filter"]
    assert len(tracker.state.records("CEGID001", "comptes")) == 44


def test_a_real_deletion_is_confirmed_by_its_lookup(loop_sandbox: LoopSandbox) -> None:
    tracker = ChangeTracker(":memory:")
    with loop_sandbox.loop_client() as loop:
        list(tracker.changes(loop.comptes, "CEGID001"))
        deleted = Changes(loop).delete("CEGID001", "comptes", 0)
        changes = list(tracker.changes(loop.comptes, "CEGID001"))
    assert kinds(changes) == {("deleted", deleted)}


def test_many_apparent_deletions_are_checked_by_a_second_read(loop_sandbox: LoopSandbox) -> None:
    tracker = ChangeTracker(":memory:")
    with loop_sandbox.loop_client() as loop:
        list(tracker.changes(loop.comptes, "CEGID001"))
        made = Changes(loop)
        for _ in range(LOOKUP_LIMIT + 1):
            made.delete("CEGID001", "comptes", 0)
    counting = Counting(transport(loop_sandbox))
    with client_on(loop_sandbox, counting) as loop:
        changes = list(tracker.changes(loop.comptes, "CEGID001"))
    assert {(c.kind.value, "CEGID001", "comptes", c.object_id) for c in changes} == made.expected
    assert not any("filter" in r.url.params for r in counting.requests)
    assert len(counting.requests) == 3  # the walk, the page past its end, the second walk


def test_a_server_that_ignores_the_filter_gets_a_second_read(loop_sandbox: LoopSandbox) -> None:
    tracker = ChangeTracker(":memory:")
    with loop_sandbox.loop_client() as loop:
        list(tracker.changes(loop.journaux, "CEGID001"))
        deleted = Changes(loop).delete("CEGID001", "journaux", 4)

    def ignore_filter(records: list[Any], request: httpx.Request) -> list[Any]:
        return server if "filter" in request.url.params else records

    with loop_sandbox.loop_client() as loop:
        server = server_bodies(loop, "CEGID001", "journaux")
    with client_on(loop_sandbox, Rewriting(transport(loop_sandbox), "/journal", ignore_filter)) as loop:
        assert kinds(list(tracker.changes(loop.journaux, "CEGID001"))) == {("deleted", deleted)}


def test_a_listing_that_ends_early_saves_nothing(loop_sandbox: LoopSandbox) -> None:
    """A server that caps take below the page size: the first page looks like the last one."""
    tracker = ChangeTracker(":memory:")
    with loop_sandbox.loop_client() as loop:
        list(tracker.changes(loop.comptes, "CEGID001"))

    def capped(records: list[Any], request: httpx.Request) -> list[Any]:
        return records[:10]

    with (
        client_on(loop_sandbox, Rewriting(transport(loop_sandbox), "/compte", capped)) as loop,
        pytest.raises(UnexpectedResponse, match="ended after 10 records but more follow"),
    ):
        list(tracker.changes(loop.comptes, "CEGID001"))
    assert len(tracker.state.records("CEGID001", "comptes")) == 44


# -- records of any shape -------------------------------------------------------------------------------

ODD = [
    {"objectId": "ABC-123", "revisionId": 42, "code": "X1", "nested": {"deep": [1, {"x": None}]}},
    {"code": "NO-ID", "libelle": "sans objectId"},
    {"code": "NO-ID", "libelle": "sans objectId"},  # the same again: two records, both kept
    {"objectId": "", "revisionId": None, "code": "EMPTY-ID"},
    {"objectId": 12345, "revisionId": "0x1", "code": "INT-ID", "huge": 10**40, "u": "ünïcødé ✓"},
]


def _odd(records: list[Any], request: httpx.Request) -> list[Any]:
    return records + ODD


def test_records_of_unexpected_shapes_are_kept_as_sent(loop_sandbox: LoopSandbox) -> None:
    rewriting = Rewriting(transport(loop_sandbox), "/journal", _odd)
    tracker = ChangeTracker(":memory:")
    with client_on(loop_sandbox, rewriting) as loop:
        first = list(tracker.changes(loop.journaux, "CEGID001"))
        assert tracker.state.records("CEGID001", "journaux") == rewriting.sent
        assert [c.body for c in first] == rewriting.sent
        assert list(tracker.changes(loop.journaux, "CEGID001")) == []  # keys are stable
    keys = [c.key for c in first[-5:]]
    assert keys[0] == "ABC-123" and keys[1].startswith("content:") and keys[1] != keys[2]
    assert keys[4] == "json:12345" and first[-5].revision_id == "42"


def test_content_changed_without_a_new_revision_is_a_modification(loop_sandbox: LoopSandbox) -> None:
    tracker = ChangeTracker(":memory:")
    with loop_sandbox.loop_client() as loop:
        list(tracker.changes(loop.journaux, "CEGID001"))

    def relabel(records: list[Any], request: httpx.Request) -> list[Any]:
        records[0]["libelle"] = "recomputed by the server"
        return records

    with client_on(loop_sandbox, Rewriting(transport(loop_sandbox), "/journal", relabel)) as loop:
        (change,) = tracker.changes(loop.journaux, "CEGID001")
    assert change.kind is ChangeKind.MODIFIED and change.revision_id == change.previous_revision_id


def test_an_unusable_state_file_is_a_configuration_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StateError, match="not a SQLite database"):
        ChangeState(junk)
    with pytest.raises(StateError, match="is a directory"):
        ChangeState(tmp_path)
