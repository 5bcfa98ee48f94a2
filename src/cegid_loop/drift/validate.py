"""JSON Schema 2020-12 validation of answers against one definition, with *where in the definition*
each error comes from (the JSON pointer of the failing schema node), so that a failure can be
matched with the overlay actions that changed that node.

Also the small helpers every report row needs: folded JSON paths (``$[*].numero``), short values.
"""

from __future__ import annotations

import copy
import importlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from cegid_loop.drift.catalogue import escape
from cegid_loop.drift.errors import DriftError

# jsonschema ships no type information (types-jsonschema is not a dependency): typed as Any, like the sandbox.
jsonschema: Any = importlib.import_module("jsonschema")
_URI = "urn:cegid-loop:"
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


def _close(node: Any, in_all_of: bool = False) -> Any:
    """Mark every object schema closed (``unevaluatedProperties: false``), to list undeclared fields."""
    if isinstance(node, dict):
        if (
            "properties" in node
            and not in_all_of
            and not {"additionalProperties", "unevaluatedProperties"} & set(node)
        ):
            node["unevaluatedProperties"] = False
        for key, value in node.items():
            if key == "allOf" and isinstance(value, list):
                for part in value:
                    _close(part, True)
            else:
                _close(value)
    elif isinstance(node, list):
        for value in node:
            _close(value)
    return node


def _index(node: Any, pointer: str = "", out: dict[int, str] | None = None) -> dict[int, str]:
    out = {} if out is None else out
    if isinstance(node, dict):
        out[id(node)] = pointer
        for key, value in node.items():
            _index(value, f"{pointer}/{escape(key)}", out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _index(value, f"{pointer}/{i}", out)
    return out


class SpecValidator:
    """Validates instances against the schema at a JSON pointer of one document, and tells where in
    the document each error comes from (by identity of the failing schema node)."""

    def __init__(self, document: Mapping[str, Any], name: str, *, closed: bool = False) -> None:
        self.document: Mapping[str, Any] = _close(copy.deepcopy(dict(document))) if closed else document
        self.uri = _URI + name
        self._index = _index(self.document)
        resource = Resource.from_contents(self.document, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(self.uri, resource)
        self._cache: dict[str, Any] = {}

    def errors(self, pointer: str, instance: Any) -> list[Any]:
        if pointer not in self._cache:
            self._cache[pointer] = jsonschema.Draft202012Validator(
                {"$ref": f"{self.uri}#{pointer}"},
                registry=self._registry,
                format_checker=jsonschema.FormatChecker(),
            )
        try:
            return list(self._cache[pointer].iter_errors(instance))
        except jsonschema.exceptions._WrappedReferencingError as exc:
            raise DriftError(f"the definition has a $ref that does not resolve: {exc}") from None

    def schema_pointer(self, error: Any) -> str | None:
        """The pointer of the schema node that holds the failing keyword."""
        return self._index.get(id(error.schema))

    def location(self, error: Any) -> str:
        base = self.schema_pointer(error)
        return f"{base}/{error.validator}" if base is not None else f"?/{error.validator}"

    def node(self, pointer: str) -> Any:
        node: Any = self.document
        for part in pointer.lstrip("/").split("/") if pointer else []:
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def find(self, pointer: str) -> Any:
        """The node at ``pointer``, or None when there is none."""
        try:
            return self.node(pointer)
        except (KeyError, IndexError, ValueError, TypeError):
            return None

    def resolve(self, node: Any, pointer: str) -> tuple[Any, str]:
        for _ in range(32):
            if (
                isinstance(node, Mapping)
                and isinstance(node.get("$ref"), str)
                and node["$ref"].startswith("#/")
            ):
                pointer = node["$ref"][1:]
                node = self.node(pointer)
            else:
                break
        return node, pointer

    def declares(self, pointer: str, path: Sequence[str]) -> str | None:
        """Pointer of the schema of ``path`` (property names and ``[*]``) under ``pointer``, or None."""
        node, ptr = self.resolve(self.node(pointer), pointer)
        for part in path:
            candidates = [(node, ptr)]
            for key in ("anyOf", "oneOf", "allOf"):
                if isinstance(node, Mapping) and isinstance(node.get(key), list):
                    candidates += [self.resolve(b, f"{ptr}/{key}/{i}") for i, b in enumerate(node[key])]
            found = None
            for cand, cptr in candidates:
                if not isinstance(cand, Mapping):
                    continue
                if part == "[*]" and isinstance(cand.get("items"), Mapping):
                    found = self.resolve(cand["items"], f"{cptr}/items")
                elif (
                    part != "[*]"
                    and isinstance(cand.get("properties"), Mapping)
                    and part in cand["properties"]
                ):
                    found = self.resolve(cand["properties"][part], f"{cptr}/properties/{escape(part)}")
                if found:
                    break
            if found is None:
                return None
            node, ptr = found
        return ptr


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


def deviations(validator: SpecValidator, pointer: str, instance: Any) -> list[Deviation]:
    out = []
    for error in validator.errors(pointer, instance):
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
    "SpecValidator",
    "deviations",
    "json_type",
    "npath",
    "schema_type",
    "shapes",
    "short",
]
