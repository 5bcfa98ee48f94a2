"""Money is Decimal: read and written with every digit (quirks Q-AMOUNT-DECIMAL, Q-AMOUNT-FORMS).

- reading: a body is parsed with ``parse_float=Decimal`` (``types.loads``), an amount field is a
  ``Decimal`` whatever form it came in (a decimal number, an integer, a numeric string), through
  the facade against a stub answer and against the in-process sandbox, 20 digits included;
- writing: a request body carries each Decimal's exact digits as a JSON number (``types.json_body``),
  and the sandbox's JSON import sums them exactly;
- what is not money is unchanged: a ``number`` field that is not an amount is still a float, a
  value that is not an amount is kept as given (Q-ANY-VALUE), a body without Decimals is the bytes
  httpx would have sent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from cegid_loop import LoopClient
from cegid_loop.errors import LoopError
from cegid_loop.sandbox import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY
from cegid_loop.sandbox.app import create_app, sandbox_sync_transport
from cegid_loop_api import types
from cegid_loop_api.models import (
    ActiviteMission,
    EcritureComptable,
    EcritureImport,
    ImportJsonData,
    ImportJsonRequest,
    ImportRequestAccepted,
    Montant,
)

KEYS = {"subscription_key": DEMO_SUBSCRIPTION_KEY, "api_key": DEMO_API_KEY}
BASE = "http://sandbox.localhost/loop-api-publiques"
TWENTY = "12345678901234567890.12"  # 22 significant digits: a float keeps 17
EFFECTIVE = Path(__file__).resolve().parents[1] / "generated" / "openapi.effective.json"


def _stub(body: bytes) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(200, content=body, headers={"content-type": "application/json"})


def _stub_client(body: bytes) -> LoopClient:
    return LoopClient(base_url="http://loop.invalid", transport=httpx.MockTransport(_stub(body)), **KEYS)


class Recording(httpx.BaseTransport):
    """Passes requests on to the sandbox and keeps the bodies sent."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner, self.sent = inner, []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((request.url.path, request.headers.get("content-type"), request.read()))
        return self.inner.handle_request(request)


@pytest.fixture
def sandbox() -> Iterator[tuple[LoopClient, Recording]]:
    recording = Recording(sandbox_sync_transport(create_app(import_step_seconds=0)))
    with LoopClient(base_url=BASE, transport=recording, **KEYS) as loop:
        yield loop, recording


def _line(compte: str, debit: str, credit: str, ref: str = "MONEY-1", **extra: Any) -> dict[str, Any]:
    return {
        "date": "2026-01-15T00:00:00.000Z",
        "journal": "ACH",
        "compte": compte,
        "libelle": f"ligne {compte}",
        "refPiece": ref,
        "debit": {"amount": Decimal(debit), "currency": "EUR"},
        "credit": {"amount": Decimal(credit), "currency": "EUR"},
        **extra,
    }


def _data(*lines: dict[str, Any]) -> dict[str, Any]:
    return {
        "contexte": {"from": "2026-01-01T00:00:00.000Z", "to": "2026-01-31T00:00:00.000Z"},
        "options": {"separatorDecimal": ".", "failOnUnbalanced": True},
        "ecritures": list(lines),
    }


def _imported(loop: LoopClient, ref: str) -> list[EcritureComptable]:
    found = loop.ecritures.list("CEGID001", filter=f'codeLettrage == null && refPiece == "{ref}"')
    return sorted(found, key=lambda e: str(e.libelle))


# -- reading ----------------------------------------------------------------------------------------


