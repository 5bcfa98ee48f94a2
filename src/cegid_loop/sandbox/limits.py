"""Hostile input: what a request may hold before the sandbox refuses it with a clean 4xx.

Bodies are read as JSON whatever the Content-Type says (Q-CONTENT-TYPE-TYPO), and refused with
Loop's 400 body (``{"message", "errors": [{"field", "message"}]}``) when they are not JSON, nest
deeper than :data:`MAX_DEPTH` (100,000 levels were a 500), or hold a number no JSON reader should
have to hold: an integer of more than :data:`MAX_INTEGER_DIGITS` digits (a 5,000-digit one was
called "not JSON", and a 500 in a query), a float beyond double range, NaN or Infinity. Any other
integer is left to the spec's own bounds: a schema-valid value is never refused (``skip`` past
the store's 64-bit integers is read as a page past the end, see ``list_query.parse_int``; 2^63 was a
500). A body larger than the configured limit is a 413 before it is read to the end.
"""

from __future__ import annotations

import json
import math
from collections.abc import AsyncIterable, Mapping
from typing import Any

from cegid_loop.sandbox.exceptions import InvalidRequest, PayloadTooLarge, bad_field

MAX_JSON_BODY_BYTES = 20 * 1024 * 1024  # default; create_app(max_body_bytes=...) / --max-body-mb
MAX_DEPTH = 64  # no Loop object nests more than a few levels
INT64_MAX = 2**63 - 1  # SQLite's integers (LIMIT / OFFSET)
MAX_INTEGER_DIGITS = 1000  # far beyond any amount or code; Python itself stops at 4,300
_NOT_JSON = "Le corps de la requête n'est pas un JSON valide"


class _OutOfRange:
    """Stands for a number the parser met but that cannot be kept, until its place is known."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def parse_integer(text: str) -> int | None:
    """The integer a string of digits means, or None beyond :data:`MAX_INTEGER_DIGITS` digits
    (checked on the text: ``int()`` of a 5,000-digit string raises before any check could)."""
    return None if len(text.lstrip("+-")) > MAX_INTEGER_DIGITS else int(text)


def _int(text: str) -> int | _OutOfRange:
    value = parse_integer(text)
    return _OutOfRange(text) if value is None else value


def _float(text: str) -> float | _OutOfRange:
    value = float(text)
    return value if math.isfinite(value) else _OutOfRange(text)


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} caractères)"


def parse_json(raw: bytes) -> Any:
    """The body as JSON (None when empty). Raises :class:`InvalidRequest` naming what and where."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise bad_field(_NOT_JSON, "(body)", f"not UTF-8: byte {exc.start}") from exc
    if not text.strip():
        return None
    try:
        value = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_OutOfRange)
    except RecursionError as exc:
        raise _too_deep("(body)") from exc
    except ValueError as exc:
        raise bad_field(_NOT_JSON, "(body)", str(exc)[:200]) from exc
    _check_tree(value)
    return value


def _too_deep(where: str) -> InvalidRequest:
    where = where if len(where) <= 80 else f"{where[:80]}…"
    return bad_field(
        f"Le corps de la requête est trop imbriqué (plus de {MAX_DEPTH} niveaux)",
        where,
        f"nesting deeper than {MAX_DEPTH} levels",
    )


def _check_tree(value: Any) -> None:
    """Depth and numbers, walked without recursion (the tree may be as deep as the parser allowed)."""
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        node, path, depth = stack.pop()
        if isinstance(node, _OutOfRange):
            raise bad_field(
                f"Nombre hors limites dans le corps de la requête : {path or '(body)'}",
                path or "(body)",
                f"{_shorten(node.text)}: more than {MAX_INTEGER_DIGITS} digits, or beyond a double",
            )
        if isinstance(node, Mapping):
            children: Any = node.items()
        elif isinstance(node, list):
            children = enumerate(node)
        else:
            continue
        if depth >= MAX_DEPTH:
            raise _too_deep(path or "(body)")
        for key, child in children:
            where = f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else str(key))
            stack.append((child, where, depth + 1))


async def read_limited(chunks: AsyncIterable[bytes], declared: str | None, limit: int) -> bytes:
    """The whole body, or :class:`PayloadTooLarge` as soon as it is known to exceed ``limit``
    (from Content-Length before reading, else while streaming)."""
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(int(declared), limit)
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise _too_large(size, limit)
        parts.append(chunk)
    return b"".join(parts)


def _too_large(size: int, limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"Le corps de la requête dépasse la taille maximale ({limit} octets)",
        [{"field": "(body)", "message": f"body of {size} bytes or more; at most {limit} accepted"}],
    )
