"""Reading a TRA file (tra-format.md): its records, and the text of each.

Fixed-width records, no separator; CR, LF, CRLF and CR CR LF all end a record. TRA is "ANSI"
(Windows-1252) in every writer seen, so a record decodes as UTF-8 only when it is valid UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from cegid_loop.fec.findings import FindingSink
from cegid_loop.fec.reader import MAX_LINE, LineTooLong

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def records(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, raw bytes) for every record; CR, LF, CRLF and CR CR LF all end a record.

    Read in blocks (a CR-only file has no "line" for readline). Raises LineTooLong past MAX_LINE bytes
    without a terminator: the longest TRA record is 1 280 characters."""
    with path.open("rb") as fp:
        n = 0
        pending = b""
        while True:
            chunk = fp.read(1 << 16)
            data = pending + chunk
            if chunk:
                # A CR at the end may be the start of CR LF or CR CR LF: keep it for the next block.
                safe = data.rstrip(b"\r")
                last = max(safe.rfind(b"\n"), safe.rfind(b"\r"))
                complete, pending = data[: last + 1], data[last + 1 :]
                if len(pending) > MAX_LINE:
                    raise LineTooLong(f"no line terminator in {MAX_LINE} bytes from line {n + 1}", n + 1)
            else:
                complete, pending = data, b""
            if complete:
                text = complete.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
                for piece in text.removesuffix(b"\n").split(b"\n"):
                    n += 1
                    yield n, piece
            if not chunk:
                return


class RecordDecoder:
    """Decodes records one by one and remembers which encodings the file used."""

    def __init__(self, sink: FindingSink) -> None:
        self.sink = sink
        self.utf8 = False
        self.cp1252 = False

    @property
    def encoding(self) -> str:
        """The file's encoding as the records showed it: ``utf-8``, ``windows-1252`` or ``ascii``."""
        return "utf-8" if self.utf8 else ("windows-1252" if self.cp1252 else "ascii")

    def decode(self, n: int, raw: bytes) -> str:
        """The record's text (a BOM dropped from the first); E1 and S1 findings on the way."""
        if raw.isascii():
            text = raw.decode("ascii")
        else:
            try:
                text = raw.decode("utf-8")
                self.utf8 = True
            except UnicodeDecodeError:
                text = raw.decode("cp1252", errors="replace")
                self.cp1252 = True
                if "\ufffd" in text:
                    bad = next(b for b in raw if bytes([b]).decode("cp1252", "replace") == "\ufffd")
                    self.sink.add(
                        "E1",
                        n,
                        "",
                        f"0x{bad:02X}",
                        f"Octet 0x{bad:02X} non défini en Windows-1252.",
                        f"Byte 0x{bad:02X} is undefined in Windows-1252.",
                    )
        if "\t" in text:
            self.sink.add(
                "S1",
                n,
                "",
                text,
                "Tabulation dans un enregistrement TRA à positions fixes (aucun séparateur attendu).",
                "TAB in a fixed-width TRA record (no separator expected).",
            )
        if _CONTROL.search(text.replace("\t", " ")):
            self.sink.add(
                "E1", n, "", text, "Caractère de contrôle dans le texte.", "Control character in the text."
            )
        return text.lstrip("\ufeff") if n == 1 else text


__all__ = ["RecordDecoder", "records"]
