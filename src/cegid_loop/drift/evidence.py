"""Evidence: answers kept as files, so that a shape met once can be checked again offline, handed
back to the project, and replayed by its tests (``tests/payloads/``).

An evidence file is JSON::

    {"cegid-loop-evidence": 1, "operation": "listComptes", "method": "GET", "path": "/compte",
     "status": 200, "headers": {"content-type": "application/json"},
     "redacted": [{"path": "$[*].email", "rule": "contact", "count": 3}],
     "body": [...]}

``drift live --save-bodies DIR`` writes one per operation (``DIR/<operationId>.json``), redacted by
:mod:`.redact`; ``drift check`` reads them (or a bare JSON body with ``--operation``) and gives the
verdicts ``drift live`` would give. Contributed payloads may add ``source`` and ``note`` (why the
shape is worth keeping). A body that is not JSON is kept as ``text``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx

from cegid_loop.definition import DefinedOperation
from cegid_loop.drift.client_read import Reader
from cegid_loop.drift.errors import EvidenceError
from cegid_loop.drift.redact import redact_body, redact_headers, redact_text
from cegid_loop.drift.report import DriftFinding, Report
from cegid_loop.drift.tally import Tally, quirk_statuses
from cegid_loop.drift.verdicts import NOT_JSON, BodyChecker, Definitions, ReceivedAnswer

MARKER = "cegid-loop-evidence"
VERSION = 1
SAFE_HEADERS = frozenset(
    {
        "content-type",
        "date",
        "retry-after",
        "request-id",
        "x-request-id",
        "x-ms-request-id",
        "apim-request-id",
    }
)
_KEYS = frozenset(
    {MARKER, "operation", "method", "path", "status", "headers", "redacted", "body", "text", "source", "note"}
)
OPERATION_HELP = "an operationId such as listComptes, or 'GET /compte'"


# -- from an HTTP answer ---------------------------------------------------------------------------


def answer_of(response: httpx.Response) -> ReceivedAnswer:
    try:
        body: Any = response.json()
    except ValueError:
        body = NOT_JSON
    return ReceivedAnswer(response.status_code, body, response.text, response.headers.get("content-type"))


def evidence_document(op: DefinedOperation, response: httpx.Response) -> dict[str, Any]:
    """The redacted evidence of one answer (see :mod:`.redact` for what is masked)."""
    answer = answer_of(response)
    doc: dict[str, Any] = {
        MARKER: VERSION,
        "operation": op.operation_id or op.label,
        "method": op.method,
        "path": op.path,
        "status": answer.status,
        "headers": redact_headers(response.headers.items(), SAFE_HEADERS),
    }
    if answer.body is NOT_JSON:
        text, done = redact_text(answer.text)
        doc["redacted"], doc["text"] = done.as_json(), text
    else:
        body, done = redact_body(answer.body, op.path)
        doc["redacted"], doc["body"] = done.as_json(), body
    return doc


def file_name(op: DefinedOperation) -> str:
    stem = op.operation_id or re.sub(r"[^A-Za-z0-9]+", "-", op.label).strip("-")
    return f"{stem}.json"


def save_answer(directory: Path, op: DefinedOperation, response: httpx.Response) -> Path:
    path = directory / file_name(op)
    text = json.dumps(evidence_document(op, response), ensure_ascii=False, indent=2) + "\n"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise EvidenceError(f"{path}: cannot save the answer ({exc.strerror or exc})") from None
    return path


# -- from a file -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    file: Path
    operation: str
    status: int
    body: Any  # JSON, or NOT_JSON (then `text`)
    text: str = ""
    content_type: str | None = None

    @property
    def answer(self) -> ReceivedAnswer:
        text = self.text if self.body is NOT_JSON else json.dumps(self.body, ensure_ascii=False)
        return ReceivedAnswer(self.status, self.body, text, self.content_type)


def load_evidence(path: Path, operation: str | None = None) -> Evidence:
    """An evidence file, or a bare JSON body when ``operation`` names its operation."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise EvidenceError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise EvidenceError(f"{path}: not UTF-8 text") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise EvidenceError(f"{path}: not JSON ({exc})") from None
    if not (isinstance(data, dict) and MARKER in data):
        if not operation:
            raise EvidenceError(
                f"{path}: a bare JSON body names no operation: pass --operation ({OPERATION_HELP})"
            )
        return Evidence(path, operation, 200, data, content_type="application/json")
    return _saved(path, data, operation)


