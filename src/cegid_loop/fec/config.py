"""Validation settings from a TOML file, so that one disputed rule does not force `--no-validate`.

In the project's `pyproject.toml` (found from the current directory upwards, the closest one holding the
table wins), or in any file given with `--config FILE` / `config=`::

    [tool.cegid-loop.validate]
    warn = ["F4"]                  # demote to a warning
    error = ["C2"]                 # promote to an error
    ignore = ["C4"]                # do not run
    severities = { N1 = "warning", C = "error" }   # the same, as a table (rule ids or groups)
    rules = "all,-C6"              # as --rules
    strict = false                 # as --strict

A file other than `pyproject.toml` may also hold these keys at its top level. Settings given on the
command line or to the Python API win over the file, rule by rule.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cegid_loop.fec.rules import RuleSelectionError, select_rules
from cegid_loop.fec.severities import Level, SeverityError, from_lists, resolve

TABLE = ("tool", "cegid-loop", "validate")
_LIST_KEYS = {"warn": "warning", "error": "error", "ignore": "ignore", "info": "info"}
_KEYS = {*_LIST_KEYS, "severities", "rules", "strict"}


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class ValidateConfig:
    source: Path | None = None  # the file the settings come from, None when there is none
    severities: dict[str, Level] = field(default_factory=dict)  # rule id -> level, groups expanded
    rules: str | list[str] | None = None
    strict: bool | None = None

    def merged(
        self,
        *,
        severities: Mapping[str, Level] | None = None,
        rules: str | list[str] | None = None,
        strict: bool | None = None,
    ) -> ValidateConfig:
        """These settings overridden by explicit ones (rule by rule for severities)."""
        return ValidateConfig(
            self.source,
            {**self.severities, **(severities or {})},
            rules if rules is not None else self.rules,
            strict if strict is not None else self.strict,
        )


def _table(doc: dict[str, Any], path: Path) -> dict[str, Any] | None:
    node: Any = doc
    for key in TABLE:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    if not isinstance(node, dict):
        raise ConfigError(f"{path}: [tool.cegid-loop.validate] must be a table")
    return node


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fp:
            return tomllib.load(fp)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or 'input/output error'})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid TOML: the file is not UTF-8 text") from None


def parse_settings(table: Mapping[str, Any], source: Path | None = None) -> ValidateConfig:
    """Check and resolve a settings table (the contents of [tool.cegid-loop.validate])."""
    where = f"{source}: " if source else ""
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(_KEYS))})")
    lists: dict[str, list[str]] = {}
    for key, level in _LIST_KEYS.items():
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f'{where}{key} must be a list of rule ids, e.g. {key} = ["N1"]')
        lists[level] = value
    table_levels = table.get("severities", {})
    if not isinstance(table_levels, dict) or not all(isinstance(v, str) for v in table_levels.values()):
        raise ConfigError(f'{where}severities must be a table of rule = "level", e.g. {{ N1 = "warning" }}')
    rules = table.get("rules")
    if rules is not None and not (
        isinstance(rules, str) or (isinstance(rules, list) and all(isinstance(r, str) for r in rules))
    ):
        raise ConfigError(f'{where}rules must be a string such as "all,-C4" or a list of rule ids')
    strict = table.get("strict")
    if strict is not None and not isinstance(strict, bool):
        raise ConfigError(f"{where}strict must be true or false")
    try:
        levels = resolve([*from_lists(**lists), *table_levels.items()])
        if rules is not None:
            select_rules(rules)
    except (SeverityError, RuleSelectionError) as exc:
        raise ConfigError(f"{where}{exc}") from None
    return ValidateConfig(source, levels, rules, strict)


def load_config(path: str | os.PathLike[str]) -> ValidateConfig:
    """Settings from one file: its [tool.cegid-loop.validate] table, or (a file not named pyproject.toml)
    its top-level keys. Raises ConfigError when the file cannot be read or holds a wrong setting."""
    p = Path(path)
    doc = _read(p)
    table = _table(doc, p)
    if table is None:
        if p.name == "pyproject.toml":
            return ValidateConfig(p)
        table = doc
    return parse_settings(table, p)


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The closest pyproject.toml holding [tool.cegid-loop.validate], from `start` (default: the current
    directory) up to the root; None when there is none.

    A candidate that cannot be parsed is returned when it mentions cegid-loop (so that loading it reports
    the mistake instead of silently ignoring the user's settings), skipped otherwise."""
    here = Path(start) if start is not None else Path.cwd()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        try:
            if not candidate.is_file():
                continue
            raw = candidate.read_bytes()
        except OSError:
            continue
        try:
            if _table(tomllib.loads(raw.decode("utf-8")), candidate) is not None:
                return candidate
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, ConfigError):
            if b"cegid-loop" in raw:
                return candidate
    return None


def discover_config(start: str | os.PathLike[str] | None = None) -> ValidateConfig:
    """`load_config(find_config(start))`, or empty settings when no file holds the table."""
    found = find_config(start)
    return load_config(found) if found is not None else ValidateConfig()
