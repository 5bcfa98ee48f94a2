"""Findings folded into report rows, and how each catalogued quirk showed up in them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from cegid_loop.drift.catalogue import CatalogueEntry
from cegid_loop.drift.report import EXPLAINED, UNEXPLAINED, DriftFinding, QuirkStatus


@dataclass
class Tally:
    rows: dict[tuple[str, str, str, str, tuple[str, ...]], DriftFinding] = field(default_factory=dict)

    def add(self, finding: DriftFinding) -> None:
        """Same operation, kind, place, verdict and quirks: one row, counted (the first value kept)."""
        key = (finding.operation, finding.kind, finding.path, finding.verdict, finding.quirks)
        known = self.rows.get(key)
        self.rows[key] = finding if known is None else replace(known, count=known.count + finding.count)

    def extend(self, findings: Iterable[DriftFinding]) -> None:
        for finding in findings:
            self.add(finding)

    @property
    def findings(self) -> list[DriftFinding]:
        return list(self.rows.values())


def quirk_statuses(
    catalogue: Mapping[str, CatalogueEntry], findings: list[DriftFinding], seen: set[str]
) -> list[QuirkStatus]:
    """One status per catalogued quirk: what it explained, and what it covers that the client failed on."""
    out = []
    for quirk_id, entry in catalogue.items():
        explained = [f for f in findings if quirk_id in f.quirks and f.verdict == EXPLAINED]
        failed = [f for f in findings if quirk_id in f.quirks and f.verdict == UNEXPLAINED]
        out.append(
            QuirkStatus(
                id=quirk_id,
                layer=entry.layer,
                explained=sum(f.count for f in explained),
                seen=quirk_id in seen,
                operations=tuple(dict.fromkeys(f.operation for f in [*explained, *failed])),
                failed=sum(f.count for f in failed),
            )
        )
    return out


__all__ = ["Tally", "quirk_statuses"]
