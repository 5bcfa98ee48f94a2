"""Requests checked against the spec: query parameters and JSON bodies, with jsonschema (refs
resolved through ``referencing``). The errors name the field at fault."""

from __future__ import annotations

import importlib
import math
import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from cegid_loop.sandbox.limits import MAX_INTEGER_DIGITS, parse_integer

if TYPE_CHECKING:
    from referencing import Registry

SPEC_URI = "urn:cegid-loop:spec"


@cache
def _jsonschema() -> Any:
    """jsonschema, imported when a body is first checked (it costs ~100 ms of start-up otherwise).
    It ships no type information (and types-jsonschema is not a dependency): typed as Any."""
    return importlib.import_module("jsonschema")


class OutOfRange(ValueError):
    """A query parameter whose number the API cannot hold."""


class Validator:
    """Request validation with jsonschema against the spec (refs resolved through ``referencing``)."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self._spec = spec
        self._registry: Registry[Any] | None = None
        self._cache: dict[str, Any] = {}

    @property
    def registry(self) -> Registry[Any]:
        if self._registry is None:
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT202012

            resource = Resource.from_contents(dict(self._spec), default_specification=DRAFT202012)
            self._registry = Registry().with_resource(SPEC_URI, resource)
        return self._registry

    def _validator(self, ptr: str) -> Any:
        if ptr not in self._cache:
            jsonschema = _jsonschema()
            self._cache[ptr] = jsonschema.Draft202012Validator(
                {"$ref": SPEC_URI + ptr}, registry=self.registry, format_checker=jsonschema.FormatChecker()
            )
        return self._cache[ptr]

    def body_errors(self, ptr: str, instance: Any) -> list[dict[str, Any]]:
        return [_describe(e) for e in self._sorted(self._validator(ptr), instance)]

    def schema_errors(self, schema: Mapping[str, Any], instance: Any) -> list[str]:
        jsonschema = _jsonschema()
        validator = jsonschema.Draft202012Validator(
            dict(schema), registry=self.registry, format_checker=jsonschema.FormatChecker()
        )
        return [e.message for e in self._sorted(validator, instance)]

    @staticmethod
    def _sorted(validator: Any, instance: Any) -> list[Any]:
        try:
            errors = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
            return list(errors[:20])
        except _jsonschema().exceptions._WrappedReferencingError:  # unresolvable $ref in the spec: accept
            return []


def _describe(error: Any) -> dict[str, Any]:
    parts = [str(p) for p in error.absolute_path]
    if error.validator == "required" and isinstance(error.instance, Mapping):
        # One error per missing property, each with the whole `required` list: name the one its
        # message is about ("'subscriptionId' is a required property"), not the first missing.
        missing = [p for p in error.validator_value if p not in error.instance]
        named = [p for p in missing if error.message.startswith(f"{p!r} ")]
        if named or missing:
            parts.append(str((named or missing)[0]))
    return {"field": ".".join(parts) or "(body)", "message": error.message[:300]}


def allows_null(schema: Any) -> bool:
    if not isinstance(schema, Mapping):
        return True
    types = schema.get("type")
    if types is None:
        subs = [*(schema.get("anyOf") or []), *(schema.get("oneOf") or [])]
        return not subs or any(isinstance(x, Mapping) and allows_null(x) for x in subs)
    return types == "null" or (isinstance(types, list) and "null" in types)


def coerce(value: str, schema: Mapping[str, Any]) -> Any:
    """A query string value as the JSON value its schema describes (numbers may come quoted).
    Raises :class:`OutOfRange` for a number the API cannot hold."""
    types = schema.get("type")
    types = types if isinstance(types, list) else [types]
    raw = value.strip()
    unquoted = raw[1:-1] if len(raw) >= 2 and raw[0] == raw[-1] == '"' else raw  # Q-QUOTED-NUMBERS
    if "integer" in types and re.fullmatch(r"[+-]?\d+", unquoted):
        integer = parse_integer(unquoted)
        if integer is None:
            raise OutOfRange(f"{unquoted[:40]}…: more than {MAX_INTEGER_DIGITS} digits")
        return integer
    if "number" in types:
        try:
            number = float(unquoted)
        except ValueError:
            pass
        else:
            if not math.isfinite(number):
                raise OutOfRange(f"{unquoted[:40]} is outside the range of a double")
            return number
    if "boolean" in types and unquoted in ("true", "false"):
        return unquoted == "true"
    if "array" in types:
        return [v for v in value.split(",")]
    return value
