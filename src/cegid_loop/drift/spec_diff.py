"""Compare two OpenAPI definitions and classify every change as breaking or not (oasdiff's spirit).

One principle decides the severity of a schema change, from the point of view of a client built
from the OLD definition:

- in a **request** (parameters, request body) the server must accept everything the client sends:
  a change that *narrows* what is accepted is breaking (type or format changed, enum value removed,
  field made required, tighter bound), one that widens it is not;
- in a **response** the client must understand everything the server sends: a change that *widens*
  what may come back is breaking (type changed, format dropped or changed, enum value added, field
  becomes nullable or optional), one that narrows it is not. Bounds and patterns on responses are
  informational (clients do not enforce them).

Structural rules on top: an operation removed or renamed, a parameter/field removed, a required
parameter or request body added, a success status removed, a security requirement changed are
breaking; additions are not. Component schemas are compared where operations use them, so each
change is reported per operation with its location (``response 200: $[*].numero``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cegid_loop.drift.errors import DefinitionError
from cegid_loop.drift.report import BREAKING, NON_BREAKING, Finding, Report

REQUEST, RESPONSE = "request", "response"
DOCUMENT = "(document)"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
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
_SCHEME_FIELDS = ("type", "in", "name", "scheme", "bearerFormat")


@dataclass(frozen=True)
class Change:
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

    def finding(self) -> Finding:
        return Finding(
            operation=self.operation,
            kind=self.kind,
            path=self.path,
            verdict=self.severity,
            old=self.old,
            new=self.new,
            message=self.message,
        )


def load_definition(path: Path) -> dict[str, Any]:
    """A YAML or JSON OpenAPI file; raises :class:`DefinitionError` with a one-line reason."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DefinitionError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DefinitionError(f"{path}: not YAML/JSON ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict) or not isinstance(data.get("paths"), dict):
        raise DefinitionError(f"{path}: not an OpenAPI document (no 'paths')")
    return data


# -- documents and operations ----------------------------------------------------------------------


class _Doc:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data

    def pointer(self, ref: str) -> Any:
        node: Any = self.data
        for part in ref[2:].split("/") if ref != "#" else []:
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def resolve(self, node: Any) -> tuple[Any, str | None]:
        """Follow local ``$ref`` chains; returns the node and the last ref followed (for cycles)."""
        ref: str | None = None
        for _ in range(32):
            if not (
                isinstance(node, Mapping)
                and isinstance(node.get("$ref"), str)
                and node["$ref"].startswith("#")
            ):
                break
            ref = node["$ref"]
            try:
                node = self.pointer(ref)
            except (KeyError, IndexError, ValueError):
                return {}, ref
        return node, ref

    def flatten(self, node: Any) -> tuple[dict[str, Any], str | None]:
        """Resolve refs and merge ``allOf`` parts into one schema (properties and required united)."""
        node, ref = self.resolve(node)
        if not isinstance(node, Mapping):
            return {}, ref
        out = {k: v for k, v in node.items() if k != "allOf"}
        parts = node.get("allOf") or []
        if ref is None and len(parts) == 1:
            ref = self.resolve(parts[0])[1]  # `allOf: [$ref]` + constraints: still that schema
        for part in parts:
            merged, _ = self.flatten(part)
            props = {**(merged.get("properties") or {}), **(out.get("properties") or {})}
            required = list(dict.fromkeys([*(merged.get("required") or []), *(out.get("required") or [])]))
            for key, value in merged.items():
                out.setdefault(key, value)
            if props:
                out["properties"] = props
            if required:
                out["required"] = required
        return out, ref


@dataclass
class _Operation:
    method: str
    path: str
    node: Mapping[str, Any]
    parameters: dict[tuple[str, str], dict[str, Any]]
    security: frozenset[frozenset[str]]

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def key(self) -> tuple[str, str]:
        return self.method, re.sub(r"\{[^}]*\}", "{}", self.path)

    @property
    def operation_id(self) -> str | None:
        value = self.node.get("operationId")
        return str(value) if value else None


def _security(doc: _Doc, op: Mapping[str, Any]) -> frozenset[frozenset[str]]:
    requirements = op["security"] if "security" in op else doc.data.get("security")
    if not requirements:
        return frozenset({frozenset()})
    return frozenset(frozenset(req) for req in requirements if isinstance(req, Mapping))


