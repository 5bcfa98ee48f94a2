"""Behaviour profiles: ``normal`` (today's Loop as documented), ``drifted`` (a plausible *future*
Loop release) and ``variants`` (today's Loop as real systems answer: see :mod:`.variants`).

The drifted profile is what drift detection is tested against. Every difference is listed in
:data:`DRIFTS`, one record each, so that tests and the drift detector read the same truth.
Operations are named by operationId and by method + path (the router matches on the latter).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cegid_loop.sandbox import variants

if TYPE_CHECKING:
    from cegid_loop.sandbox.urls import Route

NORMAL = "normal"
DRIFTED = "drifted"
VARIANTS = "variants"
PROFILES = (NORMAL, DRIFTED, VARIANTS)

RENAMED_FIELD = "renamed-field"
NEW_ENUM_VALUE = "new-enum-value"
CHANGED_TYPE = "changed-type"
REMOVED_OPERATION = "removed-operation"


@dataclass(frozen=True)
class Drift:
    operation: str  # operationId in today's spec
    method: str  # HTTP method of the operation where the drift shows
    path: str  # path as in the spec (matched case-insensitively)
    json_path: str  # where in the answer ("$" for the whole operation)
    kind: str
    old: Any
    new: Any
    collection: str = ""  # sandbox collection the drift is applied to


DRIFTS: tuple[Drift, ...] = (
    Drift("listComptes", "GET", "/compte", "$[*].libelle", RENAMED_FIELD, "libelle", "intitule", "compte"),
    Drift("listComptes", "GET", "/compte", "$[*].numero", CHANGED_TYPE, "string", "integer", "compte"),
    Drift(
        "listJournaux", "GET", "/journal", "$[*].type", NEW_ENUM_VALUE, [1, 2, 3, 4, 5, 6, 7, 8], 9, "journal"
    ),
    Drift("deleteJournal", "DELETE", "/journal", "$", REMOVED_OPERATION, "DELETE /journal", None, "journal"),
)

# The journal that carries the new enum value (type 9, "Journal robot IA") in the drifted seed.
DRIFTED_JOURNAL: dict[str, Any] = {
    "code": "IA",
    "libelle": "Journal robot IA",
    "type": 9,
    "compteContrepartie": {"objectId": None, "description": [""]},
    "typeContrepartie": 1,
    "repriseDateOp": False,
    "bordereau": False,
    "ferme": False,
    "accesClient": False,
    "saisieLibelle": 2,
}


def removed(profile: str, method: str, path: str) -> bool:
    """Is this operation gone in the profile? (The router then answers APIM's 404.)"""
    if profile != DRIFTED:
        return False
    return any(
        d.kind == REMOVED_OPERATION and d.method == method.upper() and d.path.lower() == path.lower()
        for d in DRIFTS
    )


def extra_seed(profile: str, dossiers: tuple[str, ...]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    if profile != DRIFTED:
        return {}
    return {d: {"journal": [dict(DRIFTED_JOURNAL)]} for d in dossiers}


def outgoing(profile: str, collection: str, item: Mapping[str, Any]) -> dict[str, Any]:
    """One wire object as the profile shows it (after the normal serializer)."""
    out = dict(item)
    if profile != DRIFTED:
        return out
    for drift in DRIFTS:
        if drift.collection != collection:
            continue
        if drift.kind == RENAMED_FIELD and drift.old in out:
            out = {(drift.new if k == drift.old else k): v for k, v in out.items()}
        elif drift.kind == CHANGED_TYPE and drift.new == "integer":
            field = drift.json_path.rsplit(".", 1)[-1]
            value = out.get(field)
            if isinstance(value, str) and value.isdigit():
                out[field] = int(value)
    return out


def list_body(profile: str, spec: Mapping[str, Any], op: Route, body: Any) -> Any:
    """A whole list answer as the profile shows it (after ``outgoing`` on each record)."""
    return variants.list_body(spec, op, body) if profile == VARIANTS else body


def incoming(profile: str, collection: str, body: Mapping[str, Any]) -> dict[str, Any]:
    """A request body written for the profile, back in today's vocabulary (for the store)."""
    out = dict(body)
    if profile != DRIFTED:
        return out
    for drift in DRIFTS:
        if drift.collection != collection:
            continue
        if drift.kind == RENAMED_FIELD and drift.new in out and drift.old not in out:
            out[drift.old] = out.pop(drift.new)
        elif drift.kind == CHANGED_TYPE and drift.new == "integer":
            field = drift.json_path.rsplit(".", 1)[-1]
            if isinstance(out.get(field), int) and not isinstance(out.get(field), bool):
                out[field] = str(out[field])
    return out


def drifts_as_json() -> list[dict[str, Any]]:
    return [
        {
            "operation": d.operation,
            "method": d.method,
            "path": d.path,
            "jsonPath": d.json_path,
            "kind": d.kind,
            "old": d.old,
            "new": d.new,
        }
        for d in DRIFTS
    ]
