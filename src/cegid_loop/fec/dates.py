"""Dates: AAAAMMJJ for FEC (legal text XII 4°), JJMMAAAA for TRA (tra-format.md §1).

A file holds few distinct dates, so valid ones are remembered and whole columns are checked with set
operations instead of parsing every value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from cegid_loop.fec.rules import Severity

# TCD alerts on years outside 1900-2099 (format.md §3 rule 15).
MIN_YEAR, MAX_YEAR = 1900, 2099
_CACHE_MAX = 200_000

# TRA "no date" values: 01/01/1900 (Cegid), 30/12/1899 (Delphi zero date).
TRA_EMPTY_DATES = frozenset({"01011900", "30121899"})


def parse_yyyymmdd(s: str) -> dt.date | None:
    if len(s) != 8 or not (s.isascii() and s.isdigit()):
        return None
    try:
        return dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
    except ValueError:
        return None


def parse_ddmmyyyy(s: str) -> dt.date | None:
    if len(s) != 8 or not (s.isascii() and s.isdigit()):
        return None
    try:
        return dt.date(int(s[4:]), int(s[2:4]), int(s[:2]))
    except ValueError:
        return None


def date_problem(s: str) -> tuple[str, str, Severity] | None:
    """(French, English, severity) of why `s` is not a valid AAAAMMJJ date, or None when it is."""
    d = parse_yyyymmdd(s)
    if d is None:
        if len(s) == 8 and s.isascii() and s.isdigit():
            return ("date calendaire invalide", "not a calendar date", "error")
        return (
            "format AAAAMMJJ attendu, sans séparateur",
            "AAAAMMJJ (YYYYMMDD) expected, no separator",
            "error",
        )
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        return (f"année hors de {MIN_YEAR}-{MAX_YEAR}", f"year outside {MIN_YEAR}-{MAX_YEAR}", "warning")
    return None


class DateChecker:
    """Remembers valid AAAAMMJJ strings; returns the invalid distinct values of a column."""

    def __init__(self) -> None:
        self.valid: set[str] = set()

    def invalid_in(self, col: Iterable[str]) -> set[str]:
        values = set(col)
        values.discard("")
        values -= self.valid
        bad: set[str] = set()
        for v in values:
            if date_problem(v) is None:
                if len(self.valid) < _CACHE_MAX:
                    self.valid.add(v)
            else:
                bad.add(v)
        return bad
