"""One answer of one operation in, report rows out: the verdicts of ``drift live`` and ``drift check``.

Each 2xx body is validated against the documented definition (``load_normalized()``: the upstream
one in the project's conventions) and against the effective one (``overrides/`` applied):

- fails documented, passes effective: a candidate explanation by the overlay actions whose targets
  cover the failing schema location (error location -> action targets -> quirk ids);
- fails effective: unexplained drift, unless a runtime rule keyed on a quirk id explains it
  (:mod:`.rules`, for the quirks fixed by the templates or the hand-written client);
- fields that come and go: :mod:`.presence`.

Then the client's own parser reads the same body (:mod:`.client_read`). A candidate explanation
becomes **explained** only if the client read the body losslessly (or, for Loop's ``{"error": ...}``
refusal, raised ``OperationRejected``). Otherwise every candidate is **unexplained**, with the
parser's error, and each place the client gives up is a row of its own (``client-read-failed``,
``client-read-lossy``). No explanation is ever taken on trust.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from cegid_loop import spec as spec_module
from cegid_loop.definition import DefinedOperation, Definition, list_shape
from cegid_loop.drift.catalogue import (
    load_catalogue,
    load_overlay,
    overlay_targets,
    quirks_covering,
    read_data_file,
)
from cegid_loop.drift.client_read import (
    LOSSLESS,
    LOSSY,
    NO_READER,
    REJECTED,
    ClientReader,
    Reader,
    ReadOutcome,
)
from cegid_loop.drift.presence import PresenceCheck
from cegid_loop.drift.report import ERROR, EXPLAINED, INFO, UNEXPLAINED, DriftFinding
from cegid_loop.drift.rules import EXPLAINERS, OBSERVERS, PRE_RULES, RUNTIME_RULES, TOLERATED_BY, CallContext
from cegid_loop.drift.validate import Deviation, Path_, deviations, npath, short

NOT_JSON = object()  # ReceivedAnswer.body of an answer whose body is not JSON


@dataclass(frozen=True)
class Definitions:
    """What answers are compared with, and what explains the differences."""

    documented: Mapping[str, Any]
    effective: Mapping[str, Any]
    overlay: Mapping[str, Any]
    catalogue_text: str

    @classmethod
    def load(
        cls,
        *,
        documented: Mapping[str, Any] | None = None,
        effective: Mapping[str, Any] | None = None,
        overlay: Mapping[str, Any] | None = None,
        catalogue_text: str | None = None,
    ) -> Definitions:
        """The vendored ones for whatever is not given."""
        return cls(
            documented if documented is not None else spec_module.load_normalized(),
            effective if effective is not None else spec_module.load_effective(),
            overlay if overlay is not None else load_overlay(),
            catalogue_text if catalogue_text is not None else read_data_file("QUIRKS.md"),
        )


@dataclass(frozen=True)
class ReceivedAnswer:
    """What a Loop server answered, as a drift check received it (live, or saved as evidence)."""

    status: int
    body: Any  # the decoded JSON, or NOT_JSON
    text: str = ""  # the body as text (for messages about bodies that are not JSON)
    content_type: str | None = None


def is_apim_404(answer: ReceivedAnswer) -> bool:
    body = answer.body
    return (
        answer.status == 404
        and isinstance(body, dict)
        and body.get("statusCode") == 404
        and str(body.get("message", "")).startswith("Resource not found")
    )


class BodyChecker:
    def __init__(self, definitions: Definitions, reader: Reader | None = None) -> None:
        self.definitions = definitions
        self.catalogue = load_catalogue(definitions.catalogue_text)
        self.targets = overlay_targets(definitions.documented, definitions.overlay)
        self.documented = Definition.of(definitions.documented, "upstream")
        self.effective = Definition.of(definitions.effective, "effective")
        self.presence = PresenceCheck(self.documented, self.effective, self.targets)
        self.reader: Reader = reader if reader is not None else ClientReader()
        self.operations = self.documented.operations
        self.seen: set[str] = set()
        self.notes = [
            f"{quirk} is used by the overlay or a runtime rule but is not in QUIRKS.md"
            for quirk in sorted({t.quirk for t in self.targets} | RUNTIME_RULES)
            if quirk not in self.catalogue
        ]

    # -- any answer --

    def check_answer(self, op: DefinedOperation, answer: ReceivedAnswer) -> list[DriftFinding]:
        status = answer.status
        if is_apim_404(answer):
            return [gone(op)]
        if status == 401:
            return [DriftFinding(op.label, "credentials-refused", "$", ERROR, None, 401, short(answer.text))]
        if status == 429:
            return [
                DriftFinding(
                    op.label, "rate-limited", "$", ERROR, None, 429, "still rate-limited after the retries"
                )
            ]
        if status >= 500:
            return [DriftFinding(op.label, "server-error", "$", ERROR, None, status, short(answer.text))]
        if not 200 <= status < 300:
            return self._error_answer(op, answer)
        if answer.body is NOT_JSON:
            return [
                DriftFinding(
                    op.label,
                    "not-json",
                    "$",
                    UNEXPLAINED,
                    "application/json",
                    answer.content_type,
                    short(answer.text),
                )
            ]
        return self.check_body(op, str(status), answer.body)

    def _error_answer(self, op: DefinedOperation, answer: ReceivedAnswer) -> list[DriftFinding]:
        status = str(answer.status)
        response = op.response(status)
        body = answer.text if answer.body is NOT_JSON else answer.body
        if response is None:
            return [
                DriftFinding(
                    op.label, "status-undocumented", "$", UNEXPLAINED, None, answer.status, short(body)
                )
            ]
        schema_ptr = response.schema_pointer
        if schema_ptr is not None and deviations(self.documented.validator(), schema_ptr, body):
            return [
                DriftFinding(
                    op.label,
                    "error-body-mismatch",
                    "$",
                    UNEXPLAINED,
                    f"HTTP {status} body",
                    short(body),
                    "the error body does not match the documented one",
                    location=schema_ptr,
                )
            ]
        message = body.get("message") if isinstance(body, dict) else body
        return [
            DriftFinding(
                op.label,
                "not-checked",
                "$",
                INFO,
                None,
                answer.status,
                f"documented HTTP {status}: {short(message)}",
            )
        ]

    # -- a success body --

    def check_body(self, op: DefinedOperation, status: str, body: Any) -> list[DriftFinding]:
        response = op.response(status) or op.response("200")
        schema_ptr = response.schema_pointer if response is not None else None
        if schema_ptr is None:
            return []
        findings: list[DriftFinding] = []
        shape = list_shape(self.documented, self.documented.node(schema_ptr))
        ctx = CallContext(op.label, body, shape, findings, self.seen)
        for quirk, observe in OBSERVERS.items():
            if quirk in self.catalogue:
                observe(ctx)
        refusal = PRE_RULES["Q-IMPORT-ERROR-200"]
        if not ("Q-IMPORT-ERROR-200" in self.catalogue and refusal(ctx)):
            if "Q-GROUPE-DATA-WRAP" in self.catalogue:
                PRE_RULES["Q-GROUPE-DATA-WRAP"](ctx)
            inner = ctx.body  # unwrapped when the quirk applied: validated against the documented list
            up = deviations(self.documented.validator(), schema_ptr, inner)
            eff = deviations(self.effective.validator(), schema_ptr, inner)
            findings += self._explain(op, up, eff)
            findings += self.presence.findings(op, schema_ptr, inner, self.seen)
        outcome = self.reader(op.operation_id, int(status), body)
        return self._verify(op, findings, outcome, REJECTED if ctx.refusal else LOSSLESS)

    def _explain(self, op: DefinedOperation, up: list[Deviation], eff: list[Deviation]) -> list[DriftFinding]:
        out: list[DriftFinding] = []
        eff_paths = [d.path for d in eff]

        def shadowed(path: Path_) -> bool:
            return any(path[: len(q)] == q or q[: len(path)] == path for q in eff_paths)

        for d in up:
            if shadowed(d.path):
                continue  # the effective definition fails here too: reported below, once
            quirks = quirks_covering(self.targets, d.location)
            if quirks:
                self.seen.update(quirks)
                out.append(_row(op, d, d.kind, EXPLAINED, "", quirks))
            else:
                out.append(
                    _row(
                        op,
                        d,
                        "unmapped-deviation",
                        UNEXPLAINED,
                        f"fails upstream at {d.location}, passes the effective "
                        "definition, but no overlay action targets it",
                    )
                )
        for d in eff:
            rule = next(
                (q for q, explains in EXPLAINERS.items() if q in self.catalogue and explains(d)), None
            )
            if rule:
                self.seen.add(rule)
                out.append(_row(op, d, d.kind, EXPLAINED, "", (rule,)))
                continue
            out.append(_row(op, d, d.kind, UNEXPLAINED, "not in either definition"))
        return out

    # -- the client's own reading decides --

    def _verify(
        self, op: DefinedOperation, findings: list[DriftFinding], outcome: ReadOutcome, expected: str
    ) -> list[DriftFinding]:
        if outcome.kind == expected:
            return [self._tolerated(f, read=True) for f in findings]
        if outcome.kind == NO_READER:
            reason = f"{outcome.error}: nothing checked that the client survives it"
            rows = [_unverified(f, reason) for f in findings]
            return [
                *rows,
                DriftFinding(op.label, "client-no-method", "$", INFO, None, op.operation_id, outcome.error),
            ]
        what = _outcome_text(outcome, expected)
        rows = [self._tolerated(_unverified(f, what), read=False) for f in findings]
        culprits = [
            DriftFinding(
                op.label,
                "client-read-lossy" if c.kind == LOSSY else "client-read-failed",
                npath(c.path),
                UNEXPLAINED,
                "read losslessly by the client",
                c.value,
                c.error,
            )
            for c in outcome.culprits
        ]
        if not culprits:
            kind = "client-ignores-refusal" if expected == REJECTED else "client-read-failed"
            culprits = [
                DriftFinding(op.label, kind, npath(outcome.where), UNEXPLAINED, expected, outcome.kind, what)
            ]
        return [*rows, *culprits]

    def _tolerated(self, finding: DriftFinding, *, read: bool) -> DriftFinding:
        """An unexplained deviation says what the client really did with the answer (and which
        template quirk is meant to cover it), instead of assuming it."""
        if finding.verdict != UNEXPLAINED or finding.quirks or not finding.location:
            return finding
        if finding.kind == "unmapped-deviation":
            return finding
        done = "the client reads the answer losslessly" if read else "the client fails on the answer"
        hint = TOLERATED_BY.get(finding.kind)
        meant = f" ({hint} is meant to cover it)" if hint in self.catalogue else ""
        if finding.message.startswith("not in either definition"):
            return replace(finding, message=f"not in either definition; {done}{meant}")
        return finding


def _row(
    op: DefinedOperation, d: Deviation, kind: str, verdict: str, message: str, quirks: tuple[str, ...] = ()
) -> DriftFinding:
    return DriftFinding(
        op.label,
        kind,
        npath(d.path),
        verdict,
        short(d.expected),
        short(d.value),
        message,
        quirks,
        location=d.location,
        sample=d.value,
    )


def _unverified(finding: DriftFinding, why: str) -> DriftFinding:
    if finding.verdict != EXPLAINED:
        return finding
    # The quirk ids stay on the row (reports print them first): the claim, and that it failed.
    return replace(finding, verdict=UNEXPLAINED, message=f"would explain it, but {why}")


def _outcome_text(outcome: ReadOutcome, expected: str) -> str:
    if expected == REJECTED and outcome.kind != REJECTED:
        return "the client does not raise OperationRejected on this refusal"
    first = outcome.culprits[0] if outcome.culprits else None
    where = f" (at {npath(first.path)}: {first.error})" if first else f": {outcome.error}"
    if outcome.kind == LOSSY:
        return f"the client does not read the answer back losslessly{where}"
    if outcome.kind == REJECTED:
        return f"the client raises OperationRejected on it{where}"
    return f"the client fails on the answer{where}"


def gone(op: DefinedOperation) -> DriftFinding:
    return DriftFinding(
        op.label,
        "operation-gone",
        "$",
        UNEXPLAINED,
        op.label,
        "404 Resource not found",
        "APIM has no such operation any more",
    )


__all__ = ["NOT_JSON", "BodyChecker", "Definitions", "ReceivedAnswer", "gone", "is_apim_404"]
