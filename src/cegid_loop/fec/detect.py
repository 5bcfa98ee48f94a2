"""Tell a FEC from a Cegid TRA file by content (first line), not by extension."""

from __future__ import annotations

from pathlib import Path

from cegid_loop.fec.encoding import UTF8_BOM, wide_encoding

_FEC_NAMES = (b"journalcode", b"ecriturenum", b"comptenum", b"ecriturelib")
HEAD_SIZE = 8192
# The longest TRA record known is an ETE movement (1 280 characters); a first line far longer without a
# separator is not a TRA file that lost its header.
MAX_TRA_LINE = 4096

# Files people pick by mistake instead of the FEC they exported: (magic bytes, English, French).
_NOT_TEXT = (
    (
        b"PK\x03\x04",
        "a ZIP archive (or an .xlsx/.ods spreadsheet): export or extract the text file first",
        "une archive ZIP (ou un tableur .xlsx/.ods) : exporter ou extraire le fichier texte d'abord",
    ),
    (
        b"\x1f\x8b",
        "a gzip-compressed file: decompress it first",
        "un fichier compressé gzip : le décompresser",
    ),
    (b"%PDF", "a PDF document, not a text export", "un document PDF, pas un export texte"),
    (
        b"\xd0\xcf\x11\xe0",
        "an old Office document (.xls/.doc), not a text export",
        "un ancien document Office (.xls/.doc), pas un export texte",
    ),
)


def detect_kind(path: Path) -> str | None:
    """ "fec", "tra", "xml" (FEC in its XML form) or None. Raises OSError when the file cannot be read."""
    with path.open("rb") as fp:
        head = fp.read(HEAD_SIZE)
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
    if 200 <= len(first) <= MAX_TRA_LINE:
        return "tra"
    return None


def why_unknown(path: Path) -> tuple[str, str]:
    """(English, French) reason why `detect_kind` found neither a FEC nor a TRA file."""
    try:
        with path.open("rb") as fp:
            head = fp.read(HEAD_SIZE)
    except OSError as exc:
        why = exc.strerror or "input/output error"
        return f"cannot be read ({why})", f"lecture impossible ({why})"
    for magic, en, fr in _NOT_TEXT:
        if head.startswith(magic):
            return en, fr
    first = head.removeprefix(UTF8_BOM).split(b"\n", 1)[0].split(b"\r", 1)[0]
    if len(first) > MAX_TRA_LINE:
        return (
            f"its first line runs over {MAX_TRA_LINE} bytes without a TAB or '|' separator",
            f"sa première ligne dépasse {MAX_TRA_LINE} octets sans séparateur tabulation ou « | »",
        )
    return (
        "its first line has no TAB or '|' separator, no FEC field name, and is not a TRA record",
        "sa première ligne n'a ni séparateur tabulation ou « | », ni nom de zone FEC, et n'est pas un "
        "enregistrement TRA",
    )