def _operations(doc: _Doc) -> dict[tuple[str, str], _Operation]:
    out: dict[tuple[str, str], _Operation] = {}
    for path, raw_item in (doc.data.get("paths") or {}).items():
        item, _ = doc.resolve(raw_item)
        if not isinstance(item, Mapping):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, Mapping):
                continue
            params: dict[tuple[str, str], dict[str, Any]] = {}
            for raw in [*(item.get("parameters") or []), *(op.get("parameters") or [])]:
                param, _ = doc.resolve(raw)
                if isinstance(param, Mapping) and "name" in param:
                    where = str(param.get("in"))
                    name = str(param["name"])
                    params[(where, name.lower() if where == "header" else name)] = dict(param)
            operation = _Operation(method.upper(), str(path), op, params, _security(doc, op))
            out[operation.key] = operation
    return out


# -- schema comparison ------------------------------------------------------------------------------


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


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _where(where: str, jpath: str) -> str:
    return where if jpath == "$" else f"{where}: {jpath}"


Emit = Callable[[str, str, str, Any, Any, str, str], None]  # kind, severity, path, old, new, message, model
_SCHEMA_REF = "#/components/schemas/"


class _SchemaDiff:
    """Compares two schemas of one operation; ``emit`` receives each classified change."""

    def __init__(self, old: _Doc, new: _Doc, emit: Emit) -> None:
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
        old, old_ref = self.old.flatten(old_raw)
        new, new_ref = self.new.flatten(new_raw)
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

    def _branches(self, doc: _Doc, schema: dict[str, Any]) -> list[dict[str, Any]]:
        for key in ("anyOf", "oneOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                return [doc.flatten(b)[0] for b in schema[key]]
        return [schema]

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
        before_keys = {_key(v): v for v in before}
        after_keys = {_key(v): v for v in after}
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


# -- operation comparison ---------------------------------------------------------------------------


def _media(doc: _Doc, holder: Any) -> dict[str, Any]:
    content = holder.get("content") if isinstance(holder, Mapping) else None
    return (
        {str(k): (v or {}).get("schema") for k, v in (content or {}).items()}
        if isinstance(content, Mapping)
        else {}
    )


def _security_text(requirement: frozenset[str]) -> str:
    return "+".join(sorted(requirement)) or "(none)"


class _Differ:
    def __init__(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        self.old, self.new = _Doc(old), _Doc(new)
        self.changes: list[Change] = []

    def add(
        self,
        kind: str,
        severity: str,
        operation: str,
        path: str,
        old: Any = None,
        new: Any = None,
        message: str = "",
    ) -> None:
        self.changes.append(Change(kind, severity, operation, path, old, new, message))

    def run(self) -> list[Change]:
        self._document()
        old_ops, new_ops = _operations(self.old), _operations(self.new)
        removed = [k for k in old_ops if k not in new_ops]
        added = [k for k in new_ops if k not in old_ops]
        by_id = {new_ops[k].operation_id: k for k in added if new_ops[k].operation_id}
        for key in removed:
            old_op = old_ops[key]
            target = by_id.pop(old_op.operation_id, None) if old_op.operation_id else None
            if target is None:
                self.add("operation-removed", BREAKING, old_op.label, "", old_op.label, None)
                continue
            added.remove(target)
            new_op = new_ops[target]
            self.add(
                "operation-renamed",
                BREAKING,
                new_op.label,
                "",
                old_op.label,
                new_op.label,
                f"operationId {old_op.operation_id} moved",
            )
            self._operation(old_op, new_op)
        for key in added:
            self.add("operation-added", NON_BREAKING, new_ops[key].label, "", None, new_ops[key].label)
        for key, old_op in old_ops.items():
            if key in new_ops:
                self._operation(old_op, new_ops[key])
        return _dedupe(self.changes)

    def _document(self) -> None:
        old_schemes = (self.old.data.get("components") or {}).get("securitySchemes") or {}
        new_schemes = (self.new.data.get("components") or {}).get("securitySchemes") or {}
        for name, scheme in old_schemes.items():
            if name not in new_schemes:
                self.add("security-scheme-removed", BREAKING, DOCUMENT, f"securitySchemes.{name}", name, None)
                continue
            before, after = self.old.resolve(scheme)[0], self.new.resolve(new_schemes[name])[0]
            for field in _SCHEME_FIELDS:
                if (
                    isinstance(before, Mapping)
                    and isinstance(after, Mapping)
                    and before.get(field) != after.get(field)
                ):
                    self.add(
                        "security-scheme-changed",
                        BREAKING,
                        DOCUMENT,
                        f"securitySchemes.{name}.{field}",
                        before.get(field),
                        after.get(field),
                    )
        for name in new_schemes:
            if name not in old_schemes:
                self.add(
                    "security-scheme-added", NON_BREAKING, DOCUMENT, f"securitySchemes.{name}", None, name
                )
        old_servers = [s.get("url") for s in self.old.data.get("servers") or [] if isinstance(s, Mapping)]
        new_servers = [s.get("url") for s in self.new.data.get("servers") or [] if isinstance(s, Mapping)]
        if old_servers != new_servers:
            self.add(
                "servers-changed",
                NON_BREAKING,
                DOCUMENT,
                "servers",
                old_servers,
                new_servers,
                "the client's base URL is configured, not read from the definition",
            )

    def _operation(self, old: _Operation, new: _Operation) -> None:
        label = new.label
        if old.operation_id != new.operation_id and old.key == new.key:
            self.add(
                "operation-id-changed",
                BREAKING,
                label,
                "operationId",
                old.operation_id,
                new.operation_id,
                "generated function names follow the operationId",
            )
        if not old.node.get("deprecated") and new.node.get("deprecated"):
            self.add("operation-deprecated", NON_BREAKING, label, "deprecated", False, True)
        for requirement in sorted(old.security - new.security, key=_security_text):
            self.add(
                "security-changed",
                BREAKING,
                label,
                "security",
                _security_text(requirement),
                " | ".join(sorted(_security_text(r) for r in new.security)),
            )
        if old.security <= new.security:
            for requirement in sorted(new.security - old.security, key=_security_text):
                self.add(
                    "security-alternative-added",
                    NON_BREAKING,
                    label,
                    "security",
                    None,
                    _security_text(requirement),
                )
        self._parameters(old, new)
        self._request_body(old, new)
        self._responses(old, new)

    def _schemas(self, label: str) -> _SchemaDiff:
        def emit(
            kind: str, severity: str, path: str, before: Any, after: Any, message: str, model: str
        ) -> None:
            self.changes.append(Change(kind, severity, label, path, before, after, message, model))

        return _SchemaDiff(self.old, self.new, emit)

    def _parameters(self, old: _Operation, new: _Operation) -> None:
        label = new.label
        for key, param in old.parameters.items():
            where = f"{key[0]}.{param['name']}"
            if key not in new.parameters:
                self.add("parameter-removed", BREAKING, label, where, param["name"], None)
                continue
            after = new.parameters[key]
            if bool(param.get("required")) != bool(after.get("required")):
                made = bool(after.get("required"))
                self.add(
                    f"parameter-became-{'required' if made else 'optional'}",
                    BREAKING if made else NON_BREAKING,
                    label,
                    where,
                    not made,
                    made,
                )
            self._schemas(label).compare(
                param.get("schema") or {}, after.get("schema") or {}, side=REQUEST, where=where
            )
        for key, param in new.parameters.items():
            if key not in old.parameters:
                required = bool(param.get("required"))
                self.add(
                    "parameter-added-required" if required else "parameter-added",
                    BREAKING if required else NON_BREAKING,
                    label,
                    f"{key[0]}.{param['name']}",
                    None,
                    param["name"],
                )

    def _request_body(self, old: _Operation, new: _Operation) -> None:
        label = new.label
        before = self.old.resolve(old.node.get("requestBody"))[0] if old.node.get("requestBody") else None
        after = self.new.resolve(new.node.get("requestBody"))[0] if new.node.get("requestBody") else None
        if before is None:
            if after is None:
                return
            required = bool(after.get("required"))
            self.add(
                "request-body-added-required" if required else "request-body-added",
                BREAKING if required else NON_BREAKING,
                label,
                "request body",
            )
            return
        if after is None:
            self.add("request-body-removed", BREAKING, label, "request body")
            return
        if bool(before.get("required")) != bool(after.get("required")):
            made = bool(after.get("required"))
            self.add(
                f"request-body-became-{'required' if made else 'optional'}",
                BREAKING if made else NON_BREAKING,
                label,
                "request body",
                not made,
                made,
            )
        self._content(
            label, _media(self.old, before), _media(self.new, after), side=REQUEST, where="request body"
        )

    def _content(
        self, label: str, before: dict[str, Any], after: dict[str, Any], *, side: str, where: str
    ) -> None:
        for media in before:
            if media not in after:
                self.add(f"{side}-media-type-removed", BREAKING, label, where, media, None)
        for media in after:
            if media not in before:
                self.add(f"{side}-media-type-added", NON_BREAKING, label, where, None, media)
        several = len(before) > 1
        for media, schema in before.items():
            if media in after and schema is not None and after[media] is not None:
                self._schemas(label).compare(
                    schema, after[media], side=side, where=f"{where} ({media})" if several else where
                )

    def _responses(self, old: _Operation, new: _Operation) -> None:
        label = new.label
        before = {str(k): v for k, v in (old.node.get("responses") or {}).items()}
        after = {str(k): v for k, v in (new.node.get("responses") or {}).items()}
        for status, raw in before.items():
            if status not in after:
                success = status.startswith("2")
                self.add(
                    "response-status-removed",
                    BREAKING if success else NON_BREAKING,
                    label,
                    f"response {status}",
                    status,
                    None,
                )
                continue
            old_resp = self.old.resolve(raw)[0]
            new_resp = self.new.resolve(after[status])[0]
            self._content(
                label,
                _media(self.old, old_resp),
                _media(self.new, new_resp),
                side=RESPONSE,
                where=f"response {status}",
            )
            self._headers(label, status, old_resp, new_resp)
        for status in after:
            if status not in before:
                self.add("response-status-added", NON_BREAKING, label, f"response {status}", None, status)

    def _headers(self, label: str, status: str, old: Any, new: Any) -> None:
        before = {str(k).lower(): v for k, v in ((old or {}).get("headers") or {}).items()}
        after = {str(k).lower(): v for k, v in ((new or {}).get("headers") or {}).items()}
        for name, header in before.items():
            where = f"response {status} header {name}"
            if name not in after:
                self.add("response-header-removed", BREAKING, label, where, name, None)
                continue
            old_h, new_h = self.old.resolve(header)[0], self.new.resolve(after[name])[0]
            self._schemas(label).compare(
                (old_h or {}).get("schema") or {},
                (new_h or {}).get("schema") or {},
                side=RESPONSE,
                where=where,
            )
        for name in after:
            if name not in before:
                self.add(
                    "response-header-added",
                    NON_BREAKING,
                    label,
                    f"response {status} header {name}",
                    None,
                    name,
                )


def _dedupe(changes: list[Change]) -> list[Change]:
    seen: dict[tuple[str, str, str, str, str], Change] = {}
    for change in changes:
        key = (change.operation, change.kind, change.path, _key(change.old), _key(change.new))
        seen.setdefault(key, change)
    return list(seen.values())


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every classified change from ``old`` to ``new``."""
    return _Differ(old, new).run()


def _labels(doc: Mapping[str, Any]) -> Iterator[str]:
    for operation in _operations(_Doc(doc)).values():
        yield operation.label


def diff_report(
    old: Mapping[str, Any], new: Mapping[str, Any], *, old_name: str = "old", new_name: str = "new"
) -> Report:
    changes = diff(old, new)
    operations = list(dict.fromkeys([*_labels(new), *_labels(old)]))
    if any(c.operation == DOCUMENT for c in changes):
        operations.insert(0, DOCUMENT)
    subject = {
        "old": old_name,
        "new": new_name,
        "old version": (old.get("info") or {}).get("version"),
        "new version": (new.get("info") or {}).get("version"),
    }
    return Report(
        command="spec",
        title="API definition drift (cegid-loop drift spec)",
        subject=subject,
        findings=[c.finding() for c in changes],
        operations=operations,
    )
