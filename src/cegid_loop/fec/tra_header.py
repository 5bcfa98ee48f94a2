"""The header record of a TRA file (tra-format.md §2): ``***S5``, then origin, content, format, version,
dates and flags at fixed positions (:data:`.tra_layout.HEADER`).
"""

from __future__ import annotations

from collections.abc import Callable

from cegid_loop.fec import tra_layout as L
from cegid_loop.fec.findings import FindingSink
from cegid_loop.fec.tra_fields import TraFieldChecks

# An informative finding given once per file: (key, line, French, English).
Note = Callable[[str, int, str, str], None]


def check_header(text: str, sink: FindingSink, fields: TraFieldChecks, note: Note) -> dict[str, str] | None:
    """The header's fields by name (read as blank past the end of a short record), after its findings
    (S2, S3, F1, and the note on an undocumented version); None when the first line is not a header."""
    if not text.startswith("***") or text[3:5] not in L.PRODUCTS:
        sink.add(
            "S2",
            1,
            "en-tête",
            text[:20],
            "Première ligne : en-tête « ***S5… » attendu (tra-format.md §2).",
            "First line: a '***S5…' header record is expected (tra-format.md §2).",
        )
        return None
    h = {f.name: text[f.slice] for f in L.HEADER}
    if len(text) < L.HEADER_LENGTH_V9:
        sink.add(
            "S3",
            1,
            "en-tête",
            str(len(text)),
            f"En-tête de {len(text)} caractères, plus court que les {L.HEADER_LENGTH_V9} du format V9 "
            "(zones manquantes lues à blanc).",
            f"Header of {len(text)} characters, shorter than the {L.HEADER_LENGTH_V9} of the V9 layout "
            "(missing fields read as blank).",
            severity="warning",
        )
    checks = (
        ("origine", L.ORIGINS),
        ("contenu", L.CONTENTS),
        ("format", L.FORMATS),
    )
    for name, allowed in checks:
        if h[name] not in allowed:
            sink.add(
                "S2",
                1,
                name,
                h[name],
                f"En-tête : {name} « {h[name]} » hors de {sorted(allowed)}.",
                f"Header: {name} '{h[name]}' not in {sorted(allowed)}.",
            )
    if h["contenu"] == "BAL" and h["format"] != "STD":
        sink.add(
            "S2",
            1,
            "format",
            h["format"],
            "En-tête : un contenu BAL impose le format STD.",
            "Header: content BAL requires format STD.",
        )
    version = h["version"]
    if version.strip() and version not in L.KNOWN_VERSIONS:
        note(
            "version",
            1,
            f"Version de fichier « {version} » non documentée (connues : 006, 007, 008, 011).",
            f"File version '{version}' is not documented (known: 006, 007, 008, 011).",
        )
    for f in L.HEADER:
        value = h[f.name]
        if f.kind == "date" and value.strip():
            fields.date(1, f.name, value)
        elif f.kind == "datetime" and value.strip():
            fields.datetime(1, f.name, value)
        elif f.kind == "flag" and value and value not in L.FLAG_VALUES:
            sink.add(
                "S2",
                1,
                f.name,
                value,
                f"En-tête : {f.name} doit valoir X ou -.",
                f"Header: {f.name} must be X or -.",
            )
    return h


__all__ = ["Note", "check_header"]
