"""File name rules N1/N2 (legal text IX and XIII) and split-file parts (`…_1`, `…_2`).

N1 is aligned with what the official DGFiP checker *Test Compta Demat* accepts, so that a name it
accepts is never refused here. Its start-up script (repository `DGFiP/Test-Compta-Demat`, file
`src/testeur/init.pl`, commit 0d9a827bacfad73cfca8ef1f7a3fd40653d95e21) does::

    uc($file) =~ m/^.*\\/(.*)FEC(20[0-9]{2}[0-1][0-9][0-3][0-9])/;
    $siren = $1; $datecloture = $2;
    if ( ( $siren eq "" ) || ( $datecloture eq "" ) ) { …"Le nom du fichier … est incorrect,
                                                          attendu sirenFECAAAAMMJJ"…; return; }

i.e. on the upper-cased base name: a non-empty prefix (any characters: 10 digits pass, and the SIREN is
neither counted nor checked), `FEC`, then 20AA, a month 00-19 and a day 00-39; anything may follow.

* N1 **error**: the tool would refuse the name (no `…FEC20AAMMJJ`, or nothing before `FEC`).
* N1 **warning**: the tool accepts it but it departs from legal text IX `SirenFECAAAAMMJJ`: a prefix that
  is not 9 digits, text after the date other than a split suffix `_n` and an extension, a closing date
  that is not a calendar date, or one far in the future (a placeholder).
* N2 (warning): the 9-digit SIREN fails its Luhn key, or is 000000000.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from cegid_loop.fec.dates import parse_yyyymmdd
from cegid_loop.fec.findings import FindingSink

# Test Compta Demat's own pattern (see the module docstring); greedy like Perl's, so the last "FEC" wins.
TCD_NAME = re.compile(r"(.*)FEC(20[0-9]{2}[0-1][0-9][0-3][0-9])", re.ASCII)
# Legal text IX (+ XIII split suffix, + an extension), checked on what follows TCD's match.
_SIREN = re.compile(r"[0-9]{9}", re.ASCII)
_LEGAL_TAIL = re.compile(r"(?:_([0-9]{1,3}))?(?:\.\w+)?", re.ASCII)
# A split part; at most 3 digits: a part number is not allowed to make us enumerate billions of parts.
MAX_PARTS = 999
_PART = re.compile(r"(?P<base>.*FEC\d{8})_(?P<n>\d{1,3})(?P<ext>\.\w+)?", re.IGNORECASE | re.ASCII)

# A closing date further ahead than this is a placeholder (e.g. 2050-09-30 in a real file).
FUTURE_MARGIN = dt.timedelta(days=366)


@dataclass(frozen=True, slots=True)
class NameInfo:
    siren: str | None  # the 9 digits before FEC, None when the prefix is anything else
    closing: dt.date | None
    part: int | None
    prefix: str | None = None  # whatever precedes FEC (None when the name has no …FEC20AAMMJJ)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def parse_name(name: str) -> NameInfo:
    """What the name says (no finding): prefix, SIREN, closing date, part number."""
    m = TCD_NAME.match(name.upper())
    if m is None:
        return NameInfo(None, None, None)
    prefix, closing_text = m.group(1), m.group(2)
    tail = _LEGAL_TAIL.fullmatch(m.string, m.end())
    part = int(tail.group(1)) if tail and tail.group(1) else None
    siren = prefix if _SIREN.fullmatch(prefix) else None
    return NameInfo(siren, parse_yyyymmdd(closing_text), part, prefix)


def check_name(name: str, sink: FindingSink, *, today: dt.date | None = None) -> NameInfo:
    upper = name.upper()
    m = TCD_NAME.match(upper)
    if m is None or not m.group(1):
        why_fr, why_en = (
            ("rien avant « FEC »", "nothing before 'FEC'")
            if m is not None
            else ("pas de « FEC » suivi d'une date 20AAMMJJ", "no 'FEC' followed by a 20YYMMDD date")
        )
        sink.add(
            "N1",
            0,
            "file name",
            name,
            f"Nom de fichier refusé par Test Compta Demat ({why_fr}) : SirenFECAAAAMMJJ attendu (IX).",
            f"File name refused by Test Compta Demat ({why_en}): SirenFECAAAAMMJJ expected (IX).",
        )
        return NameInfo(None, None, None)
    info = parse_name(name)
    prefix, closing_text = m.group(1), m.group(2)
    if info.siren is None:
        what_fr = f"{len(prefix)} chiffres" if prefix.isdigit() else f"« {prefix} »"
        what_en = f"{len(prefix)} digits" if prefix.isdigit() else f"'{prefix}'"
        sink.add(
            "N1",
            0,
            "file name",
            prefix,
            f"{what_fr} avant FEC au lieu des 9 chiffres du SIREN (IX) ; accepté par Test Compta Demat.",
            f"{what_en} before FEC instead of the 9 digits of a SIREN (IX); Test Compta Demat accepts it.",
            severity="warning",
        )
    if _LEGAL_TAIL.fullmatch(upper, m.end()) is None:
        rest = name[m.end() :]
        sink.add(
            "N1",
            0,
            "file name",
            rest,
            f"Texte « {rest} » après la date : SirenFECAAAAMMJJ[_n][.ext] attendu (IX, XIII) ; "
            "accepté par Test Compta Demat.",
            f"Text '{rest}' after the date: SirenFECAAAAMMJJ[_n][.ext] expected (IX, XIII); "
            "Test Compta Demat accepts it.",
            severity="warning",
        )
    closing = info.closing
    if closing is None:
        sink.add(
            "N1",
            0,
            "file name",
            closing_text,
            f"La date de clôture {closing_text} du nom de fichier n'est pas une date calendaire "
            "(pas de contrôle d'exercice C4).",
            f"The closing date {closing_text} in the file name is not a calendar date "
            "(no fiscal-year check C4).",
            severity="warning",
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
    siren = info.siren
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
    return info


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
