"""Answers against a definition: each schema error as a :class:`Deviation`, with *where in the
definition* it comes from (the JSON pointer of the failing schema node, from the definition's one
validator, :class:`cegid_loop.definition.validator.SchemaValidator`), so that a failure can be
matched with the overlay actions that changed that node.

Also the small helpers every report row needs: folded JSON paths (``$[*].numero``), short values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cegid_loop.definition.validator import SchemaValidator, UnresolvedReference
from cegid_loop.drift.errors import DriftError

_VALUE_MAX = 200

Path_ = tuple[str | int, ...]

_KINDS = {
    "type": "type-changed",
    "enum": "enum-value-unknown",
    "const": "enum-value-unknown",
    "format": "format-mismatch",
    "required": "field-missing",
    "pattern": "pattern-mismatch",
    "anyOf": "shape-mismatch",
    "oneOf": "shape-mismatch",
    "minimum": "out-of-range",
    "maximum": "out-of-range",
    "exclusiveMinimum": "out-of-range",
    "exclusiveMaximum": "out-of-range",
    "minLength": "out-of-range",
    "maxLength": "out-of-range",
    "minItems": "out-of-range",
    "maxItems": "out-of-range",
}


def schema_errors(validator: SchemaValidator, pointer: str, instance: Any) -> list[Any]:
    """The validator's errors; a ``$ref`` that leads nowhere stops the check (a drift error)."""
    try:
        return validator.errors(pointer, instance)
    except UnresolvedReference as exc:
        raise DriftError(str(exc)) from None


@dataclass(frozen=True)
class Deviation:
    """One schema error on an answer: where in the answer, which keyword, where in the definition."""

    path: Path_
    keyword: str
    location: str
    expected: Any
    value: Any
    message: str

    @property
    def kind(self) -> str:
        return _KINDS.get(self.keyword, "schema-violation")


def deviations(validator: SchemaValidator, pointer: str, instance: Any) -> list[Deviation]:
    out = []
    for error in schema_errors(validator, pointer, instance):
        path: Path_ = tuple(error.absolute_path)
        value: Any = error.instance
        if error.validator == "required" and isinstance(error.instance, Mapping):
            missing = [p for p in error.validator_value if p not in error.instance]
            path, value = (*path, missing[0] if missing else "?"), None
        out.append(
            Deviation(
                path,
                str(error.validator),
                validator.location(error),
                error.validator_value,
                value,
                error.message,
            )
        )
    return out


def npath(path: Sequence[str | int]) -> str:
    """``(0, 'numero')`` -> ``$[*].numero`` (list indexes folded: a row stands for every item)."""
    out = "$"
    for part in path:
        if isinstance(part, int) or part == "[*]":
            out += "[*]"
        elif re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", part):
            out += f".{part}"
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


def short(value: Any) -> Any:
    """A value small enough for a report cell (long strings and containers cut to 200 characters)."""
    if isinstance(value, str):
        return value if len(value) <= _VALUE_MAX else value[: _VALUE_MAX - 1] + "…"
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False)
        return value if len(text) <= _VALUE_MAX else text[: _VALUE_MAX - 1] + "…"
    return value


def json_type(value: Any) -> str:
    """The JSON type of a value (integers and floats are both "number")."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object", type(None): "null"}.get(type(value), "?")


def schema_type(value: Any) -> str:
    """The JSON Schema ``type`` a value has ("integer" apart from "number")."""
    if isinstance(value, int) and not isinstance(value, bool):
        return "integer"
    return json_type(value)


def shapes(value: Any, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], dict[str, Any]]:
    """For each object position (lists folded), its keys with one sample value each."""
    out: dict[tuple[str, ...], dict[str, Any]] = {}
    if isinstance(value, dict):
        slot = out.setdefault(path, {})
        for key, child in value.items():
            slot.setdefault(key, child)
            for sub, keys in shapes(child, (*path, key)).items():
                merged = out.setdefault(sub, {})
                for k, v in keys.items():
                    merged.setdefault(k, v)
    elif isinstance(value, list):
        for child in value:
            for sub, keys in shapes(child, (*path, "[*]")).items():
                merged = out.setdefault(sub, {})
                for k, v in keys.items():
                    merged.setdefault(k, v)
    return out


__all__ = [
    "Deviation",
    "Path_",
    "deviations",
    "json_type",
    "npath",
    "schema_errors",
    "schema_type",
    "shapes",
    "short",
]
