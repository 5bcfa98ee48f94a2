"""The filter/sort/select grammar, unit level (filters and list_query; over HTTP in test_lists.py)."""

from __future__ import annotations

import re

import pytest

from cegid_loop.sandbox.filters import QueryError, parse_filter
from cegid_loop.sandbox.list_query import (
    FILTER_PATTERN,
    MAX_TAKE,
    SELECT_PATTERN,
    SORT_PATTERN,
    parse_int,
    parse_query,
    parse_select,
    parse_sort,
)

DOCS = [
    {
        "code": "ACH",
        "type": 1,
        "n": "6",
        "ferme": False,
        "lettrage": None,
        "date": "2026-01-15",
        "ref": {"objectId": None, "description": [""]},
        "description": ["ACH"],
    },
    {
        "code": "VTE",
        "type": 8,
        "n": 6,
        "ferme": True,
        "lettrage": "AA",
        "date": "2026-02-10",
        "ref": {"objectId": "x", "description": ["51200000"]},
        "description": ["VTE"],
    },
    {"code": "BQ", "type": 4, "ferme": False, "lettrage": "AB", "date": "2026-02-28", "description": ["BQ"]},
]


def codes(expression: str) -> list[str]:
    flt = parse_filter(expression)
    return [str(d["code"]) for d in DOCS if flt.matches(d)]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('code=="ACH"', ["ACH"]),
        ('code === "VTE"', ["VTE"]),
        ('code != "ACH"', ["VTE", "BQ"]),
        ('code !== "ACH"', ["VTE", "BQ"]),
        ("type >= 4", ["VTE", "BQ"]),
        ("type > 4", ["VTE"]),
        ("type <= 4", ["ACH", "BQ"]),
        ("type < 4", ["ACH"]),
        ('date >= "2026-02-01"', ["VTE", "BQ"]),
        ("lettrage == null", ["ACH"]),
        ("lettrage != null", ["VTE", "BQ"]),
        ('lettrage != null && date >= "2026-02-15"', ["BQ"]),
        ("ferme == true", ["VTE"]),
        ("ferme === false", ["ACH", "BQ"]),
        ("ref.objectId == null", ["ACH", "BQ"]),  # BQ has no ref at all: undefined == null
        ("missing == null", ["ACH", "VTE", "BQ"]),
        ('description == "BQ"', ["BQ"]),  # JS: ["BQ"] == "BQ"
    ],
)
def test_each_operator(expression: str, expected: list[str]) -> None:
    assert codes(expression) == expected


def test_loose_and_strict_equality_differ_like_javascript() -> None:
    assert codes("n == 6") == ["ACH", "VTE"]  # "6" == 6
    assert codes("n === 6") == ["VTE"]
    assert codes('n === "6"') == ["ACH"]
    assert codes("type == 1.0") == ["ACH"]
    assert codes("lettrage === null") == ["ACH"]


def test_quoted_strings_with_escapes() -> None:
    flt = parse_filter(r'libelle == "Dupont \"et fils\" \\ Cie"')
    assert flt.terms[0].value == 'Dupont "et fils" \\ Cie'
    assert flt.matches({"libelle": 'Dupont "et fils" \\ Cie'})
    assert not flt.matches({"libelle": "Dupont"})
    # operators and && inside quotes are data, not syntax
    assert parse_filter('a == "x && b == 1"').terms[0].value == "x && b == 1"


@pytest.mark.parametrize(
    ("expression", "position", "fragment"),
    [
        ('code=="ACH', 6, "unterminated string"),
        ("code==", 6, "expected a value"),
        ('=="ACH"', 0, "expected a field name"),
        ('code "ACH"', 5, "expected a comparison operator"),
        ('code=="ACH" && ', 15, "expected a field name"),
        ('code=="ACH" || type==1', 12, "unexpected character '|'"),
        ('code="ACH"', 4, "unexpected character '='"),
        ("code=='ACH'", 6, "unexpected character"),
        (r'code=="A\q"', 8, "invalid escape"),
        ('code=="ACH" type==1', 12, "expected '&&' or end"),
        ("", 0, "empty expression"),
    ],
)
def test_malformed_filters_say_where(expression: str, position: int, fragment: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_filter(expression)
    assert info.value.parameter == "filter"
    assert info.value.position == position
    assert fragment in info.value.message
    assert f"(position {position})" in str(info.value)


def test_sort() -> None:
    keys = parse_sort("type&&code:desc")
    assert [(k.field, k.descending) for k in keys] == [("type", False), ("code", True)]
    assert [(k.field, k.descending) for k in parse_sort("code:ASC, type")] == [
        ("code", False),
        ("type", False),
    ]
    with pytest.raises(QueryError) as info:
        parse_sort("code:down")
    assert info.value.position == 5
    with pytest.raises(QueryError) as info:
        parse_sort("code&&")
    assert info.value.position == 6


def test_select() -> None:
    assert parse_select("code, libelle") == ["code", "libelle"]
    assert parse_select("code&&libelle") == ["code", "libelle"]
    with pytest.raises(QueryError) as info:
        parse_select("code, li-belle")
    assert info.value.position == 6


def test_skip_and_take() -> None:
    assert parse_int('"10"', "skip") == 10  # quoted, as the English pages show
    assert parse_int(None, "skip") is None
    for bad in ("-1", "ten", "1.5"):
        with pytest.raises(QueryError):
            parse_int(bad, "take")


def test_query_pipeline_filters_sorts_pages_selects_and_caps() -> None:
    docs = [{"objectId": str(i), "revisionId": "r", "n": i % 7, "code": f"C{i:03d}"} for i in range(250)]
    q = parse_query({"filter": "n >= 3", "Sort": "n:desc&&code", "skip": "2", "take": "5", "select": "code"})
    rows = q.apply(docs)
    assert [r["code"] for r in rows] == ["C020", "C027", "C034", "C041", "C048"]
    assert set(rows[0]) == {"objectId", "revisionId", "code"}  # ids always kept
    assert len(parse_query({}).apply(docs)) == MAX_TAKE
    assert len(parse_query({"take": "1000"}).apply(docs)) == MAX_TAKE


@pytest.mark.parametrize(
    "expression", ['code=="ACH"', 'a.b != null && x >= "2026-01-01"', "n===-1.5", r'x=="a\"b\\"', "true == 1"]
)
def test_the_filter_pattern_only_admits_what_the_parser_accepts(expression: str) -> None:
    assert re.fullmatch(FILTER_PATTERN, expression)
    parse_filter(expression)


@pytest.mark.parametrize("expression", ['code=="ACH', "f}", "a == b", "a == 1 ||  b == 2", "a"])
def test_the_filter_pattern_refuses_malformed_expressions(expression: str) -> None:
    assert not re.fullmatch(FILTER_PATTERN, expression)
    with pytest.raises(QueryError):
        parse_filter(expression)


def test_sort_and_select_patterns_agree_with_the_parsers() -> None:
    for text in ("a", "a&&b:desc", " a:asc && b.c "):
        assert re.fullmatch(SORT_PATTERN, text)
        parse_sort(text)
    for text in ("a", "a, b.c"):
        assert re.fullmatch(SELECT_PATTERN, text)
        parse_select(text)
    assert not re.fullmatch(SORT_PATTERN, "a:down")
    assert not re.fullmatch(SELECT_PATTERN, "*")
