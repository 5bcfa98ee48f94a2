"""The Luhn check digit of SIREN (9 digits) and SIRET (14 digits) numbers."""

from __future__ import annotations


def luhn_ok(digits: str) -> bool:
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def luhn_complete(prefix: str) -> str:
    """Append the digit that makes ``prefix`` pass the Luhn check (SIREN/SIRET)."""
    return next(prefix + str(d) for d in range(10) if luhn_ok(prefix + str(d)))


__all__ = ["luhn_complete", "luhn_ok"]
