"""Query semantics of Loop list operations: ``filter``, ``sort``, ``skip``, ``take``, ``select``.

Filter grammar (facts.md §2.5, "javascript notation"), parsed by a small recursive-descent parser::

    expression := comparison ( "&&" comparison )*
    comparison := FIELD operator value        (FIELD: identifier, dots for nested fields)
    operator   := "==" | "===" | "!=" | "!==" | ">=" | "<=" | ">" | "<"
    value      := STRING | NUMBER | "true" | "false" | "null"

Strings are double-quoted with backslash escapes (``\\"``, ``\\\\``, plus ``\\n``, ``\\t``, ``\\/``).
Comparisons follow JavaScript: ``==`` is loose (``"6" == 6``, a missing field ``== null``), ``===``
is strict. Unknown fields read as null, like an undefined property in JavaScript: only syntax errors
are refused, with a :class:`QueryError` that carries the character offset.

Sort: ``field1&&field2:desc`` — fields separated by ``&&`` (or ``,``), each with an optional
``:asc`` / ``:desc`` suffix. Select: field names separated by ``,`` (or ``&&``).
``take`` is capped at 100, the limit the EcritureComptable page documents (applied everywhere).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

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

Document = dict[str, Any]


class QueryError(ValueError):
    """A malformed query parameter; ``position`` is the 0-based character offset of the problem."""

    def __init__(self, parameter: str, position: int, message: str) -> None:
        super().__init__(f"{parameter}: {message} (position {position})")
        self.parameter = parameter
        self.position = position
        self.message = message


# -- tokenizer ------------------------------------------------------------------------------------

_OPERATORS = ("===", "!==", "==", "!=", ">=", "<=", "&&", ">", "<")
_IDENT_RE = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*")
_NUMBER_RE = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t", "r": "\r"}


@dataclass(frozen=True)
class Token:
    kind: str  # "ident", "string", "number", "op", "end"
    value: Any
    position: int
    text: str


def tokenize(text: str, parameter: str = "filter") -> list[Token]:
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch == '"':
            start, i, buf = i, i + 1, []
            while True:
                if i >= len(text):
                    raise QueryError(parameter, start, "unterminated string")
                c = text[i]
                if c == "\\":
                    if i + 1 >= len(text) or text[i + 1] not in _ESCAPES:
                        raise QueryError(parameter, i, "invalid escape in string")
                    buf.append(_ESCAPES[text[i + 1]])
                    i += 2
                    continue
                if c == '"':
                    i += 1
                    break
                buf.append(c)
                i += 1
            tokens.append(Token("string", "".join(buf), start, text[start:i]))
            continue
        op = next((o for o in _OPERATORS if text.startswith(o, i)), None)
        if op is not None:
            tokens.append(Token("op", op, i, op))
            i += len(op)
            continue
        m = _NUMBER_RE.match(text, i)
        if m and (ch.isdigit() or ch in "-."):
            raw = m.group(0)
            # A literal too long for an exact integer is a double, as in JavaScript (int() of a
            # 5,000-digit string would raise).
            exact = not any(c in raw for c in ".eE") and len(raw) <= 19
            number: float | int = int(raw) if exact else float(raw)
            tokens.append(Token("number", number, i, raw))
            i = m.end()
            continue
        m = _IDENT_RE.match(text, i)
        if m:
            tokens.append(Token("ident", m.group(0), i, m.group(0)))
            i = m.end()
            continue
        raise QueryError(parameter, i, f"unexpected character {ch!r}")
    tokens.append(Token("end", None, len(text), ""))
    return tokens


# -- filter AST and parser ------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    field: str
    operator: str
    value: Any


@dataclass(frozen=True)
class Filter:
    terms: tuple[Comparison, ...]

    def matches(self, doc: Document) -> bool:
        return all(_compare(lookup(doc, t.field), t.operator, t.value) for t in self.terms)


def lookup(doc: Document, path: str) -> Any:
    """``a.b.c`` walks nested objects (the client's builder emits dotted names); missing → None."""
    value: Any = doc
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


_LITERALS = {"true": True, "false": False, "null": None}
_COMPARATORS = ("==", "===", "!=", "!==", ">=", "<=", ">", "<")


def parse_filter(text: str) -> Filter:
    tokens = tokenize(text, "filter")
    pos = 0

    def describe(tok: Token) -> str:
        return "end of expression" if tok.kind == "end" else repr(tok.text)

    def comparison() -> Comparison:
        nonlocal pos
        field = tokens[pos]
        if field.kind != "ident":
            raise QueryError("filter", field.position, f"expected a field name, found {describe(field)}")
        op = tokens[pos + 1]
        if op.kind != "op" or op.value not in _COMPARATORS:
            raise QueryError("filter", op.position, f"expected a comparison operator, found {describe(op)}")
        val = tokens[pos + 2]
        if val.kind in ("string", "number"):
            value = val.value
        elif val.kind == "ident" and val.value in _LITERALS:
            value = _LITERALS[val.value]
        else:
            raise QueryError("filter", val.position, f"expected a value, found {describe(val)}")
        pos += 3
        return Comparison(field.value, op.value, value)

    if tokens[0].kind == "end":
        raise QueryError("filter", 0, "empty expression")
    terms = [comparison()]
    while tokens[pos].kind == "op" and tokens[pos].value == "&&":
        pos += 1
        terms.append(comparison())
    if tokens[pos].kind != "end":
        raise QueryError(
            "filter", tokens[pos].position, f"expected '&&' or end, found {describe(tokens[pos])}"
        )
    return Filter(tuple(terms))


# -- JavaScript-like comparison -------------------------------------------------------------------


def _to_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float, Decimal)):  # stored amounts are exact Decimals (exactjson)
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip()) if value.strip() else 0.0
        except ValueError:
            return None
    return None


