"""Every logger the package logs to is redacted: a logger's filter does not see its children's records."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from cegid_loop import _redact

ROOT = Path(__file__).resolve().parents[1]
GET_LOGGER = re.compile(r"""getLogger\(\s*["']([\w.]+)["']\s*\)""")


def _logger_names_in_code() -> set[str]:
    names: set[str] = set()
    for folder in ("src/cegid_loop", "generated/cegid_loop_api", "overrides/templates"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".jinja"}:
                names.update(GET_LOGGER.findall(path.read_text(encoding="utf-8")))
    return names


def test_every_logger_in_the_code_is_in_the_redacted_list() -> None:
    found = _logger_names_in_code()
    assert "cegid_loop.reader" in found  # the search itself works
    assert found - set(_redact.LOGGER_NAMES) == set()


def test_a_value_quoted_by_the_tolerant_reader_is_masked(caplog: pytest.LogCaptureFixture) -> None:
    from cegid_loop_api import types
    from cegid_loop_api.models import Compte

    types._reported.discard(("Compte", "type"))  # warned once per field: make this test's the first
    _redact.register_secret("sub-reader-0123456789")
    _redact.install()
    with caplog.at_level(logging.WARNING, logger="cegid_loop.reader"):
        Compte.from_dict({"numero": "1", "type": "sub-reader-0123456789 echoed"})
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "does not fit" in text and "echoed" in text
    assert "sub-reader-0123456789" not in text
