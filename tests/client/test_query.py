from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from decimal import Decimal

import pytest

from cegid_loop.query import F, Sort, literal, render_filter, render_sort


def test_operators() -> None:
    assert str(F.code == "ACH") == 'code == "ACH"'
    assert str(F.code.strict_eq("ACH")) == 'code === "ACH"'
    assert str(F.type != 3) == "type != 3"
    assert str(F.montant >= 1.5) == "montant >= 1.5"
    assert str(F.montant <= Decimal("2.50")) == "montant <= 2.50"
    assert str(F.n > 1) == "n > 1"
    assert str(F.n < 1) == "n < 1"
    assert str(F.ferme == False) == "ferme == false"  # noqa: E712
    assert str(F.code_lettrage == None) == "codeLettrage == null"  # noqa: E711
    assert str(F.code_lettrage.not_null()) == "codeLettrage != null"
    assert str(F.code_lettrage.is_null()) == "codeLettrage == null"


def test_conjunction_and_names() -> None:
    expr = (F.code_lettrage != None) & (F.date_piece >= dt.date(2024, 1, 31)) & (F["SIRET"] == "1")  # noqa: E711
    assert str(expr) == 'codeLettrage != null && datePiece >= "2024-01-31" && SIRET == "1"'
    assert str(F.all(F.a == 1, F.b == 2)) == "a == 1 && b == 2"
    assert str(F["compteContrepartie.objectId"] == None) == "compteContrepartie.objectId == null"  # noqa: E711


def test_startswith_is_a_range() -> None:
    assert str(F.numero.startswith("6")) == 'numero >= "6" && numero < "7"'
    assert str(F.numero.startswith("401")) == 'numero >= "401" && numero < "402"'
    assert str(F.code.startswith("A9")) == 'code >= "A9" && code < "A:"'
    assert str(F.code.startswith("\U0010ffff")) == 'code >= "\U0010ffff"'  # no upper bound exists
    assert str(F.code.startswith("a\U0010ffff")) == 'code >= "a\U0010ffff" && code < "b"'
    assert str(F.code.startswith("\ud7ff")) == 'code >= "\ud7ff" && code < "\ue000"'
    with pytest.raises(ValueError):
        F.code.startswith("")


@pytest.mark.parametrize(
    "evil",
    [
        'ACH" || code != "',
        'x" && objectId != null && a == "',
        "back\\slash\\",
        'quote"',
        "new\nline\r\t",
        "\u2028sep\u2029",
        "\x00nul",
    ],
)
def test_values_cannot_break_out(evil: str) -> None:
    rendered = str(F.code == evil)
    assert rendered.startswith("code == ")
    lit = rendered[len("code == ") :]
    # The literal is one complete string token that decodes back to the value: no injected term.
    assert json.loads(lit) == evil
    # Walk the literal as a JS lexer would: the first unescaped quote after the opening one is the last char.
    i = 1
    while lit[i] != '"':
        i += 2 if lit[i] == "\\" else 1
    assert i == len(lit) - 1
    assert "\n" not in lit and "\u2028" not in lit


def test_literals() -> None:
    u = uuid.UUID("0d07ade2-c4fa-4892-90bd-2dbd50d1c6b7")
    assert literal(u) == '"0d07ade2-c4fa-4892-90bd-2dbd50d1c6b7"'
    assert literal(True) == "true"
    assert literal(dt.datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=dt.UTC)) == '"2024-01-02T03:04:05.678Z"'
    assert literal(dt.datetime(2024, 1, 2, 3, 4, 5)) == '"2024-01-02T03:04:05.000"'

    class Kind(enum.Enum):
        ACHAT = 1

    assert literal(Kind.ACHAT) == "1"
    for bad in (float("nan"), float("inf"), Decimal("NaN")):
        with pytest.raises(ValueError):
            literal(bad)
    with pytest.raises(TypeError):
        literal(object())
    with pytest.raises(TypeError):
        literal([1, 2])


@pytest.mark.parametrize("name", ["a b", 'a"', "a==1", "", "1abc", "a&&b", "a.", "a:desc"])
def test_field_names_are_checked(name: str) -> None:
    with pytest.raises(ValueError):
        F[name]


def test_no_or_no_not_no_truthiness() -> None:
    with pytest.raises(TypeError):
        _ = (F.a == 1) | (F.b == 2)
    with pytest.raises(TypeError):
        _ = ~(F.a == 1)
    with pytest.raises(TypeError):
        _ = "1" < F.a < "2"  # chained comparison would silently keep one side
    with pytest.raises(TypeError):
        bool(F.a)


def test_sort() -> None:
    assert str(Sort("numero", "-libelle")) == "numero&&libelle:desc"
    assert str(Sort(F.numero.asc(), F.libelle.desc())) == "numero&&libelle:desc"
    assert str(Sort("numero").then("-type")) == "numero&&type:desc"
    assert render_sort(F.code) == "code"
    assert render_sort("field1&&field2:desc") == "field1&&field2:desc"
    assert render_sort(None) is None
    with pytest.raises(ValueError):
        Sort("a desc")
    with pytest.raises(ValueError):
        Sort()


def test_render_filter() -> None:
    assert render_filter(None) is None
    assert render_filter("") is None
    assert render_filter('code=="ACH"') == 'code=="ACH"'
    assert render_filter([F.a == 1, F.b == 2]) == "a == 1 && b == 2"
    assert render_filter([]) is None
    with pytest.raises(TypeError):
        render_filter([F.a == 1, "b==2"])  # type: ignore[list-item]
