"""The ``filter`` language of Loop list operations (facts.md §2.5, "javascript notation"): parsed by a
small recursive-descent parser, evaluated against documents as JavaScript would::

    expression := comparison ( "&&" comparison )*
    comparison := FIELD operator value        (FIELD: identifier, dots for nested fields)
    operator   := "==" | "===" | "!=" | "!==" | ">=" | "<=" | ">" | "<"
    value      := STRING | NUMBER | "true" | "false" | "null"

Strings are double-quoted with backslash escapes (``\\"``, ``\\\\``, plus ``\\n``, ``\\t``, ``\\/``).
Comparisons follow JavaScript: ``==`` is loose (``"6" == 6``, a missing field ``== null``), ``===``
is strict. Unknown fields read as null, like an undefined property in JavaScript: only syntax errors
are refused, with a :class:`QueryError` that carries the character offset.

The same grammar as a regular expression, for the sandbox's definition, is
:data:`cegid_loop.sandbox.list_query.FILTER_PATTERN` (beside those of ``sort`` and ``select``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

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
IDENT_RE = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*")
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
        m = IDENT_RE.match(text, i)
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


def js_string(value: Any) -> str:
    if isinstance(value, list):
        return ",".join("" if v is None else js_string(v) for v in value)
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
        return _loose_equal(js_string(arr), other)
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


__all__ = [
    "IDENT_RE",
    "Comparison",
    "Document",
    "Filter",
    "QueryError",
    "Token",
    "js_string",
    "lookup",
    "parse_filter",
    "tokenize",
]
