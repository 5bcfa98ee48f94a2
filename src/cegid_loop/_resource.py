"""What every generated resource method delegates to (``cegid_loop_api.facade.resources.*``).

The facade is generated per operation, with its real parameters and types; the behaviour behind
each kind of method lives once in the base classes (one page ``list``, every page ``iter``, the
first match ``find_one``, one object ``get``, writes and deletes, named actions), written in
:mod:`cegid_loop._async.resource` (the sync one generated from it), and in the helpers below that
need no I/O: arguments as the generated layer wants them, records of a list answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from uuid import UUID

from cegid_loop._types import NOT_GIVEN, Headers, NotGiven, Operation, Query, RequestOptions, Select, Timeout
from cegid_loop.errors import NotFound, UnexpectedResponse
from cegid_loop.query import FilterArg, SortArg, render_filter, render_sort
from cegid_loop_api.types import Envelope

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


def required(op: Operation, parsed: T | None) -> T:
    if parsed is None:
        raise UnexpectedResponse(
            f"{op.label}: HTTP 200 with an empty body where the API sends one", status_code=200
        )
    return parsed


def model_or_none(op: Operation, model: type[M], parsed: object, content: bytes) -> M | None:
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


def no_match(op: Operation, filter: FilterArg) -> NotFound:
    return NotFound(f"no {op.resource} matches {render_filter(filter)}", status_code=None)


if TYPE_CHECKING:
    from cegid_loop._async.resource import AsyncAPIResource
    from cegid_loop._sync.resource import SyncAPIResource
else:

    def __getattr__(name: str) -> object:
        # The base classes' modules import this one: they are loaded when first asked for.
        if name == "AsyncAPIResource":
            from cegid_loop._async.resource import AsyncAPIResource as found
        elif name == "SyncAPIResource":
            from cegid_loop._sync.resource import SyncAPIResource as found
        else:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        globals()[name] = found
        return found


__all__ = [
    "NOT_GIVEN",
    "AsyncAPIResource",
    "FromDict",
    "PageKwargs",
    "SyncAPIResource",
    "any_id",
    "as_body",
    "filter_value",
    "given",
    "model_or_none",
    "no_match",
    "object_id_of",
    "options",
    "records",
    "required",
    "select_value",
    "sort_value",
]
