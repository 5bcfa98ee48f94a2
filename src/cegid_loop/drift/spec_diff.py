"""Compare two OpenAPI definitions and classify every change as breaking or not (oasdiff's spirit).

One principle decides the severity of a change, from the point of view of a client built from the
OLD definition: in a **request** the server must accept everything the client sends (narrowing is
breaking), in a **response** the client must understand everything the server sends (widening is
breaking). Where it is applied:

- here: the document (security schemes, servers) and the pairing of operations (removed, renamed:
  same operationId on another method + path, added);
- :mod:`.operation_diff`: one operation against its counterpart (parameters, request body,
  responses, headers, security);
- :mod:`.schema_diff`: one schema against its counterpart (types, formats, enums, bounds,
  properties), each change reported per operation with its location (``response 200:
  $[*].numero``) and the component schema it is in.

Both documents are read through the definition model (:class:`cegid_loop.definition.Definition`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from cegid_loop.definition import DefinedOperation, Definition
from cegid_loop.drift.errors import DriftDefinitionError
from cegid_loop.drift.operation_diff import OperationDiff
from cegid_loop.drift.report import BREAKING, NON_BREAKING, Report
from cegid_loop.drift.schema_diff import REQUEST, RESPONSE, SpecChange, value_key

DOCUMENT = "(document)"
_SCHEME_FIELDS = ("type", "in", "name", "scheme", "bearerFormat")


def load_definition(path: Path) -> dict[str, Any]:
    """A YAML or JSON OpenAPI file; raises :class:`DriftDefinitionError` with a one-line reason."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DriftDefinitionError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DriftDefinitionError(f"{path}: not YAML/JSON ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict) or not isinstance(data.get("paths"), dict):
        raise DriftDefinitionError(f"{path}: not an OpenAPI document (no 'paths')")
    return data


def _key(op: DefinedOperation) -> tuple[str, str]:
    """What pairs an operation with its counterpart: the method and the path, parameter names aside."""
    return op.method, re.sub(r"\{[^}]*\}", "{}", op.path)


def _operations(definition: Definition) -> dict[tuple[str, str], DefinedOperation]:
    return {_key(op): op for op in definition.operations}


class _Differ:
    def __init__(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        self.old, self.new = Definition(old, name="old"), Definition(new, name="new")
        self.changes: list[SpecChange] = []
        self.operation_diff = OperationDiff(self.old, self.new, self.changes)
        self.add = self.operation_diff.add

    def run(self) -> list[SpecChange]:
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
            self.operation_diff.compare(old_op, new_op, same_key=False)
        for key in added:
            self.add("operation-added", NON_BREAKING, new_ops[key].label, "", None, new_ops[key].label)
        for key, old_op in old_ops.items():
            if key in new_ops:
                self.operation_diff.compare(old_op, new_ops[key], same_key=True)
        return _dedupe(self.changes)

    def _document(self) -> None:
        old_schemes = self.old.components.get("securitySchemes") or {}
        new_schemes = self.new.components.get("securitySchemes") or {}
        for name, scheme in old_schemes.items():
            if name not in new_schemes:
                self.add("security-scheme-removed", BREAKING, DOCUMENT, f"securitySchemes.{name}", name, None)
                continue
            before, after = self.old.resolve(scheme).node, self.new.resolve(new_schemes[name]).node
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
        old_servers = [s.get("url") for s in self.old.document.get("servers") or [] if isinstance(s, Mapping)]
        new_servers = [s.get("url") for s in self.new.document.get("servers") or [] if isinstance(s, Mapping)]
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


def _dedupe(changes: list[SpecChange]) -> list[SpecChange]:
    seen: dict[tuple[str, str, str, str, str], SpecChange] = {}
    for change in changes:
        key = (change.operation, change.kind, change.path, value_key(change.old), value_key(change.new))
        seen.setdefault(key, change)
    return list(seen.values())


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[SpecChange]:
    """Every classified change from ``old`` to ``new``."""
    return _Differ(old, new).run()


def _labels(doc: Mapping[str, Any]) -> Iterator[str]:
    for operation in _operations(Definition(doc)).values():
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


__all__ = ["DOCUMENT", "REQUEST", "RESPONSE", "SpecChange", "diff", "diff_report", "load_definition"]
