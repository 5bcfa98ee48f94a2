"""Runtime rules: one per quirk that is fixed outside the overlay (by the templates or by the
hand-written client), keyed on the quirk id of QUIRKS.md.

A rule only *proposes* an explanation. Whether it stands is decided afterwards, by the client's
own parser on the same body (:mod:`cegid_loop.drift.client_read`): a rule that says "the client
unwraps ``data``" is worth nothing if the client then fails on that body.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from cegid_loop.definition import ARRAY
from cegid_loop.drift.report import EXPLAINED, DriftFinding
from cegid_loop.drift.validate import Deviation, short


@dataclass
class CallContext:
    op_label: str
    body: Any
    list_shape: str | None  # the documented answer's (cegid_loop.definition.schemas.list_shape)
    findings: list[DriftFinding]
    seen: set[str]  # quirk ids whose behaviour was observed
    refusal: bool = False  # the body is Loop's {"error": ...} refusal: the client must raise

    def explained(self, quirk: str, kind: str, path: str, old: Any, new: Any, message: str) -> None:
        self.findings.append(
            DriftFinding(self.op_label, kind, path, EXPLAINED, old, short(new), message, (quirk,))
        )
        self.seen.add(quirk)


def _walk(value: Any) -> Iterator[Any]:
    yield value
    if isinstance(value, dict):
        for child in value.values():
            yield from _walk(child)
    elif isinstance(value, list):
        for child in value:
            yield from _walk(child)


def rule_data_wrap(ctx: CallContext) -> bool:
    """Q-GROUPE-DATA-WRAP: a list wrapped in ``{"data": [...]}`` (other keys such as ``count`` beside
    it); the client's list methods unwrap ``data``. Returns True when it unwrapped the body
    (validation goes on with the list)."""
    body = ctx.body
    if not (isinstance(body, dict) and isinstance(body.get("data"), list)):
        return False
    ctx.seen.add("Q-GROUPE-DATA-WRAP")
    if ctx.list_shape == ARRAY:
        others = sorted(k for k in body if k != "data")
        ctx.explained(
            "Q-GROUPE-DATA-WRAP",
            "list-wrapped",
            "$.data",
            "a bare array",
            '{"data": [...]}' if not others else '{"data": [...], ' + ", ".join(others) + "}",
            "the client's list methods unwrap `data`",
        )
        ctx.body = body["data"]
        return True
    return False


def rule_import_error_200(ctx: CallContext) -> bool:
    """Q-IMPORT-ERROR-200: a refusal answered with HTTP 200 and ``{"error": {...}}``; the client raises.
    Returns True when the body is such an error (nothing else to validate)."""
    body = ctx.body
    error = body.get("error") if isinstance(body, dict) else None
    if not (isinstance(error, dict) and "message" in error and set(body) == {"error"}):
        return False
    ctx.seen.add("Q-IMPORT-ERROR-200")
    ctx.refusal = True
    ctx.explained(
        "Q-IMPORT-ERROR-200",
        "error-with-200",
        "$.error",
        "a success body",
        error.get("message"),
        "the client raises ImportFailed / OperationRejected",
    )
    return True


def observe_empty_reference(ctx: CallContext) -> None:
    if any(v == {"objectId": None, "description": [""]} for v in _walk(ctx.body)):
        ctx.seen.add("Q-EMPTY-REFERENCE")


def explains_objectid(deviation: Deviation) -> bool:
    """Q-OBJECTID-NOT-UUID: an objectId that is not a UUID; the client keeps it as given."""
    return (
        deviation.keyword == "format"
        and deviation.expected == "uuid"
        and bool(deviation.path)
        and deviation.path[-1] == "objectId"
    )


# Rules applied to a body before validation (in this order), keyed on the quirk they stand for.
PRE_RULES: dict[str, Callable[[CallContext], bool]] = {
    "Q-IMPORT-ERROR-200": rule_import_error_200,
    "Q-GROUPE-DATA-WRAP": rule_data_wrap,
}
OBSERVERS: dict[str, Callable[[CallContext], None]] = {"Q-EMPTY-REFERENCE": observe_empty_reference}
EXPLAINERS: dict[str, Callable[[Deviation], bool]] = {"Q-OBJECTID-NOT-UUID": explains_objectid}
RUNTIME_RULES = frozenset({*PRE_RULES, *OBSERVERS, *EXPLAINERS})
# The template quirk that is meant to make the client survive a deviation no definition allows:
# named in the finding, next to what the client's parser really did with the body.
TOLERATED_BY = {"enum-value-unknown": "Q-UNKNOWN-ENUM-VALUE", "format-mismatch": "Q-FORMAT-TOLERANT"}

__all__ = [
    "EXPLAINERS",
    "OBSERVERS",
    "PRE_RULES",
    "RUNTIME_RULES",
    "TOLERATED_BY",
    "CallContext",
]
