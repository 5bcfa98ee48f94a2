"""Compare two schemas of one operation and classify each difference as breaking or not, from
the point of view of a client built from the OLD definition (the principle ``drift spec`` applies,
see :mod:`.spec_diff`):

- in a **request** the server must accept everything the client sends: a change that *narrows*
  what is accepted is breaking (type or format changed, enum value removed, field made required,
  tighter bound), one that widens it is not;
- in a **response** the client must understand everything the server sends: a change that
  *widens* what may come back is breaking (type changed, format dropped or changed, enum value
  added, field becomes nullable or optional), one that narrows it is not. Bounds and patterns on
  responses are informational (clients do not enforce them).

References are followed and ``allOf`` merged by the definition model
(:func:`cegid_loop.definition.schemas.flatten`); a recursive schema is compared once per pair.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cegid_loop.definition import Definition
from cegid_loop.definition.schemas import branches, flatten
from cegid_loop.drift.report import BREAKING, NON_BREAKING, DriftFinding

REQUEST, RESPONSE = "request", "response"
# Bounds: keyword -> True when a larger value narrows what is allowed.
_BOUNDS = {
    "minimum": True,
    "exclusiveMinimum": True,
    "minLength": True,
    "minItems": True,
    "maximum": False,
    "exclusiveMaximum": False,
    "maxLength": False,
    "maxItems": False,
}


@dataclass(frozen=True)
class SpecChange:
    """One classified difference between the old and the new definition."""

    kind: str
    severity: str  # BREAKING | NON_BREAKING
    operation: str  # "GET /compte", or "(document)"
    path: str  # location inside the operation
    old: Any = None
    new: Any = None
    message: str = ""
    model: str = ""  # the component schema and property it is in ("Compte.tvaIntra"), when it is in one

    @property
    def breaking(self) -> bool:
        return self.severity == BREAKING

    def finding(self) -> DriftFinding:
        return DriftFinding(
            operation=self.operation,
            kind=self.kind,
            path=self.path,
            verdict=self.severity,
            old=self.old,
            new=self.new,
            message=self.message,
        )


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _types(schema: Mapping[str, Any]) -> set[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        types = {declared}
    elif isinstance(declared, list):
        types = {str(t) for t in declared}
    elif "properties" in schema:
        types = {"object"}
    elif "items" in schema:
        types = {"array"}
    elif isinstance(schema.get("enum"), list) and schema["enum"]:
        types = {_json_type(v) for v in schema["enum"]}
    elif "const" in schema:
        types = {_json_type(schema["const"])}
    else:
        types = {"any"}
    if schema.get("nullable") is True:
        types.add("null")
    return types


def _covered(kind: str, types: set[str]) -> bool:
    return kind in types or "any" in types or (kind == "integer" and "number" in types)


def value_key(value: Any) -> str:
    """A value as text that tells any two JSON values apart (for sets of enum values, dedupe)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _where(where: str, jpath: str) -> str:
    return where if jpath == "$" else f"{where}: {jpath}"


Emit = Callable[[str, str, str, Any, Any, str, str], None]  # kind, severity, path, old, new, message, model
_SCHEMA_REF = "#/components/schemas/"


