"""``drift propose DIR``: from saved answers to a proposal a maintainer reviews. Nothing is applied.

Every unexplained deviation of every evidence file ends up in exactly one place of the proposal:

- ``overlay.actions``: Overlay actions, each with an ``x-quirk: Q-NEW-<n>`` placeholder id and the
  evidence files in its description, for deviations of *documented* parts (what Cegid documents
  stays in spec/; what Loop really does goes in the overlay), and for nodes the overlay already
  patches;
- ``definition``: JSON Patch operations on the definition (pointers of
  ``generated/openapi.normalized.json``, i.e. spec/ in the project's conventions) for *inferred*
  parts, which were guesses to begin with (partial ones have documented tables: overlay); fields
  seen that an inferred schema lacks are proposed here too;
- ``reader``: places where the client's parser fails although no definition change is proposed
  there (fixed in ``overrides/templates/`` or the runtime);
- ``not_proposed``: the rest, each with the reason (a known quirk the client failed on, an error
  body, a field the example has and the answer lacks...).

Each Q-NEW id also gets a ready ``QUIRKS.md`` row under ``quirks_md``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cegid_loop.definition import DefinedOperation
from cegid_loop.definition.operations import JSON
from cegid_loop.definition.pointers import escape, parent, segments
from cegid_loop.drift.changes import render
from cegid_loop.drift.client_read import Reader
from cegid_loop.drift.evidence import evidence_files, load_evidence, operation_of
from cegid_loop.drift.proposal import Proposal, ProposedChange
from cegid_loop.drift.report import INFO, UNEXPLAINED, DriftFinding
from cegid_loop.drift.validate import schema_type
from cegid_loop.drift.verdicts import BodyChecker, Definitions

INFERRED = frozenset({"inferred"})  # partial parts have documented tables: their changes go in the overlay
_KEYWORD_CHANGES = {
    "type": "widen-type",
    "enum": "extend-enum",
    "const": "extend-enum",
    "format": "drop-keyword",
    "pattern": "drop-keyword",
    "minimum": "drop-keyword",
    "maximum": "drop-keyword",
    "exclusiveMinimum": "drop-keyword",
    "exclusiveMaximum": "drop-keyword",
    "minLength": "drop-keyword",
    "maxLength": "drop-keyword",
    "minItems": "drop-keyword",
    "maxItems": "drop-keyword",
    "required": "not-required",
    "anyOf": "add-branch",
    "oneOf": "add-branch",
}
# Findings of a failed schema keyword (their location ends with the keyword).
_SCHEMA_KINDS = frozenset(
    {
        "type-changed",
        "enum-value-unknown",
        "format-mismatch",
        "pattern-mismatch",
        "out-of-range",
        "shape-mismatch",
    }
    | {"field-missing", "schema-violation"}
)


class _Collector:
    def __init__(self, checker: BodyChecker) -> None:
        self.checker = checker
        self.changes: dict[tuple[str, str, str], ProposedChange] = {}
        self.culprits: list[tuple[DefinedOperation, DriftFinding, str]] = []
        self.not_proposed: list[dict[str, Any]] = []
        self.covered: dict[tuple[str, str], ProposedChange] = {}  # (operation, path) -> the change for it

    def change(self, what: str, pointer: str, op: DefinedOperation, keyword: str = "") -> ProposedChange:
        key = (what, pointer, keyword)
        if key not in self.changes:
            self.changes[key] = ProposedChange(what, pointer, op, keyword)
        return self.changes[key]

    def skip(self, finding: DriftFinding, file: str, reason: str) -> None:
        self.not_proposed.append(
            {
                "operation": finding.operation,
                "kind": finding.kind,
                "path": finding.path,
                "evidence": file,
                "why": reason,
            }
        )

    def finding(self, op: DefinedOperation, finding: DriftFinding, file: str) -> None:
        if finding.verdict == INFO:
            if (
                finding.kind == "field-undeclared"
                and isinstance(finding.sample, Mapping)
                and finding.location
                and self._level(finding.location, op) in INFERRED
            ):
                chg = self.change("add-property", finding.location, op)
                for name, value in finding.sample.items():
                    chg.names.setdefault(str(name), _schema_of(value))
                chg.add(finding, file)
            return
        if finding.verdict != UNEXPLAINED:
            return  # explained, or an error of the check itself (network, 5xx)
        if finding.quirks:
            quirks = ", ".join(finding.quirks)
            self.skip(
                finding, file, f"covered by {quirks}, but the client failed on the answer: see `reader`"
            )
        elif _is_envelope(finding):
            response = op.response("200")
            schema = response.schema_pointer if response is not None else None
            schema = schema or f"{op.pointer}/responses/200/content/{escape(JSON)}/schema"
            chg = self.change("envelope", schema, op)
            chg.names.update(finding.new if isinstance(finding.new, Mapping) else {})
            chg.add(finding, file)
            self.covered[(finding.operation, finding.path)] = chg
        elif finding.kind.startswith("client-"):
            self.culprits.append((op, finding, file))
        elif finding.kind == "field-renamed" and finding.location:
            chg = self.change("add-property", parent(parent(finding.location)), op)
            old = self.checker.documented.find(finding.location) or self.checker.effective.find(
                finding.location
            )
            chg.names.setdefault(str(finding.new), copy.deepcopy(old or {}))
            chg.add(finding, file)
            self.covered[(finding.operation, finding.path)] = chg
        elif finding.kind == "operation-gone":
            self.change("remove-operation", op.pointer, op).add(finding, file)
        elif finding.kind == "status-undocumented":
            self.change("add-response", op.pointer + "/responses", op).add(finding, file, str(finding.new))
        elif finding.kind in _SCHEMA_KINDS and finding.location and self._keyword_change(op, finding, file):
            pass
        else:
            self.skip(finding, file, _why_not(finding))

    def _keyword_change(self, op: DefinedOperation, finding: DriftFinding, file: str) -> bool:
        keyword = segments(finding.location)[-1]
        what = _KEYWORD_CHANGES.get(keyword)
        if what is None or (finding.kind == "field-missing" and keyword != "required"):
            return False  # a documented example's field: its location is the property, not a keyword
        node = parent(finding.location)
        if what == "widen-type":
            seen: Any = schema_type(finding.sample)
        elif what == "extend-enum":
            seen = finding.sample
        elif what == "add-branch":
            seen = schema_type(finding.sample)
        elif what == "not-required":
            seen = finding.path.rsplit(".", 1)[-1]
        else:
            seen = None
        chg = self.change(what, node, op, keyword)
        chg.add(finding, file, seen)
        self.covered[(finding.operation, finding.path)] = chg
        return True

    def _node(self, pointer: str) -> Any:
        return self.checker.effective.find(pointer)

    def _level(self, pointer: str, op: DefinedOperation) -> str:
        parts = segments(pointer)
        if parts[:2] == ["components", "schemas"] and len(parts) > 2:
            schema = self.checker.effective.schemas.get(parts[2])
            level = (
                ((schema or {}).get("x-provenance") or {}).get("level")
                if isinstance(schema, Mapping)
                else None
            )
            if level:
                return str(level)
        return op.provenance

    def in_overlay_or_documented(self, change: ProposedChange) -> bool:
        """Overlay when the overlay already patches the node, when the part is documented, or when
        the node is not in the documented definition at all."""
        node = change.pointer
        if any(node == t.pointer or node.startswith(t.pointer + "/") for t in self.checker.targets):
            return True  # the overlay already rewrites this node (or one around it)
        if self._level(change.pointer, change.operation) not in INFERRED:
            return True
        return self.checker.documented.find(change.pointer) is None


def _is_envelope(finding: DriftFinding) -> bool:
    """The client failed on the ``{"data": [...], ...}`` around the records, not on a record."""
    return (
        finding.kind.startswith("client-read")
        and finding.path == "$"
        and finding.message.startswith("the envelope")
    )


def _schema_of(value: Any) -> dict[str, Any]:
    kind = schema_type(value)
    return {} if kind == "null" else {"type": kind}


def _why_not(finding: DriftFinding) -> str:
    if finding.kind == "field-missing":
        return "the documented example has this field and no object of the answer does: review the example"
    if finding.kind == "unmapped-deviation":
        return "the effective definition already accepts it: tag the change that made it pass with an x-quirk"
    if finding.kind == "error-body-mismatch":
        return (
            "an error body unlike the documented one: document it by hand (no error body is known for Loop)"
        )
    if finding.kind == "not-json":
        return "a success answer that is not JSON: nothing a schema change can describe"
    return "no mechanical change describes it: review by hand"


@dataclass
class Collected:
    """Everything the evidence asks for, sorted by where it goes."""

    changes: list[ProposedChange] = field(default_factory=list)
    culprits: list[tuple[DefinedOperation, DriftFinding, str]] = field(default_factory=list)
    not_proposed: list[dict[str, Any]] = field(default_factory=list)
    covered: dict[tuple[str, str], ProposedChange] = field(
        default_factory=dict
    )  # (operation, path) -> change


def collect(paths: Sequence[Path], checker: BodyChecker) -> tuple[list[str], Collected]:
    files = evidence_files(paths)
    loaded = [load_evidence(p) for p in files]  # every file is read before any is checked
    collector = _Collector(checker)
    for evidence in loaded:
        op = operation_of(checker, evidence)
        for finding in checker.check_answer(op, evidence.answer):
            collector.finding(op, finding, str(evidence.file))
    changes = list(collector.changes.values())
    for change in changes:
        change.overlay = collector.in_overlay_or_documented(change)
    return [str(p) for p in files], Collected(
        changes, collector.culprits, collector.not_proposed, collector.covered
    )


def propose(
    paths: Sequence[Path], *, definitions: Definitions | None = None, reader: Reader | None = None
) -> Proposal:
    """The proposal for the evidence files (and folders of them) in ``paths``."""
    checker = BodyChecker(definitions or Definitions.load(), reader)
    files, collected = collect(paths, checker)
    proposal = Proposal(files)
    render(proposal, collected, checker.definitions.effective)
    return proposal


__all__ = ["Collected", "collect", "propose"]
