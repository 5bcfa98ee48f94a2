"""FEC zone formats on whole columns of a block: F1-F5 and B1, and S1 (separator inside a zone)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from itertools import compress, repeat
from operator import contains, mul, not_, or_

from cegid_loop.fec.amounts import AMOUNT_ERRORS, format_fr, parse_amount, parse_column, rescale
from cegid_loop.fec.dates import DateChecker, date_problem
from cegid_loop.fec.findings import FindingSink, Parts
from cegid_loop.fec.layout import DATE_FIELDS, Layout

_ACCOUNT = re.compile(r"[0-9]{3}.*")
_SENS_DEBIT = {"D": 1, "+1": 1, "d": 1}
_SENS_CREDIT = {"C": 1, "-1": 1, "c": 1}
_SENS_LEGAL = frozenset({"D", "C", "+1", "-1"})

Line = Callable[[int], int]  # index in the block -> physical line number
Column = Callable[[str], "list[str] | None"]  # legal name -> the block's column, if the file has it


def _empty_field(name: str, ln: Line, i: int) -> Parts:
    return (
        ln(i),
        name,
        "",
        f"La zone obligatoire « {name} » est vide.",
        f"The mandatory field '{name}' is empty.",
    )


def _empty_amount(name: str, ln: Line, i: int) -> Parts:
    return ln(i), name, "", f"Montant « {name} » vide, lu comme 0.", f"Amount '{name}' is empty, read as 0."


def _bad_amount(line: int, name: str, value: str, code: str) -> Parts:
    fr, en = AMOUNT_ERRORS[code]
    return line, name, value, f"Montant « {value} » : {fr} (XII 2°).", f"Amount '{value}': {en} (XII 2°)."


def _date_severity(value: str) -> str:
    problem = date_problem(value)
    return problem[2] if problem else ""


def _bad_date(name: str, values: Sequence[str], ln: Line, i: int) -> Parts:
    v = values[i]
    fr, en, _ = date_problem(v) or ("", "", "error")
    return ln(i), name, v, f"Date « {v} » : {fr} (XII 4°).", f"Date '{v}': {en} (XII 4°)."


class FieldChecks:
    def __init__(self, sink: FindingSink, layout: Layout) -> None:
        self.sink = sink
        self.wants = sink.wants
        self.layout = layout  # replaced for each part of a split file
        self.date_checker = DateChecker()
        self.valid_amounts: set[str] = set()
        self.valid_accounts: set[str] = set()
        # Indexes (in the current block) of lines whose amount or Sens cannot be read: their entry gets no
        # balance verdict (the F2/F3 finding says why).
        self.unknown_lines: list[int] = []

    def separator_inside(self, cols: list[list[str]], ln: Line, other: str) -> None:
        layout = self.layout
        shown = "|" if other == "|" else "TAB"
        hits: list[tuple[int, int]] = []
        for j, c in enumerate(cols):
            hits.extend((i, j) for i in compress(range(len(c)), map(contains, c, repeat(other))))
        for i, j in sorted(hits):
            self.sink.add(
                "S1",
                ln(i),
                layout.column_name(j),
                cols[j][i],
                f"Caractère séparateur « {shown} » à l'intérieur d'une zone (VI 1° c).",
                f"Separator character '{shown}' inside a field (VI 1° c).",
            )

    def mandatory(self, col: Column, ln: Line) -> None:
        if not self.wants("F5"):
            return
        for name in self.layout.mandatory():
            values = col(name)
            if values is not None and not all(values):
                empty = list(compress(range(len(values)), map(not_, values)))
                self.sink.add_all("F5", empty, partial(_empty_field, name, ln))

    def dates(self, col: Column, ln: Line, edate_set: set[str]) -> tuple[set[str], dict[str, set[str]]]:
        """Invalid date strings of the block (all date columns), and each column's distinct values."""
        all_bad: set[str] = set()
        distincts: dict[str, set[str]] = {}
        edate = col("EcritureDate")
        for name in DATE_FIELDS:
            values = col(name)
            if values is None:
                continue
            if name == "EcritureDate" or values == edate:  # PieceDate, ValidDate often repeat it
                distinct = edate_set
            elif not any(values):
                distincts[name] = set()
                continue
            else:
                distinct = set(values)
                distinct.discard("")
            distincts[name] = distinct
            bad = self.date_checker.invalid_in(distinct)
            if not bad:
                continue
            all_bad |= bad
            if self.wants("F1"):
                for severity in ("error", "warning"):
                    wrong = [i for i, v in enumerate(values) if v in bad and _date_severity(v) == severity]
                    self.sink.add_all("F1", wrong, partial(_bad_date, name, values, ln), severity=severity)
        return all_bad, distincts

    def amounts(self, col: Column, ln: Line, size: int) -> tuple[list[int], list[int], set[int], int]:
        """Debit and credit values, indexes of lines with an amount error, and the factor to millionths."""
        layout = self.layout
        errors: set[int] = set()
        self.unknown_lines = []
        if layout.montant_sens:
            amounts, sens = col("Montant"), col("Sens")
            if amounts is None or sens is None:
                return [0] * size, [0] * size, errors, 1
            values, factor = self.amount_column("Montant", amounts, ln, errors)
            bad = set(sens) - _SENS_LEGAL
            if bad:
                for i, v in enumerate(sens):
                    if v not in bad:
                        continue
                    errors.add(i)
                    lower = v in ("d", "c")
                    if not lower:  # direction unknown: no balance verdict for this entry
                        self.unknown_lines.append(i)
                    if v and self.wants("F3"):
                        self.sink.add(
                            "F3",
                            ln(i),
                            "Sens",
                            v,
                            "Sens en minuscule (D ou C attendu)."
                            if lower
                            else "Sens invalide : D, C, +1 ou -1 attendu (X).",
                            "Sens in lower case (D or C expected)."
                            if lower
                            else "Invalid Sens: D, C, +1 or -1 expected (X).",
                            severity="warning" if lower else None,
                        )
            debit = list(map(mul, values, map(_SENS_DEBIT.get, sens, repeat(0))))
            credit = list(map(mul, values, map(_SENS_CREDIT.get, sens, repeat(0))))
            return debit, credit, errors, factor
        d, c = col("Debit"), col("Credit")
        debit, d_factor = self.amount_column("Debit", d, ln, errors) if d is not None else ([0] * size, 1)
        credit, c_factor = self.amount_column("Credit", c, ln, errors) if c is not None else ([0] * size, 1)
        factor = d_factor
        if c_factor != d_factor:  # one column in cents, the other not: bring both to millionths
            debit, credit, factor = rescale(debit, d_factor), rescale(credit, c_factor), 1
        mdev = col("Montantdevise")
        if mdev is not None and self.wants("F2") and any(mdev):
            distinct = set(mdev) - self.valid_amounts
            distinct.discard("")
            bad_dev = {v for v in distinct if isinstance(parse_amount(v), str)}
            if len(self.valid_amounts) < 100_000:
                self.valid_amounts |= distinct - bad_dev
            for i, v in enumerate(mdev):
                if v in bad_dev:
                    self.f2(ln(i), "Montantdevise", v, str(parse_amount(v)))
        return debit, credit, errors, factor

    def amount_column(
        self, name: str, values: Sequence[str], ln: Line, errors: set[int]
    ) -> tuple[list[int], int]:
        parsed, problems, factor = parse_column(values)
        for i, code in problems:
            errors.add(i)
            if code.startswith("!"):  # unreadable: the entry's balance cannot be known
                self.unknown_lines.append(i)
        self.sink.add_all(
            "F2", problems, lambda p: _bad_amount(ln(p[0]), name, values[p[0]], p[1].lstrip("!"))
        )
        if not all(values) and self.wants("F5"):
            empty = list(compress(range(len(values)), map(not_, values)))
            self.sink.add_all("F5", empty, partial(_empty_amount, name, ln), severity="warning")
        return parsed, factor

    def f2(self, line: int, name: str, value: str, code: str) -> None:
        self.sink.add("F2", *_bad_amount(line, name, value, code))

    def b1(self, debit: list[int], credit: list[int], errors: set[int], factor: int, ln: Line) -> None:
        # Fine when no line has both sides (every product is 0) and none has neither (every bitwise or ≠ 0).
        if not any(map(mul, debit, credit)) and all(map(or_, debit, credit)):
            return
        wrong = [i for i, (d, c) in enumerate(zip(debit, credit, strict=True)) if bool(d) == bool(c)]
        self.sink.add_all(
            "B1",
            [i for i in wrong if i not in errors],
            lambda i: (
                ln(i),
                "Debit/Credit",
                f"{format_fr(debit[i] * factor)}/{format_fr(credit[i] * factor)}",
                "Débit et crédit renseignés sur la même ligne." if debit[i] else "Débit = crédit = 0.",
                "Both debit and credit are set on the line." if debit[i] else "Debit = credit = 0.",
            ),
        )

    def f4(self, accounts: Sequence[str], ln: Line) -> None:
        # A chart of accounts is small: check each distinct account once.
        distinct = set(accounts) - self.valid_accounts
        if not distinct:
            return
        distinct.discard("")
        bad = {v for v in distinct if not (v[:3].isascii() and _ACCOUNT.match(v))}
        if len(self.valid_accounts) < 200_000:
            self.valid_accounts |= distinct - bad
        if not bad:
            return
        for i, v in enumerate(accounts):
            if v in bad:
                self.sink.add(
                    "F4",
                    ln(i),
                    "CompteNum",
                    v,
                    "Les trois premiers caractères du numéro de compte doivent être des chiffres (PCG).",
                    "The first three characters of the account number must be digits (PCG).",
                )