class SchemaDiff:
    """Compares two schemas of one operation; ``emit`` receives each classified change."""

    def __init__(self, old: Definition, new: Definition, emit: Emit) -> None:
        self.old, self.new, self._emit = old, new, emit
        self._model: tuple[str, str] | None = None  # innermost component schema: (name, jpath there)

    def emit(self, kind: str, severity: str, location: str, before: Any, after: Any, message: str) -> None:
        model = ""
        if self._model is not None:
            name, entry = self._model
            jpath = location.split(": ", 1)[1] if ": " in location else "$"
            inner = jpath[len(entry) :] if jpath.startswith(entry) else ""
            model = name + (inner if inner.startswith((".", "[")) else f".{inner}" if inner else "")
        self._emit(kind, severity, location, before, after, message, model)

    def severity(self, side: str, *, widen: bool, narrow: bool, constraint: bool = False) -> str:
        if side == REQUEST:
            return BREAKING if narrow else NON_BREAKING
        return BREAKING if widen and not constraint else NON_BREAKING

    def compare(
        self,
        old_raw: Any,
        new_raw: Any,
        *,
        side: str,
        where: str,
        jpath: str = "$",
        seen: frozenset[tuple[str, str]] = frozenset(),
    ) -> None:
        old, old_ref = flatten(self.old, old_raw)
        new, new_ref = flatten(self.new, new_raw)
        if old_ref and new_ref:
            if (old_ref, new_ref) in seen:
                return  # recursive schema: this pair is being compared further up
            seen = seen | {(old_ref, new_ref)}
        outer = self._model
        if new_ref and new_ref.startswith(_SCHEMA_REF):
            self._model = (new_ref[len(_SCHEMA_REF) :], jpath)
        try:
            self._compare(old, new, side=side, where=where, jpath=jpath, seen=seen)
        finally:
            self._model = outer

    def _compare(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        *,
        side: str,
        where: str,
        jpath: str,
        seen: frozenset[tuple[str, str]],
    ) -> None:
        old_branches = self._branches(self.old, old)
        new_branches = self._branches(self.new, new)
        old_types = set().union(*(_types(b) for b in old_branches))
        new_types = set().union(*(_types(b) for b in new_branches))
        location = _where(where, jpath)
        self._nullability(old_types, new_types, side, location)
        old_types.discard("null")
        new_types.discard("null")
        widen = any(not _covered(t, old_types) for t in new_types)
        narrow = any(not _covered(t, new_types) for t in old_types)
        if widen or narrow:
            self.emit(
                "type-changed",
                self.severity(side, widen=widen, narrow=narrow),
                location,
                "|".join(sorted(old_types)),
                "|".join(sorted(new_types)),
                "",
            )
        done: set[tuple[int, int]] = set()
        for kind in sorted(old_types & new_types):
            ob = next(b for b in old_branches if kind in _types(b))
            nb = next(b for b in new_branches if kind in _types(b))
            if (id(ob), id(nb)) not in done:
                done.add((id(ob), id(nb)))
                self._details(ob, nb, side=side, where=where, jpath=jpath, seen=seen)

    def _branches(self, definition: Definition, schema: dict[str, Any]) -> list[dict[str, Any]]:
        parts = branches(definition, schema)
        return [flatten(definition, b)[0] for b in parts] if parts else [schema]

    def _nullability(self, old_types: set[str], new_types: set[str], side: str, location: str) -> None:
        if "null" in new_types and "null" not in old_types and "any" not in old_types:
            self.emit(
                "became-nullable", self.severity(side, widen=True, narrow=False), location, False, True, ""
            )
        elif "null" in old_types and "null" not in new_types and "any" not in new_types:
            self.emit(
                "no-longer-nullable", self.severity(side, widen=False, narrow=True), location, True, False, ""
            )

    def _details(
        self,
        old: Mapping[str, Any],
        new: Mapping[str, Any],
        *,
        side: str,
        where: str,
        jpath: str,
        seen: frozenset[tuple[str, str]],
    ) -> None:
        location = _where(where, jpath)
        self._format(old, new, side, location)
        self._enum(old, new, side, location)
        self._constraints(old, new, side, location)
        if "object" in _types(old) or "properties" in old or "properties" in new:
            self._properties(old, new, side=side, where=where, jpath=jpath, seen=seen)
        if "items" in old and "items" in new:
            self.compare(old["items"], new["items"], side=side, where=where, jpath=f"{jpath}[*]", seen=seen)

    def _format(self, old: Mapping[str, Any], new: Mapping[str, Any], side: str, location: str) -> None:
        before, after = old.get("format"), new.get("format")
        if before != after:
            severity = self.severity(side, widen=before is not None, narrow=after is not None)
            self.emit("format-changed", severity, location, before, after, "")

    def _enum(self, old: Mapping[str, Any], new: Mapping[str, Any], side: str, location: str) -> None:
        before, after = old.get("enum"), new.get("enum")
        if before is None and after is None:
            return
        if before is None:
            self.emit("enum-added", self.severity(side, widen=False, narrow=True), location, None, after, "")
            return
        if after is None:
            self.emit(
                "enum-removed", self.severity(side, widen=True, narrow=False), location, before, None, ""
            )
            return
        before_keys = {value_key(v): v for v in before}
        after_keys = {value_key(v): v for v in after}
        for key, value in after_keys.items():
            if key not in before_keys:
                self.emit(
                    "enum-value-added",
                    self.severity(side, widen=True, narrow=False),
                    location,
                    None,
                    value,
                    "",
                )
        for key, value in before_keys.items():
            if key not in after_keys:
                self.emit(
                    "enum-value-removed",
                    self.severity(side, widen=False, narrow=True),
                    location,
                    value,
                    None,
                    "",
                )

    def _constraints(self, old: Mapping[str, Any], new: Mapping[str, Any], side: str, location: str) -> None:
        for keyword, larger_narrows in _BOUNDS.items():
            before, after = old.get(keyword), new.get(keyword)
            if before == after or isinstance(before, bool) or isinstance(after, bool):
                continue
            # a bound appearing narrows; otherwise it depends on the direction of the bound
            narrow = before is None if before is None or after is None else (after > before) == larger_narrows
            severity = self.severity(side, widen=not narrow, narrow=narrow, constraint=True)
            self.emit(f"{keyword}-changed", severity, location, before, after, "")
        if old.get("pattern") != new.get("pattern"):
            narrow = new.get("pattern") is not None
            severity = self.severity(
                side, widen=old.get("pattern") is not None, narrow=narrow, constraint=True
            )
            self.emit("pattern-changed", severity, location, old.get("pattern"), new.get("pattern"), "")

    def _properties(
        self,
        old: Mapping[str, Any],
        new: Mapping[str, Any],
        *,
        side: str,
        where: str,
        jpath: str,
        seen: frozenset[tuple[str, str]],
    ) -> None:
        old_props: Mapping[str, Any] = old.get("properties") or {}
        new_props: Mapping[str, Any] = new.get("properties") or {}
        old_req = set(old.get("required") or [])
        new_req = set(new.get("required") or [])
        for name in old_props:
            if name not in new_props:
                self.emit(
                    f"{side}-property-removed", BREAKING, _where(where, f"{jpath}.{name}"), name, None, ""
                )
        for name in new_props:
            if name in old_props:
                continue
            if side == REQUEST and name in new_req:
                self.emit(
                    "request-property-added-required",
                    BREAKING,
                    _where(where, f"{jpath}.{name}"),
                    None,
                    name,
                    "",
                )
            else:
                self.emit(
                    f"{side}-property-added", NON_BREAKING, _where(where, f"{jpath}.{name}"), None, name, ""
                )
        for name in sorted((old_req ^ new_req) & set(old_props) & set(new_props)):
            made_required = name in new_req
            kind = f"{side}-property-became-{'required' if made_required else 'optional'}"
            severity = self.severity(side, widen=not made_required, narrow=made_required)
            self.emit(kind, severity, _where(where, f"{jpath}.{name}"), not made_required, made_required, "")
        for name, schema in old_props.items():
            if name in new_props:
                self.compare(
                    schema, new_props[name], side=side, where=where, jpath=f"{jpath}.{name}", seen=seen
                )
