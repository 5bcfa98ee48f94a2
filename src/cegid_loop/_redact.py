"""Keep secrets out of logs, error texts and reprs.

Two layers, because neither is enough alone:
- the *values* of the keys the process was configured with (registered by :mod:`cegid_loop.config`)
  are replaced wherever they appear, whatever surrounds them;
- anything that *looks* like one of the auth headers (``Ocp-Apim-Subscription-Key``, ``X-ApiKey``,
  ``API-KEY``), APIM's ``subscription-key`` query parameter or an Azure SAS ``sig=`` is masked too,
  which also covers keys this process never saw (a server echoing someone else's header).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

MASK = "***"

# A secret shorter than this is not scrubbed by value: masking every "ab" in a text would wreck
# it and a 3-character key is not a secret anyway.
_MIN_SECRET_LEN = 4

_HEADER_NAMES = r"ocp-apim-subscription-key|x-apikey|x-api-key|api-key|subscription-key"
# name, then an optional closing quote, a separator (": ", "=", "': '") and the value up to a
# delimiter. Covers "X-ApiKey: v", "x-apikey=v", "'X-ApiKey': 'v'", '"x-apikey":"v"', (b'x-apikey', b'v').
_HEADER_RE = re.compile(
    rf"(?P<name>\b(?:{_HEADER_NAMES}))(?P<sep>['\"]?\s*(?:[:=]|,\s*b?)\s*b?['\"]?)(?P<value>[^'\"\s,;&}}\)\]]+)",
    re.IGNORECASE,
)
_SAS_RE = re.compile(r"(?P<name>(?:[?&]|\b)sig=)(?P<value>[^&\s'\"<]+)", re.IGNORECASE)

_lock = threading.Lock()
_secrets: set[str] = set()


def register_secret(value: str | None) -> None:
    """Remember a secret value so that :func:`scrub` masks it everywhere from now on.

    A ``KEY:SECRET`` API key is registered whole and part by part.
    """
    if not value:
        return
    candidates = {value, *value.split(":")}
    with _lock:
        _secrets.update(c for c in candidates if len(c) >= _MIN_SECRET_LEN)


def register_url_secrets(url: str) -> None:
    """Register the signature of a pre-signed (SAS) URL, so that it is masked by value too."""
    for match in _SAS_RE.finditer(url):
        register_secret(unquote(match["value"]))
        register_secret(match["value"])


def registered_count() -> int:
    """How many secret values are known (for tests; the values themselves are never exposed)."""
    return len(_secrets)


def scrub(text: str, extra_secrets: Iterable[str] = ()) -> str:
    """Return ``text`` with known secret values and auth-header values masked."""
    if not text:
        return text
    with _lock:
        values = sorted(
            {*_secrets, *(s for s in extra_secrets if len(s) >= _MIN_SECRET_LEN)}, key=len, reverse=True
        )
    # Longest first, so that "KEY:SECRET" is masked whole before its parts are.
    for value in values:
        if value in text:
            text = text.replace(value, MASK)
    text = _HEADER_RE.sub(lambda m: f"{m['name']}{m['sep']}{MASK}", text)
    return _SAS_RE.sub(lambda m: f"{m['name']}{MASK}", text)


def scrub_value(value: Any) -> Any:
    """:func:`scrub` applied to every string inside dicts, lists and tuples."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {k: scrub_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(scrub_value(v) for v in value)
    return value


_STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class RedactingFilter(logging.Filter):
    """A logging filter that scrubs the message, its arguments, ``extra`` fields and the traceback.

    Attach it to a logger (covers records logged on that very logger) or to a handler (covers
    everything the handler emits, children included). :func:`install` does the former for the
    loggers this library and its dependencies write to.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not hide the record
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        for key, value in list(vars(record).items()):
            if key not in _STANDARD_ATTRS:
                setattr(record, key, scrub_value(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        # The exception object itself may hold a secret (handlers such as Sentry read it):
        # keep only the scrubbed text, which formatters print when exc_info is gone.
        record.exc_info = None
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


# httpx logs request lines, httpcore transport traces, stamina each scheduled retry (with the repr
# of the exception), cegid_loop its own request log. A logger's filter sees only the records logged
# to that very logger, not its children's: every logger the package uses is named here
# (tests/test_redaction_loggers.py keeps the list complete).
LOGGER_NAMES = (
    "cegid_loop",
    "cegid_loop.reader",  # the tolerant reader quotes the value that did not fit its field
    "cegid_loop.fec",
    "cegid_loop.sandbox",
    "cegid_loop.cli.validate",
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "stamina",
)
_FILTER = RedactingFilter()


def install(names: Iterable[str] = LOGGER_NAMES) -> None:
    """Attach the redacting filter to each named logger (idempotent)."""
    for name in names:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
