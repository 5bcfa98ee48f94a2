"""The definition the sandbox conforms to: the effective definition plus what the sandbox really
does where that one is silent, so that a standard tool pointed at it finds nothing to report.

The additions are an OpenAPI Overlay built from the effective definition (every action names the
quirk it describes, ``x-quirk``) and applied with :func:`cegid_loop.definition.overlay.apply_overlay`:

- ``Q-FILTER-GRAMMAR``: ``pattern`` on the query parameters ``filter``, ``sort`` and ``select``
  (:data:`~cegid_loop.sandbox.list_query.FILTER_PATTERN` and its siblings). An optional one admits a
  blank value (read as absent); a required one does not. The sandbox validates parameters against
  this very definition, so a value outside the pattern is its 400 by construction;
- ``Q-REVISION-CONFLICT-409``: 409 on every add and modify the sandbox can refuse for a duplicate
  natural key or a stale ``revisionId`` (the operations it routes to its add/modify handlers);
- ``Q-DOSSIERCOMPLET-ARRAY-BODY``: PUT /DossierComplet takes one object or an array of them;
- ``SANDBOX-ERROR-BODY``: the sandbox's own error body ``{"message", "errors"}`` (Loop's is not
  documented) on 400, 409, 413 and 500; a 404 is APIM's body or that one;
- ``SANDBOX-BODY-LIMIT``: 413 on every operation, for a body beyond ``max_body_bytes``;
- ``SANDBOX-SERVER``: ``servers`` is the sandbox itself, never the real API.

Not described (and not answered by a sandbox in the normal profile without fault rules): the
``drifted`` and ``variants`` profiles, which depart from the definition on purpose, and injected
faults (503, dropped connections, malformed bodies). APIM answers an undocumented method with 404,
not 405: a tool's "unsupported method" check cannot pass on the sandbox, nor on Loop.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from functools import cache
from typing import Any

from cegid_loop import spec as spec_module
from cegid_loop.definition import Definition
from cegid_loop.definition.overlay import apply_overlay
from cegid_loop.definition.pointers import escape, jsonpath_of, parent, pointer
from cegid_loop.sandbox.limits import MAX_JSON_BODY_BYTES
from cegid_loop.sandbox.list_query import FILTER_PATTERN, SELECT_PATTERN, SORT_PATTERN
from cegid_loop.sandbox.quirks import (
    Q_DOSSIERCOMPLET_ARRAY_BODY,
    Q_FILTER_GRAMMAR,
    Q_REVISION_CONFLICT_409,
)
from cegid_loop.sandbox.urls import ADD, MODIFY, build_routes

SERVED_AT = "/__sandbox__/openapi.json"
DEFAULT_SERVER = "http://127.0.0.1:8765/loop-api-publiques"  # `cegid-loop sandbox`'s default address
ERROR_BODY = "SANDBOX-ERROR-BODY"
BODY_LIMIT = "SANDBOX-BODY-LIMIT"
SERVER = "SANDBOX-SERVER"
ERROR_SCHEMA = "SandboxError"
CONFLICT = "SandboxConflict"
TOO_LARGE = "SandboxPayloadTooLarge"
JSON = "application/json"
_ERROR_REF = f"#/components/schemas/{ERROR_SCHEMA}"
_GRAMMAR = {"filter": FILTER_PATTERN, "sort": SORT_PATTERN, "select": SELECT_PATTERN}
_BLANK = r"^\s*$"


def _action(target: str, quirk: str, description: str, **change: Any) -> dict[str, Any]:
    return {"target": target, "x-quirk": quirk, "description": description, **change}


def _grammar(effective: Definition) -> list[dict[str, Any]]:
    """Shared parameters (``components.parameters``) and inline ones (an official export's)."""
    shared = (effective.components.get("parameters") or {}).items()
    found = {pointer("components", "parameters", key): effective.resolve(raw).node for key, raw in shared}
    for op in effective.operations:
        for parameter in op.parameters:
            found.setdefault(parameter.pointer, parameter.node)
    actions = []
    for at, raw in found.items():
        name = str(raw.get("name", "")) if isinstance(raw, Mapping) else ""
        if raw.get("in") != "query" or name not in _GRAMMAR or not isinstance(raw.get("schema"), Mapping):
            continue
        pattern = _GRAMMAR[name] if raw.get("required") else f"{_BLANK}|{_GRAMMAR[name]}"
        description = (
            f"the grammar of {name} (cegid_loop.sandbox.list_query); a blank optional value means none"
        )
        target = jsonpath_of(f"{at}/schema", effective.document)
        actions.append(_action(target, Q_FILTER_GRAMMAR, description, update={"pattern": pattern}))
    return actions


def _error_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "description": (
            "The sandbox's error body (Loop's own is not documented): a message and what is wrong, each "
            "naming the field (and, for a filter/sort/select, the 0-based position) at fault."
        ),
        "x-provenance": {"level": "inferred", "source": ["cegid_loop.sandbox.serializer.loop_error"]},
        "required": ["message", "errors"],
        "properties": {
            "message": {"type": "string"},
            "errors": {"type": "array", "items": {"type": "object"}},
        },
    }


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": {"$ref": _ERROR_REF}}}}


