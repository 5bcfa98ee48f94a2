"""The three outputs of a drift run, shared by ``drift spec``, ``drift live`` and ``drift check``.

- Markdown: what a person reads in a CI summary (one table per operation);
- JSON: for machines (stable keys, ``schema_version``);
- JUnit XML: one test case per operation, failing when the operation has a failing finding.

Every text goes through :func:`cegid_loop._redact.scrub` on the way out: a report may quote values
a server returned, and a server may echo a key or a signed URL.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cegid_loop._redact import scrub, scrub_value

# Verdicts. Spec diffs say breaking / non-breaking; live checks say unexplained / explained / info;
# "error" is a check that could not be made (network, 5xx...).
BREAKING = "breaking"
NON_BREAKING = "non-breaking"
UNEXPLAINED = "unexplained"
EXPLAINED = "explained"
INFO = "info"
ERROR = "error"
FAILING_VERDICTS = frozenset({BREAKING, UNEXPLAINED, ERROR})
_VERDICT_ORDER = {ERROR: 0, BREAKING: 1, UNEXPLAINED: 1, NON_BREAKING: 2, EXPLAINED: 2, INFO: 3}

SCHEMA_VERSION = 1
_CELL_MAX = 120


@dataclass(frozen=True)
class DriftFinding:
    """One change (spec) or one deviation (live), at one place of one operation."""

    operation: str  # "GET /compte", or "(document)" for what belongs to no operation
    kind: str  # e.g. "operation-removed", "type-changed", "field-renamed"
    path: str  # where inside the operation: "query.take", "response 200: $[*].numero"
    verdict: str
    old: Any = None  # what the (old / upstream) definition says
    new: Any = None  # what changed / what the server answered
    message: str = ""
    quirks: tuple[str, ...] = ()
    count: int = 1  # how many occurrences this row stands for (items of a list...)
    location: str = ""  # live/check: JSON pointer of the schema node in the definition, when known
    # live/check: the value as received (type-changed...) or the undeclared fields with a sample
    # each (field-undeclared), for `drift propose`; never written to a report.
    sample: Any = field(default=None, compare=False, repr=False)

    @property
    def failing(self) -> bool:
        return self.verdict in FAILING_VERDICTS

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "operation": self.operation,
            "kind": self.kind,
            "path": self.path,
            "verdict": self.verdict,
            "old": self.old,
            "new": self.new,
            "message": self.message,
        }
        if self.quirks:
            out["quirks"] = list(self.quirks)
        if self.count != 1:
            out["count"] = self.count
        if self.location:
            out["location"] = self.location
        return out


@dataclass(frozen=True)
class QuirkStatus:
    """How one catalogued quirk showed up in a live run."""

    id: str
    layer: str
    explained: int = 0  # deviations it explained (the client's parser read those answers losslessly)
    seen: bool = False  # its behaviour was observed (with or without a deviation)
    operations: tuple[str, ...] = ()
    failed: int = 0  # deviations it covers in answers the client's parser failed on

    @property
    def status(self) -> str:
        if self.failed:
            done = f"explained {self.explained} deviation(s); " if self.explained else ""
            return f"{done}covers {self.failed} more the client fails to read"
        if self.explained:
            return f"explained {self.explained} deviation(s)"
        return "seen (conforms to the spec)" if self.seen else "not observed"


@dataclass
class Report:
    command: str  # "spec" or "live"
    title: str
    subject: dict[str, Any]
    findings: list[DriftFinding]
    operations: list[str] = field(default_factory=list)  # every operation examined, in order
    skipped: dict[str, str] = field(default_factory=dict)  # operation -> why it was not checked
    quirks: list[QuirkStatus] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def failing(self) -> list[DriftFinding]:
        return [f for f in self.findings if f.failing]

    @property
    def exit_code(self) -> int:
        return 1 if self.failing else 0

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for finding in self.findings:
            out[finding.verdict] = out.get(finding.verdict, 0) + 1
        return out

    def by_operation(self) -> dict[str, list[DriftFinding]]:
        grouped: dict[str, list[DriftFinding]] = {op: [] for op in self.operations}
        for finding in self.findings:
            grouped.setdefault(finding.operation, []).append(finding)
        for rows in grouped.values():
            rows.sort(key=lambda f: (_VERDICT_ORDER.get(f.verdict, 9), f.path, f.kind))
        return grouped

    def headline(self) -> str:
        failing = self.failing
        if self.command == "spec":
            return (
                f"{len(failing)} breaking change(s), {len(self.findings) - len(failing)} non-breaking"
                if self.findings
                else "no change"
            )
        counts = self.counts()
        return (
            f"{counts.get(UNEXPLAINED, 0)} unexplained drift(s), {counts.get(EXPLAINED, 0)} explained by "
            f"known quirks, {counts.get(ERROR, 0)} error(s), {counts.get(INFO, 0)} note(s)"
        )


# -- JSON -----------------------------------------------------------------------------------------


def to_json(report: Report) -> dict[str, Any]:
    grouped = report.by_operation()
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": f"cegid-loop drift {report.command}",
        "title": report.title,
        "subject": report.subject,
        "result": "fail" if report.failing else "pass",
        "exit_code": report.exit_code,
        "summary": report.counts(),
        "operations": [
            {
                "operation": op,
                "failing": any(f.failing for f in rows),
                "findings": [f.to_json() for f in rows],
            }
            for op, rows in grouped.items()
        ],
        "skipped": [{"operation": op, "reason": why} for op, why in report.skipped.items()],
    }
    if report.quirks:
        data["quirks"] = [
            {
                "id": q.id,
                "layer": q.layer,
                "status": q.status,
                "explained": q.explained,
                "failed": q.failed,
                "seen": q.seen,
                "operations": list(q.operations),
            }
            for q in report.quirks
        ]
    if report.notes:
        data["notes"] = list(report.notes)
    scrubbed: dict[str, Any] = scrub_value(data)
    return scrubbed


def render_json(report: Report) -> str:
    return json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"


# -- Markdown -------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    if len(text) > _CELL_MAX:
        text = text[: _CELL_MAX - 1] + "…"
    return text.replace("|", "\\|")


def _code(value: Any) -> str:
    text = _cell(value)
    return f"`{text}`" if text and "`" not in text else text


def render_markdown(report: Report) -> str:
    lines = [
        f"# {report.title}",
        "",
        f"**Result: {'FAIL' if report.failing else 'PASS'}** — {report.headline()}",
        "",
    ]
    for key, value in report.subject.items():
        lines.append(f"- {key}: {_cell(value)}")
    lines.append("")
    grouped = report.by_operation()
    with_rows = {op: rows for op, rows in grouped.items() if rows}
    if with_rows:
        lines += ["| Operation | Failing | Other |", "|---|---|---|"]
        for op, rows in with_rows.items():
            failing = sum(1 for f in rows if f.failing)
            lines.append(f"| {_cell(op)} | {failing} | {len(rows) - failing} |")
        lines.append("")
    clean = len(grouped) - len(with_rows)
    if clean:
        lines += [f"{clean} other operation(s) examined: nothing to report.", ""]
    for op, rows in grouped.items():
        if not rows:
            continue
        lines += [
            f"## {_cell(op)}",
            "",
            "| Verdict | Kind | Where | Old / expected | New / actual | Notes |",
            "|---|---|---|---|---|---|",
        ]
        for f in rows:
            notes = f.message
            if f.quirks:
                notes = f"{', '.join(f.quirks)}: {notes}" if notes else ", ".join(f.quirks)
            if f.count > 1:
                notes = f"{notes} (×{f.count})" if notes else f"×{f.count}"
            verdict = f"**{f.verdict}**" if f.failing else f.verdict
            lines.append(
                f"| {verdict} | {f.kind} | {_code(f.path)} | {_code(f.old)} | {_code(f.new)} | "
                f"{_cell(notes)} |"
            )
        lines.append("")
    if report.quirks:
        lines += [
            "## Known quirks (overrides/QUIRKS.md)",
            "",
            "| Quirk | Layer | Status | Operations |",
            "|---|---|---|---|",
        ]
        for q in report.quirks:
            lines.append(f"| {q.id} | {_cell(q.layer)} | {q.status} | {_cell(', '.join(q.operations))} |")
        lines.append("")
    if report.skipped:
        lines += ["## Not checked", "", "| Operation | Why |", "|---|---|"]
        lines += [f"| {_cell(op)} | {_cell(why)} |" for op, why in report.skipped.items()]
        lines.append("")
    if report.notes:
        lines += ["## Notes", ""] + [f"- {_cell(n)}" for n in report.notes] + [""]
    return scrub("\n".join(lines))


# -- JUnit ----------------------------------------------------------------------------------------


def _line(f: DriftFinding) -> str:
    quirks = f" [{', '.join(f.quirks)}]" if f.quirks else ""
    times = f" (x{f.count})" if f.count > 1 else ""
    detail = f"old={_cell(f.old)} new={_cell(f.new)}"
    return f"{f.verdict}: {f.kind} at {f.path}: {detail}{quirks}{times} {f.message}".rstrip()


def render_junit(report: Report) -> str:
    grouped = report.by_operation()
    suite_name = f"drift.{report.command}"
    cases: list[ET.Element] = []
    failures = 0
    for op, rows in grouped.items():
        case = ET.Element("testcase", {"classname": suite_name, "name": op})
        failing = [f for f in rows if f.failing]
        if failing:
            failures += 1
            kinds = sorted({f.verdict for f in failing})
            failure = ET.SubElement(
                case, "failure", {"message": f"{len(failing)} {'/'.join(kinds)} finding(s)", "type": kinds[0]}
            )
            failure.text = "\n".join(_line(f) for f in failing)
        others = [f for f in rows if not f.failing]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in others)
        cases.append(case)
    for op, why in report.skipped.items():
        case = ET.Element("testcase", {"classname": suite_name, "name": op})
        ET.SubElement(case, "skipped", {"message": why})
        cases.append(case)
    attrs = {
        "name": suite_name,
        "tests": str(len(cases)),
        "failures": str(failures),
        "errors": "0",
        "skipped": str(len(report.skipped)),
    }
    root = ET.Element(
        "testsuites", {k: v for k, v in attrs.items() if k != "skipped"} | {"name": report.title}
    )
    suite = ET.SubElement(root, "testsuite", attrs)
    props = ET.SubElement(suite, "properties")
    for key, value in report.subject.items():
        ET.SubElement(props, "property", {"name": str(key), "value": _cell(value)})
    suite.extend(cases)
    ET.indent(root)
    return scrub(ET.tostring(root, encoding="unicode", xml_declaration=True)) + "\n"


def write_reports(
    report: Report,
    *,
    json_path: Path | None = None,
    markdown_path: Path | None = None,
    junit_path: Path | None = None,
) -> list[Path]:
    """Write the requested outputs (parent folders created); returns the paths written."""
    written: list[Path] = []
    outputs: Iterable[tuple[Path | None, str]] = (
        (json_path, "json"),
        (markdown_path, "markdown"),
        (junit_path, "junit"),
    )
    renderers: Mapping[str, Any] = {"json": render_json, "markdown": render_markdown, "junit": render_junit}
    for path, kind in outputs:
        if path is None:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(renderers[kind](report), encoding="utf-8")
        written.append(path)
    return written
