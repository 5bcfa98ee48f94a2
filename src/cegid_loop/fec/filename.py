"""File name rules N1/N2 (legal text IX and XIII) and split-file parts (`…_1`, `…_2`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from cegid_loop.fec.dates import parse_yyyymmdd
from cegid_loop.fec.findings import FindingSink

_STRICT = re.compile(r"(\d{9})FEC(\d{8})(?:_(\d+))?(?:\.\w+)?", re.ASCII)
# What TCD accepts (init.pl): anything, then FEC and a date; used to still find the closing date.
_LENIENT = re.compile(r"(.*?)FEC(\d{8})(?:_(\d+))?", re.ASCII)
_PART = re.compile(r"(?P<base>.*FEC\d{8})_(?P<n>\d+)(?P<ext>\.\w+)?", re.IGNORECASE | re.ASCII)

# A closing date further ahead than this is a placeholder (e.g. 2050-09-30 in a real file).
FUTURE_MARGIN = dt.timedelta(days=366)


@dataclass(frozen=True, slots=True)
class NameInfo:
    siren: str | None
    closing: dt.date | None
    part: int | None


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def check_name(name: str, sink: FindingSink, *, today: dt.date | None = None) -> NameInfo:
    upper = name.upper()
    m = _STRICT.fullmatch(upper)
    if m is None:
        lenient = _LENIENT.match(upper)
        siren = lenient.group(1) if lenient else None
        detail_fr = detail_en = ""
        if siren is not None and siren.isdigit() and len(siren) != 9:
            detail_fr = f" ({len(siren)} chiffres avant FEC au lieu des 9 du SIREN)"
            detail_en = f" ({len(siren)} digits before FEC instead of the 9 of a SIREN)"
        sink.add(
            "N1",
            0,
            "file name",
            name,
            f"Le nom du fichier ne suit pas le modèle SirenFECAAAAMMJJ{detail_fr}.",
            f"The file name does not follow SirenFECAAAAMMJJ{detail_en}.",
        )
        if lenient is None:
            return NameInfo(None, None, None)
        closing_text, part_text = lenient.group(2), lenient.group(3)
        siren = None
    else:
        siren, closing_text, part_text = m.group(1), m.group(2), m.group(3)
    closing = parse_yyyymmdd(closing_text)
    if closing is None:
        sink.add(
            "N1",
            0,
            "file name",
            closing_text,
            f"La date de clôture {closing_text} du nom de fichier n'est pas une date AAAAMMJJ valide.",
            f"The closing date {closing_text} in the file name is not a valid AAAAMMJJ date.",
        )
    elif closing > (today or dt.date.today()) + FUTURE_MARGIN:
        sink.add(
            "N1",
            0,
            "file name",
            closing_text,
            f"La date de clôture {closing:%d/%m/%Y} est loin dans le futur : date fictive ?",
            f"The closing date {closing:%Y-%m-%d} is far in the future: a placeholder?",
            severity="warning",
        )
    if siren is not None:
        if set(siren) == {"0"}:
            sink.add(
                "N2",
                0,
                "SIREN",
                siren,
                "SIREN 000000000 : valeur de remplissage, pas un vrai SIREN.",
                "SIREN 000000000 is a placeholder, not a real SIREN.",
            )
        elif not luhn_ok(siren):
            sink.add(
                "N2",
                0,
                "SIREN",
                siren,
                f"La clé de contrôle (Luhn) du SIREN {siren} est fausse.",
                f"The SIREN {siren} fails its check key (Luhn).",
            )
    return NameInfo(siren, closing, int(part_text) if part_text else None)


def split_parts(path: Path) -> list[Path]:
    """All parts of the split set `path` belongs to, in part order; [path] when it is not a part."""
    m = _PART.fullmatch(path.name)
    if m is None:
        return [path]
    base, ext = m.group("base").upper(), (m.group("ext") or "").upper()
    parts: list[tuple[int, Path]] = []
    try:
        siblings = list(path.parent.iterdir())
    except OSError:  # an unlistable folder: validate the part alone
        return [path]
    for sibling in siblings:
        s = _PART.fullmatch(sibling.name)
        if s and s.group("base").upper() == base and (s.group("ext") or "").upper() == ext:
            parts.append((int(s.group("n")), sibling))
    parts.sort()
    return [p for _, p in parts] or [path]


def part_number(path: Path) -> int | None:
    m = _PART.fullmatch(path.name)
    return int(m.group("n")) if m else None
