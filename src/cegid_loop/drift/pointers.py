"""JSON pointers (RFC 6901) into a definition, and the RFC 9535 JSONPath an Overlay action targets."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from cegid_loop.drift.catalogue import escape

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def segments(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]


def join(parts: list[str]) -> str:
    return "".join(f"/{escape(p)}" for p in parts)


def parent(pointer: str) -> str:
    return join(segments(pointer)[:-1])


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


__all__ = ["join", "jsonpath_of", "parent", "segments"]
