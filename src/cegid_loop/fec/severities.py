"""Per-rule severities chosen by the user: `--warn N1`, `severities={"F4": "warning"}`, a config file.

A setting names a rule id (`N1`) or a one-letter group (`C`); a rule id wins over its group, whatever
the order. Levels:

* "error" / "warning": every error or warning finding of the rule gets that level. Info findings (notes
  such as "extra column" or "C2 partial") stay infos: they never block anything.
* "info": every finding of the rule is reported as an info (shown, never counted as a problem).
* "ignore": the rule does not run at all (as if removed with `rules=`).

An explicit setting wins over `strict` (which turns the remaining warnings into errors). `IO` (the file
cannot be read) cannot be changed: an unreadable file is never clean.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal, cast, get_args

from cegid_loop.fec.rules import FATAL_RULE, GROUPS, RULES, RuleSelectionError, Severity

Level = Literal["error", "warning", "info", "ignore"]
LEVELS: tuple[str, ...] = get_args(Level)
# Spellings accepted from users (CLI flag names, config keys) for each level.
_ALIASES = {"warn": "warning", "err": "error", "off": "ignore", "skip": "ignore"}


class SeverityError(RuleSelectionError):
    """An unknown rule or level in a severity setting, or one rule given two levels."""


def level_of(text: str) -> Level:
    """The level named by `text` ("warning", "warn", "ignore", "off"…), case-insensitive."""
    name = text.strip().lower()
    name = _ALIASES.get(name, name)
    if name not in LEVELS:
        raise SeverityError(f"unknown severity {text!r} (use one of: {', '.join(LEVELS)})")
    return cast(Level, name)


def _rules_of(item: str) -> tuple[int, list[str]]:
    """(specificity, rule ids) named by a rule id or group; specificity 1 for an id, 0 for a group."""
    name = item.strip().upper()
    if name == FATAL_RULE:
        raise SeverityError("rule IO (file unreadable) cannot be changed: an unreadable file is never clean")
    if name in RULES:
        return 1, [name]
    if name in GROUPS:
        return 0, [r for r in RULES if r.startswith(name)]
    known = ", ".join(r for r in RULES if r != FATAL_RULE)
    raise SeverityError(f"unknown rule {item.strip()!r} (known: {known}; groups: {', '.join(GROUPS)})")


def resolve(settings: Mapping[str, str] | Iterable[tuple[str, str]] | None) -> dict[str, Level]:
    """Rule id -> level, groups expanded; `settings` maps rule ids or groups to level names.

    Also accepts (rule, level) pairs, e.g. from repeated CLI flags. The same rule (or group) named twice
    with different levels is an error: the user's intent is ambiguous.
    """
    if settings is None:
        return {}
    pairs = list(settings.items()) if isinstance(settings, Mapping) else list(settings)
    chosen: dict[str, tuple[int, Level, str]] = {}  # rule -> (specificity, level, as written)
    for item, level_text in pairs:
        if not isinstance(item, str) or not isinstance(level_text, str):
            raise SeverityError(
                f"a severity setting maps a rule id to a level name, not {item!r}: {level_text!r}"
            )
        level = level_of(level_text)
        specificity, ids = _rules_of(item)
        for rule in ids:
            previous = chosen.get(rule)
            if previous is None or previous[0] < specificity:
                chosen[rule] = (specificity, level, item.strip())
            elif previous[0] == specificity and previous[1] != level:
                raise SeverityError(
                    f"rule {rule} is set to both {previous[1]!r} ({previous[2]}) "
                    f"and {level!r} ({item.strip()})"
                )
    return {rule: level for rule, (_, level, _) in chosen.items()}


def from_lists(**levels: Iterable[str] | None) -> list[tuple[str, str]]:
    """(rule, level) pairs from lists named by level: `from_lists(warning=["N1"], ignore=["C4", "C6"])`.

    Items may hold comma-separated rules ("N1,F4"), as CLI flags do."""
    pairs: list[tuple[str, str]] = []
    for level, items in levels.items():
        for raw in items or ():
            pairs.extend((rule, level) for rule in raw.split(",") if rule.strip())
    return pairs


def apply(level: Level | None, severity: Severity, strict: bool) -> Severity:
    """The severity a finding is reported with, given the rule's setting (None: no setting)."""
    if level is None or level == "ignore":
        return "error" if strict and severity == "warning" else severity
    if level == "info" or severity == "info":
        return "info"
    return level
