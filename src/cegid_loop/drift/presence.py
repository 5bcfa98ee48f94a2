"""Fields that come and go: a field of the documented example that no object carries any more
(removed, or renamed when one undeclared field of the same JSON type took its place), and fields
that no definition declares (listed as notes: the reconstructed definition is open).

The documented example is the evidence of what Loop sends; an optional field being absent proves
nothing otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cegid_loop.definition import DefinedOperation, Definition
from cegid_loop.definition.schemas import declared_at
from cegid_loop.drift.catalogue import ActionTarget, quirks_covering
from cegid_loop.drift.report import EXPLAINED, INFO, UNEXPLAINED, DriftFinding
from cegid_loop.drift.validate import json_type, npath, schema_errors, shapes

_UNEVALUATED = "/unevaluatedProperties"


@dataclass
class PresenceCheck:
    documented: Definition
    effective: Definition  # validated closed (every object schema closed) to list undeclared fields
    targets: list[ActionTarget]

    def findings(
        self, op: DefinedOperation, schema_ptr: str, body: Any, seen: set[str]
    ) -> list[DriftFinding]:
        out: list[DriftFinding] = []
        undeclared, where_declared = self._undeclared(schema_ptr, body)
        body_shapes = shapes(body)
        for where, example_keys in self._example_shapes(op).items():
            if where not in body_shapes:
                continue
            for name, sample in example_keys.items():
                if name not in body_shapes[where]:
                    out.append(
                        self._missing(op, schema_ptr, where, name, sample, undeclared.get(where, {}), seen)
                    )
        for where, keys in undeclared.items():
            if keys:
                out.append(
                    DriftFinding(
                        op.label,
                        "field-undeclared",
                        npath(where),
                        INFO,
                        None,
                        sorted(keys),
                        "declared in neither definition (the spec is open: not a deviation)",
                        location=where_declared.get(where, ""),
                        sample=dict(keys),
                    )
                )
        return out

    def undeclared_samples(self, schema_ptr: str, body: Any) -> dict[tuple[str, ...], dict[str, Any]]:
        """Undeclared fields by object position, one sample value each (for proposals)."""
        return self._undeclared(schema_ptr, body)[0]

    def _undeclared(
        self, schema_ptr: str, body: Any
    ) -> tuple[dict[tuple[str, ...], dict[str, Any]], dict[tuple[str, ...], str]]:
        undeclared: dict[tuple[str, ...], dict[str, Any]] = {}
        schemas: dict[tuple[str, ...], str] = {}
        closed = self.effective.validator(closed=True)
        for error in schema_errors(closed, schema_ptr, body):
            if error.validator != "unevaluatedProperties" or not isinstance(error.instance, dict):
                continue
            declared = set(
                (error.schema.get("properties") or {}) if isinstance(error.schema, Mapping) else ()
            )
            where = tuple("[*]" if isinstance(p, int) else str(p) for p in error.absolute_path)
            slot = undeclared.setdefault(where, {})
            schemas.setdefault(where, closed.location(error).removesuffix(_UNEVALUATED))
            for key, value in error.instance.items():
                if key not in declared:
                    slot.setdefault(key, value)
        return undeclared, schemas

    def _missing(
        self,
        op: DefinedOperation,
        schema_ptr: str,
        where: tuple[str, ...],
        name: str,
        sample: Any,
        undeclared: dict[str, Any],
        seen: set[str],
    ) -> DriftFinding:
        path = npath((*where, name))
        up_ptr = declared_at(self.documented, schema_ptr, (*where, name))
        if up_ptr and not declared_at(self.effective, schema_ptr, (*where, name)):
            quirks = quirks_covering(self.targets, up_ptr)
            if quirks:
                seen.update(quirks)
                return DriftFinding(
                    op.label, "field-missing", path, EXPLAINED, name, None, "", quirks, location=up_ptr
                )
        same_type = [k for k, v in undeclared.items() if json_type(v) == json_type(sample)]
        if len(same_type) == 1:
            new = same_type[0]
            undeclared.pop(new)
            return DriftFinding(
                op.label,
                "field-renamed",
                path,
                UNEXPLAINED,
                name,
                new,
                f"'{name}' (documented example) is on no object; undeclared '{new}' appeared",
                location=up_ptr or "",
            )
        hint = f"; undeclared fields present: {', '.join(sorted(undeclared))}" if undeclared else ""
        return DriftFinding(
            op.label,
            "field-missing",
            path,
            UNEXPLAINED,
            name,
            None,
            f"'{name}' is in the documented example but on no object{hint}",
            location=up_ptr or "",
        )

    def _example_shapes(self, op: DefinedOperation) -> dict[tuple[str, ...], dict[str, Any]]:
        response = op.response("200")
        schema_ptr = response.schema_pointer if response is not None else None
        media = (self.documented.find(schema_ptr.removesuffix("/schema")) if schema_ptr else None) or {}
        examples = [e for e in ((media.get("examples") or {}).values()) if isinstance(e, Mapping)]
        values = [self.documented.resolve(e).node.get("value") for e in examples]
        if "example" in media:
            values.append(media["example"])
        out: dict[tuple[str, ...], dict[str, Any]] = {}
        for value in values:
            for where, keys in shapes(value).items():
                slot = out.setdefault(where, {})
                for key, sample in keys.items():
                    slot.setdefault(key, sample)
        return out


__all__ = ["PresenceCheck"]
