"""Line structure: the fast split of a block into columns, and the diagnosis of malformed lines
(S1 other separator, S3 field count, trailing separator)."""

from __future__ import annotations

from itertools import repeat
from operator import contains

from cegid_loop.fec.amounts import parse_amount
from cegid_loop.fec.dates import date_problem
from cegid_loop.fec.layout import Layout


def fast_columns(text: str, sep: str, n: int, count: int) -> list[list[str]] | None:
    """The block's columns when every one of its `count` lines has exactly n fields, else None.

    One split of the whole block: if every line has n-1 separators, the fields holding a line break are
    exactly every (n-1)-th one, each with one "\\n" (pigeonhole), and column i is a slice.
    """
    flat = text.split(sep)
    if n < 2 or len(flat) != (n - 1) * count + 1:
        return None
    joints = flat[n - 1 :: n - 1]
    if count > 1 and not all(map(contains, joints[:-1], repeat("\n"))):
        return None
    halves = "\n".join(joints[:-1]).split("\n") if count > 1 else []
    cols = [[flat[0], *halves[1::2]]]
    cols.extend(flat[i :: n - 1] for i in range(1, n - 1))
    cols.append([*halves[0::2], flat[-1]])
    return cols


def aligned(layout: Layout, fields: list[str]) -> bool:
    """Do the date and amount zones hold a date and amounts (i.e. no field shifted)?"""
    for name in ("EcritureDate", "Debit", "Credit", "Montant"):
        i = layout.index.get(name)
        if i is None:
            continue
        if i >= len(fields):
            return False
        value = fields[i].strip()
        ok = (
            date_problem(value) is None
            if name == "EcritureDate"
            else not isinstance(parse_amount(value), str)
        )
        if not ok:
            return False
    return True


def diagnose(layout: Layout, sep: str, raw: str, fields: list[str]) -> tuple[str, str, str]:
    """(rule, French, English) for a line whose field count differs from the header's."""
    n = layout.ncols
    other = "|" if sep == "\t" else "\t"
    if not raw.strip():
        return (
            "S3",
            "Ligne vide : la structure du fichier est incorrecte.",
            "Empty line: the file structure is incorrect.",
        )
    if len(raw.split(other)) == n:
        return (
            "S1",
            f"Cette ligne utilise {other!r} comme séparateur au lieu de celui de l'en-tête.",
            f"This line uses {other!r} as separator instead of the header's.",
        )
    if len(fields) == n + 1 and not layout.trailing and fields[-1] == "" and aligned(layout, fields):
        why_fr, why_en = "séparateur en fin de ligne absent de l'en-tête", "trailing separator not in header"
    elif len(fields) == n - 1 and layout.trailing and aligned(layout, fields):
        why_fr, why_en = "séparateur de fin de ligne manquant", "missing trailing separator"
    elif len(fields) > n:
        why_fr, why_en = "un séparateur dans une zone de texte ?", "a separator inside a text field?"
    else:
        why_fr, why_en = "zones manquantes", "fields missing"
    return (
        "S3",
        f"Il y a {len(fields)} zones au lieu des {n} attendues ({why_fr}).",
        f"{len(fields)} fields instead of the {n} expected ({why_en}).",
    )


def entry_key(layout: Layout, sep: str, raw: str, fields: list[str]) -> tuple[str, str] | None:
    """(JournalCode, EcritureNum) of a malformed line, when they can still be read."""
    jc, num = layout.index.get("JournalCode", 0), layout.index.get("EcritureNum", 2)
    parts = fields if len(fields) > max(jc, num) else raw.split("|" if sep == "\t" else "\t")
    if len(parts) > max(jc, num):
        return parts[jc].strip(), parts[num].strip()
    return None
