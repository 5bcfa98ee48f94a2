"""Change detection: what was created, modified and deleted in a resource of a dossier since last time.

    from cegid_loop import LoopClient
    from cegid_loop.changes import ChangeKind, ChangeTracker

    with LoopClient() as loop, ChangeTracker("loop-state.sqlite") as tracker:
        for change in tracker.changes(loop.tiers_fournisseurs, "CEGID001"):
            print(change.kind, change.object_id, change.revision_id)

Loop documents no server-side filter for changes (no modification date, no revision filter, and a
deletion leaves nothing to filter on): every call reads the resource completely and compares it
with the saved state, by ``objectId`` and ``revisionId`` (see :mod:`cegid_loop.changes.reading`).
The state is a SQLite file (stdlib ``sqlite3``) that keeps every record's JSON as Loop sent it.

Modules: ``records`` (keys, digests, the diff, :class:`Change`), ``reading`` (the full read and the
check of apparent deletions, sync and async), ``state`` (the SQLite file), ``tracker``.
"""

from __future__ import annotations

from cegid_loop.changes.reading import AsyncListResource, ListResource, Reading, ReadOptions, aread, read
from cegid_loop.changes.records import Change, ChangeKind, Delta, Snapshot, diff, snapshots
from cegid_loop.changes.state import DEFAULT_STATE_PATH, ChangeState, Scope, StateError
from cegid_loop.changes.tracker import ChangeTracker, resource_name

__all__ = [
    "DEFAULT_STATE_PATH",
    "AsyncListResource",
    "Change",
    "ChangeKind",
    "ChangeState",
    "ChangeTracker",
    "Delta",
    "ListResource",
    "ReadOptions",
    "Reading",
    "Scope",
    "Snapshot",
    "StateError",
    "aread",
    "diff",
    "read",
    "resource_name",
    "snapshots",
]
