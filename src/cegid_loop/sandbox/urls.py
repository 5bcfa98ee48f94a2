"""Routing built from the spec: one :class:`Route` per operation of the definition (the operations
themselves, their parameters, bodies and answers are the definition model's,
:class:`cegid_loop.definition.DefinedOperation`).

Each operation gets a generic handler picked from its shape (see :func:`classify`): list, single
GET, add, modify, delete, the import family, deposit URL, import status, or a generic "action"
(answered from the response schema). Unknown method + path → APIM's 404 (Q-APIM-404), also for an
undocumented method on a known path. Paths match case-insensitively (Q-PATH-CASE).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cegid_loop import spec as spec_module
from cegid_loop.definition import DefinedOperation, Definition
from cegid_loop.definition.schemas import list_items
from cegid_loop.sandbox.resource_rules import Resource, ResourceRule, rule_for

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


@dataclass
class Route:
    """An operation of the definition and how the sandbox answers it: the generic handler its shape
    picks (``kind``, see :func:`classify`), the resource it acts on and that resource's rule."""

    operation: DefinedOperation
    kind: str
    resource: str  # last path segment, lower case
    rule: ResourceRule
    import_kind: str | None = None
    item_schema: Any = None  # schema of one object of the resource (resolved), for null handling

    @property
    def method(self) -> str:
        return self.operation.method

    @property
    def path(self) -> str:
        return self.operation.path

    @property
    def operation_id(self) -> str:
        return self.operation.operation_id or self.operation.label

    @property
    def response_schema(self) -> Any:
        """The success answer's JSON schema, references followed (None when it has none)."""
        success = self.operation.success
        return success.schema if success is not None else None

    @property
    def collection(self) -> str:
        return self.rule.collection or self.resource

    @property
    def target(self) -> Resource:
        return Resource(self.resource, self.rule)


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


def build_routes(definition: Definition) -> list[Route]:
    """One route per operation of ``definition``, in its order."""
    routes: list[Route] = []
    for op in definition.operations:
        kind, import_kind = classify(
            op.method,
            op.path,
            {p.name.lower() for p in op.parameters},
            op.body is not None and op.body.schema_pointer is not None,
            op.returns_list,
        )
        resource = op.path.rstrip("/").rsplit("/", 1)[-1].lower()
        routes.append(Route(op, kind, resource, rule_for(resource), import_kind))
    _attach_item_schemas(definition, routes)
    return routes


def _item_schema(definition: Definition, schema: Any) -> Any:
    """The record a GET answers: one item of its list, or the object itself."""
    records = list_items(definition, schema)
    if records is not None:
        return records
    return schema if isinstance(schema, Mapping) and schema.get("properties") else None


def _attach_item_schemas(definition: Definition, routes: list[Route]) -> None:
    """Writes answer with the object the path's GET returns: share that GET's item schema."""
    by_path: dict[str, Any] = {}
    for route in routes:
        if route.method == "GET" and route.kind in (LIST, SINGLE):
            by_path[route.path.lower()] = _item_schema(definition, route.response_schema)
    for route in routes:
        route.item_schema = by_path.get(route.path.lower())


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
    """(method, path) → Route, or None (→ APIM 404)."""

    def __init__(self, routes: list[Route], *, removed: set[tuple[str, str]] | None = None) -> None:
        self.routes = routes
        gone = {(m.upper(), p.lower()) for m, p in (removed or set())}
        self._routes = [(_path_regex(r.path), r) for r in routes if (r.method, r.path.lower()) not in gone]
        self.by_id = {r.operation_id: r for r in routes}

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
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