def test_twenty_digit_amounts_are_read_exactly_from_an_answer() -> None:
    body = (
        '[{"objectId": "0d07ade2-c4fa-4892-90bd-2dbd50d1c6b7", "libelle": "Vente", '
        f'"debit": {TWENTY}, '
        f'"credit": {{"amount": 98765432109876543210.98, "currency": "EUR", "currencyAmount": 0.10, '
        '"currencyRate": "1.0837"}, "montantTtc": 1234567890123456.78}]'
    ).encode()
    with _stub_client(body) as loop:
        (entry,) = loop.ecritures.list("CEGID001", filter="codeLettrage == null")
    assert entry.debit == Decimal(TWENTY) and type(entry.debit) is Decimal
    assert isinstance(entry.credit, Montant)
    assert entry.credit.amount == Decimal("98765432109876543210.98")
    assert str(entry.credit.currency_amount) == "0.10"  # the scale as sent
    assert entry.credit.currency_rate == Decimal("1.0837")
    # A field the definition does not know is not money for it, yet no digit is lost either.
    assert entry["montantTtc"] == Decimal("1234567890123456.78")
    assert Decimal(json.loads("1234567890123456.78")) == Decimal("1234567890123456.75")  # a float keeps this
    # Written back: the same JSON, digit for digit.
    assert types.loads(types.json_body(entry.to_dict())) == types.loads(body)[0]
    assert f'"debit":{TWENTY}'.encode() in types.json_body(entry.to_dict())


def test_twenty_digit_amounts_imported_into_the_sandbox_are_read_back_exactly(
    sandbox: tuple[LoopClient, Recording],
) -> None:
    loop, _ = sandbox
    result = loop.imports.json(
        "CEGID001",
        _data(
            _line("60640000", TWENTY, "0", ref="BIG-1"),
            _line("40100000", "0", "12345678901234567890.02", ref="BIG-1"),
            _line("44566000", "0", "0.10", ref="BIG-1"),
        ),
    )
    assert result.ok, result.details
    lines = _imported(loop, "BIG-1")
    assert [(e.libelle, e.debit, e.credit) for e in lines] == [
        ("ligne 40100000", 0, Decimal("12345678901234567890.02")),
        ("ligne 44566000", 0, Decimal("0.10")),
        ("ligne 60640000", Decimal(TWENTY), 0),
    ]
    assert all(isinstance(e.debit, Decimal) and isinstance(e.credit, Decimal) for e in lines)
    assert str(lines[1].credit) == "0.10"


def test_an_amount_is_a_decimal_from_an_integer_or_a_numeric_string_and_is_written_back_as_it_came() -> None:
    montant = Montant.from_dict(
        {"amount": 120, "currency": "EUR", "currencyAmount": "120,50", "currencyRate": 1.5}
    )
    assert montant.amount == Decimal(120) and isinstance(montant.amount, Decimal)
    assert montant.currency_amount == Decimal("120.50") and isinstance(montant.currency_amount, Decimal)
    assert montant.currency_rate == Decimal("1.5")
    assert not montant.unparsed_fields
    assert montant.to_dict() == {
        "amount": 120,
        "currency": "EUR",
        "currencyAmount": "120,50",
        "currencyRate": 1.5,
    }
    assert type(montant.to_dict()["currencyRate"]) is float  # a number stays a number
    entry = EcritureComptable.from_dict({"debit": "-12.5", "credit": 0, "libelle": "x"})
    assert entry.debit == Decimal("-12.5") and entry.credit == Decimal(0)
    assert entry.to_dict() == {"debit": "-12.5", "credit": 0, "libelle": "x"}
    # A user's float (not from a body: bodies give Decimals) is taken by its shortest repr.
    assert Montant.from_dict({"amount": 0.1}).amount == Decimal("0.1")


@pytest.mark.parametrize(
    "value",
    ["n/a", "", " 12", "1 000,00", "1_000", "NaN", "Infinity", "1,234.56", True, [1], None],
)
def test_a_value_that_is_not_an_amount_is_kept_as_given(value: Any, caplog: pytest.LogCaptureFixture) -> None:
    types._reported.clear()
    body = json.dumps([{"libelle": "x", "debit": value, "credit": {"amount": value, "currency": "EUR"}}])
    with caplog.at_level("WARNING", logger="cegid_loop.reader"), _stub_client(body.encode()) as loop:
        (entry,) = loop.ecritures.list("CEGID001", filter="codeLettrage == null")
    assert isinstance(entry.debit, types.Unset) and entry.unparsed_fields == {"debit": value}
    assert isinstance(entry.credit, Montant) and entry.credit.unparsed_fields == {"amount": value}
    assert entry.to_dict() == json.loads(body)[0]
    assert "kept as given" in caplog.text


def test_a_non_finite_decimal_is_not_an_amount() -> None:
    montant = Montant.from_dict({"amount": Decimal("NaN"), "currencyAmount": float("inf")})
    assert montant.unparsed_fields.keys() == {"amount", "currencyAmount"}
    with pytest.raises(ValueError, match="not a JSON number"):
        types.json_body({"amount": Decimal("Infinity")})


