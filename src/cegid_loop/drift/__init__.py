"""Drift detection: between two API definitions, and between the definition and what a Loop server
really answers. Every definition is read through the one model, :mod:`cegid_loop.definition`
(operations, references, the list decision, the jsonschema validator). Where things are (each
module's docstring says more):

- :mod:`.spec_diff` — ``drift spec``: definition vs definition, every change breaking or not (one
  operation against another: :mod:`.operation_diff`; one schema against another: :mod:`.schema_diff`);
- :mod:`.live` — ``drift live``: calls the read operations of a Loop (:mod:`.reads`: which ones,
  with what; :mod:`.http`: the client's auth, retry policy and redaction) and hands each answer to
  :mod:`.verdicts`;
- :mod:`.verdicts` — one answer in, report rows out (shared by ``live`` and ``check``): validation
  (:mod:`.validate`) against the documented and the effective definitions, explanations by the
  overlay (:mod:`.catalogue`) or a runtime rule (:mod:`.rules`), fields gone or new
  (:mod:`.presence`), and the last word to the client's own parser (:mod:`.client_read`);
- :mod:`.evidence` — answers as files: saved by ``live --save-bodies`` (masked by :mod:`.redact`),
  read back by ``drift check``;
- :mod:`.propose` — ``drift propose``: evidence -> proposed changes (:mod:`.changes`: Overlay
  actions or definition patches) -> a YAML proposal (:mod:`.proposal`);
- :mod:`.report`, :mod:`.tally` — the Markdown/JSON/JUnit outputs (one :class:`DriftFinding` per
  row), rows folded and quirk statuses;
- :mod:`.errors` — why a command could not run (exit 2); never :class:`cegid_loop.errors.LoopError`.
"""

from __future__ import annotations

from cegid_loop.drift.errors import DriftDefinitionError, DriftError, EvidenceError, LiveCheckError
from cegid_loop.drift.report import DriftFinding, QuirkStatus, Report, write_reports
from cegid_loop.drift.spec_diff import SpecChange, diff, diff_report, load_definition

__all__ = [
    "DriftDefinitionError",
    "DriftError",
    "DriftFinding",
    "EvidenceError",
    "LiveCheckError",
    "QuirkStatus",
    "Report",
    "SpecChange",
    "diff",
    "diff_report",
    "load_definition",
    "write_reports",
]
