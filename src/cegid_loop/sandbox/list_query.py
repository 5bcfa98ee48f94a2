"""Query semantics of Loop list operations: ``filter``, ``sort``, ``skip``, ``take``, ``select``.

The filter language is :mod:`cegid_loop.sandbox.filters`. Sort: ``field1&&field2:desc`` — fields
separated by ``&&`` (or ``,``), each with an optional ``:asc`` / ``:desc`` suffix. Select: field
names separated by ``,`` (or ``&&``). A malformed one is a :class:`QueryError` that carries the
character offset. ``take`` is capped at 100, the limit the EcritureComptable page documents
(applied everywhere).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cegid_loop.sandbox.filters import IDENT_RE, Document, Filter, QueryError, js_string, lookup, parse_filter
from cegid_loop.sandbox.limits import INT64_MAX, MAX_INTEGER_DIGITS, parse_integer

MAX_TAKE = 100

# The grammar as regular expressions (ECMA-262 compatible), a subset of what the parsers accept
# (they also take other whitespace than spaces, and non-ASCII digits): the sandbox's definition
# puts them on the filter/sort/select parameters (sandbox.definition) and the sandbox refuses a
# value outside them, so that what it accepts is exactly what its definition says.
_P_IDENT = r"[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*"
_P_NUMBER = r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?"
_P_VALUE = rf'("([^"\\]|\\["\\/ntr])*"|{_P_NUMBER}|true|false|null)'
_P_OP = r"(===|!==|==|!=|>=|<=|>|<)"
_P_TERM = rf"[ ]*{_P_IDENT}[ ]*{_P_OP}[ ]*{_P_VALUE}[ ]*"
FILTER_PATTERN = rf"^{_P_TERM}(&&{_P_TERM})*$"
_P_DIRECTION = r"(:[ ]*([aA][sS][cC]|[dD][eE][sS][cC])[ ]*)?"
_P_SORT_ITEM = rf"[ ]*{_P_IDENT}[ ]*{_P_DIRECTION}"
SORT_PATTERN = rf"^{_P_SORT_ITEM}((&&|,){_P_SORT_ITEM})*$"
SELECT_PATTERN = rf"^[ ]*{_P_IDENT}[ ]*((,|&&)[ ]*{_P_IDENT}[ ]*)*$"
GRAMMAR_PARAMETERS = ("filter", "sort", "select")  # the query parameters these patterns describe


# -- sort / select / paging -----------------------------------------------------------------------


@dataclass(frozen=True)
class SortItem:
    """One item of ``sort``: a field and its direction."""

    field: str
    descending: bool


_SORT_ITEM_RE = re.compile(r"\s*([A-Za-z_$][A-Za-z0-9_$.]*)\s*(?::\s*([A-Za-z]+)\s*)?")


def _split_fields(text: str, parameter: str) -> list[tuple[int, str]]:
    """Split on ``&&`` or ``,``; return (offset, item) pairs; an empty item is an error."""
    items: list[tuple[int, str]] = []
    start = 0
    for m in re.finditer(r"&&|,", text):
        items.append((start, text[start : m.start()]))
        start = m.end()
    items.append((start, text[start:]))
    for offset, item in items:
        if not item.strip():
            raise QueryError(parameter, offset, "empty field name")
    return items


def parse_sort(text: str) -> list[SortItem]:
    keys: list[SortItem] = []
    for offset, item in _split_fields(text, "sort"):
        m = _SORT_ITEM_RE.fullmatch(item)
        if m is None:
            bad = re.search(r"[^A-Za-z0-9_$\s:]", item)
            where = offset + (bad.start() if bad else len(item) - len(item.lstrip()))
            raise QueryError("sort", where, f"malformed sort item {item.strip()!r}")
        direction = (m.group(2) or "asc").lower()
        if direction not in ("asc", "desc"):
            raise QueryError("sort", offset + m.start(2), f"unknown direction {m.group(2)!r} (asc or desc)")
        keys.append(SortItem(m.group(1), direction == "desc"))
    return keys


def parse_select(text: str) -> list[str]:
    fields: list[str] = []
    for offset, item in _split_fields(text, "select"):
        name = item.strip()
        if not IDENT_RE.fullmatch(name):
            raise QueryError(
                "select", offset + len(item) - len(item.lstrip()), f"malformed field name {name!r}"
            )
        fields.append(name)
    return fields


def _sort_value(value: Any) -> tuple[int, Any]:
    # nulls first, then booleans, numbers, strings; anything else by its JSON-ish text
    if value is None:
        return (0, 0)
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, (int, float, Decimal)):
        return (2, value)
    if isinstance(value, str):
        return (3, value)
    return (4, js_string(value))


def apply_sort(docs: list[Document], keys: Sequence[SortItem]) -> list[Document]:
    result = list(docs)
    for key in reversed(keys):  # stable sort: last key first
        field = key.field

        def sort_key(doc: Document, field: str = field) -> tuple[int, Any]:
            return _sort_value(lookup(doc, field))

        result.sort(key=sort_key, reverse=key.descending)
    return result


def parse_int(text: str | None, parameter: str) -> int | None:
    """skip/take values; the docs show them quoted (``?skip="10"``), so quotes are tolerated.

    The definition bounds ``take`` (100) but not ``skip``: a skip beyond the store's 64-bit
    integers is a valid request for a page past the end, so it is read as the largest one (an
    empty page, where 2^63 used to be a 500); beyond 1,000 digits it is refused."""
    if text is None or text.strip() == "":
        return None
    raw = text.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        raw = raw[1:-1].strip()
    if not re.fullmatch(r"[+-]?\d+", raw):
        raise QueryError(parameter, 0, f"expected a non-negative integer, found {text!r}")
    value = parse_integer(raw)
    if value is None:
        raise QueryError(parameter, 0, f"out of range: more than {MAX_INTEGER_DIGITS} digits")
    if value < 0:
        raise QueryError(parameter, 0, "must not be negative")
    return min(value, INT64_MAX)


@dataclass(frozen=True)
class Query:
    filter: Filter | None = None
    sort: tuple[SortItem, ...] = ()
    skip: int = 0
    take: int = MAX_TAKE
    select: tuple[str, ...] | None = None

    def apply(
        self,
        docs: list[Document],
        project: Callable[[Document], Document] | None = None,
        *,
        paged: bool = False,
    ) -> list[Document]:
        """Filter → sort → skip → take (capped) → select. ``project`` turns a stored document into
        its wire shape, so that filters see what clients see; without filter and sort only the page
        is shaped. ``paged``: ``docs`` is already the page (skip/take done by the store)."""
        if self.filter is None and not self.sort:
            page = docs if paged else docs[self.skip : self.skip + min(self.take, MAX_TAKE)]
            rows = [project(d) for d in page] if project else list(page)
        else:
            rows = [project(d) for d in docs] if project else list(docs)
            if self.filter is not None:
                rows = [r for r in rows if self.filter.matches(r)]
            if self.sort:
                rows = apply_sort(rows, self.sort)
            rows = rows[self.skip : self.skip + min(self.take, MAX_TAKE)]
        if self.select is not None:
            keep = ("objectId", "revisionId", *self.select)
            rows = [{k: v for k, v in r.items() if k in keep} for r in rows]
        return rows


def parse_query(params: dict[str, str]) -> Query:
    """Build a Query from raw query parameters (names matched case-insensitively: the English
    pages write ``Sort``)."""
    lower = {k.lower(): v for k, v in params.items()}
    flt = lower.get("filter")
    sort = lower.get("sort")
    select = lower.get("select")
    skip = parse_int(lower.get("skip"), "skip")
    take = parse_int(lower.get("take"), "take")
    return Query(
        filter=parse_filter(flt) if flt is not None and flt.strip() else None,
        sort=tuple(parse_sort(sort)) if sort is not None and sort.strip() else (),
        skip=skip or 0,
        take=MAX_TAKE if take is None else take,
        select=tuple(parse_select(select)) if select is not None and select.strip() else None,
    )


__all__ = [
    "FILTER_PATTERN",
    "GRAMMAR_PARAMETERS",
    "MAX_TAKE",
    "SELECT_PATTERN",
    "SORT_PATTERN",
    "Query",
    "QueryError",
    "SortItem",
    "apply_sort",
    "parse_int",
    "parse_query",
    "parse_select",
    "parse_sort",
]
