"""Character-set detection while streaming (format.md §1.2, legal text XII 1°).

Legal encodings: ASCII, ISO-8859-15, UTF-8 (BOM tolerated). The decoder starts optimistic (UTF-8), falls
back to ISO-8859-15 for the whole file when the first non-UTF-8 byte appears while everything so far was
ASCII, and reports bytes that ISO-8859-15 cannot explain (C1 controls, DOS code-page letters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UTF8_BOM = b"\xef\xbb\xbf"
# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32-LE"),
    (b"\x00\x00\xfe\xff", "UTF-32-BE"),
    (b"\xff\xfe", "UTF-16-LE"),
    (b"\xfe\xff", "UTF-16-BE"),
)

# 0x80-0x9F are C1 controls in ISO-8859-15: text bytes there come from Windows-1252 or a DOS code page.
# 0xF8 is 'ø' in ISO-8859-15 but '°' in CP850/CP437; after a capital or digit and before a non-letter
# ("CREAT° ", "N° 12") it is the DOS degree sign, not a Nordic letter ("Søren" is not matched).
_SUSPECT_LATIN9 = re.compile(rb"[\x80-\x9f]|(?<=[A-Z0-9])\xf8(?![A-Za-z\xc0-\xff])")
# C0 controls other than TAB/LF/CR (CR is normalised away before decoding), and DEL. Detected with
# bytes.translate (deleting them changes the length), ten times faster than a regex search.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]")

# UTF-8 sequences inside a file read as ISO-8859-15 ("Ã©" for "é"): two encodings mixed.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")

CP850_MEANING = {0xF8: "°"}


@dataclass(frozen=True, slots=True)
class ByteIssue:
    line_index: int  # index of the line inside its block
    offset: int  # character offset inside the decoded line
    kind: str  # "c1" | "dos" | "control" | "invalid-utf8"
    byte: int


def wide_encoding(head: bytes) -> str | None:
    """Name of a UTF-16/32 encoding announced by a BOM or betrayed by NUL bytes, else None."""
    for bom, name in _WIDE_BOMS:
        if head.startswith(bom):
            return name
    sample = head[:4096]
    if len(sample) >= 8 and sample.count(0) * 4 >= len(sample):
        return "UTF-16 (no BOM)"
    return None


class Decoder:
    """Decodes successive blocks of bytes, each made of whole lines separated by b"\\n"."""

    def __init__(self, *, bom: bool = False) -> None:
        self.bom = bom
        # "ascii" until a non-ASCII byte decides between UTF-8 and ISO-8859-15.
        self.encoding = "utf-8" if bom else "ascii"

    def decode(self, data: bytes) -> tuple[str, list[ByteIssue]]:
        issues: list[ByteIssue] = []
        if len(data.translate(None, _CONTROL_BYTES)) != len(data):
            issues.extend(self._locate(data, _CONTROL, "control"))
        if self.encoding != "iso-8859-15":
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                if self.encoding == "ascii" and data[: exc.start].isascii():
                    # Everything before was ASCII, so reading the whole file as Latin-9 is consistent.
                    self.encoding = "iso-8859-15"
                else:
                    self.encoding = "utf-8"
                    return self._mixed(data, issues)
            else:
                if self.encoding == "ascii" and not data.isascii():
                    self.encoding = "utf-8"
                return text, issues
        text = data.decode("iso-8859-15")
        if not data.isascii():
            if _SUSPECT_LATIN9.search(data):
                for issue in self._locate(data, _SUSPECT_LATIN9, ""):
                    kind = "dos" if issue.byte in CP850_MEANING else "c1"
                    issues.append(ByteIssue(issue.line_index, issue.offset, kind, issue.byte))
            if _UTF8_SEQUENCE.search(data):
                issues.extend(self._locate(data, _UTF8_SEQUENCE, "utf8-in-latin9"))
            issues.sort(key=lambda i: (i.line_index, i.offset))
        return text, issues

    def _mixed(self, data: bytes, issues: list[ByteIssue]) -> tuple[str, list[ByteIssue]]:
        """UTF-8 was established earlier: decode line by line and flag the lines that are not UTF-8."""
        out: list[str] = []
        for index, raw in enumerate(data.split(b"\n")):
            try:
                out.append(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                prefix = raw[: exc.start].decode("utf-8", "replace")
                issues.append(ByteIssue(index, len(prefix), "invalid-utf8", raw[exc.start]))
                out.append(prefix + raw[exc.start :].decode("iso-8859-15"))
        return "\n".join(out), issues

    def _locate(self, data: bytes, pattern: re.Pattern[bytes], kind: str) -> list[ByteIssue]:
        found: list[ByteIssue] = []
        line_index = 0
        line_start = 0
        for match in pattern.finditer(data):
            pos = match.start()
            line_index += data.count(b"\n", line_start, pos)
            line_start = data.rfind(b"\n", 0, pos) + 1
            prefix = data[line_start:pos]
            if self.encoding == "iso-8859-15" or prefix.isascii():
                offset = len(prefix)
            else:
                offset = len(prefix.decode("utf-8", "replace"))
            found.append(ByteIssue(line_index, offset, kind, data[pos]))
        return found


def describe(issue: ByteIssue) -> tuple[str, str]:
    """(French, English) message for an encoding issue (rule E1)."""
    b = f"0x{issue.byte:02X}"
    if issue.kind == "dos":
        fr = (
            f"Octet {b} : « {chr(issue.byte)} » en ISO-8859-15 mais « {CP850_MEANING[issue.byte]} » "
            "en CP850 : page de code DOS, non admise (XII 1°)."
        )
        en = (
            f"Byte {b} is '{chr(issue.byte)}' in ISO-8859-15 but '{CP850_MEANING[issue.byte]}' in "
            "CP850: a DOS code page, not allowed (XII 1°)."
        )
    elif issue.kind == "c1":
        fr = f"Octet {b} : caractère de contrôle en ISO-8859-15 (Windows-1252 ou page de code DOS ?)."
        en = f"Byte {b} is a control character in ISO-8859-15 (Windows-1252 or a DOS code page?)."
    elif issue.kind == "utf8-in-latin9":
        fr = f"Octet {b} : séquence UTF-8 dans un fichier lu en ISO-8859-15 (encodages mélangés)."
        en = f"Byte {b}: UTF-8 sequence in a file read as ISO-8859-15 (mixed encodings)."
    elif issue.kind == "invalid-utf8":
        fr = f"Octet {b} : séquence UTF-8 invalide dans un fichier UTF-8 (encodages mélangés)."
        en = f"Byte {b}: invalid UTF-8 sequence in a UTF-8 file (mixed encodings)."
    else:
        fr = f"Caractère de contrôle U+{issue.byte:04X} dans le texte (XII 1°)."
        en = f"Control character U+{issue.byte:04X} in the text (XII 1°)."
    return fr, en
