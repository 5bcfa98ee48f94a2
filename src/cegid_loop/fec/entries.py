"""Per-entry state with memory that does not grow with the number of lines.

* Balance (B2): running debit/credit sums per open entry key. A key whose sums are equal is dropped: if its
  lines reappear later (non-contiguous entries) the sums restart at zero, which gives exactly the same
  final difference as keeping them. Memory is proportional to the entries open at the same time.
* Numbering (C2) and entry counting: the numbers seen in each numbering stream are kept as intervals, so a
  continuous sequence costs O(1) whatever its length; "seen before" is a bisect.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_TRAILING_DIGITS = re.compile(r"(.*?)(\d+)")
MAX_INTERVALS = 100_000  # per stream; beyond, the stream stops being tracked (reported once)
MAX_TEXT_KEYS = 200_000  # entry numbers without digits, remembered as strings
MAX_STREAMS = 10_000  # (journal, prefix) numbering streams
# Entries still unbalanced while this many others are open are reported then (see Balances.add): a
# pathological file where no entry balances cannot make memory grow without bound.
MAX_OPEN = 200_000
# An entry number with more digits than this is followed as text: it is not a sequence number anyway,
# and int() refuses strings of more than 4300 digits.
MAX_NUMBER_DIGITS = 18
# Longer entry numbers are text keys without a regex look (`(.*?)(\d+)` backtracks quadratically).
MAX_NUMBER_LENGTH = 64


class OpenEntry:
    __slots__ = ("credit", "debit", "file", "line")

    def __init__(self, debit: int, credit: int, line: int, file: str) -> None:
        self.debit = debit
        self.credit = credit
        self.line = line  # first line of the part still open
        self.file = file


class Balances:
    def __init__(self) -> None:
        self.open: dict[tuple[str, str], OpenEntry] = {}
        # Oldest open entries pushed out by MAX_OPEN, for the caller to report (and then clear).
        self.evicted: list[tuple[tuple[str, str], OpenEntry]] = []

    def add(self, key: tuple[str, str], debit: int, credit: int, line: int, file: str) -> None:
        cur = self.open.get(key)
        if cur is None:
            if debit != credit:
                if len(self.open) >= MAX_OPEN:
                    oldest = next(iter(self.open))
                    self.evicted.append((oldest, self.open.pop(oldest)))
                self.open[key] = OpenEntry(debit, credit, line, file)
            return
        cur.debit += debit
        cur.credit += credit
        if cur.debit == cur.credit:
            del self.open[key]


@dataclass
class Gap:
    stream: str
    first_missing: int
    last_missing: int
    line: int  # line where the number after the gap first appeared
    file: str


class Stream:
    """Sorted disjoint intervals [starts[i], ends[i]] of the numbers seen."""

    __slots__ = ("ends", "files", "lines", "overflow", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.lines: list[int] = []
        self.files: list[str] = []
        self.overflow = False

    def see(self, n: int, line: int, file: str) -> bool:
        """Record `n`; True when it had not been seen."""
        starts, ends = self.starts, self.ends
        if ends:
            last = ends[-1]
            if n == last + 1:
                ends[-1] = n
                return True
            if starts[-1] <= n <= last:
                return False
        i = bisect_right(starts, n) - 1
        if i >= 0 and n <= ends[i]:
            return False
        left = i >= 0 and ends[i] == n - 1
        right = i + 1 < len(starts) and starts[i + 1] == n + 1
        if left and right:
            ends[i] = ends[i + 1]
            del starts[i + 1], ends[i + 1], self.lines[i + 1], self.files[i + 1]
        elif left:
            ends[i] = n
        elif right:
            starts[i + 1] = n
            self.lines[i + 1] = line
            self.files[i + 1] = file
        elif len(starts) >= MAX_INTERVALS:
            self.overflow = True
        else:
            starts.insert(i + 1, n)
            ends.insert(i + 1, n)
            self.lines.insert(i + 1, line)
            self.files.insert(i + 1, file)
        return True

    def gaps(self, name: str) -> list[Gap]:
        return [
            Gap(name, self.ends[i] + 1, self.starts[i + 1] - 1, self.lines[i + 1], self.files[i + 1])
            for i in range(len(self.starts) - 1)
        ]


def split_number(num: str) -> tuple[str, int] | None:
    """("ACH", 12) for "ACH000000012", ("", 7) for "00000007", None when there are no trailing digits."""
    if num.isdigit() and num.isascii():
        return ("", int(num)) if len(num) <= MAX_NUMBER_DIGITS else None
    if len(num) > MAX_NUMBER_LENGTH:
        return None
    m = _TRAILING_DIGITS.fullmatch(num)
    if m is None or not m.group(2).isascii() or len(m.group(2)) > MAX_NUMBER_DIGITS:
        return None
    return m.group(1), int(m.group(2))


class Numbering:
    """Counts entries and follows numbering both globally and per journal; the better fit is reported."""

    def __init__(self) -> None:
        self.per_journal: dict[tuple[str, str], Stream] = {}
        self.global_: dict[str, Stream] = {}
        self.text_keys: set[tuple[str, str]] = set()
        self.text_overflow = False
        self.entries = 0

    def see_runs(
        self, journals: list[str], nums: list[str], lines: list[int], file: str, one_journal: bool = False
    ) -> None:
        """Record the key of each run of lines (one call per block; the loop is the hot path)."""
        joined = "".join(nums)
        if joined.isdigit() and joined.isascii() and all(nums) and max(map(len, nums)) <= MAX_NUMBER_DIGITS:
            streams = self.per_journal
            glob = self.global_.get("")
            if glob is None:
                glob = self.global_[""] = Stream()
            ints = list(map(int, nums))
            if (
                one_journal
                and len(streams) < MAX_STREAMS
                and self._consecutive(streams.get((journals[0], "")), ints)
            ):
                # Whole block continues its journal's sequence: extend both streams at once.
                stream = streams.get((journals[0], ""))
                if stream is None:
                    stream = streams[journals[0], ""] = Stream()
                    stream.see(ints[0], lines[0], file)
                stream.ends[-1] = ints[-1]
                self.entries += len(ints)
                g_ends = glob.ends
                if g_ends and g_ends[-1] + 1 == ints[0]:
                    g_ends[-1] = ints[-1]
                else:
                    for n, line in zip(ints, lines, strict=True):
                        glob.see(n, line, file)
                return
            entries = 0
            for journal, n, line in zip(journals, ints, lines, strict=True):
                stream = streams.get((journal, ""))
                if stream is None:
                    if len(streams) >= MAX_STREAMS:
                        self.text_overflow = True
                        continue
                    stream = streams[journal, ""] = Stream()
                ends = stream.ends
                if ends and n == ends[-1] + 1:  # the usual case: the next number of the sequence
                    ends[-1] = n
                elif not stream.see(n, line, file):
                    continue
                entries += 1
                g_ends = glob.ends
                if g_ends and n == g_ends[-1] + 1:
                    g_ends[-1] = n
                else:
                    glob.see(n, line, file)
            self.entries += entries
            return
        for journal, num, line in zip(journals, nums, lines, strict=True):
            if num:
                self.see(journal, num, line, file)

    @staticmethod
    def _consecutive(stream: Stream | None, ints: list[int]) -> bool:
        """True when `ints` is n, n+1, n+2… and n follows the stream's last number (or starts it)."""
        if stream is not None and stream.ends and ints[0] != stream.ends[-1] + 1:
            return False
        return ints[-1] - ints[0] == len(ints) - 1 and ints == list(range(ints[0], ints[-1] + 1))

    def see(self, journal: str, num: str, line: int, file: str) -> None:
        parts = split_number(num)
        if parts is None:
            key = (journal, num)
            if key not in self.text_keys:
                if len(self.text_keys) < MAX_TEXT_KEYS:
                    self.text_keys.add(key)
                    self.entries += 1
                else:
                    self.text_overflow = True
            return
        prefix, n = parts
        stream = self.per_journal.get((journal, prefix))
        if stream is None:
            if len(self.per_journal) >= MAX_STREAMS:
                self.text_overflow = True
                return
            stream = self.per_journal[journal, prefix] = Stream()
        if stream.see(n, line, file):
            self.entries += 1
            g = self.global_.get(prefix)
            if g is None:
                g = self.global_[prefix] = Stream()
            g.see(n, line, file)

    def gaps(self) -> tuple[str, list[Gap]]:
        """("journal" | "global", gaps of the scheme with fewer gaps; per journal on a tie)."""
        per = [g for (j, p), s in self.per_journal.items() for g in s.gaps(f"{j} {p}".strip())]
        glob = [g for p, s in self.global_.items() for g in s.gaps(p or "*")]
        if len(glob) < len(per):
            return "global", glob
        return "journal", per

    @property
    def overflow(self) -> bool:
        return self.text_overflow or any(s.overflow for s in self.per_journal.values())
