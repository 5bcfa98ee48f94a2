"""Walk a skip/take list endpoint lazily, page by page, optionally several pages at a time.

Generic over a ``fetch_page(skip, take) -> Sequence`` callable (``async`` for the async variants), so
it knows nothing of HTTP. Loop has no total count and no next link: a page shorter than the ``take``
asked for is the last one.

Guarantees:
- lazy: nothing is fetched before the first item is asked for, and at most ``concurrency`` pages
  are in flight ahead of the consumer;
- order: items come out in server order, page after page, whatever order the pages arrive in;
- exactly once: each offset is fetched once and, with ``key=`` (the resources pass ``objectId``),
  an item seen on an earlier page is dropped - skip/take over a list that grows while it is walked
  would otherwise repeat the items pushed across a page boundary;
- closing the iterator early (``break``) cancels the pages still in flight.

Both flavours are written here by hand, side by side (the rest of the client's I/O is written once,
see :mod:`cegid_loop._async`): pages fetched ahead run in a thread pool for the sync client and as
asyncio tasks for the async one, and those differ in more than names (a thread cannot be cancelled,
a task can; a task group cannot be held open across an async generator's ``yield``).
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
from collections.abc import (
    AsyncGenerator,
    Awaitable,
    Callable,
    Generator,
    Iterator,
    Sequence,
)
from typing import Any, TypeVar

T = TypeVar("T")

MAX_PAGE_SIZE = 100  # Loop's documented cap ("La requête ne renvoie que 100 réponses")

FetchPage = Callable[[int, int], Sequence[T]]
AsyncFetchPage = Callable[[int, int], Awaitable[Sequence[T]]]


def _check(page_size: int, start: int, limit: int | None, concurrency: int) -> None:
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
    if start < 0:
        raise ValueError("start must be >= 0")
    if limit is not None and limit < 0:
        raise ValueError("limit must be >= 0")
    if concurrency < 1:
        raise ValueError("concurrency must be >= 1")


def _plan(start: int, page_size: int, limit: int | None) -> Iterator[tuple[int, int]]:
    """(skip, take) of each page, in order; endless without a limit."""
    skip, remaining = start, limit
    while remaining is None or remaining > 0:
        take = page_size if remaining is None else min(page_size, remaining)
        yield skip, take
        skip += take
        if remaining is not None:
            remaining -= take


def _trim(page: Sequence[T], take: int) -> list[T]:
    # A server that ignores `take` must not make the next page overlap this one.
    return list(page[:take])


def iter_pages(
    fetch_page: FetchPage[T],
    *,
    page_size: int = MAX_PAGE_SIZE,
    start: int = 0,
    limit: int | None = None,
    concurrency: int = 1,
) -> Generator[list[T], None, None]:
    """Yield non-empty pages in order. ``concurrency > 1`` fetches that many pages ahead in threads."""
    _check(page_size, start, limit, concurrency)
    plan = _plan(start, page_size, limit)
    if concurrency == 1:
        for skip, take in plan:
            page = _trim(fetch_page(skip, take), take)
            if page:
                yield page
            if len(page) < take:
                return
        return

    pool = concurrent.futures.ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="loop-page")
    window: collections.deque[tuple[int, concurrent.futures.Future[Sequence[T]]]] = collections.deque()
    try:
        for skip, take in plan:
            window.append((take, pool.submit(fetch_page, skip, take)))
            if len(window) < concurrency:
                continue
            take0, future = window.popleft()
            page = _trim(future.result(), take0)
            if page:
                yield page
            if len(page) < take0:
                return
        while window:  # the plan ended (limit reached): drain what is in flight
            take0, future = window.popleft()
            page = _trim(future.result(), take0)
            if page:
                yield page
            if len(page) < take0:
                return
    finally:
        for _, future in window:
            future.cancel()
        # Requests already running (pages past the end) are waited for: left behind, they would
        # outlive the walk and fail, then retry, once the caller closes its client.
        pool.shutdown(wait=True, cancel_futures=True)


def _dedupe(key: Callable[[T], object] | None) -> Callable[[T], bool]:
    if key is None:
        return lambda _item: True
    seen: set[object] = set()

    def first_time(item: T) -> bool:
        k = key(item)
        if k is None:
            return True
        size = len(seen)
        try:
            seen.add(k)  # one hash per record (an id's __hash__ is Python code: a UUID's is)
        except TypeError:  # an id no server should send (a list...): not a key
            return True
        return len(seen) > size

    return first_time


def iter_items(
    fetch_page: FetchPage[T],
    *,
    page_size: int = MAX_PAGE_SIZE,
    start: int = 0,
    limit: int | None = None,
    concurrency: int = 1,
    key: Callable[[T], object] | None = None,
) -> Generator[T, None, None]:
    """Yield every item once, in order. ``key`` identifies an item for de-duplication."""
    first_time = _dedupe(key)
    pages = iter_pages(fetch_page, page_size=page_size, start=start, limit=limit, concurrency=concurrency)
    try:
        for page in pages:
            for item in page:
                if first_time(item):
                    yield item
    finally:
        pages.close()


async def aiter_pages(
    fetch_page: AsyncFetchPage[T],
    *,
    page_size: int = MAX_PAGE_SIZE,
    start: int = 0,
    limit: int | None = None,
    concurrency: int = 1,
) -> AsyncGenerator[list[T], None]:
    """Async :func:`iter_pages`: at most ``concurrency`` page requests run at once, as asyncio tasks
    (an anyio task group cannot be held open across the ``yield`` of an async generator)."""
    _check(page_size, start, limit, concurrency)
    if concurrency == 1:
        for skip, take in _plan(start, page_size, limit):
            page = _trim(await fetch_page(skip, take), take)
            if page:
                yield page
            if len(page) < take:
                return
        return
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        raise RuntimeError("concurrency > 1 needs asyncio (under trio, iterate with concurrency=1)") from None

    async def fetch(skip: int, take: int) -> Sequence[T]:
        return await fetch_page(skip, take)

    window: collections.deque[tuple[int, asyncio.Task[Sequence[T]]]] = collections.deque()
    ended = False
    try:
        for skip, take in _plan(start, page_size, limit):
            window.append((take, asyncio.ensure_future(fetch(skip, take))))
            if len(window) < concurrency:
                continue
            take0, task = window.popleft()
            page = _trim(await task, take0)
            if page:
                yield page
            if len(page) < take0:
                ended = True
                return
        while window:
            take0, task = window.popleft()
            page = _trim(await task, take0)
            if page:
                yield page
            if len(page) < take0:
                ended = True
                return
    finally:
        pending = [task for _, task in window]
        if not ended:  # closed early or failed: the pages are not wanted
            for task in pending:
                task.cancel()
        # At the end of the list the requests past it are let finish (they are nearly done):
        # cancelled, each would cost its connection, and the next call a new one (a TLS handshake).
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)


async def aiter_items(
    fetch_page: AsyncFetchPage[T],
    *,
    page_size: int = MAX_PAGE_SIZE,
    start: int = 0,
    limit: int | None = None,
    concurrency: int = 1,
    key: Callable[[T], object] | None = None,
) -> AsyncGenerator[T, None]:
    """Async :func:`iter_items`."""
    first_time = _dedupe(key)
    pages = aiter_pages(fetch_page, page_size=page_size, start=start, limit=limit, concurrency=concurrency)
    try:
        async for page in pages:
            for item in page:
                if first_time(item):
                    yield item
    finally:
        await pages.aclose()


def object_id_key(item: Any) -> object:
    """``objectId`` of a generated model or a dict, for de-duplication (None: keep the item; an
    unhashable value, which no server should send, is kept too)."""
    value = item.get("objectId") if isinstance(item, dict) else getattr(item, "object_id", None)
    if value is None or type(value).__name__ == "Unset":
        return None
    return value


__all__ = ["MAX_PAGE_SIZE", "aiter_items", "aiter_pages", "iter_items", "iter_pages", "object_id_key"]
