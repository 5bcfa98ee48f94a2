"""Records as change detection sees them: a key, a revision, a digest of the content, the body as sent.

A record is identified by its ``objectId``. Loop's examples all carry one, but real answers may not
(facts.md §6: "an id that is not a UUID or is empty"): such a record is keyed by the digest of its
content (``content:<sha256>:<n>``, ``n`` counting identical records), so it is kept, never dropped;
a change to it then shows as one record deleted and another created.

A record is *modified* when its ``revisionId`` differs from the saved one, or when its content does
(a server that recomputes a reference's description without a new revision, a record without a
``revisionId``): the saved copy must be what Loop holds now.
"""

from __future__ import annotations

import collections
import enum
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from cegid_loop_api.types import json_dumps

T = TypeVar("T")
Body = dict[str, Any]

CONTENT_KEY_PREFIX = "content:"
NON_TEXT_ID_PREFIX = "json:"


class ChangeKind(enum.StrEnum):
    CREATED = "created"
    MODIFIED = "modified"
    DELETED = "deleted"


@dataclass(frozen=True)
class Change(Generic[T]):
    """One record created, modified or deleted in ``resource`` of ``dossier`` since the saved state.

    ``record`` is the record as read now (the client's model), ``None`` when deleted; ``body`` is its
    JSON as Loop sent it, or the last saved copy when deleted; ``previous`` the saved copy before
    this change (modified, deleted). ``revision_id`` is the current revision (the last known one
    when deleted), ``previous_revision_id`` the saved one.
    """

    kind: ChangeKind
    dossier: str
    resource: str
    key: str
    object_id: str | None
    revision_id: str | None
    previous_revision_id: str | None = None
    record: T | None = field(default=None, repr=False)
    body: Body = field(default_factory=dict, repr=False)
    previous: Body | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A record as read now: how it is keyed and compared, its body, and the model it came as."""

    key: str
    object_id: str | None
    revision_id: str | None
    digest: str
    body: Body
    text: str  # the body as stored (JSON, the server's key order)
    record: Any = None


@dataclass(frozen=True, slots=True)
class Saved:
    """A record as the saved state knows it (its body is read only when a change needs it)."""

    key: str
    object_id: str | None
    revision_id: str | None
    digest: str


@dataclass
class Delta:
    """What turns the saved state into what was read: records to add, replace and remove."""

    created: list[Snapshot] = field(default_factory=list)
    modified: list[tuple[Saved, Snapshot]] = field(default_factory=list)
    deleted: list[Saved] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.created) + len(self.modified) + len(self.deleted)


def wire_body(record: object) -> Body:
    """The record as Loop sent it: a model's ``to_dict()`` (the tolerant reader writes back every
    field as read, unreadable values included), or a mapping as is."""
    if isinstance(record, Mapping):
        return dict(record)
    to_dict = getattr(record, "to_dict", None)
    body = to_dict() if callable(to_dict) else None
    if not isinstance(body, dict):
        raise TypeError(f"a record must be a model or a JSON object, got {type(record).__name__}")
    return body


def _text(value: Any) -> str | None:
    """An id or a revision as text: a string as is, any other JSON value as JSON."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def body_text(body: Body) -> str:
    # Amounts are Decimals (Q-AMOUNT-DECIMAL): stored as JSON numbers with their exact digits.
    return json_dumps(body, ensure_ascii=False, separators=(",", ":"), default=str)


def content_digest(body: Body) -> str:
    canonical = json_dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def object_key(object_id: Any) -> str | None:
    """The key of a record with this ``objectId``; ``None`` when it has none usable."""
    if object_id is None or object_id == "":
        return None
    if isinstance(object_id, str):
        return object_id
    return NON_TEXT_ID_PREFIX + (_text(object_id) or "")


def filter_value(snapshot: Saved | Snapshot) -> Any:
    """The ``objectId`` value to filter on (the JSON value it came as, for an id that is no string)."""
    if snapshot.key.startswith(NON_TEXT_ID_PREFIX) and snapshot.object_id is not None:
        return json.loads(snapshot.object_id)
    return snapshot.object_id


def snapshot_of(record: object, occurrence: collections.Counter[str] | None = None) -> Snapshot:
    body = wire_body(record)
    digest = content_digest(body)
    raw_id = body.get("objectId")
    key = object_key(raw_id)
    if key is None:
        counter = occurrence if occurrence is not None else collections.Counter()
        key = f"{CONTENT_KEY_PREFIX}{digest}:{counter[digest]}"
        counter[digest] += 1
    return Snapshot(
        key=key,
        object_id=None if key.startswith(CONTENT_KEY_PREFIX) else _text(raw_id),
        revision_id=_text(body.get("revisionId")),
        digest=digest,
        body=body,
        text=body_text(body),
        record=record,
    )


def snapshots(records: Iterable[object]) -> dict[str, Snapshot]:
    """Every record read, by key, in the order read (a repeated objectId keeps its first copy)."""
    out: dict[str, Snapshot] = {}
    occurrence: collections.Counter[str] = collections.Counter()
    for record in records:
        snap = snapshot_of(record, occurrence)
        out.setdefault(snap.key, snap)
    return out


def diff(saved: Mapping[str, Saved], seen: Mapping[str, Snapshot]) -> Delta:
    """Created and modified in the order read, deleted in the saved order."""
    delta = Delta()
    for key, snap in seen.items():
        before = saved.get(key)
        if before is None:
            delta.created.append(snap)
        elif before.revision_id != snap.revision_id or before.digest != snap.digest:
            delta.modified.append((before, snap))
    delta.deleted = [before for key, before in saved.items() if key not in seen]
    return delta


def changes_of(dossier: str, resource: str, delta: Delta, previous: Mapping[str, Body]) -> list[Change[Any]]:
    """The delta as :class:`Change` objects; ``previous`` holds the saved bodies of the modified
    and deleted records."""
    out: list[Change[Any]] = [
        Change(
            ChangeKind.CREATED, dossier, resource, s.key, s.object_id, s.revision_id, None, s.record, s.body
        )
        for s in delta.created
    ]
    out += [
        Change(
            ChangeKind.MODIFIED,
            dossier,
            resource,
            s.key,
            s.object_id,
            s.revision_id,
            before.revision_id,
            s.record,
            s.body,
            previous.get(before.key),
        )
        for before, s in delta.modified
    ]
    for before in delta.deleted:
        last = previous.get(before.key)
        out.append(
            Change(
                ChangeKind.DELETED,
                dossier,
                resource,
                before.key,
                before.object_id,
                before.revision_id,
                before.revision_id,
                None,
                dict(last) if last is not None else {},
                last,
            )
        )
    return out


__all__ = [
    "Body",
    "Change",
    "ChangeKind",
    "Delta",
    "Saved",
    "Snapshot",
    "changes_of",
    "content_digest",
    "diff",
    "filter_value",
    "object_key",
    "snapshot_of",
    "snapshots",
    "wire_body",
]
