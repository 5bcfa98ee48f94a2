"""Findings and the sink that counts them all but keeps only the first examples of each rule."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from cegid_loop.fec.rules import FATAL_RULE, RULES, Severity
from cegid_loop.fec.severities import Level, apply

# Enough examples for any report while keeping memory flat on a file where every line is wrong.
DEFAULT_MAX_PER_RULE = 1000
# A value quoted in a finding (and in its messages) is cut beyond this: a runaway line of a megabyte must
# not make a thousand findings weigh a gigabyte.
MAX_VALUE = 200
MAX_MESSAGE = 1000

T = TypeVar("T")
# What a finding needs besides its rule: line, column, value, French message, English message.
Parts = tuple[int, str, str, str, str]


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    line: int  # 1-based physical line; 0 = the whole file (file name, file totals)
    column: str  # field name, or "" when the finding is not about one field
    value: str
    message_fr: str
    message_en: str
    file: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class FindingSink:
    """Collects findings for one validation run.

    Counting is exact; storage is capped per rule (`max_per_rule`, None = unlimited) so that memory stays
    bounded however many lines are wrong. `strict` turns warnings into errors; `severities` (rule id ->
    level, see `severities.resolve`) sets a rule's level, "ignore" switching it off.
    """

    def __init__(
        self,
        enabled: frozenset[str] | None = None,
        *,
        strict: bool = False,
        max_per_rule: int | None = DEFAULT_MAX_PER_RULE,
        severities: Mapping[str, Level] | None = None,
    ) -> None:
        enabled = enabled if enabled is not None else frozenset(RULES)
        # IO is never tuned: a file that cannot be read is never clean.
        self.levels: dict[str, Level] = {r: v for r, v in (severities or {}).items() if r != FATAL_RULE}
        ignored = {r for r, level in self.levels.items() if level == "ignore"}
        self.enabled = enabled - ignored
        self.strict = strict
        self.max_per_rule = max_per_rule
        self.findings: list[Finding] = []
        self.counts: dict[str, int] = {}
        self.severity_counts: dict[str, int] = {"error": 0, "warning": 0, "info": 0}
        self.fatal = False
        self.file = ""

    def wants(self, rule: str) -> bool:
        return rule in self.enabled

    def add(
        self,
        rule: str,
        line: int,
        column: str,
        value: str,
        message_fr: str,
        message_en: str,
        severity: Severity | None = None,
    ) -> None:
        if rule not in self.enabled:
            return
        sev = self.severity(rule, severity)
        if rule == FATAL_RULE:
            self.fatal = True
        n = self.counts.get(rule, 0) + 1
        self.counts[rule] = n
        self.severity_counts[sev] += 1
        if self.max_per_rule is None or n <= self.max_per_rule:
            if len(value) > MAX_VALUE:  # a runaway line must not bloat the report
                short = value[:MAX_VALUE] + "…"
                message_fr, message_en = message_fr.replace(value, short), message_en.replace(value, short)
                value = short
            if len(message_fr) > MAX_MESSAGE:
                message_fr = message_fr[:MAX_MESSAGE] + "…"
            if len(message_en) > MAX_MESSAGE:
                message_en = message_en[:MAX_MESSAGE] + "…"
            self.findings.append(Finding(rule, sev, line, column, value, message_fr, message_en, self.file))

    def severity(self, rule: str, severity: Severity | None = None) -> Severity:
        """The severity a finding of `rule` is reported with (`severity`: the finding's own, if not the
        rule's default), after the user's setting for the rule and `strict`."""
        return apply(self.levels.get(rule), severity or RULES[rule].severity, self.strict)

    def add_all(
        self, rule: str, items: Sequence[T], build: Callable[[T], Parts], severity: Severity | None = None
    ) -> None:
        """One finding per item; messages are built only for the findings that will be kept, the others
        are just counted (a file wrong on every line must not cost a message per line)."""
        if rule not in self.enabled or not items:
            return
        room = (
            len(items) if self.max_per_rule is None else max(0, self.max_per_rule - self.counts.get(rule, 0))
        )
        for item in items[:room]:
            self.add(rule, *build(item), severity=severity)
        rest = len(items) - room
        if rest > 0:
            sev = self.severity(rule, severity)
            self.counts[rule] = self.counts.get(rule, 0) + rest
            self.severity_counts[sev] += rest

    def omitted(self) -> dict[str, int]:
        """Per rule, how many findings were counted but not kept."""
        if self.max_per_rule is None:
            return {}
        return {r: n - self.max_per_rule for r, n in self.counts.items() if n > self.max_per_rule}
