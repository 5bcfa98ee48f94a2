"""``ChangeTracker``: what was created, modified and deleted in a resource of a dossier since last time.

    tracker = ChangeTracker("loop-state.sqlite")
    for change in tracker.changes(loop.comptes, "CEGID001"):
        print(change.kind, change.object_id, change.revision_id)

The state moves on when the iteration ends: a consumer that stops early (``break``, an exception)
leaves it where it was, and the same changes come again next time (at least once, never lost).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from types import TracebackType
from typing import Any, TypeVar

from cegid_loop._types import NOT_GIVEN
from cegid_loop.changes.reading import AsyncListResource, Deadline, ListResource, ReadOptions, aread, read
from cegid_loop.changes.records import Change, Delta, changes_of, diff
from cegid_loop.changes.state import DEFAULT_STATE_PATH, ChangeState
from cegid_loop.pagination import MAX_PAGE_SIZE

T = TypeVar("T")


def resource_name(resource: object) -> str:
    """``loop.comptes`` -> ``"comptes"`` (the facade's resource name, from its generated registry)."""
    from cegid_loop_api.facade.registry import RESOURCES

    class_name = type(resource).__name__.removeprefix("Async")
    for name, info in RESOURCES.items():
        if info.class_name == class_name:
            return name
    raise ValueError(f"{type(resource).__name__} is not a resource of the client: pass name=")


class ChangeTracker:
    """Change detection over a saved state (a SQLite file, :class:`ChangeState`)."""

    def __init__(
        self, path: str | os.PathLike[str] = DEFAULT_STATE_PATH, *, state: ChangeState | None = None
    ) -> None:
        self.state = state if state is not None else ChangeState(path)

    def _changes(self, dossier: str, name: str, delta: Delta) -> list[Change[Any]]:
        keys = [saved.key for saved, _ in delta.modified] + [saved.key for saved in delta.deleted]
        return changes_of(dossier, name, delta, self.state.bodies(dossier, name, keys))

    def changes(
        self,
        resource: ListResource[T],
        dossier: str,
        *,
        name: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
        concurrency: int = 1,
        deadline: Deadline = NOT_GIVEN,
    ) -> Iterator[Change[T]]:
        """The changes since the saved state (everything is *created* the first time), then the
        state moves on. The resource is read whole before the first change comes."""
        name = name or resource_name(resource)
        known = self.state.saved(dossier, name)
        options = ReadOptions(page_size, concurrency, deadline)
        reading = read(resource, dossier, known, options, label=f"{name} of {dossier}")
        delta = diff(known, reading.seen)
        yield from self._changes(dossier, name, delta)
        self.state.apply(dossier, name, delta, records=len(reading.seen))

    async def achanges(
        self,
        resource: AsyncListResource[T],
        dossier: str,
        *,
        name: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
        concurrency: int = 1,
        deadline: Deadline = NOT_GIVEN,
    ) -> AsyncIterator[Change[T]]:
        """:meth:`changes` on :class:`~cegid_loop.AsyncLoopClient` (the SQLite calls are local and
        short; they run on the event loop)."""
        name = name or resource_name(resource)
        known = self.state.saved(dossier, name)
        options = ReadOptions(page_size, concurrency, deadline)
        reading = await aread(resource, dossier, known, options, label=f"{name} of {dossier}")
        delta = diff(known, reading.seen)
        for change in self._changes(dossier, name, delta):
            yield change
        self.state.apply(dossier, name, delta, records=len(reading.seen))

    def close(self) -> None:
        self.state.close()

    def __enter__(self) -> ChangeTracker:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


__all__ = ["ChangeTracker", "resource_name"]
