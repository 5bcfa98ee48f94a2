"""Drift detection: between two API definitions, and between the definition and what a Loop server
really answers. Where things are (each module's docstring says more):

- :mod:`.spec_diff` — ``drift spec``: definition vs definition, every change breaking or not;
- :mod:`.live` — ``drift live``: calls the read operations of a Loop (:mod:`.http`: the client's
  auth, retry policy and redaction) and hands each answer to :mod:`.verdicts`;
- :mod:`.verdicts` — one answer in, report rows out (shared by ``live`` and ``check``): validation
  (:mod:`.validate`) against the documented and the effective definitions, explanations by the
  overlay (:mod:`.catalogue`) or a runtime rule (:mod:`.rules`), fields gone or new
  (:mod:`.presence`), and the last word to the client's own parser (:mod:`.client_read`);
- :mod:`.operations` — the operations of a definition and which ones are safe reads;
- :mod:`.evidence` — answers as files: saved by ``live --save-bodies`` (masked by :mod:`.redact`),
  read back by ``drift check``;
- :mod:`.propose` — ``drift propose``: evidence -> changes (:mod:`.changes`: Overlay actions or
  definition patches, :mod:`.pointers`) -> a YAML proposal (:mod:`.proposal`);
- :mod:`.report`, :mod:`.tally` — the Markdown/JSON/JUnit outputs, rows folded and quirk statuses;
- :mod:`.errors` — why a command could not run (exit 2); never :class:`cegid_loop.errors.LoopError`.
"""

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
