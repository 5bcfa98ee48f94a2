"""What a user's type checker sees of money: ``Decimal`` fields (``mypy --strict`` over user code,
through the installed packages, as in ``test_user_code.py``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.typing.test_user_code import _mypy

CODE = """
from decimal import Decimal

from cegid_loop import LoopClient
from cegid_loop_api.models import EcritureComptable, Montant
from cegid_loop_api.types import Unset


def read(loop: LoopClient) -> Decimal:
    entry = loop.ecritures.list("CEGID001", filter="codeLettrage == null")[0]
    reveal_type(entry.debit)
    reveal_type(entry.libelle)
    debit = entry.debit
    if isinstance(debit, Montant):
        reveal_type(debit.amount)
        reveal_type(debit.currency_rate)
        return debit.amount if isinstance(debit.amount, Decimal) else Decimal(0)
    if isinstance(debit, Unset):
        return Decimal(0)
    return debit + Decimal("0.01")


def write() -> Montant:
    Montant(amount=0.1)
    Montant(amount="0.10")
    return Montant(amount=Decimal("0.10"), currency="EUR", currency_rate=Decimal("1.0837"))
"""

REVEALED = [
    "decimal.Decimal | cegid_loop_api.models.montant.Montant | cegid_loop_api.types.Unset",
    "str | cegid_loop_api.types.Unset",
    "decimal.Decimal | cegid_loop_api.types.Unset",
    "decimal.Decimal | cegid_loop_api.types.Unset",
]
ERRORS = [
    (24, 'Argument "amount" to "Montant" has incompatible type "float"; expected "Decimal | Unset"'),
    (25, 'Argument "amount" to "Montant" has incompatible type "str"; expected "Decimal | Unset"'),
]


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _mypy(Path(tmp_path_factory.mktemp("money")), CODE)


def test_amounts_are_decimal_for_mypy(output: str) -> None:
    assert re.findall(r'Revealed type is "(.*)"', output) == REVEALED, output


def test_a_float_or_a_string_amount_is_a_type_error(output: str) -> None:
    errors = [(int(line), text) for line, text in re.findall(r"user_code\.py:(\d+): error: (.*)", output)]
    for line, expected in ERRORS:
        assert any(found == line and expected in text for found, text in errors), (expected, output)
    assert len(errors) == len(ERRORS), output
