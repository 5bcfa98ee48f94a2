"""The operations of a definition, as drift needs them: method and path, query parameters, where
their responses are described, and which of them are reads that are safe to call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cegid_loop.drift.catalogue import escape
from cegid_loop.drift.validate import SpecValidator

CABINET_TAG = "parametres_cabinet"
READ_METHOD = "GET"
_METHODS = ("GET", "PUT", "POST", "DELETE", "PATCH")
JSON_SCHEMA = "/content/application~1json/schema"


@dataclass(frozen=True)
class LiveOperation:
    method: str
    path: str
    operation_id: str
    node: Mapping[str, Any]
    query_names: tuple[str, ...]
    required: tuple[str, ...]
    cabinet: bool

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def pointer(self) -> str:
        return f"/paths/{escape(self.path)}/{self.method.lower()}"

    @property
    def provenance(self) -> str:
        """``documented``, ``partial``, ``inferred`` or ``official`` (the definition's x-provenance)."""
        level = (self.node.get("x-provenance") or {}).get("level")
        return str(level) if level else "official"

    def response_pointer(self, status: str) -> str | None:
        response = (self.node.get("responses") or {}).get(status)
        if not isinstance(response, Mapping):
            return None
        ptr = f"{self.pointer}/responses/{status}"
        if isinstance(response.get("$ref"), str):
            ptr = response["$ref"][1:]
        return ptr


def _parameter(params_by_ref: Mapping[str, Any], raw: Mapping[str, Any]) -> Mapping[str, Any]:
    if "$ref" in raw:
        found = params_by_ref.get(str(raw["$ref"]).rsplit("/", 1)[-1], {})
        return found if isinstance(found, Mapping) else {}
    return raw


def operations(document: Mapping[str, Any]) -> list[LiveOperation]:
    out: list[LiveOperation] = []
    params_by_ref = (document.get("components") or {}).get("parameters") or {}
    for path, item in (document.get("paths") or {}).items():
        for method, op in item.items():
            if method.upper() not in _METHODS or not isinstance(op, Mapping):
                continue
            names: list[str] = []
            required: list[str] = []
            for raw in [*(item.get("parameters") or []), *(op.get("parameters") or [])]:
                param = _parameter(params_by_ref, raw)
                if param.get("in") == "query":
                    names.append(str(param["name"]))
                    if param.get("required"):
                        required.append(str(param["name"]))
            out.append(
                LiveOperation(
                    method.upper(),
                    str(path),
                    str(op.get("operationId") or ""),
                    op,
                    tuple(names),
                    tuple(required),
                    CABINET_TAG in (op.get("tags") or []),
                )
            )
    return out


def is_read(op: LiveOperation, documented: SpecValidator) -> bool:
    """List GETs and single GETs: GETs scoped by a dossier, or GETs that return a list."""
    if op.method != READ_METHOD:
        return False
    if "codeDossier" in op.query_names:
        return True
    ptr = op.response_pointer("200")
    schema = documented.find(ptr + JSON_SCHEMA) if ptr else None
    resolved, _ = documented.resolve(schema, "")
    return isinstance(resolved, Mapping) and resolved.get("type") == "array" and not op.required


def example_value(document: Mapping[str, Any], op: LiveOperation, name: str) -> str | None:
    """The documented example of query parameter ``name`` (to call an operation that requires it)."""
    params = (document.get("components") or {}).get("parameters") or {}
    for raw in op.node.get("parameters") or []:
        param = _parameter(params, raw)
        if param.get("name") != name:
            continue
        if "example" in param:
            return str(param["example"])
        for example in (param.get("examples") or {}).values():
            if isinstance(example, Mapping) and "value" in example:
                return str(example["value"])
    return None


def find_operation(ops: list[LiveOperation], name: str) -> LiveOperation | None:
    """By operationId (``listComptes``) or by ``METHOD /path`` (``GET /compte``, any case)."""
    wanted = " ".join(name.split())
    for op in ops:
        if op.operation_id == wanted or op.label.lower() == wanted.lower():
            return op
    return None


__all__ = [
    "CABINET_TAG",
    "JSON_SCHEMA",
    "READ_METHOD",
    "LiveOperation",
    "example_value",
    "find_operation",
    "is_read",
    "operations",
]
