"""What every generated resource method delegates to (``cegid_loop_api.facade.resources.*``).

The facade is generated per operation, with its real parameters and types; the behaviour behind
each kind of method lives here once: one page (``list``), every page (``iter``), the first match
(``find_one``), one object (``get``), writes and deletes, named actions.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from uuid import UUID

from cegid_loop import pagination
from cegid_loop._base_client import ParseResponse
from cegid_loop._types import NOT_GIVEN, Headers, NotGiven, Operation, Query, RequestOptions, Select, Timeout
from cegid_loop.errors import NotFound, UnexpectedResponse
from cegid_loop.query import FilterArg, SortArg, render_filter, render_sort
from cegid_loop_api.types import Envelope

if TYPE_CHECKING:
    from cegid_loop._base_client import AsyncAPIClient, SyncAPIClient

T = TypeVar("T")
M = TypeVar("M", bound="FromDict")

PageKwargs = Callable[[int, int], dict[str, Any]]


class FromDict(Protocol):
    """A generated model class."""

    @classmethod
    def from_dict(cls: type[M], src_dict: Mapping[str, Any]) -> M: ...


def given(value: T | None) -> Any:
    """``None`` -> the generated layer's ``UNSET`` (the parameter is not sent)."""
    if value is None:
        from cegid_loop_api.types import UNSET

        return UNSET
    return value


def any_id(value: str | UUID) -> Any:
    """A UUID parameter given as a UUID or as its text (both are sent as given)."""
    return value


def options(
    timeout: Timeout | NotGiven,
    extra_headers: Headers | None,
    extra_query: Query | None,
    deadline: float | NotGiven | None = NOT_GIVEN,
) -> RequestOptions:
    return RequestOptions(
        timeout=timeout, extra_headers=extra_headers, extra_query=extra_query, deadline=deadline
    )


def filter_value(value: FilterArg) -> Any:
    return given(render_filter(value))


def sort_value(value: SortArg) -> Any:
    return given(render_sort(value))


def select_value(value: Select) -> Any:
    if value is not None and not isinstance(value, str):
        value = ",".join(value)
    return given(value)


def as_body(model: type[M], data: M | Mapping[str, Any]) -> M:
    """A request body: the generated model, or a mapping in the API's JSON field names."""
    if isinstance(data, Mapping):
        return model.from_dict(dict(data))
    return data


def object_id_of(value: object) -> Any:
    """The ``objectId`` of a model, a mapping or a plain id (as text, which the generated layer
    sends as is whatever the parameter's declared format)."""
    if isinstance(value, str | UUID):
        return str(value)
    found = value.get("objectId") if isinstance(value, Mapping) else getattr(value, "object_id", None)
    if found is None or type(found).__name__ == "Unset":
        raise ValueError(f"no objectId in {type(value).__name__}: pass the record or its objectId")
    return str(found)


def records(op: Operation, parsed: object) -> list[Any]:
    """The records of a list answer: a bare array, or one wrapped in ``data`` (``/groupe``).
    Anything else is an error, never an empty page: an empty page ends a walk."""
    if isinstance(parsed, list):
        return parsed
    data = parsed.get("data") if isinstance(parsed, Mapping) else getattr(parsed, "data", None)
    if isinstance(data, list):
        others = getattr(parsed, "additional_properties", None)  # the envelope's other keys, kept
        return Envelope(list(data), dict(others)) if others else list(data)
    raise UnexpectedResponse(
        f"{op.label}: expected a list of records, got {type(parsed).__name__}", status_code=200
    )


def _required(op: Operation, parsed: T | None) -> T:
    if parsed is None:
        raise UnexpectedResponse(
            f"{op.label}: HTTP 200 with an empty body where the API sends one", status_code=200
        )
    return parsed


def _model_or_none(op: Operation, model: type[M], parsed: object, content: bytes) -> M | None:
    """A write whose answer the definition leaves untyped: Loop answers with the stored object."""
    if not content.strip():
        return None
    if isinstance(parsed, Mapping):
        return model.from_dict(parsed)
    raise UnexpectedResponse(
        f"{op.label}: expected the stored object, got {type(parsed).__name__}",
        status_code=200,
        body=content.decode("utf-8", errors="replace"),
    )


def _no_match(op: Operation, filter: FilterArg) -> NotFound:
    return NotFound(f"no {op.resource} matches {render_filter(filter)}", status_code=None)


class SyncAPIResource:
    """Base of the generated synchronous resources (``loop.comptes``...)."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def _get(self, op: Operation, kwargs: dict[str, Any], parse: ParseResponse[T], opts: RequestOptions) -> T:
        """An answer that must have a body (an empty 200 is an error)."""
        return _required(op, self._client._call(op, kwargs, parse, opts).parsed)

    def _json(
        self, op: Operation, kwargs: dict[str, Any], parse: ParseResponse[T], opts: RequestOptions
    ) -> T | None:
        """An answer the definition leaves untyped: the JSON as sent, ``None`` when empty."""
        return self._client._call(op, kwargs, parse, opts).parsed

    def _list(
        self, op: Operation, kwargs: dict[str, Any], parse: ParseResponse[object], opts: RequestOptions
    ) -> list[Any]:
        return records(op, self._get(op, kwargs, parse, opts))

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
    ) -> Iterator[Any]:
        def fetch(skip: int, take: int) -> Sequence[Any]:
            return self._list(op, page(skip, take), parse, opts)

        return pagination.iter_items(
            fetch, page_size=page_size, limit=limit, concurrency=concurrency, key=pagination.object_id_key
        )

    def _find_one(
        self,
        op: Operation,
        kwargs: dict[str, Any],
        parse: ParseResponse[object],
        opts: RequestOptions,
        filter: FilterArg,
    ) -> Any:
        found = self._list(op, kwargs, parse, opts)
        if not found:
            raise _no_match(op, filter)
        return found[0]

    def _write(
        self,
        op: Operation,
        kwargs: dict[str, Any],
        parse: ParseResponse[object],
        opts: RequestOptions,
        model: type[M],
    ) -> M | None:
        response = self._client._call(op, kwargs, parse, opts)
        return _model_or_none(op, model, response.parsed, response.content)


class AsyncAPIResource:
    """Base of the generated asynchronous resources."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def _get(
        self, op: Operation, kwargs: dict[str, Any], parse: ParseResponse[T], opts: RequestOptions
    ) -> T:
        return _required(op, (await self._client._call(op, kwargs, parse, opts)).parsed)

    async def _json(
        self, op: Operation, kwargs: dict[str, Any], parse: ParseResponse[T], opts: RequestOptions
    ) -> T | None:
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
            raise _no_match(op, filter)
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
        return _model_or_none(op, model, response.parsed, response.content)


__all__ = [
    "NOT_GIVEN",
    "AsyncAPIResource",
    "FromDict",
    "SyncAPIResource",
    "any_id",
    "as_body",
    "filter_value",
    "given",
    "object_id_of",
    "options",
    "records",
    "select_value",
    "sort_value",
]
