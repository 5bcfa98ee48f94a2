"""What a user's type checker sees of import errors: the final status and the last status read are
``ImportResult``, not ``Any`` (``mypy --strict`` over user code, as in ``test_user_code.py``)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.typing.test_user_code import _mypy

CODE = """
from cegid_loop import LoopClient
from cegid_loop.errors import ImportFailed, ImportTimeout


def reconcile(loop: LoopClient, path: str) -> str:
    try:
        loop.imports.fec("CEGID001", path)
    except ImportTimeout as err:
        reveal_type(err.last_status)
        reveal_type(err.import_request_id)
        return err.last_status.raw_status if err.last_status else err.import_request_id
    except ImportFailed as err:
        reveal_type(err.result)
        reveal_type(err.import_request_id)
        return err.result.state.value if err.result else "refused at start"
    return "done"
"""

REVEALED = [
    "cegid_loop.imports.ImportResult | None",
    "str",
    "cegid_loop.imports.ImportResult | None",
    "str | None",
]


def test_import_errors_carry_typed_statuses(tmp_path: Path) -> None:
    output = _mypy(tmp_path, CODE)
    assert re.findall(r'Revealed type is "(.*)"', output) == REVEALED, output
    assert " error: " not in output, output
