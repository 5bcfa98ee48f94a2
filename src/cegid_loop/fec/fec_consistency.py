"""Consistency rules on whole columns of a block: C1 (validation order), C3 (opening entries first),
C4 (fiscal year), C5 (lettering), C6 (currency). C2 (numbering) lives with the entries."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence
from itertools import compress
from operator import le, lt, ne

from cegid_loop.fec.currencies import ISO_4217
from cegid_loop.fec.findings import FindingSink

# Journal codes and labels used for opening entries (à-nouveaux) in real files and common software.
_OPENING_CODES = frozenset({"AN", "ANO", "RAN", "OUV", "AO"})
_OPENING_WORDS = ("nouveau", "ouverture", "reprise")

Line = Callable[[int], int]


def _plain(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()


def fiscal_window(closing: dt.date | None) -> tuple[str, str] | None:
    """The fiscal year as AAAAMMJJ bounds: the 12 months ending on the closing date of the file name."""
    if closing is None:
        return None
    try:
        start = closing.replace(year=closing.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        start = closing.replace(year=closing.year - 1, day=28) + dt.timedelta(days=1)
    return f"{start:%Y%m%d}", f"{closing:%Y%m%d}"


class Consistency:
    def __init__(self, sink: FindingSink, closing: dt.date | None) -> None:
        self.sink = sink
        self.window = fiscal_window(closing)
        self.prev_valid = ""  # C1: last ValidDate seen
        self.opening: dict[str, bool] = {}  # C3: journal code -> is an opening (à-nouveaux) journal
        self.seen_regular = False
        self.c3_reported = False

    def c1_block(self, valid: list[str], distinct: set[str], bad: set[str], ln: Line) -> None:
        # One validation date per block (the usual case) needs no order check inside the block.
        if len(distinct) == 1 and all(valid) and not bad and (v := next(iter(distinct))) >= self.prev_valid:
            self.prev_valid = v
        else:
            self.c1(valid, bad, ln)

    def c1(self, valid: Sequence[str], bad: set[str], ln: Line) -> None:
        values = list(filter(None, valid))
        if bad:
            values = [v for v in values if v not in bad]
        if not values:
            return
        prev = self.prev_valid
        if (not prev or prev <= values[0]) and all(map(le, values[:-1], values[1:])):
            self.prev_valid = values[-1]
            return
        for i, v in enumerate(valid):
            if not v or v in bad:
                continue
            if prev and v < prev:
                self.sink.add(
                    "C1",
                    ln(i),
                    "ValidDate",
                    v,
                    f"ValidDate {v} antérieure à la ligne précédente ({prev}) : ordre chronologique de "
                    "validation non respecté (VII 1°).",
                    f"ValidDate {v} earlier than the previous line's ({prev}): not in chronological order of "
                    "validation (VII 1°).",
                )
            prev = v
        self.prev_valid = prev

    def is_opening(self, code: str, lib: str) -> bool:
        if code.upper() in _OPENING_CODES:
            return True
        plain = _plain(lib)
        return any(w in plain for w in _OPENING_WORDS)

    def c3(self, jc: list[str], one_journal: bool, jl: list[str] | None, ln: Line) -> None:
        opening = self.opening
        if len(opening) > 100_000:  # garbage in the JournalCode column: C3 is meaningless there
            return
        for code in ({jc[0]} if one_journal else set(jc)) - opening.keys():
            lib = jl[jc.index(code)] if jl is not None else ""
            opening[code] = self.is_opening(code, lib)
        if one_journal:
            if opening[jc[0]] and self.seen_regular:
                flags = [True]
            else:
                self.seen_regular = self.seen_regular or not opening[jc[0]]
                return
        else:
            flags = list(map(opening.__getitem__, jc))
        if True in flags:
            start = 0 if self.seen_regular else (flags.index(False) if False in flags else len(flags))
            if True in flags[start:]:
                first = flags.index(True, start)
                code = jc[first]
                self.sink.add(
                    "C3",
                    ln(first),
                    "JournalCode",
                    code,
                    f"Écritures d'à-nouveaux (journal {code}) après d'autres écritures : la reprise "
                    "des soldes doit porter les premiers numéros (VII 3°).",
                    f"Opening entries (journal {code}) come after other entries: the carried-forward "
                    "balances must carry the first numbers (VII 3°).",
                )
                self.c3_reported = True
        if False in flags:
            self.seen_regular = True

    def c4(self, edate: list[str], values: set[str], bad: set[str], ln: Line) -> None:
        if self.window is None:
            return
        start, end = self.window
        if not values or (min(values) >= start and max(values) <= end):
            return
        outside = [i for i, v in enumerate(edate) if v and (v < start or v > end) and v not in bad]
        fr_start, fr_end = f"{start[6:]}/{start[4:6]}/{start[:4]}", f"{end[6:]}/{end[4:6]}/{end[:4]}"
        en_start, en_end = f"{start[:4]}-{start[4:6]}-{start[6:]}", f"{end[:4]}-{end[4:6]}-{end[6:]}"
        fr = f"EcritureDate hors de l'exercice {fr_start} - {fr_end} "
        en = f"EcritureDate outside the fiscal year {en_start} to {en_end} "
        self.sink.add_all(
            "C4",
            outside,
            lambda i: (
                ln(i),
                "EcritureDate",
                edate[i],
                fr + "(12 mois finissant à la date du nom du fichier).",
                en + "(12 months ending on the file-name date).",
            ),
        )

    def c5(
        self, let: Sequence[str] | None, dlet: Sequence[str] | None, edate: Sequence[str] | None, ln: Line
    ) -> None:
        if let is None or dlet is None or not (any(let) or any(dlet)):
            return
        if sum(map(ne, map(bool, let), map(bool, dlet))):
            mismatch = list(compress(range(len(let)), map(ne, map(bool, let), map(bool, dlet))))
            self.sink.add_all(
                "C5",
                mismatch,
                lambda i: (
                    ln(i),
                    "DateLet" if let[i] else "EcritureLet",
                    let[i] or dlet[i],
                    "EcritureLet renseigné sans DateLet."
                    if let[i]
                    else "DateLet renseignée sans EcritureLet.",
                    "EcritureLet set without DateLet." if let[i] else "DateLet set without EcritureLet.",
                ),
            )
        if edate is None or sum(map(lt, dlet, edate)) <= dlet.count(""):
            return
        early = [i for i, (d, e) in enumerate(zip(dlet, edate, strict=True)) if d and e and d < e]
        self.sink.add_all(
            "C5",
            early,
            lambda i: (
                ln(i),
                "DateLet",
                dlet[i],
                f"DateLet {dlet[i]} antérieure à EcritureDate {edate[i]}.",
                f"DateLet {dlet[i]} earlier than EcritureDate {edate[i]}.",
            ),
        )

    def c6(self, mdev: Sequence[str] | None, idev: Sequence[str] | None, ln: Line) -> None:
        if mdev is None or idev is None or not (any(mdev) or any(idev)):
            return
        if sum(map(ne, map(bool, mdev), map(bool, idev))):
            mismatch = list(compress(range(len(mdev)), map(ne, map(bool, mdev), map(bool, idev))))
            self.sink.add_all(
                "C6",
                mismatch,
                lambda i: (
                    ln(i),
                    "Idevise" if mdev[i] else "Montantdevise",
                    mdev[i] or idev[i],
                    "Montantdevise renseigné sans Idevise."
                    if mdev[i]
                    else "Idevise renseigné sans Montantdevise.",
                    "Montantdevise set without Idevise." if mdev[i] else "Idevise set without Montantdevise.",
                ),
            )
        unknown = set(idev) - ISO_4217 - {""}
        if unknown:
            self.sink.add_all(
                "C6",
                [i for i, v in enumerate(idev) if v in unknown],
                lambda i: (
                    ln(i),
                    "Idevise",
                    idev[i],
                    f"« {idev[i]} » n'est pas un code devise ISO 4217.",
                    f"'{idev[i]}' is not an ISO 4217 currency code.",
                ),
            )
