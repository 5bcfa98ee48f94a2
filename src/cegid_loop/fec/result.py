"""The outcome of one validation run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cegid_loop.fec.findings import Finding


@dataclass
class ValidationResult:
    path: str
    kind: str | None  # "fec", "tra", or None when the file could not be identified
    findings: list[Finding]  # the first examples of each rule (see `counts` for the totals)
    counts: dict[str, int]  # findings per rule, all counted
    errors: int
    warnings: int
    infos: int
    unreadable: bool
    stats: dict[str, Any] = field(default_factory=dict)
    rules: list[str] = field(default_factory=list)
    strict: bool = False
    omitted: dict[str, int] = field(default_factory=dict)  # per rule, findings counted but not kept
    parts: list[str] = field(default_factory=list)  # file names validated together (split FEC)
    severities: dict[str, str] = field(default_factory=dict)  # per-rule levels set by the user

    @property
    def ok(self) -> bool:
        """No error (warnings and infos allowed) and the file was read."""
        return self.errors == 0 and not self.unreadable

    @property
    def exit_code(self) -> int:
        if self.unreadable:
            return 2
        return 1 if self.errors else 0

    def by_rule(self, rule: str) -> list[Finding]:
        return [f for f in self.findings if f.rule == rule]

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "kind": self.kind,
            "ok": self.ok,
            "exit_code": self.exit_code,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "counts": dict(sorted(self.counts.items())),
            "omitted": dict(sorted(self.omitted.items())),
            "strict": self.strict,
            "rules": self.rules,
            "parts": self.parts,
            "severities": self.severities,
            "stats": self.stats,
            "findings": [f.to_dict() for f in self.findings],
        }