def test_a_number_field_that_is_not_money_is_still_a_float() -> None:
    body = (
        b'[{"lettreMissionId": "efb2dfc9-71a5-4e72-98fd-78b427790086", "unite": 0.1, "Libelle": "Bilan"},'
        b' {"lettreMissionId": "efb2dfc9-71a5-4e72-98fd-78b427790086", "unite": 7}]'
    )
    with _stub_client(body) as loop:
        first, second = loop.activites_mission.list(
            "cabinet", filter='lettreMissionId=="efb2dfc9-71a5-4e72-98fd-78b427790086"'
        )
    assert type(first.unite) is float and first.unite == json.loads(body)[0]["unite"] == 0.1
    assert type(second.unite) is int and second.unite == 7  # as before: an int stays an int
    assert not first.unparsed_fields
    assert first.to_dict()["unite"] == 0.1
    # ... and a value of another type is still kept as given.
    kept = ActiviteMission.from_dict({"unite": "huit"})
    assert isinstance(kept.unite, types.Unset) and kept.unparsed_fields == {"unite": "huit"}


# -- writing ----------------------------------------------------------------------------------------


def test_an_import_sends_the_exact_digits_as_json_numbers(sandbox: tuple[LoopClient, Recording]) -> None:
    loop, recording = sandbox
    request = ImportJsonRequest(
        code_ibs="CEGID001",
        data=ImportJsonData.from_dict(
            _data(
                _line("60640000", "0.10", "0", ref="CENTS-1"),
                _line("60640000", "0.20", "0", ref="CENTS-1"),
                _line("40100000", "0", "0.30", ref="CENTS-1"),
            )
        ),
    )
    debit = request.data.ecritures[0].debit  # type: ignore[union-attr,index]
    assert isinstance(debit, Montant) and isinstance(debit.amount, Decimal)
    started = loop.imports.start_json(request)
    path, content_type, sent = recording.sent[-1]
    assert path.endswith("/importJson") and content_type == "application/json"
    texts = json.loads(sent, parse_float=lambda text: ("number", text))
    amounts = [line[side]["amount"] for line in texts["data"]["ecritures"] for side in ("debit", "credit")]
    assert amounts == [("number", "0.10"), 0, ("number", "0.20"), 0, 0, ("number", "0.30")]
    assert b'"amount":0.10' in sent and b'"0.10"' not in sent  # a number, with its scale; never a string
    # The sandbox summed them exactly: 0.10 + 0.20 balances 0.30 (as binary floats it does not).
    assert 0.1 + 0.2 != 0.3
    assert isinstance(started, ImportRequestAccepted)
    status = loop.imports.wait(started.accounting_import_request_id)
    assert status.ok, status.details
    assert [e.debit for e in _imported(loop, "CENTS-1")] == [0, Decimal("0.10"), Decimal("0.20")]


def test_the_sandbox_refuses_an_entry_one_cent_off_that_floats_would_balance(
    sandbox: tuple[LoopClient, Recording],
) -> None:
    loop, _ = sandbox
    debit, credit = "1234567890123456.78", "1234567890123456.77"
    assert float(debit) == float(credit)  # as floats, the two sides are the same number
    with pytest.raises(LoopError, match="déséquilibrée"):
        loop.imports.json("CEGID001", _data(_line("60640000", debit, "0"), _line("40100000", "0", credit)))


def test_a_user_built_amount_keeps_its_scale_and_a_rate_stays_a_string() -> None:
    line = EcritureImport(
        journal="ACH",
        compte="60640000",
        debit=Montant(
            amount=Decimal("0.10"),
            currency="EUR",
            currency_amount=Decimal("1E+3"),
            currency_rate=Decimal("1.0837"),
        ),
        credit=Montant(amount=Decimal("0")),
    )
    body = types.json_body(line.to_dict())
    assert b'"debit":{"amount":0.10,"currency":"EUR","currencyAmount":1000,"currencyRate":"1.0837"}' in body
    assert b'"credit":{"amount":0}' in body
    # Read back, the same values.
    again = EcritureImport.from_dict(types.loads(body))
    assert again.debit == line.debit and again.credit == line.credit


