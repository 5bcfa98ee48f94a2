"""The values of TRA fields (tra-format.md): code lists (T1), dates (F1), amounts (F2), empty
mandatory fields (F5). One finding per bad value; nothing here knows where the field is.
"""

from __future__ import annotations

import re

from cegid_loop.fec.amounts import SCALE_DIGITS
from cegid_loop.fec.dates import TRA_EMPTY_DATES, parse_ddmmyyyy
from cegid_loop.fec.findings import FindingSink
from cegid_loop.fec.tra_layout import TraField

_AMOUNT = re.compile(r"\d+(?:,(\d+))?")


class TraFieldChecks:
    """The checks of one field's value, each reporting to ``sink`` (``n``: the line number)."""

    def __init__(self, sink: FindingSink) -> None:
        self.sink = sink

    def code(self, n: int, f: TraField, value: str, allowed: frozenset[str]) -> None:
        if value not in allowed:
            self.sink.add(
                "T1",
                n,
                f.name,
                value,
                f"{f.name} « {value} » hors des valeurs connues {sorted(allowed)}.",
                f"{f.name} '{value}' not among the known values {sorted(allowed)}.",
            )

    def date(self, n: int, name: str, value: str, *, allow_empty: bool = True) -> None:
        if value in TRA_EMPTY_DATES:
            if not allow_empty:
                self.sink.add(
                    "F5", n, name, value, f"{name} : date vide ({value}).", f"{name}: empty date ({value})."
                )
            return
        if parse_ddmmyyyy(value) is None:
            self.sink.add(
                "F1",
                n,
                name,
                value,
                f"{name} « {value} » : date JJMMAAAA invalide.",
                f"{name} '{value}': invalid JJMMAAAA (DDMMYYYY) date.",
            )

    def datetime(self, n: int, name: str, value: str) -> None:
        hh, mm = value[8:10], value[10:12]
        digits = (hh + mm).isascii() and hh.isdigit() and mm.isdigit()  # "²".isdigit() is True
        ok = digits and int(hh) < 24 and int(mm) < 60
        if (value[:8] not in TRA_EMPTY_DATES and parse_ddmmyyyy(value[:8]) is None) or not ok:
            self.sink.add(
                "F1",
                n,
                name,
                value,
                f"{name} « {value} » : JJMMAAAAHHMM attendu.",
                f"{name} '{value}': JJMMAAAAHHMM expected.",
            )

    def amount(self, n: int, f: TraField, value: str, *, mandatory: bool = False) -> int | None:
        """The amount in millionths; 0 when blank; None when unreadable."""
        s = value.strip()
        if not s:
            if mandatory:
                self.sink.add("F5", n, f.name, "", f"{f.name} vide.", f"{f.name} is empty.")
                return None
            return 0
        m = _AMOUNT.fullmatch(s) if s.isascii() else None
        if m is None:
            if s.startswith("-") or s.endswith("-"):
                fr, en = (
                    "montant signé (le signe est porté par le sens)",
                    "signed amount (the sign is the Sens)",
                )
            elif "." in s and "," not in s:
                fr, en = "séparateur décimal « . » au lieu de la virgule", "decimal point instead of comma"
            else:
                fr, en = "nombre attendu (virgule décimale)", "number expected (decimal comma)"
            self.sink.add("F2", n, f.name, s, f"{f.name} « {s} » : {fr}.", f"{f.name} '{s}': {en}.")
            return None
        whole, _, frac = s.partition(",")
        if len(frac) > SCALE_DIGITS:
            frac = frac[:SCALE_DIGITS]
        return int(whole + frac.ljust(SCALE_DIGITS, "0"))


__all__ = ["TraFieldChecks"]
