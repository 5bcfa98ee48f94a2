"""FEC rules on entries rather than lines: B2 (each entry balanced), B3 (the file balanced) and C2
(continuous numbering), fed block by block with the runs of lines of one entry.

The state per entry is :mod:`.entries`' (open balances, numbering streams), so memory does not grow
with the number of lines. An entry whose balance cannot be known (an unreadable amount or Sens, a
malformed line) gets no B2, and the file then gets no B3: the F2/F3/S3 finding says why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import accumulate, compress, islice, repeat
from operator import add, ne, or_, sub

from cegid_loop.fec.amounts import format_fr
from cegid_loop.fec.entries import Balances, Numbering, OpenEntry
from cegid_loop.fec.findings import FindingSink

Line = Callable[[int], int]
Key = tuple[str, str]  # (JournalCode, EcritureNum)
# Bound on the entries remembered as of unknown balance, for files whose columns are garbage.
MAX_UNKNOWN = 200_000


class EntryChecks:
    def __init__(self, sink: FindingSink) -> None:
        self.sink = sink
        self.wants = sink.wants
        self.balances = Balances()
        self.numbering = Numbering()
        self.total_debit = 0
        self.total_credit = 0
        # C2: a constant EcritureNum
        self.first_num: str | None = None
        self.num_constant = True
        self.first_data_line = 0
        # Entries whose balance cannot be known: no B2 for them and no B3 for the file.
        self.unknown_balance: set[Key] = set()
        self.bad_lines = False

    # ------------------------------------------------------------------ while reading

    def malformed_line(self, key: Key | None) -> None:
        """A line left out for its field count; ``key``: its entry, when it can be told."""
        self.bad_lines = True
        if key is not None and len(self.unknown_balance) < MAX_UNKNOWN:
            self.unknown_balance.add(key)

    def unknown(self, keys: Iterable[Key]) -> None:
        """Entries with a line whose amount or Sens cannot be read."""
        if len(self.unknown_balance) < MAX_UNKNOWN:
            self.unknown_balance.update(keys)

    def totals(self, debit: int, credit: int) -> None:
        self.total_debit += debit
        self.total_credit += credit

    def runs(
        self,
        jc: list[str],
        one_journal: bool,
        num: list[str],
        debit: list[int],
        credit: list[int],
        factor: int,
        ln: Line,
        first: int | None,
        file: str,
    ) -> None:
        """One block's columns: balances (B2) and numbering (C2) of its runs of lines of one entry.
        ``first``: the block's first line number when its lines are consecutive (else None)."""
        size = len(num)
        # Runs of consecutive lines with the same (JournalCode, EcritureNum) key.
        changes = map(ne, islice(num, 1, None), num)
        if not one_journal:
            changes = map(or_, changes, map(ne, islice(jc, 1, None), jc))
        starts = [0, *compress(range(1, size), changes)]
        ends = [*starts[1:], size]
        # Run balances through prefix sums of debit - credit; a balanced run cannot change its entry's
        # balance, so only unbalanced runs (rare) reach the Python-level loop.
        acc = list(accumulate(map(sub, debit, credit), initial=0))
        run_delta = map(sub, map(acc.__getitem__, ends), map(acc.__getitem__, starts))
        balance = self.balances.add
        for r in compress(range(len(starts)), run_delta):
            s, e = starts[r], ends[r]
            balance((jc[s], num[s]), sum(debit[s:e]) * factor, sum(credit[s:e]) * factor, ln(s), file)
        if self.balances.evicted:
            for key, entry in self.balances.evicted:
                self.report_unbalanced(key, entry, file)
            self.balances.evicted.clear()
        run_num = list(map(num.__getitem__, starts))
        run_jc = [jc[0]] * len(starts) if one_journal else list(map(jc.__getitem__, starts))
        run_line = list(map(add, starts, repeat(first))) if first is not None else list(map(ln, starts))
        self.numbering.see_runs(run_jc, run_num, run_line, file, one_journal)
        # C2: a constant EcritureNum does not identify entries (sample 000000000FEC20231231).
        if self.first_num is None:
            self.first_num = num[0]
            self.first_data_line = ln(0)
        if self.num_constant and num.count(self.first_num) != size:
            self.num_constant = False

    # ------------------------------------------------------------------ findings

    def report_unbalanced(self, key: Key, e: OpenEntry, file: str) -> None:
        """B2 for one entry; ``file``: the part being read, the sink's file again afterwards."""
        if key in self.unknown_balance or not self.wants("B2"):
            return
        journal, num = key
        diff = format_fr(e.debit - e.credit)
        self.sink.file = e.file
        self.sink.add(
            "B2",
            e.line,
            "EcritureNum",
            f"{journal}/{num}",
            f"Écriture {journal} {num} déséquilibrée : débit {format_fr(e.debit)}, crédit "
            f"{format_fr(e.credit)}, écart {diff} (lignes à partir de celle-ci).",
            f"Entry {journal} {num} is not balanced: debit {format_fr(e.debit)}, credit "
            f"{format_fr(e.credit)}, difference {diff} (lines from this one on).",
        )
        self.sink.file = file

    def report_open(self, file: str) -> None:
        """B2 for every entry still unbalanced at the end, in the order of the files and lines."""
        for key, e in sorted(self.balances.open.items(), key=lambda kv: (kv[1].file, kv[1].line)):
            self.report_unbalanced(key, e, file)

    def file_balance(self) -> None:
        """B3, when every entry's balance is known."""
        if (
            self.wants("B3")
            and self.total_debit != self.total_credit
            and not self.unknown_balance
            and not self.bad_lines
        ):
            self.sink.add(
                "B3",
                0,
                "Debit/Credit",
                format_fr(self.total_debit - self.total_credit),
                f"Fichier déséquilibré : total débit {format_fr(self.total_debit)}, total crédit "
                f"{format_fr(self.total_credit)}.",
                f"File not balanced: total debit {format_fr(self.total_debit)}, total credit "
                f"{format_fr(self.total_credit)}.",
            )

    def numbering_gaps(self, lines: int, distinct_journals: int, edate_varies: bool) -> None:
        """C2: a constant EcritureNum over several journals or dates, else each gap in the numbering."""
        sink = self.sink
        if (
            self.first_num is not None
            and self.num_constant
            and lines > 1
            and (distinct_journals > 1 or edate_varies)
        ):
            sink.add(
                "C2",
                self.first_data_line,
                "EcritureNum",
                self.first_num,
                f"EcritureNum vaut « {self.first_num} » sur toutes les lignes : il n'identifie pas les "
                "écritures (séquence continue attendue).",
                f"EcritureNum is '{self.first_num}' on every line: it does not identify entries "
                "(a continuous sequence is expected).",
            )
            return
        scheme, gaps = self.numbering.gaps()
        where_fr = "par journal" if scheme == "journal" else "globale"
        for gap in gaps:
            sink.file = gap.file
            missing = (
                str(gap.first_missing)
                if gap.first_missing == gap.last_missing
                else f"{gap.first_missing} à {gap.last_missing}"
            )
            missing_en = missing.replace(" à ", " to ")
            sink.add(
                "C2",
                gap.line,
                "EcritureNum",
                gap.stream,
                f"Numérotation {where_fr} ({gap.stream}) non continue : numéro(s) {missing} absent(s).",
                f"{'Per-journal' if scheme == 'journal' else 'Global'} numbering ({gap.stream}) has a gap: "
                f"number(s) {missing_en} missing.",
            )
        sink.file = ""
        if self.numbering.overflow:
            sink.add(
                "C2",
                0,
                "EcritureNum",
                "",
                "Trop de ruptures de numérotation pour toutes les suivre : contrôle C2 partiel.",
                "Too many numbering breaks to follow them all: rule C2 is partial.",
                severity="info",
            )


__all__ = ["MAX_UNKNOWN", "EntryChecks"]
