"""``LOOP_LOG=info|debug``: the library's logging turned on from the environment, redacted.

Like ``OPENAI_LOG`` in openai-python: an application that configures logging itself needs nothing
from here (the ``cegid_loop`` loggers propagate as usual); one that does not can set the variable
and see, on stderr, what the client does: ``info`` its requests that were retried, the operations
it guessed, the import stages; ``debug`` also httpx's request lines and httpcore's connection
traces. The handler installed here masks secrets in every record it prints (the filter sits on the
handler, so it also covers child loggers and third-party records), whatever the level.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Mapping

from cegid_loop import _redact
from cegid_loop.errors import ConfigurationError

ENV_LOG = "LOOP_LOG"
LEVELS = {"info": logging.INFO, "debug": logging.DEBUG}
# Who logs at each level: ours always; the HTTP stack's chatter only when debugging.
_LOGGERS = {
    logging.INFO: ("cegid_loop", "stamina"),
    logging.DEBUG: ("cegid_loop", "stamina", "httpx", "httpcore"),
}
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_lock = threading.Lock()
_handler: logging.Handler | None = None


def level_from_env(env: Mapping[str, str]) -> int | None:
    """The level ``LOOP_LOG`` asks for, None when unset; a value it does not know is an error."""
    raw = env.get(ENV_LOG, "").strip()
    if not raw:
        return None
    level = LEVELS.get(raw.lower())
    if level is None:
        raise ConfigurationError(f"{ENV_LOG}={raw!r}: expected one of {', '.join(LEVELS)} (or unset)")
    return level


def setup_from_env(env: Mapping[str, str] | None = None) -> None:
    """Install the stderr handler once if ``LOOP_LOG`` asks for it (called when a client is built)."""
    global _handler
    level = level_from_env(os.environ if env is None else env)
    if level is None:
        return
    with _lock:
        if _handler is None:
            _handler = logging.StreamHandler(sys.stderr)
            _handler.setFormatter(logging.Formatter(_FORMAT))
            _handler.addFilter(_redact.RedactingFilter())
        for name in _LOGGERS[level]:
            logger = logging.getLogger(name)
            logger.setLevel(min(level, logger.getEffectiveLevel()) if logger.level else level)
            if _handler not in logger.handlers:
                logger.addHandler(_handler)
                logger.propagate = False  # printed once, by this handler, not again by the root's