def _errors(effective: Definition, max_body_bytes: int) -> list[dict[str, Any]]:
    """The sandbox's error body on 400/500 (instead of the definition's), beside APIM's on 404."""
    components = {
        "schemas": {ERROR_SCHEMA: _error_schema()},
        "responses": {
            CONFLICT: _error_response(
                "A duplicate natural key (compte numero, journal/tiers/section code...) or a stale or "
                "missing revisionId: nothing was written (Q-REVISION-CONFLICT-409, status inferred)."
            ),
            TOO_LARGE: _error_response(
                f"The request body is larger than {max_body_bytes} bytes (the sandbox's --max-body-mb)."
            ),
        },
    }
    actions = [
        _action("$", ERROR_BODY, "the sandbox's error body, 409 and 413", update={"components": components})
    ]
    done: set[str] = set()
    for op in effective.operations:
        for status in ("400", "404", "500"):
            response = op.response(status)
            schema = response.media.get(JSON) if response is not None else None
            if response is None or response.pointer in done or not isinstance(schema, Mapping):
                continue
            done.add(response.pointer)
            body: dict[str, Any] = {"$ref": _ERROR_REF}
            if status == "404":  # APIM's (no such operation) or the sandbox's (no such dossier or object)
                body = {"anyOf": [copy.deepcopy(dict(schema)), body]}
            media = jsonpath_of(f"{response.pointer}/content/{escape(JSON)}", effective.document)
            actions += [
                _action(f"{media}.schema", ERROR_BODY, f"{status}: the sandbox's error body", remove=True),
                _action(media, ERROR_BODY, f"{status}: the sandbox's error body", update={"schema": body}),
            ]
    return actions


def _responses(effective: Definition) -> list[dict[str, Any]]:
    """409 where the sandbox's add/modify handlers can refuse, 413 everywhere."""
    conflicts = {
        route.operation.pointer
        for route in build_routes(effective)
        if route.kind in (ADD, MODIFY) and not route.rule.single
    }
    actions = []
    for op in effective.operations:
        if "responses" not in op.node:
            continue
        update: dict[str, Any] = {"413": {"$ref": f"#/components/responses/{TOO_LARGE}"}}
        quirk, description = BODY_LIMIT, "413: the body limit"
        if op.pointer in conflicts:
            update["409"] = {"$ref": f"#/components/responses/{CONFLICT}"}
            quirk, description = Q_REVISION_CONFLICT_409, "409 (duplicate key, stale revision) and 413"
        target = jsonpath_of(f"{op.pointer}/responses", effective.document)
        actions.append(_action(target, quirk, description, update=update))
    return actions


def _dossier_complet(effective: Definition) -> list[dict[str, Any]]:
    put = effective.operation("PUT", "/DossierComplet")
    body = put.body if put is not None else None
    slot = body.schema_pointer if body is not None and body.media_type == JSON else None
    schema = effective.find(slot) if slot else None
    if slot is None or not isinstance(schema, Mapping):
        return []
    target = jsonpath_of(parent(slot), effective.document)
    both = {"anyOf": [copy.deepcopy(dict(schema)), {"type": "array", "items": copy.deepcopy(dict(schema))}]}
    return [
        _action(f"{target}.schema", Q_DOSSIERCOMPLET_ARRAY_BODY, "one object or an array", remove=True),
        _action(
            target,
            Q_DOSSIERCOMPLET_ARRAY_BODY,
            "one object or an array of them (the page's table and example disagree)",
            update={"schema": both},
        ),
    ]


def sandbox_overlay(
    effective: Mapping[str, Any], *, max_body_bytes: int = MAX_JSON_BODY_BYTES
) -> dict[str, Any]:
    """What the sandbox adds to ``effective``, as an OpenAPI Overlay (one action per change)."""
    definition = Definition.of(effective, "effective")
    actions = [
        *_grammar(definition),
        *_errors(definition, max_body_bytes),
        *_responses(definition),
        *_dossier_complet(definition),
    ]
    return {
        "overlay": "1.0.0",
        "info": {"title": "The cegid-loop sandbox", "version": "1"},
        "actions": actions,
    }


def sandbox_definition(
    effective: Mapping[str, Any] | None = None,
    *,
    server: str = DEFAULT_SERVER,
    max_body_bytes: int = MAX_JSON_BODY_BYTES,
) -> dict[str, Any]:
    """``effective`` (the project's effective definition by default) as the sandbox answers it,
    its ``servers`` set to ``server``. A new document each call: callers may change it."""
    if effective is None and max_body_bytes == MAX_JSON_BODY_BYTES:
        document = copy.deepcopy(_default())
    else:
        base = effective if effective is not None else spec_module.load_effective()
        document, _ = apply_overlay(base, sandbox_overlay(base, max_body_bytes=max_body_bytes))
    document["servers"] = [_server(server)]
    info = document.setdefault("info", {})
    info["title"] = f"{info.get('title', 'Loop API Publiques')} (cegid-loop sandbox)"
    info["x-sandbox"] = {
        "served-at": SERVED_AT,
        "profile": "normal",
        "max-body-bytes": max_body_bytes,
        "not-described": "the drifted and variants profiles, injected faults",
        "unsupported-method": "404 (APIM's answer), never 405",
    }
    return document


def served_definition(definition: Mapping[str, Any], server: str) -> dict[str, Any]:
    """``definition`` (the one a sandbox routes from) with ``servers`` pointing at ``server``."""
    return {**definition, "servers": [_server(server)]}


def _server(url: str) -> dict[str, Any]:
    return {
        "url": url,
        "description": f"The cegid-loop sandbox (serving this definition at {SERVED_AT}), not the real API.",
        "x-quirk": SERVER,
    }


@cache
def _default() -> dict[str, Any]:
    effective = spec_module.load_effective()
    document, _ = apply_overlay(effective, sandbox_overlay(effective))
    return document
