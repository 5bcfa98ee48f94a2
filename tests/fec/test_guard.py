"""The import workflow's gate: ensure_valid() and InvalidImportFile."""

from __future__ import annotations

from pathlib import Path

import pytest

from cegid_loop.errors import LoopError
from cegid_loop.fec import InvalidImportFile, ensure_valid

from .conftest import FecBuilder, clean_rows


def test_valid_file_passes(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[0]["EcritureLet"] = "AA"  # a warning does not block the upload
    result = ensure_valid(fec(rows))
    assert result.ok and result.counts == {"C5": 1}


def test_invalid_file_raises_with_reasons(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[3]["Credit"] = "100,00"
    rows[0]["EcritureDate"] = "2023-01-02"
    path = fec(rows)
    with pytest.raises(InvalidImportFile) as info:
        ensure_valid(path)
    err = info.value
    assert isinstance(err, LoopError)
    assert err.result.counts == {"B2": 1, "B3": 1, "F1": 1}
    text = str(err)
    assert str(path) in text and "3 error(s)" in text and "not uploaded" in text
    assert "F1 line 2, EcritureDate:" in text and "B2 line 4, EcritureNum:" in text and "B3 file" in text


def test_unreadable_file_raises(tmp_path: Path) -> None:
    with pytest.raises(InvalidImportFile, match="unreadable"):
        ensure_valid(tmp_path / "missing.txt")


def test_strict_and_kind(fec: FecBuilder) -> None:
    rows = clean_rows()
    rows[0]["EcritureLet"] = "AA"
    with pytest.raises(InvalidImportFile, match="C5 line 2"):
        ensure_valid(fec(rows), strict=True)
    with pytest.raises(InvalidImportFile):
        ensure_valid(fec(), kind="tra")  # a FEC read as TRA fails


def test_many_errors_are_summarised(fec: FecBuilder) -> None:
    rows = clean_rows(20)
    for row in rows:
        row["PieceRef"] = ""
    with pytest.raises(InvalidImportFile) as info:
        ensure_valid(fec(rows))
    text = str(info.value)
    assert text.count("F5 line") == 5 and "… and 35 more error(s)" in text
