"""Tell a FEC from a Cegid TRA file by content (first line), not by extension."""

from __future__ import annotations

from pathlib import Path

from cegid_loop.fec.encoding import UTF8_BOM, wide_encoding

_FEC_NAMES = (b"journalcode", b"ecriturenum", b"comptenum", b"ecriturelib")


def detect_kind(path: Path) -> str | None:
    """ "fec", "tra", "xml" (FEC in its XML form) or None. Raises OSError when the file cannot be read."""
    with path.open("rb") as fp:
        head = fp.read(8192)
    if wide_encoding(head) is not None:
        return "fec" if any(n in head.replace(b"\x00", b"").lower() for n in _FEC_NAMES) else None
    if head.startswith(UTF8_BOM):
        head = head[len(UTF8_BOM) :]
    first = head.split(b"\n", 1)[0].split(b"\r", 1)[0]
    stripped = first.lstrip()
    if first.startswith(b"***"):
        return "tra"
    if stripped.startswith(b"<"):
        return "xml"
    low = first.lower()
    if any(n in low for n in _FEC_NAMES) or b"\t" in first or b"|" in first:
        return "fec"
    # A fixed-width line as long as a TRA movement, without separators: a TRA that lost its header.
    if len(first) >= 200:
        return "tra"
    return None
