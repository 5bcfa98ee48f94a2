"""Build ``filter`` and ``sort`` query values in the grammar Loop documents.

Filter grammar (Loop docs, "javascript notation"): ``field OP value`` with OP among ``==``, ``===``,
``!=``, ``>=``, ``<=``, ``>``, ``<``; values are double-quoted strings, numbers, ``true``/``false``
or ``null``; terms are joined with ``&&``. There is no ``||``, no negation and no ``contains``, so
the builder offers none (``|`` and ``~`` raise ``TypeError``).

    >>> str((F.numero >= "6") & (F.code_lettrage != None))
    'numero >= "6" && codeLettrage != null'
    >>> str(F.numero.startswith("6"))
    'numero >= "6" && numero < "7"'
    >>> str(Sort("numero", "-libelle"))
    'numero&&libelle:desc'

Values are rendered as JavaScript string literals (JSON escaping: ``\\"``, ``\\\\``, control
characters as ``\\n``/``\\uXXXX``), so a value holding a quote cannot end the literal early and
inject a term. Field names are checked against ``[A-Za-z_][A-Za-z0-9_]*`` (dots for nested
fields): they are never quoted, so they must not carry anything else.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import json
import math
import re
import uuid
from collections.abc import Iterable
from typing import Any, NoReturn

_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\Z")
_MAX_CODE_POINT = 0x10FFFF
_SURROGATES = range(0xD800, 0xE000)


def _check_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise ValueError(f"not a valid field name: {name!r}")
    return name


def _camel(name: str) -> str:
    """``code_lettrage`` -> ``codeLettrage``; names without underscores are kept as written."""
    head, *rest = name.split("_")
    if not head or not rest:
        return name
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def quote(value: str) -> str:
    """A double-quoted JavaScript string literal for ``value``."""
    text = json.dumps(value, ensure_ascii=False)
    # Valid in JSON, but line terminators in older JavaScript string literals.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def literal(value: Any) -> str:
    """Render a Python value as a filter literal (raises ``TypeError`` for anything else)."""
    if value is None:
        return "null"
    if isinstance(value, enum.Enum):
        return literal(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("a filter number must be finite")
        return repr(value)
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise ValueError("a filter number must be finite")
        return str(value)
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, uuid.UUID):
        return quote(str(value))
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            # Loop's own format: YYYY-MM-DDTHH:mm:ss.SSSZ
            utc = value.astimezone(dt.UTC)
            return quote(utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z")
        return quote(value.isoformat(timespec="milliseconds"))
    if isinstance(value, dt.date):
        return quote(value.isoformat())
    raise TypeError(f"cannot use a {type(value).__name__} in a Loop filter")


def _prefix_upper_bound(prefix: str) -> str | None:
    """The smallest string greater than every string that starts with ``prefix`` (None: no bound)."""
    chars = list(prefix)
    while chars:
        code = ord(chars[-1])
        if code < _MAX_CODE_POINT:
            code += 1
            if code in _SURROGATES:
                code = _SURROGATES.stop
            chars[-1] = chr(code)
            return "".join(chars)
        chars.pop()
    return None


class Expr:
    """A filter expression. Combine with ``&``; ``str()`` gives the query value."""

    __slots__ = ("_terms",)

    def __init__(self, *terms: str) -> None:
        self._terms: tuple[str, ...] = terms

    def __and__(self, other: Expr) -> Expr:
        if not isinstance(other, Expr):
            return NotImplemented
        return Expr(*self._terms, *other._terms)

    def __or__(self, other: object) -> NoReturn:
        raise TypeError("the Loop filter grammar has no '||': run two queries instead")

    __ror__ = __or__

    def __invert__(self) -> NoReturn:
        raise TypeError("the Loop filter grammar has no negation: use != or the opposite comparison")

    def __bool__(self) -> NoReturn:
        # Stops `a and b` and chained comparisons ("1" < F.x < "2") from silently dropping a term.
        raise TypeError("combine filter expressions with '&', not 'and' or chained comparisons")

    def __str__(self) -> str:
        return " && ".join(self._terms)

    def __repr__(self) -> str:
        return f"Expr({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expr) and other._terms == self._terms

    def __hash__(self) -> int:
        return hash(self._terms)


class Field:
    """One field of a filter or a sort. Made by ``F.name`` (snake_case becomes camelCase) or
    ``F["exactName"]`` (kept as written)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = _check_name(name)

    def _cmp(self, op: str, value: Any) -> Expr:
        return Expr(f"{self.name} {op} {literal(value)}")

    def __eq__(self, value: Any) -> Expr:  # type: ignore[override]
        return self._cmp("==", value)

    def __ne__(self, value: Any) -> Expr:  # type: ignore[override]
        return self._cmp("!=", value)

    def __ge__(self, value: Any) -> Expr:
        return self._cmp(">=", value)

    def __le__(self, value: Any) -> Expr:
        return self._cmp("<=", value)

    def __gt__(self, value: Any) -> Expr:
        return self._cmp(">", value)

    def __lt__(self, value: Any) -> Expr:
        return self._cmp("<", value)

    __hash__ = None  # type: ignore[assignment]

    def eq(self, value: Any) -> Expr:
        return self._cmp("==", value)

    def strict_eq(self, value: Any) -> Expr:
        """``===`` (JavaScript strict equality: no type coercion)."""
        return self._cmp("===", value)

    def is_null(self) -> Expr:
        return self._cmp("==", None)

    def not_null(self) -> Expr:
        return self._cmp("!=", None)

    def between(self, low: Any, high: Any) -> Expr:
        """``low <= field <= high`` (both ends included)."""
        return self._cmp(">=", low) & self._cmp("<=", high)

    def startswith(self, prefix: str) -> Expr:
        """Values that start with ``prefix``, as a string *range* the server can evaluate.

        The grammar has no ``startswith``: this yields ``field >= "6" && field < "7"`` (the upper
        bound is ``prefix`` with its last character incremented). It is exact for plain code-point
        ordering, e.g. account numbers and codes made of digits and capitals; on a server that
        compares strings case-insensitively, ``startswith("a")`` also matches values starting
        with ``A``.
        """
        if not isinstance(prefix, str) or not prefix:
            raise ValueError("startswith needs a non-empty string prefix")
        upper = _prefix_upper_bound(prefix)
        low = self._cmp(">=", prefix)
        return low if upper is None else low & self._cmp("<", upper)

    def asc(self) -> SortKey:
        return SortKey(self.name, descending=False)

    def desc(self) -> SortKey:
        return SortKey(self.name, descending=True)

    def __repr__(self) -> str:
        return f"F[{self.name!r}]"

    def __bool__(self) -> NoReturn:
        raise TypeError("a Field is not a filter: compare it, e.g. F.numero == '601'")


