from __future__ import annotations

import logging

import pytest

from cegid_loop import _redact
from cegid_loop._redact import MASK, RedactingFilter, scrub

from .conftest import TEST_API_KEY, TEST_API_SECRET, TEST_SUBSCRIPTION_KEY, assert_no_secret


@pytest.fixture(autouse=True)
def _registered() -> None:
    _redact.register_secret(TEST_SUBSCRIPTION_KEY)
    _redact.register_secret(TEST_API_KEY)


@pytest.mark.parametrize(
    "text",
    [
        f"Ocp-Apim-Subscription-Key: {TEST_SUBSCRIPTION_KEY}",
        f"{{'x-apikey': '{TEST_API_KEY}'}}",
        f'{{"X-ApiKey":"{TEST_API_KEY}"}}',
        f"[(b'x-apikey', b'{TEST_API_KEY}')]",
        f"?subscription-key={TEST_SUBSCRIPTION_KEY}&x=1",
        f"the secret is {TEST_API_SECRET} alone",
    ],
)
def test_scrub_known_values_in_any_shape(text: str) -> None:
    out = scrub(text)
    assert_no_secret(out)
    assert MASK in out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("X-ApiKey: unknown:value", "unknown:value"),
        ("API-KEY=abcdef", "abcdef"),
        ("https://acct.blob.core.windows.net/c/f.txt?sv=2020&sig=Woems51%3D&se=1", "Woems51"),
    ],
)
def test_scrub_unknown_values_by_shape(text: str, gone: str) -> None:
    assert gone not in scrub(text)


def test_scrub_keeps_ordinary_text() -> None:
    assert scrub("GET /compte?codeDossier=CEGID001 -> 200") == "GET /compte?codeDossier=CEGID001 -> 200"


def test_filter_scrubs_message_args_extra_and_traceback() -> None:
    logger = logging.getLogger("cegid_loop.test_redact")
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep()
    handler.addFilter(RedactingFilter())
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        logger.info("key %s", TEST_SUBSCRIPTION_KEY, extra={"headers": {"X-ApiKey": TEST_API_KEY}})
        try:
            raise RuntimeError(f"boom {TEST_API_SECRET}")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    formatter = logging.Formatter("%(message)s %(headers)s", defaults={"headers": ""})
    for record in records:
        assert_no_secret(formatter.format(record))
        assert_no_secret(str(vars(record)))


def test_install_is_idempotent() -> None:
    _redact.install()
    _redact.install()
    assert sum(isinstance(f, RedactingFilter) for f in logging.getLogger("httpx").filters) == 1
