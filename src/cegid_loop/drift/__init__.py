"""Drift detection: between two API definitions (:mod:`.spec_diff`) and between the definition and what
a Loop server really answers (:mod:`.live`); both write the reports of :mod:`.report`."""

from __future__ import annotations

from cegid_loop.drift.errors import DefinitionError, DriftError, EvidenceError, LiveCheckError
from cegid_loop.drift.report import Finding, QuirkStatus, Report, write_reports
from cegid_loop.drift.spec_diff import Change, diff, diff_report, load_definition

__all__ = [
    "Change",
    "DefinitionError",
    "DriftError",
    "EvidenceError",
    "Finding",
    "LiveCheckError",
    "QuirkStatus",
    "Report",
    "diff",
    "diff_report",
    "load_definition",
    "write_reports",
]
