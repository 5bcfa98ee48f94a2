"""What ``drift propose`` writes: a proposal document (YAML) to review. Nothing in it is applied."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cegid_loop.definition import DefinedOperation
from cegid_loop.drift.report import DriftFinding


@dataclass
class ProposedChange:
    """One change of one definition node, merged over every file and record that asks for it."""

    what: str  # widen-type, extend-enum, drop-keyword, not-required, add-branch, add-property, ...
    pointer: str  # the node changed (effective-definition coordinates)
    operation: DefinedOperation
    keyword: str = ""
    names: dict[str, Any] = field(default_factory=dict)  # property name -> schema (add-property)
    seen: list[Any] = field(default_factory=list)  # types or values seen
    rows: list[str] = field(default_factory=list)  # "kind at path" of the findings behind it
    files: list[str] = field(default_factory=list)
    count: int = 0
    overlay: bool = True  # an overlay action; else a patch of the (inferred) definition

    def add(self, finding: DriftFinding, file: str, seen: Any = None) -> None:
        if seen is not None and seen not in self.seen:
            self.seen.append(seen)
        row = f"{finding.kind} at {finding.path}"
        if row not in self.rows:
            self.rows.append(row)
        if file not in self.files:
            self.files.append(file)
        self.count += finding.count


@dataclass
class Proposal:
    files: list[str]
    actions: list[dict[str, Any]] = field(default_factory=list)
    definition: list[dict[str, Any]] = field(default_factory=list)
    reader: list[dict[str, Any]] = field(default_factory=list)
    not_proposed: list[dict[str, Any]] = field(default_factory=list)
    quirks_md: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.actions or self.definition or self.reader or self.not_proposed)

    def summary(self) -> str:
        ids = {a["x-quirk"] for a in self.actions}
        return (
            f"{len(ids)} new quirk(s) as {len(self.actions)} overlay action(s), {len(self.definition)} "
            f"definition change(s), {len(self.reader)} reader issue(s), {len(self.not_proposed)} not proposed"
        )


def to_yaml(proposal: Proposal, *, today: dt.date | None = None) -> str:
    day = (today or dt.date.today()).isoformat()
    header = [
        f"# Proposed by `cegid-loop drift propose` on {day}, from {len(proposal.files)} evidence file(s).",
        "# Nothing here is applied. Review each item: copy the actions you accept into",
        "# overrides/overlay.yaml (give each Q-NEW id a real name and its QUIRKS.md row), apply the",
        "# definition patches to spec/, regenerate (python -m cegid_loop_tools.codegen generate) and",
        "# add the evidence files to tests/payloads/.",
    ]
    data: dict[str, Any] = {
        "proposal": 1,
        "evidence": proposal.files,
        "overlay": {
            "overlay": "1.0.0",
            "info": {"title": "Proposed quirks (review before use)", "version": day},
            "actions": proposal.actions,
        },
        "definition": proposal.definition,
        "reader": proposal.reader,
        "not_proposed": proposal.not_proposed,
        "quirks_md": proposal.quirks_md,
    }
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
    return "\n".join(header) + "\n" + body


def write_proposal(proposal: Proposal, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_yaml(proposal), encoding="utf-8")
    return path


__all__ = ["Proposal", "ProposedChange", "to_yaml", "write_proposal"]
