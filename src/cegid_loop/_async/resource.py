"""The base of every generated resource (``loop.comptes``...): the behaviour of each kind of method.

The arguments and answers that need no I/O are handled by :mod:`cegid_loop._resource`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from cegid_loop import pagination
from cegid_loop._resource import M, PageKwargs, model_or_none, no_match, records, required
from cegid_loop._types import Operation, RequestOptions
from cegid_loop.query import FilterArg

if TYPE_CHECKING:
    from cegid_loop._base_client import ParseResponse

    from .client import AsyncAPIClient

T = TypeVar("T")


class AsyncAPIResource:
    """Base of the generated resources of this client."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def _get(
        self, op: Operation, kwargs: dict[str, Any], parse: ParseResponse[T], opts: RequestOptions
    ) -> T:
        """An answer that must have a body (an empty 200 is an error)."""
        return required(op, (await self._client._call(op, kwargs, parse, opts)).parsed)

    async def _json(
        self, op: Operation, kwargs: dict[str, Any], parse: ParseResponse[T], opts: RequestOptions
    ) -> T | None:
        """An answer the definition leaves untyped: the JSON as sent, ``None`` when empty."""
        return (await self._client._call(op, kwargs, parse, opts)).parsed

    async def _list(
        self, op: Operation, kwargs: dict[str, Any], parse: ParseResponse[object], opts: RequestOptions
    ) -> list[Any]:
        return records(op, await self._get(op, kwargs, parse, opts))

    def _iter(
        self,
        op: Operation,
        page: PageKwargs,
        parse: ParseResponse[object],
        opts: RequestOptions,
        *,
        page_size: int,
        limit: int | None,
        concurrency: int,
    ) -> AsyncIterator[Any]:
        async def fetch(skip: int, take: int) -> Sequence[Any]:
            return await self._list(op, page(skip, take), parse, opts)

        return pagination.aiter_items(
            fetch, page_size=page_size, limit=limit, concurrency=concurrency, key=pagination.object_id_key
        )

    async def _find_one(
        self,
        op: Operation,
        kwargs: dict[str, Any],
        parse: ParseResponse[object],
        opts: RequestOptions,
        filter: FilterArg,
    ) -> Any:
        found = await self._list(op, kwargs, parse, opts)
        if not found:
            raise no_match(op, filter)
        return found[0]

    async def _write(
        self,
        op: Operation,
        kwargs: dict[str, Any],
        parse: ParseResponse[object],
        opts: RequestOptions,
        model: type[M],
    ) -> M | None:
        response = await self._client._call(op, kwargs, parse, opts)
        return model_or_none(op, model, response.parsed, response.content)


__all__ = ["AsyncAPIResource"]
