"""Compare one operation of the old definition with one of the new (``drift spec``, see
:mod:`.spec_diff`): operationId, deprecation, security, parameters, request body, responses and
their headers; schemas through :class:`.schema_diff.SchemaDiff`.

Structural rules: a parameter/field removed, a required parameter or request body added, a success
status removed, a security requirement changed are breaking; additions are not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cegid_loop.definition import Content, DefinedOperation, Definition
from cegid_loop.drift.report import BREAKING, NON_BREAKING
from cegid_loop.drift.schema_diff import REQUEST, RESPONSE, SchemaDiff, SpecChange


def _security_text(requirement: frozenset[str]) -> str:
    return "+".join(sorted(requirement)) or "(none)"


def _media(content: Content | None) -> dict[str, Any]:
    return dict(content.media) if content is not None else {}


class OperationDiff:
    """Appends to ``changes`` every classified difference between two operations."""

    def __init__(self, old: Definition, new: Definition, changes: list[SpecChange]) -> None:
        self.old, self.new, self.changes = old, new, changes

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
        self.changes.append(SpecChange(kind, severity, operation, path, old, new, message))

    def compare(self, old: DefinedOperation, new: DefinedOperation, *, same_key: bool) -> None:
        label = new.label
        if old.operation_id != new.operation_id and same_key:
            self.add(
                "operation-id-changed",
                BREAKING,
                label,
                "operationId",
                old.operation_id,
                new.operation_id,
                "generated function names follow the operationId",
            )
        if not old.deprecated and new.deprecated:
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

    def _schemas(self, label: str) -> SchemaDiff:
        def emit(
            kind: str, severity: str, path: str, before: Any, after: Any, message: str, model: str
        ) -> None:
            self.changes.append(SpecChange(kind, severity, label, path, before, after, message, model))

        return SchemaDiff(self.old, self.new, emit)

    def _parameters(self, old_op: DefinedOperation, new_op: DefinedOperation) -> None:
        label = new_op.label
        old = {p.key: p.node for p in old_op.parameters}
        new = {p.key: p.node for p in new_op.parameters}
        for key, param in old.items():
            where = f"{key[0]}.{param['name']}"
            if key not in new:
                self.add("parameter-removed", BREAKING, label, where, param["name"], None)
                continue
            after = new[key]
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
        for key, param in new.items():
            if key not in old:
                required = bool(param.get("required"))
                self.add(
                    "parameter-added-required" if required else "parameter-added",
                    BREAKING if required else NON_BREAKING,
                    label,
                    f"{key[0]}.{param['name']}",
                    None,
                    param["name"],
                )

    def _request_body(self, old: DefinedOperation, new: DefinedOperation) -> None:
        label = new.label
        before, after = old.body, new.body
        if before is None:
            if after is None:
                return
            required = after.required
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
        if before.required != after.required:
            made = after.required
            self.add(
                f"request-body-became-{'required' if made else 'optional'}",
                BREAKING if made else NON_BREAKING,
                label,
                "request body",
                not made,
                made,
            )
        self._content(label, _media(before), _media(after), side=REQUEST, where="request body")

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

    def _responses(self, old: DefinedOperation, new: DefinedOperation) -> None:
        label = new.label
        before, after = old.responses, new.responses
        for status, old_resp in before.items():
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
            new_resp = after[status]
            self._content(
                label,
                _media(old_resp),
                _media(new_resp),
                side=RESPONSE,
                where=f"response {status}",
            )
            self._headers(label, status, old_resp, new_resp)
        for status in after:
            if status not in before:
                self.add("response-status-added", NON_BREAKING, label, f"response {status}", None, status)

    def _headers(self, label: str, status: str, old: Content, new: Content) -> None:
        before = {str(k).lower(): v for k, v in old.headers.items()}
        after = {str(k).lower(): v for k, v in new.headers.items()}
        for name, header in before.items():
            where = f"response {status} header {name}"
            if name not in after:
                self.add("response-header-removed", BREAKING, label, where, name, None)
                continue
            old_h, new_h = self.old.resolve(header).node, self.new.resolve(after[name]).node
            self._schemas(label).compare(
                old_h.get("schema") or {} if isinstance(old_h, Mapping) else {},
                new_h.get("schema") or {} if isinstance(new_h, Mapping) else {},
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
