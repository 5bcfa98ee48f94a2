"""What state an import is in: :class:`ImportState`, and how Loop's statuses map onto it.

Loop reports a status as a number on one of two scales, an enum member or words (French or
English). A status this client cannot read is ``UNKNOWN``, never taken for a success; a negation
("pas terminé", "Not OK") is never read as its opposite.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from typing import Any


class ImportState(enum.StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    ENDED = "ended"  # finished, but the status does not say whether it succeeded (Loop's codes >= 25)
    UNKNOWN = "unknown"  # a status this client cannot read: never taken for a success

    @property
    def final(self) -> bool:
        return self in (ImportState.SUCCEEDED, ImportState.FAILED, ImportState.ENDED)


# Loop's numeric codes. Two scales are in the wild (facts.md §3.9): the JSON-import page's
# 10 (waiting) / 20 (running) / >= 25 ("end of processing", outcome not stated), and integrators'
# 1..4 (3 success, 4 error). Anything else is unknown.
_NUMERIC_STATES = {
    1: ImportState.PENDING,
    2: ImportState.RUNNING,
    3: ImportState.SUCCEEDED,
    4: ImportState.FAILED,
    10: ImportState.PENDING,
    20: ImportState.RUNNING,
}
ENDED_FROM = 25
# Whole words only (accents and case folded): "broken", "booked" or "Token expired" match nothing.
_WORDS: dict[ImportState, frozenset[str]] = {
    ImportState.FAILED: frozenset(
        [
            "error",
            "errors",
            "erreur",
            "erreurs",
            "fail",
            "failed",
            "failure",
            "echec",
            "echoue",
            "echouee",
            "rejected",
            "rejet",
            "rejete",
            "rejetee",
            "refused",
            "refuse",
            "refusee",
            "cancelled",
            "canceled",
            "annule",
            "annulee",
            "aborted",
            "abandonne",
            "ko",
            "invalid",
            "invalide",
        ]
    ),
    ImportState.SUCCEEDED: frozenset(
        [
            "success",
            "succeeded",
            "successful",
            "succes",
            "reussi",
            "reussie",
            "done",
            "completed",
            "complete",
            "termine",
            "terminee",
            "finished",
            "ok",
            "imported",
            "importe",
            "importee",
            "integre",
            "integree",
        ]
    ),
    ImportState.RUNNING: frozenset(
        ["running", "progress", "cours", "processing", "traitement", "started", "demarre"]
    ),
    ImportState.PENDING: frozenset(
        ["pending", "waiting", "queued", "attente", "created", "new", "nouveau", "received", "recu"]
    ),
}
_NEGATIONS = frozenset(["not", "non", "pas", "no", "sans", "without", "aucun", "aucune"])


def _tokens(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.findall(r"[a-z0-9]+", folded)


def _state_of_words(text: str) -> ImportState:
    words = _tokens(text)
    if words and all(w.isdigit() for w in words) and len(words) == 1:
        return state_of(int(words[0]))
    kept: list[str] = []
    for word in words:
        # "sans erreur", "no errors", "without error": the absence of a failure word, not a negation
        if kept and kept[-1] in _NEGATIONS and word in _WORDS[ImportState.FAILED]:
            kept.pop()
            kept.append("ok")
            continue
        kept.append(word)
    if any(w in _NEGATIONS for w in kept):
        return ImportState.UNKNOWN  # "Not OK", "pas terminé": never read as their opposite
    for state in (ImportState.FAILED, ImportState.SUCCEEDED, ImportState.RUNNING, ImportState.PENDING):
        if any(w in _WORDS[state] for w in kept):
            return state
    return ImportState.UNKNOWN


def state_of(raw: Any, *, has_errors: bool = False) -> ImportState:
    """Classify a raw status (int code, enum member, or words)."""
    if isinstance(raw, enum.Enum):
        by_name = _state_of_words(raw.name.replace("_", " "))
        return by_name if by_name is not ImportState.UNKNOWN else state_of(raw.value, has_errors=has_errors)
    if isinstance(raw, bool):
        return ImportState.UNKNOWN
    if isinstance(raw, int):
        if raw in _NUMERIC_STATES:
            return _NUMERIC_STATES[raw]
        if raw >= ENDED_FROM:
            return ImportState.FAILED if has_errors else ImportState.ENDED
        return ImportState.UNKNOWN
    if isinstance(raw, str):
        return _state_of_words(raw)
    return ImportState.UNKNOWN


__all__ = ["ENDED_FROM", "ImportState", "state_of"]
