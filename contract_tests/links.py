"""What the contract tests add to the effective spec, as two OpenAPI Overlays built from the spec itself.

1. ``links_overlay``: OpenAPI ``links`` for the stateful phase (``x-quirk: CONTRACT-LINKS``). They are
   generated, not hand-written, because the spec is regular: every resource path has a list GET
   (``filter``), an add POST, a modify PUT and usually a DELETE, all keyed by ``codeDossier``; objects
   are named by ``objectId`` (query on DELETE, body on PUT) and carry a ``revisionId``. Chains:
   add -> read / modify / delete, modify -> read / modify / delete, delete -> read; DossierComplet
   read -> modify -> read; getFileUrlDeposit -> import (FEC, TRA, perso) -> getImportStatus (the
   upload between the two is not an operation of the API: the state machine does it, see
   test_sandbox_stateful.py).
2. ``tuning_overlay``: for the **live** suite only, the grammar and the 409 of TUNING.md T1/T2
   (``x-quirk: CONTRACT-TUNING``). The sandbox suites need none: they test the definition the sandbox
   serves (:func:`cegid_loop.sandbox.definition.sandbox_definition`), which describes both.

Both read the spec through the definition model (:class:`cegid_loop.definition.Definition`) and are
applied by :func:`cegid_loop.definition.overlay.apply_overlay`, only here (:func:`contract_spec`).
:func:`contract_config` is contract_tests/schemathesis.toml with the two keys
as schemathesis auth, so that schemathesis knows them (it then never sends a request without them by
accident, and ``ignored_auth`` removes them on purpose).
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemathesis.config import SchemathesisConfig

from cegid_loop import spec as spec_module
from cegid_loop.definition import DefinedOperation, Definition
from cegid_loop.definition.overlay import apply_overlay
from cegid_loop.definition.pointers import jsonpath_of
from cegid_loop.sandbox.definition import sandbox_definition
from cegid_loop.sandbox.list_query import FILTER_PATTERN, SELECT_PATTERN, SORT_PATTERN

LINKS = "CONTRACT-LINKS"
TUNING = "CONTRACT-TUNING"
DEFAULT_DOSSIER = "CEGID001"
_WRITE_METHODS = ("post", "put", "delete")
_DOSSIER = "$request.query.codeDossier"
CONFIG_FILE = Path(__file__).with_name("schemathesis.toml")


@dataclass(frozen=True)
class Collection:
    """A resource path with its list, add, modify and (maybe) delete operations."""

    path: str
    read: str
    add: str
    modify: str
    delete: str | None


def _by_path(spec: dict[str, Any]) -> dict[str, dict[str, DefinedOperation]]:
    """The definition's operations, by path then method (upper case)."""
    out: dict[str, dict[str, DefinedOperation]] = {}
    for op in Definition(spec, name="contract").operations:
        out.setdefault(op.path, {})[op.method] = op
    return out


def collections(spec: dict[str, Any]) -> list[Collection]:
    out = []
    for path, ops in _by_path(spec).items():
        get, post, put = ops.get("GET"), ops.get("POST"), ops.get("PUT")
        if get is None or post is None or put is None or "filter" not in get.names():
            continue
        if "codeDossier" not in post.names():
            continue
        delete = ops.get("DELETE")
        out.append(
            Collection(
                path,
                get.operation_id,
                post.operation_id,
                put.operation_id,
                delete.operation_id if delete else None,
            )
        )
    return out


def _target(path: str, method: str, status: str = "200") -> str:
    return f"$.paths['{path}'].{method}.responses['{status}']"


def _object_links(c: Collection, source: str) -> dict[str, Any]:
    """Links from a response whose body is the object (add, modify)."""
    links: dict[str, Any] = {
        f"Read{source}": {
            "operationId": c.read,
            "parameters": {
                "query.codeDossier": _DOSSIER,
                "query.filter": 'objectId=="{$response.body#/objectId}"',
            },
        },
        f"Modify{source}": {
            "operationId": c.modify,
            "parameters": {"query.codeDossier": _DOSSIER},
            "requestBody": {
                "objectId": "$response.body#/objectId",
                "revisionId": "$response.body#/revisionId",
            },
        },
    }
    if c.delete:
        links[f"Delete{source}"] = {
            "operationId": c.delete,
            "parameters": {"query.codeDossier": _DOSSIER, "query.objectId": "$response.body#/objectId"},
        }
    return links


def _action(target: str, links: dict[str, Any], description: str) -> dict[str, Any]:
    return {"target": target, "x-quirk": LINKS, "description": description, "update": {"links": links}}


