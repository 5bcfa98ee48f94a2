"""Memory does not grow with the number of lines (the 1 GB figure is measured by bench/bench_fec.py)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from cegid_loop.fec import validate_file

from .conftest import FecBuilder, entry_lines


def _write(fec: FecBuilder, folder: Path, entries: int) -> Path:
    rows = []
    for n in range(1, entries + 1):
        rows += entry_lines(str(n), date=f"2023{(n * 12 // (entries + 1)) + 1:02d}15")
    return fec(rows, folder=folder)


def _peak(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        result = validate_file(path)
        return tracemalloc.get_traced_memory()[1], result.stats["lines"]
    finally:
        tracemalloc.stop()


def test_peak_memory_is_flat(fec: FecBuilder, tmp_path: Path) -> None:
    small = _write(fec, tmp_path / "small", 5_000)  # 10 000 lines
    large = _write(fec, tmp_path / "large", 20_000)  # 40 000 lines, 4x
    peak_small, lines_small = _peak(small)
    peak_large, lines_large = _peak(large)
    assert (lines_small, lines_large) == (10_000, 40_000)
    # Per-entry state is dropped once balanced and numbering is kept as intervals: 4x the lines must not
    # cost even 1.5x the memory (a list of lines would cost 4x).
    assert peak_large < 1.5 * peak_small, (peak_small, peak_large)
    assert peak_large < 8 * 2**20