def _js_string(value: Any) -> str:
    if isinstance(value, list):
        return ",".join("" if v is None else _js_string(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _strict_equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float, Decimal)) and isinstance(b, (int, float, Decimal)):
        if isinstance(a, Decimal) is not isinstance(b, Decimal) and (
            isinstance(a, float) or isinstance(b, float)
        ):
            return float(a) == float(b)  # a JavaScript number is a double: 0.1 (stored exactly) == 0.1
        return a == b
    return type(a) is type(b) and a == b and not isinstance(a, (list, dict))


def _loose_equal(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if _strict_equal(a, b):
        return True
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        other = b if isinstance(a, (list, dict)) else a
        both = isinstance(a, (list, dict)) and isinstance(b, (list, dict))
        if both or isinstance(a, dict) or isinstance(b, dict):
            return False  # objects compare by identity in JS
        arr = a if isinstance(a, list) else b
        return _loose_equal(_js_string(arr), other)
    if isinstance(a, str) and isinstance(b, str):
        return False
    na, nb = _to_number(a), _to_number(b)
    return na is not None and nb is not None and na == nb


def _ordered(a: Any, b: Any, op: str) -> bool:
    if a is None or b is None or isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        return False
    if isinstance(a, str) and isinstance(b, str):
        x: Any = a
        y: Any = b
    else:
        x, y = _to_number(a), _to_number(b)
        if x is None or y is None:
            return False
    if op == ">":
        return bool(x > y)
    if op == "<":
        return bool(x < y)
    if op == ">=":
        return bool(x >= y)
    return bool(x <= y)


def _compare(actual: Any, op: str, expected: Any) -> bool:
    if op == "==":
        return _loose_equal(actual, expected)
    if op == "!=":
        return not _loose_equal(actual, expected)
    if op == "===":
        return _strict_equal(actual, expected)
    if op == "!==":
        return not _strict_equal(actual, expected)
    return _ordered(actual, expected, op)


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
        if not _IDENT_RE.fullmatch(name):
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
    return (4, _js_string(value))


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