class _Fields:
    """Entry point: ``F.numero``, ``F.code_lettrage`` (-> ``codeLettrage``), ``F["SIRET"]``."""

    def __getattr__(self, name: str) -> Field:
        if name.startswith("__"):
            raise AttributeError(name)
        return Field(_camel(name))

    def __getitem__(self, name: str) -> Field:
        return Field(name)

    @staticmethod
    def all(*exprs: Expr) -> Expr:
        """All of ``exprs`` (``&&``)."""
        if not exprs:
            raise ValueError("F.all() needs at least one expression")
        result = exprs[0]
        for expr in exprs[1:]:
            result = result & expr
        return result


F = _Fields()


class SortKey:
    __slots__ = ("descending", "name")

    def __init__(self, name: str, *, descending: bool = False) -> None:
        self.name = _check_name(name)
        self.descending = descending

    def __str__(self) -> str:
        return f"{self.name}:desc" if self.descending else self.name

    def __repr__(self) -> str:
        return f"SortKey({self.name!r}, descending={self.descending})"


class Sort:
    """``Sort("numero", "-libelle")`` or ``Sort(F.numero.asc(), F.libelle.desc())``.

    Renders Loop's sort grammar: fields joined with ``&&``, ``:desc`` after a descending one
    (ascending has no suffix, as in the docs' ``field1&&field2:desc``).
    """

    __slots__ = ("keys",)

    def __init__(self, *keys: str | SortKey | Field) -> None:
        if not keys:
            raise ValueError("Sort needs at least one field")
        self.keys: tuple[SortKey, ...] = tuple(_sort_key(k) for k in keys)

    def then(self, *keys: str | SortKey | Field) -> Sort:
        return Sort(*self.keys, *keys)

    def __str__(self) -> str:
        return "&&".join(str(k) for k in self.keys)

    def __repr__(self) -> str:
        return f"Sort({str(self)!r})"


def _sort_key(key: str | SortKey | Field) -> SortKey:
    if isinstance(key, SortKey):
        return key
    if isinstance(key, Field):
        return key.asc()
    if isinstance(key, str):
        if key.startswith("-"):
            return SortKey(key[1:], descending=True)
        return SortKey(key)
    raise TypeError(f"not a sort key: {key!r}")


FilterArg = Expr | str | Iterable[Expr] | None
SortArg = Sort | SortKey | Field | str | None


def render_filter(value: FilterArg) -> str | None:
    """Query value for ``filter``: an ``Expr``, several (joined with ``&&``), or a raw string
    (passed through as is: the caller owns its quoting)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, Expr):
        return str(value)
    exprs = list(value)
    if not all(isinstance(e, Expr) for e in exprs):
        raise TypeError("filter= takes an Expr, a list of Expr or a string")
    return str(F.all(*exprs)) if exprs else None


def render_sort(value: SortArg) -> str | None:
    if value is None:
        return None
    if isinstance(value, Sort):
        return str(value)
    if isinstance(value, (SortKey, Field)):
        return str(Sort(value))
    if isinstance(value, str):
        return value or None  # raw, in Loop's own grammar
    raise TypeError("sort= takes a Sort, a field or a string")


__all__ = ["Expr", "F", "Field", "Sort", "SortKey", "literal", "quote", "render_filter", "render_sort"]