def _saved(path: Path, data: dict[str, Any], operation: str | None) -> Evidence:
    if data[MARKER] != VERSION:
        raise EvidenceError(
            f"{path}: evidence version {data[MARKER]!r} is not supported (this tool reads {VERSION})"
        )
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise EvidenceError(f"{path}: unknown key(s) {', '.join(map(repr, unknown))} in an evidence file")
    named = data.get("operation")
    if not isinstance(named, str) or not named.strip():
        raise EvidenceError(f"{path}: 'operation' must name the operation ({OPERATION_HELP})")
    if operation and operation != named:
        raise EvidenceError(f"{path}: the file is evidence of {named!r}, --operation says {operation!r}")
    status = data.get("status", 200)
    if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
        raise EvidenceError(f"{path}: 'status' must be an HTTP status (100-599), not {status!r}")
    if ("body" in data) == ("text" in data):
        raise EvidenceError(f"{path}: an evidence file holds exactly one of 'body' (JSON) and 'text'")
    if "text" in data and not isinstance(data["text"], str):
        raise EvidenceError(f"{path}: 'text' must be a string")
    headers = data.get("headers") or {}
    content_type = headers.get("content-type") if isinstance(headers, dict) else None
    body = data.get("body", NOT_JSON)
    return Evidence(path, named, status, body, str(data.get("text", "")), content_type)


def operation_of(checker: BodyChecker, evidence: Evidence) -> DefinedOperation:
    """The operation of the definition the evidence names."""
    op = checker.documented.find_operation(evidence.operation)
    if op is None:
        raise EvidenceError(
            f"{evidence.file}: no operation {evidence.operation!r} in the definition ({OPERATION_HELP})"
        )
    return op


def evidence_files(paths: Sequence[Path]) -> list[Path]:
    """The files named, and the ``*.json`` files of the folders named (sorted)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.json") if p.is_file())
            if not found:
                raise EvidenceError(f"{path}: no .json file in this folder")
            out += found
        else:
            out.append(path)
    return out


def findings_of(checker: BodyChecker, evidence: Evidence) -> tuple[DefinedOperation, list[DriftFinding]]:
    """The verdicts on one file, each row naming the file beside the operation."""
    op = operation_of(checker, evidence)
    label = f"{op.label} [{evidence.file.name}]"
    return op, [replace(f, operation=label) for f in checker.check_answer(op, evidence.answer)]


def check_files(
    paths: Sequence[Path],
    operation: str | None = None,
    *,
    definitions: Definitions | None = None,
    reader: Reader | None = None,
) -> Report:
    """``drift check``: the verdicts of ``drift live`` on saved or hand-captured bodies."""
    files = evidence_files(paths)
    loaded = [load_evidence(p, operation) for p in files]  # every file is read before any is checked
    checker = BodyChecker(definitions or Definitions.load(), reader)
    tally = Tally()
    labels = []
    for evidence in loaded:
        op, findings = findings_of(checker, evidence)
        labels.append(f"{op.label} [{evidence.file.name}]")
        tally.extend(findings)
    findings = tally.findings
    documented = checker.documented.info
    return Report(
        command="check",
        title="Offline drift check (cegid-loop drift check)",
        subject={
            "files": len(loaded),
            "upstream definition": f"{documented.get('version')}",
        },
        findings=findings,
        operations=labels,
        quirks=quirk_statuses(checker.catalogue, findings, checker.seen),
        notes=checker.notes,
    )


__all__ = [
    "MARKER",
    "SAFE_HEADERS",
    "Evidence",
    "answer_of",
    "check_files",
    "evidence_document",
    "evidence_files",
    "findings_of",
    "load_evidence",
    "operation_of",
    "save_answer",
]
