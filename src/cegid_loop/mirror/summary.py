"""What a mirror run reports: one outcome per step (a resource of a dossier), progress events, the summary."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class StepStatus(enum.StrEnum):
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class StepOutcome:
    """A resource of a dossier read and saved (``done``), or refused by Loop (``failed``, ``error``)."""

    dossier: str
    resource: str
    status: StepStatus
    records: int = 0
    created: int = 0
    modified: int = 0
    deleted: int = 0
    looked_up: int = 0  # apparent deletions looked up by objectId
    reads: int = 0  # complete reads (2 when a second one checked the deletions)
    error: str | None = None

    @property
    def changed(self) -> int:
        return self.created + self.modified + self.deleted

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "status": self.status.value,
            "records": self.records,
            "created": self.created,
            "modified": self.modified,
            "deleted": self.deleted,
        }
        if self.error is not None:
            out["error"] = self.error
        return out


class EventKind(enum.StrEnum):
    STARTED = "started"  # the run is open (new or resumed)
    PLANNED = "planned"  # the steps are known (after the firm's dossier list, in a firm-wide run)
    STEP = "step"  # one step saved or failed


@dataclass(frozen=True)
class MirrorEvent:
    """``on_progress`` argument: where the run is. ``done``/``total`` count steps, the resumed
    ones included."""

    kind: EventKind
    run_id: int
    done: int = 0
    total: int = 0
    resumed: bool = False
    step: StepOutcome | None = None


@dataclass
class MirrorSummary:
    """The run as a whole: every step of it (those done before an interruption included)."""

    run_id: int
    path: str
    resumed: bool
    dossiers: list[str]
    resources: tuple[str, ...]
    steps: list[StepOutcome] = field(default_factory=list)
    skipped: list[tuple[Mapping[str, Any], str]] = field(default_factory=list)  # dossiers not addressable
    not_listed: list[str] = field(default_factory=list)  # mirrored before, no longer in the firm's list
    elapsed: float = 0.0

    @property
    def failed(self) -> list[StepOutcome]:
        return [s for s in self.steps if s.status is StepStatus.FAILED]

    def totals(self) -> dict[str, int]:
        done = [s for s in self.steps if s.status is StepStatus.DONE]
        return {
            "records": sum(s.records for s in done),
            "created": sum(s.created for s in done),
            "modified": sum(s.modified for s in done),
            "deleted": sum(s.deleted for s in done),
            "steps": len(self.steps),
            "failed": len(self.failed),
        }

    def to_json(self) -> dict[str, Any]:
        by_dossier: dict[str, dict[str, Any]] = {}
        for step in self.steps:
            by_dossier.setdefault(step.dossier, {})[step.resource] = step.to_json()
        return {
            "run": self.run_id,
            "database": self.path,
            "resumed": self.resumed,
            "resources": list(self.resources),
            "dossiers": by_dossier,
            "totals": self.totals(),
            "skippedDossiers": [{"record": dict(body), "reason": why} for body, why in self.skipped],
            "notListed": self.not_listed,
            "elapsedSeconds": round(self.elapsed, 3),
        }


__all__ = ["EventKind", "MirrorEvent", "MirrorSummary", "StepOutcome", "StepStatus"]