def _import_actions(spec: dict[str, Any], dossier: str) -> list[dict[str, Any]]:
    deposit: dict[str, Any] = {}
    actions = []
    for path, ops in _by_path(spec).items():
        post = ops.get("POST")
        if not (post and path.lower().startswith("/import")):
            continue
        if path.lower() != "/importjson":
            deposit[f"Import{post.operation_id[len('import') :]}"] = {
                "operationId": post.operation_id,
                "requestBody": {"codeIbs": dossier, "URI": "$response.body#/uri", "URL": ""},
            }
        actions.append(
            _action(
                _target(path, "post"),
                {
                    "Status": {
                        "operationId": "getImportStatus",
                        "parameters": {
                            "query.accountingImportRequestId": "$response.body#/accountingImportRequestId"
                        },
                    }
                },
                f"{path} -> its status",
            )
        )
    actions.append(_action(_target("/getFileUrlDeposit", "get"), deposit, "deposit URL -> file imports"))
    return actions


def links_overlay(spec: dict[str, Any], *, dossier: str = DEFAULT_DOSSIER) -> dict[str, Any]:
    actions = []
    for c in collections(spec):
        actions.append(
            _action(_target(c.path, "post"), _object_links(c, "Added"), f"{c.add} -> read/modify/delete")
        )
        actions.append(
            _action(_target(c.path, "put"), _object_links(c, "Modified"), f"{c.modify} -> read/modify/delete")
        )
        if c.delete:
            actions.append(
                _action(
                    _target(c.path, "delete"),
                    {
                        "ReadDeleted": {
                            "operationId": c.read,
                            "parameters": {
                                "query.codeDossier": _DOSSIER,
                                "query.filter": 'objectId=="{$request.query.objectId}"',
                            },
                        }
                    },
                    f"{c.delete} -> read",
                )
            )
    actions.append(
        _action(
            _target("/DossierComplet", "get"),
            {
                "ModifyRead": {
                    "operationId": "updateDossierComplet",
                    "parameters": {"query.codeDossier": _DOSSIER},
                    "requestBody": {
                        "objectId": "$response.body#/objectId",
                        "revisionId": "$response.body#/revisionId",
                    },
                }
            },
            "DossierComplet read -> modify",
        )
    )
    actions.append(
        _action(
            _target("/DossierComplet", "put"),
            {
                "ReadModified": {
                    "operationId": "getDossierComplet",
                    "parameters": {"query.codeDossier": _DOSSIER},
                }
            },
            "DossierComplet modify -> read",
        )
    )
    actions += _import_actions(spec, dossier)
    return {"overlay": "1.0.0", "info": {"title": "Contract-test links", "version": "1"}, "actions": actions}


def tuning_overlay(spec: dict[str, Any]) -> dict[str, Any]:
    """The live suite's tuning (TUNING.md T1, T2): what the sandbox's definition says of the grammar
    and of 409, assumed of the real Loop so that positive cases are well-formed."""
    # A blank value is accepted as "no filter" (like an absent parameter), so the pattern admits it too.
    grammar = {
        name: rf"^\s*$|{pattern}"
        for name, pattern in (
            ("filter", FILTER_PATTERN),
            ("filterEcritureComptable", FILTER_PATTERN),
            ("sort", SORT_PATTERN),
            ("select", SELECT_PATTERN),
        )
    }
    actions: list[dict[str, Any]] = [
        {
            "target": f"$.components.parameters['{name}'].schema",
            "x-quirk": TUNING,
            "description": "T1: the query grammar, so that positive cases are well-formed expressions",
            "update": {"pattern": pattern},
        }
        for name, pattern in grammar.items()
    ]
    conflict = {
        "description": "T2: duplicate natural key or stale revisionId (sandbox Q-REVISION-CONFLICT-409)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LoopError"}}},
    }
    for op in Definition(spec, name="contract").operations:
        if op.method in ("POST", "PUT") and "codeDossier" in op.names() and op.body is not None:
            actions.append(
                {
                    "target": jsonpath_of(f"{op.pointer}/responses", spec),
                    "x-quirk": TUNING,
                    "description": "T2: 409 documented",
                    "update": {"409": conflict},
                }
            )
    return {"overlay": "1.0.0", "info": {"title": "Contract-test tuning", "version": "1"}, "actions": actions}


def contract_spec(
    *, dossier: str = DEFAULT_DOSSIER, server: str = "http://localhost", live: bool = False
) -> dict[str, Any]:
    """What the schemathesis suites test: the sandbox's own definition + links, or (``live``) the
    effective definition + the tuning + links."""
    if live:
        document = copy.deepcopy(spec_module.load_effective())
        document, _ = apply_overlay(document, tuning_overlay(document))
    else:
        document = sandbox_definition(server=server)
    document, _ = apply_overlay(document, links_overlay(document, dossier=dossier))
    document["servers"] = [{"url": server}]
    return document


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        base[key] = _merge(dict(base.get(key) or {}), value) if isinstance(value, dict) else value
    return base


def contract_config(subscription_key: str, api_key: str, **overrides: Any) -> SchemathesisConfig:
    """schemathesis.toml, plus the keys as schemathesis auth and ``overrides`` (merged, tables deeply)."""
    data = tomllib.loads(CONFIG_FILE.read_text(encoding="utf-8"))
    data["auth"] = {
        "openapi": {"subscriptionKey": {"api_key": subscription_key}, "apiKey": {"api_key": api_key}}
    }
    return SchemathesisConfig.from_dict(_merge(data, overrides))
