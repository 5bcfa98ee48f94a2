"""Streaming line reader: fixed-size binary reads, whole lines per block, one decode per block.

Every record terminator allowed by the legal text VI 1° a (CR and/or LF) and the `CR CR LF` seen in real
files (TCD strips the stray CR) becomes one line break, so line numbers are record numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from cegid_loop.fec.encoding import UTF8_BOM, ByteIssue, Decoder

# Small blocks keep the block's field strings in the CPU caches while each rule makes its pass over a
# column: 32 KiB (about 150 lines) is about twice as fast as 1 MiB, more so on a busy machine.
BLOCK_SIZE = 1 << 15
# A "line" longer than this is not a FEC or TRA record (those are under 2 KB); stop rather than buffer.
MAX_LINE = 1 << 20


class LineTooLong(Exception):
    """No line terminator within MAX_LINE bytes; `line` is the physical line that does not end."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


@dataclass(slots=True)
class TextBlock:
    first_line: int  # physical line number of the block's first line
    text: str  # the block's lines joined by "\n" (no trailing terminator)
    issues: list[ByteIssue] = field(default_factory=list)
    _lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        """Split on demand: the fast path works on `text` directly."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    @property
    def line_count(self) -> int:
        return self.text.count("\n") + 1


def line_ending_name(sample: bytes) -> str:
    """Name the terminator(s) used in a sample of the file (for statistics and TRA checks)."""
    crcrlf = sample.count(b"\r\r\n")
    crlf = sample.count(b"\r\n") - crcrlf
    lf = sample.count(b"\n") - crlf - crcrlf
    cr = sample.count(b"\r") - crlf - 2 * crcrlf
    kinds = [name for name, n in (("CRCRLF", crcrlf), ("CRLF", crlf), ("LF", lf), ("CR", cr)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed(" + ",".join(kinds) + ")"


class BlockReader:
    """Iterate over a binary file as decoded blocks of whole lines."""

    def __init__(self, fp: BinaryIO, *, block_size: int = BLOCK_SIZE) -> None:
        self.fp = fp
        self.block_size = block_size
        self.decoder = Decoder()
        self.line_ending = "none"

    def __iter__(self) -> Iterator[TextBlock]:
        read = self.fp.read
        size = self.block_size
        pending: list[bytes] = []  # bytes after the last terminator, kept for the next block
        pending_len = 0
        line_no = 1
        first = True
        while True:
            chunk = read(size)
            if first:
                first = False
                if chunk.startswith(UTF8_BOM):
                    chunk = chunk[len(UTF8_BOM) :]
                    self.decoder = Decoder(bom=True)
                self.line_ending = line_ending_name(chunk[: 1 << 16])
            if chunk:
                # Search the new chunk only: a file without terminators must not be rescanned each time.
                cut = chunk.rfind(b"\n") + 1
                if cut == 0:
                    # CR-only file: cut after a CR that is not the last byte (it may precede an LF).
                    cut = chunk.rfind(b"\r", 0, len(chunk) - 1) + 1
                if cut == 0:
                    pending.append(chunk)
                    pending_len += len(chunk)
                    if pending_len > MAX_LINE:
                        raise LineTooLong(
                            f"no line terminator in {pending_len} bytes from line {line_no}", line_no
                        )
                    continue
                data = b"".join([*pending, chunk[:cut]]) if pending else chunk[:cut]
                pending = [chunk[cut:]] if cut < len(chunk) else []
                pending_len = len(chunk) - cut
            else:
                data, pending = b"".join(pending), []
                if not data:
                    return
            if b"\r" in data:
                data = data.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            if data.endswith(b"\n"):
                data = data[:-1]
            text, issues = self.decoder.decode(data)
            block = TextBlock(line_no, text, issues)
            yield block
            line_no += block.line_count
