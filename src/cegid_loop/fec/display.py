"""Text from a file, made safe to print: a FEC can hold anything, a terminal must not obey it."""

from __future__ import annotations

import re

# C0/C1 controls (ESC sequences could rewrite the terminal), DEL, bidirectional overrides and isolates
# (they reorder what is shown: "Trojan source"), and lone surrogates (non-UTF-8 file names) that no
# stream can encode.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with control (TAB excepted: line breaks too, a path may hold one), bidi-override and
    surrogate characters shown as escapes; apply it to each piece of a report, not to the joined text."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text
