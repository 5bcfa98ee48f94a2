"""Unit checks of the building blocks: amounts, dates, SIREN key, rule selection, numbering intervals."""

from __future__ import annotations

import pytest

from cegid_loop.fec import validate_file
from cegid_loop.fec.amounts import SCALE, format_fr, parse_amount, parse_column, recover
from cegid_loop.fec.dates import date_problem, parse_ddmmyyyy
from cegid_loop.fec.detect import detect_kind
from cegid_loop.fec.entries import Stream, split_number
from cegid_loop.fec.filename import luhn_ok, split_parts
from cegid_loop.fec.report import format_text
from cegid_loop.fec.rules import RULES, RuleSelectionError, select_rules

from .conftest import FecBuilder, clean_rows


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12,50", 12.5),
        ("-12,50", -12.5),
        ("12,50-", -12.5),
        ("+12,50", 12.5),
        ("0000000069,60", 69.6),
        ("12", 12.0),
        ("0", 0.0),
        ("", 0.0),
        ("  7,1 ", 7.1),
        ("1234567,123456", 1234567.123456),
    ],
)
def test_legal_amounts(text: str, value: float) -> None:
    result = parse_amount(text)
    assert isinstance(result, int) and result == round(value * SCALE)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("12.50", "point"),
        ("1 234,56", "thousands"),
        ("1.234,56", "thousands"),
        ("1\u00a0234,56", "thousands"),
        ("1,5E3", "exponent"),
        ("-12,50-", "signs"),
        ("12,5,0", "format"),
        ("abc", "format"),
        ("1,1234567", "decimals"),
        ("١٢", "format"),
    ],
)
def test_illegal_amounts(text: str, code: str) -> None:
    assert parse_amount(text) == code


def test_recover_and_columns() -> None:
    assert recover("1.234,56") == 1234_560000
    assert recover("32.9") == 32_900000
    assert recover("-12,50-") is None
    values, problems, factor = parse_column(["120,00", "0,00"])
    assert (values, problems, factor) == ([12000, 0], [], 10_000)
    values, problems, factor = parse_column(["120.00", "x", "5"])
    assert values == [120_000000, 0, 5_000000] and problems == [(0, "point"), (1, "!format")] and factor == 1
    assert format_fr(-12_500000) == "-12,50" and format_fr(1_234567) == "1,234567"


def test_dates() -> None:
    assert date_problem("20240229") is None
    assert date_problem("20230229") is not None and date_problem("20230229")[2] == "error"  # type: ignore[index]
    assert date_problem("2023-01-01") is not None
    assert date_problem("18000101") is not None and date_problem("18000101")[2] == "warning"  # type: ignore[index]
    assert parse_ddmmyyyy("31122023") is not None and parse_ddmmyyyy("31022023") is None


def test_luhn() -> None:
    assert luhn_ok("123456782") and luhn_ok("732829320") and not luhn_ok("732829321")


def test_rule_selection() -> None:
    assert select_rules(None) == frozenset(RULES)
    assert select_rules("B2,c1") == {"B2", "C1", "IO"}
    assert select_rules("F") == {"F1", "F2", "F3", "F4", "F5", "IO"}
    assert select_rules("-C") == frozenset(RULES) - {"C1", "C2", "C3", "C4", "C5", "C6"}
    assert select_rules(["all", "-T1"]) == frozenset(RULES) - {"T1"}
    with pytest.raises(RuleSelectionError):
        select_rules("B9")


def test_stream_intervals() -> None:
    s = Stream()
    assert [s.see(n, n, "f") for n in (1, 2, 3, 7, 5, 6, 2, 10)] == [True] * 6 + [False, True]
    assert (s.starts, s.ends) == ([1, 5, 10], [3, 7, 10])
    gaps = s.gaps("VE")
    assert [(g.first_missing, g.last_missing, g.line) for g in gaps] == [(4, 4, 5), (8, 9, 10)]
    s.see(4, 11, "f")
    assert (s.starts, s.ends) == ([1, 10], [7, 10])


def test_split_number() -> None:
    assert split_number("00000007") == ("", 7)
    assert split_number("ACH000000012") == ("ACH", 12)
    assert split_number("A-B") is None


def test_detect_kind_and_parts(fec: FecBuilder) -> None:
    path = fec()
    assert detect_kind(path) == "fec"
    assert split_parts(path) == [path]


def test_text_report(fec: FecBuilder) -> None:
    rows = clean_rows()
    for row in rows:
        row["EcritureLet"] = "AA"
    text = format_text(validate_file(fec(rows)), examples=2, lang="fr")
    assert "C5 warning        6" in text and "… 4 more" in text
    assert "EcritureLet renseigné sans DateLet." in text and text.endswith("VALID: 6 warning(s), 0 info(s)")
