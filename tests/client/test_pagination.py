from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Sequence

import pytest

from cegid_loop.pagination import aiter_items, aiter_pages, iter_items, iter_pages, object_id_key


class Server:
    """A skip/take list endpoint over `n` records, recording calls and concurrency."""

    def __init__(self, n: int, *, delay: float = 0.0, cap: int | None = None) -> None:
        self.data = [{"objectId": f"id-{i:04d}", "i": i} for i in range(n)]
        self.calls: list[tuple[int, int]] = []
        self.delay = delay
        self.cap = cap
        self.active = 0
        self.peak = 0
        self.lock = threading.Lock()

    def _enter(self, skip: int, take: int) -> None:
        with self.lock:
            self.calls.append((skip, take))
            self.active += 1
            self.peak = max(self.peak, self.active)

    def _page(self, skip: int, take: int) -> list[dict[str, object]]:
        with self.lock:
            self.active -= 1
        return self.data[skip : skip + (take if self.cap is None else take + self.cap)]

    def fetch(self, skip: int, take: int) -> Sequence[dict[str, object]]:
        self._enter(skip, take)
        if self.delay:
            # Later pages answer first, to prove that order is restored.
            time.sleep(self.delay * (1 + (5 - (skip // 100) % 5)))
        return self._page(skip, take)

    async def afetch(self, skip: int, take: int) -> Sequence[dict[str, object]]:
        self._enter(skip, take)
        if self.delay:
            await asyncio.sleep(self.delay * (1 + (5 - (skip // 100) % 5)))
        return self._page(skip, take)


@pytest.mark.parametrize("n", [0, 1, 99, 100, 101, 250, 300])
@pytest.mark.parametrize("concurrency", [1, 3])
def test_every_record_once_in_order(n: int, concurrency: int) -> None:
    server = Server(n)
    items = list(iter_items(server.fetch, concurrency=concurrency))
    assert [item["i"] for item in items] == list(range(n))
    skips = [skip for skip, _ in server.calls]
    assert len(skips) == len(set(skips))  # no page fetched twice
    assert all(take == 100 for _, take in server.calls)


def test_lazy() -> None:
    server = Server(1000)
    iterator = iter_items(server.fetch, page_size=10)
    assert server.calls == []
    next(iterator)
    assert server.calls == [(0, 10)]
    iterator.close()


def test_concurrency_is_bounded_and_order_kept() -> None:
    server = Server(1000, delay=0.002)
    items = list(iter_items(server.fetch, concurrency=4))
    assert [item["i"] for item in items] == list(range(1000))
    assert 1 < server.peak <= 4


def test_limit_and_start() -> None:
    server = Server(500)
    items = list(iter_items(server.fetch, start=10, limit=205, concurrency=2))
    assert [item["i"] for item in items] == list(range(10, 215))
    assert server.calls == [(10, 100), (110, 100), (210, 5)]


def test_server_ignoring_take_does_not_duplicate() -> None:
    server = Server(250, cap=50)  # returns up to take + 50 records
    items = list(iter_items(server.fetch))
    assert [item["i"] for item in items] == list(range(250))


def test_dedupe_by_key_when_records_shift() -> None:
    # A record inserted at the head between two page requests pushes one record across the boundary.
    data = [{"objectId": f"r{i}"} for i in range(150)]

    def fetch(skip: int, take: int) -> list[dict[str, str]]:
        page = data[skip : skip + take]
        if skip == 0:
            data.insert(0, {"objectId": "new"})
        return page

    keys = [item["objectId"] for item in iter_items(fetch, key=object_id_key)]
    assert len(keys) == len(set(keys)) == 150


def test_early_close_stops_fetching() -> None:
    server = Server(10_000, delay=0.001)
    iterator = iter_items(server.fetch, concurrency=3)
    for _ in range(150):
        next(iterator)
    iterator.close()
    time.sleep(0.05)
    assert len(server.calls) <= 6


def test_error_propagates() -> None:
    def fetch(skip: int, take: int) -> list[int]:
        if skip >= 200:
            raise RuntimeError("boom")
        return list(range(take))

    with pytest.raises(RuntimeError):
        list(iter_items(fetch, concurrency=2))


@pytest.mark.parametrize(
    "kwargs", [{"page_size": 0}, {"page_size": 101}, {"concurrency": 0}, {"start": -1}, {"limit": -1}]
)
def test_bad_arguments(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        list(iter_pages(Server(1).fetch, **kwargs))


def test_object_id_key() -> None:
    class Model:
        object_id = "m"

    assert object_id_key({"objectId": "d"}) == "d"
    assert object_id_key(Model()) == "m"
    assert object_id_key({"x": 1}) is None


@pytest.mark.asyncio
@pytest.mark.parametrize("concurrency", [1, 4])
async def test_async_every_record_once_in_order(concurrency: int) -> None:
    server = Server(777, delay=0.001)
    items = [item async for item in aiter_items(server.afetch, concurrency=concurrency)]
    assert [item["i"] for item in items] == list(range(777))
    assert server.peak <= concurrency
    skips = [skip for skip, _ in server.calls]
    assert len(skips) == len(set(skips))  # each offset once
    assert 8 <= len(skips) <= 8 + concurrency - 1  # read-ahead past the end is bounded


@pytest.mark.asyncio
async def test_async_close_cancels_in_flight() -> None:
    server = Server(10_000, delay=0.001)
    pages = aiter_pages(server.afetch, concurrency=4)
    await pages.__anext__()
    await pages.aclose()
    assert len(server.calls) <= 5
    assert not [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]


def test_no_page_request_outlives_a_concurrent_walk() -> None:
    # Pages fetched ahead past the end must be finished when the walk is, so that closing the
    # client right after cannot make them fail and retry in the background.
    running: list[int] = []
    finished: list[int] = []
    lock = threading.Lock()

    def fetch(skip: int, take: int) -> list[int]:
        with lock:
            running.append(skip)
        time.sleep(0.05 if skip >= 200 else 0.0)  # the requests past the end are the slow ones
        with lock:
            finished.append(skip)
        return list(range(skip, min(skip + take, 150)))

    pages = list(iter_pages(fetch, page_size=50, concurrency=6))
    assert [len(p) for p in pages] == [50, 50, 50]
    assert sorted(finished) == sorted(running)  # nothing still in flight once the walk returned


@pytest.mark.asyncio
async def test_async_requests_past_the_end_finish_rather_than_being_cancelled() -> None:
    # Cancelled mid-request, each would lose its connection (and the next call pay a new one).
    finished: list[int] = []
    cancelled: list[int] = []

    async def fetch(skip: int, take: int) -> list[int]:
        try:
            await asyncio.sleep(0.05 if skip >= 200 else 0.0)  # the requests past the end are slow
        except asyncio.CancelledError:
            cancelled.append(skip)
            raise
        finished.append(skip)
        return list(range(skip, min(skip + take, 150)))

    pages = [page async for page in aiter_pages(fetch, page_size=50, concurrency=6)]
    assert [len(p) for p in pages] == [50, 50, 50]
    assert cancelled == [] and sorted(finished) == list(range(0, 450, 50))  # 5 past the end
    assert not [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]


def test_async_concurrency_needs_asyncio() -> None:
    async def fetch(skip: int, take: int) -> list[int]:
        return []

    pages = aiter_pages(fetch, concurrency=2)
    with pytest.raises(RuntimeError, match="needs asyncio"):
        pages.__anext__().send(None)  # driven without an event loop, as another library would


def test_an_unhashable_id_keeps_its_record() -> None:
    # A broken server's objectId (a list) is no key: the record is kept, not an error.
    data = [{"objectId": ["a"]}, {"objectId": ["a"]}, {"objectId": "b"}, {"objectId": "b"}]
    kept = list(iter_items(lambda skip, take: data[skip : skip + take], key=object_id_key))
    assert kept == data[:3]
