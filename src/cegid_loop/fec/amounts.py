"""Amounts (legal text XII 2°): decimal comma, no thousands separator, sign first or last.

Values become integers in millionths (exact sums without Decimal); a whole column of the usual
`digits,2 digits` shape is converted with C-level map() calls, other shapes go value by value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from itertools import repeat
from operator import mul

SCALE_DIGITS = 6
SCALE = 10**SCALE_DIGITS
_CENTS_TO_UNITS = SCALE // 100
CENTS = _CENTS_TO_UNITS  # factor from cents to millionths
# Significant digits before the comma: 999 999 999 999 999,99 is beyond any real balance and is the
# largest figure a double (JSON number, most accounting software) still holds to the cent. Longer values
# are refused rather than summed (and int() refuses strings of more than 4300 digits anyway).
MAX_INTEGER_DIGITS = 15
_MAX_UNITS = 10 ** (MAX_INTEGER_DIGITS + SCALE_DIGITS)  # first value in millionths that is too large
_MAX_CENTS = _MAX_UNITS // CENTS

# re.ASCII: \d must not accept other scripts' digits (int() would read them).
# At most 18 digits: such a value is a small int for int(); the too-large ones are caught by one sum().
_FAST_COLUMN = re.compile(r"(?:\d{1,18}+,\d\d\n)*+\d{1,18}+,\d\d", re.ASCII)  # possessive: no backtracking
_LEGAL = re.compile(r"([+-]?)(\d+)(?:,(\d+))?([+-]?)", re.ASCII)
_DECIMAL_POINT = re.compile(r"[+-]?\d+\.\d+[+-]?", re.ASCII)
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:[ \u00a0\u202f.',]\d{3})+(?:[,.]\d+)?[+-]?", re.ASCII)
_EXPONENT = re.compile(r"[+-]?\d+(?:[,.]\d+)?[eE][+-]?\d+", re.ASCII)

# Error codes -> (French, English) explanation.
AMOUNT_ERRORS: dict[str, tuple[str, str]] = {
    "point": (
        "séparateur décimal « . » au lieu de la virgule",
        "decimal point '.' instead of the decimal comma",
    ),
    "thousands": ("séparateur de milliers interdit", "thousands separator not allowed"),
    "exponent": ("notation exponentielle interdite", "exponent notation not allowed"),
    "signs": ("signe en tête et en fin à la fois", "sign both first and last"),
    "decimals": (
        f"plus de {SCALE_DIGITS} décimales (non pris en charge, compté pour 0)",
        f"more than {SCALE_DIGITS} decimals (not supported, counted as 0)",
    ),
    "too_large": (
        f"plus de {MAX_INTEGER_DIGITS} chiffres avant la virgule (montant non pris en compte)",
        f"more than {MAX_INTEGER_DIGITS} digits before the decimal comma (amount not counted)",
    ),
    "format": ("n'est pas un nombre au format légal", "is not a number in the legal format"),
}

_cache: dict[str, int | str] = {}
_CACHE_MAX = 1 << 14


def parse_amount(text: str) -> int | str:
    """Millionths for a legal amount ("" is 0), else an AMOUNT_ERRORS code."""
    hit = _cache.get(text)
    if hit is not None:
        return hit
    result = _parse(text)
    if len(_cache) >= _CACHE_MAX:
        _cache.clear()
    _cache[text] = result
    return result


def _parse(text: str) -> int | str:
    s = text.strip(" ")
    if not s:
        return 0
    m = _LEGAL.fullmatch(s) if s.isascii() else None
    if m is None:
        if _DECIMAL_POINT.fullmatch(s):
            return "point"
        if _THOUSANDS.fullmatch(s):
            return "thousands"
        if _EXPONENT.fullmatch(s):
            return "exponent"
        return "format"
    first, whole, frac, last = m.groups()
    if first and last:
        return "signs"
    frac = frac or ""
    if len(frac) > SCALE_DIGITS:
        return "decimals"
    significant = whole.lstrip("0")  # zero-padding is legal (XII 2°), and int() counts it in its limit
    if len(significant) > MAX_INTEGER_DIGITS:
        return "too_large"
    value = int((significant or "0") + frac.ljust(SCALE_DIGITS, "0"))
    return -value if "-" in (first, last) else value


def recover(text: str) -> int | None:
    """Best reading of an amount rejected by `parse_amount`, so that balances stay meaningful: decimal point,
    thousands separators. None when the value cannot be read."""
    s = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    if "," in s and "." in s:  # the last one is the decimal separator
        s = s.replace(".", "") if s.rfind(",") > s.rfind(".") else s.replace(",", "").replace(".", ",")
    elif s.count(",") > 1:
        s = s.replace(",", "")
    elif s.count(".") == 1:
        s = s.replace(".", ",")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    value = _parse(s)
    return None if isinstance(value, str) else value


def parse_column(col: Sequence[str]) -> tuple[list[int], list[tuple[int, str]], int]:
    """Values of a column, (index, error code) for the values that are not legal amounts, and the factor
    that turns the values into millionths (the usual `digits,2 digits` column stays in cents: CENTS).

    Invalid values count as their `recover` reading, else 0 (error code then prefixed with "!": the
    balance of that line is unknown).
    """
    if col:
        joined = "\n".join(col)
        if _FAST_COLUMN.fullmatch(joined):
            # One replace and one split for the whole column instead of one replace per value; int() reads
            # ASCII bytes without the str-to-ASCII copy it makes for every str.
            digits = joined.replace(",", "").encode("ascii").split(b"\n")
            cents = list(map(int, digits))
            # No value is too large when their sum is not (sum() is cheaper than max(); a block of
            # legal amounts summing to 10^15 EUR merely takes the path below).
            if sum(cents) < _MAX_CENTS:
                return cents, [], CENTS
    values: list[int] = []
    problems: list[tuple[int, str]] = []
    append = values.append
    for i, text in enumerate(col):
        v = _classified.get(text)
        if v is None:
            v = _classify(text)
        value, code = v
        append(value)
        if code:
            problems.append((i, code))
    return values, problems, 1


# Slow-path readings, by string: a file with one systematic defect (decimal point everywhere) repeats few
# distinct amounts per block compared with its lines.
_classified: dict[str, tuple[int, str]] = {}


def _classify(text: str) -> tuple[int, str]:
    v = parse_amount(text)
    if isinstance(v, str):
        r = recover(text)
        result = (r, v) if r is not None else (0, "!" + v)
    else:
        result = (v, "")
    if len(_classified) >= _CACHE_MAX:
        _classified.clear()
    _classified[text] = result
    return result


def rescale(values: list[int], factor: int) -> list[int]:
    return values if factor == 1 else list(map(mul, values, repeat(factor)))


def format_units(units: int) -> str:
    """ "1234.50": two decimals unless the amount has more. Integer arithmetic only: a total of any size
    formats exactly (Decimal arithmetic would round, then raise, past its 28-digit context)."""
    whole, frac = divmod(abs(units), SCALE)
    decimals = f"{frac:0{SCALE_DIGITS}d}"
    decimals = decimals[:2] if frac % _CENTS_TO_UNITS == 0 else decimals.rstrip("0")
    return f"{'-' if units < 0 else ''}{whole}.{decimals}"


def to_decimal(units: int) -> Decimal:
    """Exact value; two decimals unless the amount has more (Decimal from a string is always exact)."""
    return Decimal(format_units(units))


def format_fr(units: int) -> str:
    """1234,50 style, as in the file."""
    return format_units(units).replace(".", ",")
