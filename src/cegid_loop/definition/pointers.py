"""JSON pointers (RFC 6901) into a definition, and the RFC 9535 JSONPath an Overlay action targets.

Pointers are written without the leading ``#`` (``/components/schemas/Compte``); a local ``$ref``
is ``"#" + pointer``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def escape(part: object) -> str:
    """One pointer segment: ``/`` and ``~`` escaped."""
    return str(part).replace("~", "~0").replace("/", "~1")


def segments(pointer: str) -> list[str]:
    """``/paths/~1compte/get`` -> ``['paths', '/compte', 'get']`` (a leading ``#`` is allowed)."""
    pointer = pointer.removeprefix("#")
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.removeprefix("/").split("/")]


def join(parts: list[str]) -> str:
    return "".join(f"/{escape(p)}" for p in parts)


def pointer(*parts: object) -> str:
    """``pointer("paths", "/compte", "get")`` -> ``/paths/~1compte/get``."""
    return "".join(f"/{escape(p)}" for p in parts)


def parent(pointer: str) -> str:
    return join(segments(pointer)[:-1])


def node_at(document: Any, pointer: str) -> Any:
    """The node ``pointer`` names (its own ``$ref`` not followed). Raises ``KeyError``,
    ``IndexError``, ``ValueError`` or ``TypeError`` when there is none."""
    node = document
    for part in segments(pointer):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def jsonpath_of(pointer: str, document: Mapping[str, Any]) -> str:
    """``/paths/~1compte/get`` -> ``$.paths['/compte'].get``; array indexes as ``[0]`` (the
    document tells an index from a key that looks like one)."""
    out = "$"
    node: Any = document
    for part in segments(pointer):
        if isinstance(node, list):
            out += f"[{int(part)}]"
            node = node[int(part)] if int(part) < len(node) else None
            continue
        out += (
            f".{part}"
            if _NAME.fullmatch(part)
            else "['" + part.replace("\\", "\\\\").replace("'", "\\'") + "']"
        )
        node = node.get(part) if isinstance(node, Mapping) else None
    return out


__all__ = ["escape", "join", "jsonpath_of", "node_at", "parent", "pointer", "segments"]
