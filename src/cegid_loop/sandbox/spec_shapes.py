"""Answers built from the spec's response schemas: the container an operation's success wraps its
object in, and a small valid instance for operations the sandbox only acknowledges."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cegid_loop.definition import ARRAY, ENVELOPE, Definition
from cegid_loop.definition.schemas import ENVELOPE_KEY
from cegid_loop.sandbox.urls import Route

Document = dict[str, Any]


def fit(route: Route, wire: Any) -> Any:
    """Put one object into the container the operation's success schema describes."""
    shape = route.operation.list_shape
    if shape == ARRAY:
        return [wire]
    if shape == ENVELOPE:
        return {ENVELOPE_KEY: [wire]}
    schema = route.response_schema
    props = schema.get("properties") if isinstance(schema, Mapping) else None
    if isinstance(props, Mapping) and "success" in props and "errors" in props:
        return {"success": [wire], "errors": []}
    return wire


def synthesize(definition: Definition, schema: Any, depth: int = 0) -> Any:
    """A small valid instance of a schema (examples first), for operations the sandbox only acknowledges."""
    schema = definition.resolve(schema).node
    if not isinstance(schema, Mapping) or depth > 8:
        return None
    if "example" in schema:
        return schema["example"]
    if isinstance(schema.get("examples"), list) and schema["examples"]:
        return schema["examples"][0]
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    for key in ("oneOf", "anyOf"):
        if isinstance(schema.get(key), list) and schema[key]:
            return synthesize(definition, schema[key][0], depth + 1)
    if isinstance(schema.get("allOf"), list):
        merged: Document = {}
        for part in schema["allOf"]:
            value = synthesize(definition, part, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    types = schema.get("type")
    kind = next((t for t in types if t != "null"), "null") if isinstance(types, list) else types
    if kind == "object" or (kind is None and "properties" in schema):
        props = schema.get("properties") or {}
        return {name: synthesize(definition, sub, depth + 1) for name, sub in props.items()}
    if kind == "array":
        return []
    if kind == "integer":
        return int(schema.get("minimum", 0))
    if kind == "number":
        return float(schema.get("minimum", 0))
    if kind == "boolean":
        return False
    if kind == "string":
        fmt = schema.get("format")
        return {
            "uuid": "00000000-0000-4000-8000-000000000000",
            "date": "2026-01-01",
            "date-time": "2026-01-01T00:00:00Z",
            "email": "demo@example.com",
            "uri": "https://example.com/",
        }.get(str(fmt), "x" * int(schema.get("minLength", 0)))
    return None
