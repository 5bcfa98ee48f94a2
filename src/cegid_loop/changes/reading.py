"""Read a resource of a dossier completely, and make sure that what seems deleted is.

Loop documents no way to ask for what changed (facts.md §2.5: the filter grammar is equality,
``!=``, null tests and ``>=`` on entry dates; no list documents a modification date; ``revisionId``
is only shown as a field; the sink that reports inserts, updates and deletes pushes files to a
partner's storage and its subscription API is not public, §3.10). A deletion leaves nothing to
filter on. So every read is a full read, and a record is *deleted* when it is no longer listed.

skip/take over a list that changes while it is walked can miss a record (a deletion before it
shifts it onto the previous page), and a missed record must not be taken for a deleted one. Every
record that seems deleted is therefore looked up by ``objectId`` (``filter=objectId == "…"``, one
request each); when there are many of them (more than the walk had pages), or some have no
``objectId``, or the server does not honour the filter, the resource is read a second time instead,
after a check that the first listing did not end early. Only what neither read lists is deleted.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from cegid_loop._types import NOT_GIVEN, NotGiven
from cegid_loop.changes.records import Saved, Snapshot, filter_value, snapshot_of, snapshots
from cegid_loop.errors import BadRequest, UnexpectedResponse
from cegid_loop.pagination import MAX_PAGE_SIZE
from cegid_loop.query import F, FilterArg

T_co = TypeVar("T_co", covariant=True)

# Up to this many records that seem deleted are looked up one by one (exact), whatever the size of
# the resource; beyond, and beyond the walk's page count, a second read is cheaper.
LOOKUP_LIMIT = 25
Deadline = float | NotGiven | None


class ListResource(Protocol[T_co]):
    """What change detection needs of a resource (``loop.comptes``, ``loop.tiers_clients``...)."""

    def iter(
        self,
        code_dossier: str,
        *,
        page_size: int = ...,
        concurrency: int = ...,
        deadline: Deadline = ...,
    ) -> Iterator[T_co]: ...

    def list(
        self,
        code_dossier: str,
        *,
        filter: FilterArg = ...,
        skip: int | None = ...,
        take: int | None = ...,
        deadline: Deadline = ...,
    ) -> Sequence[T_co]: ...


class AsyncListResource(Protocol[T_co]):
    """The same, on :class:`~cegid_loop.AsyncLoopClient`."""

    def iter(
        self,
        code_dossier: str,
        *,
        page_size: int = ...,
        concurrency: int = ...,
        deadline: Deadline = ...,
    ) -> AsyncIterator[T_co]: ...

    async def list(
        self,
        code_dossier: str,
        *,
        filter: FilterArg = ...,
        skip: int | None = ...,
        take: int | None = ...,
        deadline: Deadline = ...,
    ) -> Sequence[T_co]: ...


@dataclass(frozen=True)
class ReadOptions:
    page_size: int = MAX_PAGE_SIZE
    concurrency: int = 1  # pages fetched ahead within one resource
    deadline: Deadline = NOT_GIVEN  # per call; the client's own when not given


@dataclass
class Reading:
    """The records read (by key), and how the apparent deletions were checked."""

    seen: dict[str, Snapshot]
    looked_up: int = 0  # records looked up by objectId
    reads: int = 1  # complete reads of the resource (2 when a second one was needed)


class _FilterIgnored(Exception):
    """A lookup by objectId answered with other records: the server does not honour the filter."""


def _missing(known: Mapping[str, Saved], seen: Mapping[str, Snapshot]) -> list[Saved]:
    return [saved for key, saved in known.items() if key not in seen]


def _lookups_will_do(missing: list[Saved], seen: int, page_size: int) -> bool:
    if any(saved.object_id is None for saved in missing):
        return False  # a record without objectId cannot be looked up
    pages = seen // page_size + 1
    return len(missing) <= max(LOOKUP_LIMIT, pages)


def _found(saved: Saved, rows: Sequence[Any]) -> Snapshot | None:
    """The record a lookup by objectId answered with (None: not there any more)."""
    found = [snapshot_of(row) for row in rows]
    if any(snap.key != saved.key for snap in found):
        raise _FilterIgnored(saved.key)
    return found[0] if found else None


def _cut_short(resource_label: str, seen: Mapping[str, Snapshot], walked: int, rows: Sequence[Any]) -> None:
    """A page past the end of the walk that holds records the walk did not see: the listing ended
    early (a server capping ``take`` below the page size), so nothing can be called deleted."""
    unseen = [snap for snap in map(snapshot_of, rows) if snap.key not in seen]
    if unseen:
        raise UnexpectedResponse(
            f"{resource_label}: the listing ended after {walked} records but more follow "
            f"(skip={walked} answered {len(unseen)} unseen); nothing was saved",
            status_code=200,
        )


def read(
    resource: ListResource[Any],
    dossier: str,
    known: Mapping[str, Saved],
    options: ReadOptions = ReadOptions(),
    *,
    label: str = "",
) -> Reading:
    """Every record of ``resource`` in ``dossier``; each of ``known`` not listed is checked."""
    o = options

    def walk() -> dict[str, Snapshot]:
        return snapshots(
            resource.iter(dossier, page_size=o.page_size, concurrency=o.concurrency, deadline=o.deadline)
        )

    reading = Reading(walk())
    walked = len(reading.seen)
    missing = _missing(known, reading.seen)
    if missing and _lookups_will_do(missing, len(reading.seen), o.page_size):
        try:
            for saved in missing:
                rows = resource.list(
                    dossier, filter=F.objectId == filter_value(saved), take=2, deadline=o.deadline
                )
                reading.looked_up += 1
                snap = _found(saved, rows)
                if snap is not None:
                    reading.seen[snap.key] = snap
            return reading
        except (BadRequest, _FilterIgnored):
            pass  # no lookup by objectId on this server: read it all again
    if missing:
        past_end = resource.list(dossier, skip=walked, take=o.page_size, deadline=o.deadline)
        _cut_short(label or type(resource).__name__, reading.seen, walked, past_end)
        reading.seen.update(walk())
        reading.reads += 1
    return reading


async def aread(
    resource: AsyncListResource[Any],
    dossier: str,
    known: Mapping[str, Saved],
    options: ReadOptions = ReadOptions(),
    *,
    label: str = "",
) -> Reading:
    """:func:`read` on the async client."""
    o = options

    async def walk() -> dict[str, Snapshot]:
        pages = resource.iter(dossier, page_size=o.page_size, concurrency=o.concurrency, deadline=o.deadline)
        return snapshots([record async for record in pages])

    reading = Reading(await walk())
    walked = len(reading.seen)
    missing = _missing(known, reading.seen)
    if missing and _lookups_will_do(missing, len(reading.seen), o.page_size):
        try:
            for saved in missing:
                rows = await resource.list(
                    dossier, filter=F.objectId == filter_value(saved), take=2, deadline=o.deadline
                )
                reading.looked_up += 1
                snap = _found(saved, rows)
                if snap is not None:
                    reading.seen[snap.key] = snap
            return reading
        except (BadRequest, _FilterIgnored):
            pass
    if missing:
        past_end = await resource.list(dossier, skip=walked, take=o.page_size, deadline=o.deadline)
        _cut_short(label or type(resource).__name__, reading.seen, walked, past_end)
        reading.seen.update(await walk())
        reading.reads += 1
    return reading


__all__ = ["LOOKUP_LIMIT", "AsyncListResource", "ListResource", "ReadOptions", "Reading", "aread", "read"]