def test_a_body_without_decimals_is_what_httpx_would_have_sent() -> None:
    body: dict[str, Any] = {
        "code": "F1",
        "raisonSociale": "Société ✓ \u2028",
        "n": [1, 2.5, None, True],
        "x": {},
    }
    assert types.json_body(body) == httpx.Request("POST", "http://x", json=body).read()
    # Text that looks like the placeholder used for Decimals is left alone.
    tricky = {"s": "\x00" + "0" * 16 + "0\x00", "amount": Decimal("1.5")}
    assert json.loads(types.json_body(tricky)) == {"s": tricky["s"], "amount": 1.5}


def test_loads_reads_what_json_loads_reads() -> None:
    assert types.loads(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}  # a BOM on bytes
    assert types.loads('{"a": [1, 2.50, -0.0, 1e400]}'.encode("utf-16")) == {
        "a": [1, Decimal("2.50"), Decimal("-0.0"), Decimal("1E+400")]
    }
    with pytest.raises(ValueError):
        types.loads(b'{"a": ')


# -- marks ------------------------------------------------------------------------------------------


def test_the_effective_definition_marks_every_amount_decimal() -> None:
    schemas = json.loads(EFFECTIVE.read_text(encoding="utf-8"))["components"]["schemas"]
    montant = schemas["Montant"]["properties"]
    assert montant["amount"]["format"] == montant["currencyAmount"]["format"] == "decimal"
    assert montant["currencyRate"] == {**montant["currencyRate"], "type": "string", "format": "decimal"}
    for side in ("debit", "credit"):
        variants = schemas["EcritureComptable"]["properties"][side]["oneOf"]
        assert {"type": "number", "format": "decimal"}.items() <= variants[0].items()
        assert variants[1] == {"$ref": "#/components/schemas/Montant"}
        assert schemas["EcritureComptable"]["properties"][side]["x-provenance"]["level"] == "inferred"


def test_a_decimal_mark_the_generator_cannot_honour_stops_the_generation() -> None:
    from cegid_loop_tools import money
    from cegid_loop_tools.errors import ToolError

    document: dict[str, Any] = {
        "components": {
            "schemas": {
                "A": {"properties": {"x": {"type": "number", "format": "decimal"}}},
                "B": {
                    "properties": {"y": {"type": "array", "items": {"type": "number", "format": "decimal"}}}
                },
            }
        }
    }
    with pytest.raises(ToolError, match="B/properties/y/items"):
        money.money_fields(document)
    del document["components"]["schemas"]["B"]
    assert money.money_fields(document) == {"A": {"x": money.DecimalProperty}}


# -- the command line -------------------------------------------------------------------------------


def test_the_cli_prints_amounts_as_json_numbers(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    import cegid_loop.cli.import_commands
    import cegid_loop.cli.read_commands  # noqa: F401  (commands register on the shared app)
    from cegid_loop.cli.app import app

    db = str(tmp_path / "sandbox.db")
    data = tmp_path / "entries.json"
    lines = [_line("60640000", TWENTY, "0", ref="CLI-1"), _line("40100000", "0", TWENTY, ref="CLI-1")]
    data.write_text(types.json_dumps(_data(*lines)), encoding="utf-8")
    runner = CliRunner()
    imported = runner.invoke(
        app, ["import", "json", str(data), "-d", "CEGID001", "--sandbox", "--sandbox-db", db]
    )
    assert imported.exit_code == 0, imported.output
    where = ["-d", "CEGID001", "--sandbox", "--sandbox-db", db, "--filter", 'refPiece == "CLI-1"']
    where += ["--filter", "codeLettrage == null"]
    listed = runner.invoke(app, ["list", "ecritures", *where, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert re.search(rf'"debit": {re.escape(TWENTY)}\b', listed.stdout), listed.stdout
    records = json.loads(listed.stdout, parse_float=Decimal)
    assert sorted(r["debit"] for r in records) == [0, Decimal(TWENTY)]
    table = runner.invoke(
        app, ["list", "ecritures", *where, "--format", "csv", "--select", "libelle,debit,credit"]
    )
    assert table.exit_code == 0, table.output
    assert f"ligne 60640000,{TWENTY},0" in table.stdout
