"""Requests checked against the sandbox's definition: query parameters and JSON bodies, with the
definition's validator (:class:`cegid_loop.definition.validator.SchemaValidator`). The errors
name the field at fault."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from cegid_loop.definition import Definition, Parameter
from cegid_loop.definition.validator import UnresolvedReference
from cegid_loop.sandbox.limits import MAX_INTEGER_DIGITS, parse_integer

MAX_ERRORS = 20


class OutOfRange(ValueError):
    """A query parameter whose number the API cannot hold."""


class RequestValidator:
    """A request's parameters and body against the definition; a ``$ref`` that leads nowhere in
    it accepts the value (the sandbox answers what it can rather than fail on its own definition)."""

    def __init__(self, definition: Definition) -> None:
        self.definition = definition

    def _errors(self, pointer: str, instance: Any) -> list[Any]:
        try:
            errors = self.definition.validator().errors(pointer, instance)
        except UnresolvedReference:
            return []
        return sorted(errors, key=lambda e: list(map(str, e.absolute_path)))[:MAX_ERRORS]

    def body_errors(self, pointer: str, instance: Any) -> list[dict[str, Any]]:
        return [_describe(e) for e in self._errors(pointer, instance)]

    def parameter_errors(self, parameter: Parameter, value: Any) -> list[str]:
        return [e.message for e in self._errors(parameter.schema_pointer, value)]


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
