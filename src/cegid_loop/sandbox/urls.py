"""Routing built from the spec: one route per path + method of the OpenAPI description.

Each operation gets a generic handler picked from its shape (see :func:`classify`): list, single
GET, add, modify, delete, the import family, deposit URL, import status, or a generic "action"
(answered from the response schema). Unknown method + path → APIM's 404 (Q-APIM-404), also for an
undocumented method on a known path. Paths match case-insensitively (Q-PATH-CASE).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cegid_loop import spec as spec_module
from cegid_loop.sandbox.resources import Resource, ResourceRule, rule_for

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

# Operation kinds
LIST, SINGLE, ADD, MODIFY, DELETE = "list", "single", "add", "modify", "delete"
IMPORT_FILE, IMPORT_JSON, DEPOSIT, IMPORT_STATUS, IMPORT_HISTORY, ACTION = (
    "import-file",
    "import-json",
    "deposit",
    "import-status",
    "import-history",
    "action",
)


def load_spec(max_body_bytes: int | None = None) -> dict[str, Any]:
    """The sandbox's definition (:mod:`cegid_loop.sandbox.definition`: the effective spec, what the
    API really does, plus what the sandbox answers beyond it); the upstream one until the overlay
    exists.

    The only place where the sandbox falls back from one to the other: the upstream spec is then
    relaxed (see :func:`relax`) so that clients can send back what the sandbox answers.
    """
    from cegid_loop.sandbox.definition import sandbox_definition  # it builds on this module

    try:
        spec_module.load_effective()
    except Exception:
        return relax(spec_module.load_upstream())
    if max_body_bytes is None:
        return sandbox_definition()
    return sandbox_definition(max_body_bytes=max_body_bytes)


def resolve(spec: Mapping[str, Any], node: Any, depth: int = 0) -> Any:
    """Follow a local ``$ref`` (one level at a time, up to a sane depth)."""
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and depth < 32:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return node
        target: Any = spec
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node, depth = target, depth + 1
    return node


def pointer(*parts: str) -> str:
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


@dataclass
class Parameter:
    name: str
    location: str
    required: bool
    schema: dict[str, Any]


@dataclass
class Operation:
    method: str  # upper case
    path: str  # as in the spec
    operation_id: str
    kind: str
    resource: str  # last path segment, lower case
    rule: ResourceRule
    parameters: list[Parameter] = field(default_factory=list)
    body_pointer: str | None = None  # JSON pointer to the request body schema
    body_required: bool = False
    response_schema: Any = None  # 2xx JSON schema (resolved one level)
    response_pointer: str | None = None
    import_kind: str | None = None
    deprecated: bool = False
    item_schema: Any = None  # schema of one object of the resource (resolved), for null handling

    @property
    def collection(self) -> str:
        return self.rule.collection or self.resource

    @property
    def target(self) -> Resource:
        return Resource(self.resource, self.rule)


def _json_schema(content: Mapping[str, Any] | None) -> tuple[Any, str | None]:
    if not isinstance(content, Mapping):
        return None, None
    for media, entry in content.items():
        if "json" in media.lower() and isinstance(entry, Mapping) and "schema" in entry:
            return entry["schema"], media
    for media, entry in content.items():
        if isinstance(entry, Mapping) and "schema" in entry:
            return entry["schema"], media
    return None, None


def _success_schema(
    spec: Mapping[str, Any], op: Mapping[str, Any], path: str, method: str
) -> tuple[Any, str | None]:
    responses = op.get("responses") or {}
    for status in ("200", "201", "2XX", "2xx", "default"):
        if status in responses:
            response = resolve(spec, responses[status])
            schema, media = _json_schema(response.get("content") if isinstance(response, Mapping) else None)
            if schema is not None:
                ptr = pointer("paths", path, method, "responses", status, "content", media or "", "schema")
                return schema, ptr
    return None, None


def _is_array(spec: Mapping[str, Any], schema: Any) -> bool:
    schema = resolve(spec, schema)
    if not isinstance(schema, Mapping):
        return False
    if schema.get("type") == "array" or (isinstance(schema.get("type"), list) and "array" in schema["type"]):
        return True
    props = schema.get("properties")
    if isinstance(props, Mapping) and "data" in props:  # {"data": [...]} (groupe)
        return _is_array(spec, props["data"])
    for key in ("oneOf", "anyOf"):
        if isinstance(schema.get(key), list) and any(_is_array(spec, s) for s in schema[key]):
            return True
    return False


def classify(
    method: str, path: str, param_names: set[str], has_body: bool, array_response: bool
) -> tuple[str, str | None]:
    """Pick the generic handler of an operation from its shape; returns (kind, import kind)."""
    low = path.lower().rstrip("/")
    last = low.rsplit("/", 1)[-1]
    if method == "GET" and "getfileurldeposit" in last:
        return DEPOSIT, None
    if method == "GET" and ("getimportstatus" in last or last == "getstatus" or "importstatus" in last):
        return IMPORT_STATUS, None
    if method == "GET" and "importhistory" in last:
        return IMPORT_HISTORY, None
    if method == "POST" and last.startswith("import"):
        fmt = last[len("import") :]
        if fmt == "json":
            return IMPORT_JSON, None
        return IMPORT_FILE, {"fec": "fec", "tra": "tra", "perso": "perso"}.get(fmt, fmt or "file")
    rule = rule_for(last)
    if rule.kind is not None:
        return rule.kind, None
    if method == "GET":
        if rule.single:
            return SINGLE, None
        return (LIST, None) if array_response or "filter" in param_names else (SINGLE, None)
    has_dossier = "codedossier" in param_names
    if method == "POST" and (has_dossier or rule.key) and has_body:
        return ADD, None
    if method == "PUT" and (has_dossier or rule.key or rule.single) and has_body:
        return MODIFY, None
    if method == "DELETE" and (has_dossier or "objectid" in param_names):
        return DELETE, None
    return ACTION, None


def _parameters(
    spec: Mapping[str, Any], path_item: Mapping[str, Any], op: Mapping[str, Any]
) -> list[Parameter]:
    merged: dict[tuple[str, str], Parameter] = {}
    for raw in [*(path_item.get("parameters") or []), *(op.get("parameters") or [])]:
        p = resolve(spec, raw)
        if not isinstance(p, Mapping) or "name" not in p:
            continue
        schema = resolve(spec, p.get("schema") or {})
        merged[(str(p["name"]).lower(), str(p.get("in")))] = Parameter(
            name=str(p["name"]),
            location=str(p.get("in")),
            required=bool(p.get("required")),
            schema=dict(schema) if isinstance(schema, Mapping) else {},
        )
    return list(merged.values())


def build_operations(spec: Mapping[str, Any]) -> list[Operation]:
    operations: list[Operation] = []
    for path, raw_item in (spec.get("paths") or {}).items():
        path_item = resolve(spec, raw_item)
        if not isinstance(path_item, Mapping):
            continue
        for method in HTTP_METHODS:
            op = path_item.get(method)
            if not isinstance(op, Mapping):
                continue
            params = _parameters(spec, path_item, op)
            body = resolve(spec, op.get("requestBody")) if op.get("requestBody") else None
            body_schema, media = _json_schema(body.get("content") if isinstance(body, Mapping) else None)
            response_schema, response_ptr = _success_schema(spec, op, path, method)
            kind, import_kind = classify(
                method.upper(),
                path,
                {p.name.lower() for p in params},
                body_schema is not None,
                _is_array(spec, response_schema),
            )
            resource = path.rstrip("/").rsplit("/", 1)[-1].lower()
            body_ptr = None
            if body_schema is not None:
                body_ptr = pointer("paths", path, method, "requestBody", "content", media or "", "schema")
                if isinstance(op["requestBody"], Mapping) and "$ref" in op["requestBody"]:
                    ref = op["requestBody"]["$ref"]
                    body_ptr = f"{ref}/content/{(media or '').replace('/', '~1')}/schema"
            operations.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    operation_id=str(op.get("operationId") or f"{method} {path}"),
                    kind=kind,
                    resource=resource,
                    rule=rule_for(resource),
                    parameters=params,
                    body_pointer=body_ptr,
                    body_required=bool(isinstance(body, Mapping) and body.get("required")),
                    response_schema=resolve(spec, response_schema),
                    response_pointer=response_ptr,
                    import_kind=import_kind,
                    deprecated=bool(op.get("deprecated")),
                )
            )
    _attach_item_schemas(spec, operations)
    return operations


def _item_schema(spec: Mapping[str, Any], schema: Any) -> Any:
    schema = resolve(spec, schema)
    if not isinstance(schema, Mapping):
        return None
    if schema.get("type") == "array":
        return resolve(spec, schema.get("items"))
    props = schema.get("properties")
    if isinstance(props, Mapping) and "data" in props:
        data = resolve(spec, props["data"])
        if isinstance(data, Mapping) and data.get("type") == "array":
            return resolve(spec, data.get("items"))
    return schema if schema.get("properties") else None


def _attach_item_schemas(spec: Mapping[str, Any], operations: list[Operation]) -> None:
    """Writes answer with the object the path's GET returns: share that GET's item schema."""
    by_path: dict[str, Any] = {}
    for op in operations:
        if op.method == "GET" and op.kind in (LIST, SINGLE):
            by_path[op.path.lower()] = _item_schema(spec, op.response_schema)
    for op in operations:
        op.item_schema = by_path.get(op.path.lower())


# Component schemas whose fields the wire gives as integers (Q-INT-ENUMS): requests may send either.
_INT_ENUM_FIELDS = {"Compte": ("type",), "Journal": ("type", "typeContrepartie", "saisieLibelle")}


def relax(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The upstream spec made tolerant of what the wire really carries (used only while there is no
    effective spec; the overlay does this properly): hex revisionIds (Q-REVISION-HEX), integer
    enums (Q-INT-ENUMS), a reference object for compteBanque (Q-COMPTEBANQUE-REFERENCE), and a
    file import named by URI *or* URL (Q-URL-OR-URI).
    """
    out: dict[str, Any] = copy.deepcopy(dict(spec))

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict) and isinstance(props.get("revisionId"), dict):
                props["revisionId"].pop("format", None)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(out)
    schemas = out.get("components", {}).get("schemas", {})
    for name, fields in _INT_ENUM_FIELDS.items():
        props = schemas.get(name, {}).get("properties", {})
        for field_name in fields:
            if field_name in props:
                original = props[field_name]
                ints = [int(v) for v in original.get("enum", []) if str(v).isdigit()]
                alt: dict[str, Any] = {"type": "integer", **({"enum": ints} if ints else {})}
                props[field_name] = {"anyOf": [original, alt]}
    compte = schemas.get("Compte", {}).get("properties", {})
    if "compteBanque" in compte:
        compte["compteBanque"] = {"anyOf": [compte["compteBanque"], {"type": "object"}, {"type": "null"}]}
    for name, schema in schemas.items():
        if (
            name.startswith("Import")
            and name.endswith("Request")
            and isinstance(schema.get("required"), list)
        ):
            schema["required"] = [r for r in schema["required"] if r not in ("URL", "URI")]
    return out


def _path_regex(path: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", path.rstrip("/") or "/")
    rx = "".join(f"(?P<{p[1:-1]}>[^/]+)" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(f"^{rx}/?$", re.IGNORECASE)


class Router:
    """(method, path) → Operation, or None (→ APIM 404)."""

    def __init__(self, operations: list[Operation], *, removed: set[tuple[str, str]] | None = None) -> None:
        self.operations = operations
        gone = {(m.upper(), p.lower()) for m, p in (removed or set())}
        self._routes = [
            (_path_regex(o.path), o) for o in operations if (o.method, o.path.lower()) not in gone
        ]
        self.by_id = {o.operation_id: o for o in operations}

    def match(self, method: str, path: str) -> tuple[Operation, dict[str, str]] | None:
        method = method.upper()  # HEAD is not GET here: an undocumented method is a 404 (Q-APIM-404)
        for rx, op in self._routes:
            if op.method != method:
                continue
            m = rx.match(path)
            if m:
                return op, m.groupdict()
        return None

    def operation_id(self, method: str, path: str) -> str | None:
        found = self.match(method, path)
        return found[0].operation_id if found else None
