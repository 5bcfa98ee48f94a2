"""The rule catalogue (format.md §4, tra-format.md §8) and the `--rules` selection syntax."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity  # default severity; a finding may carry a softer or harder one (e.g. S2)
    title_en: str
    title_fr: str
    kinds: tuple[str, ...] = ("fec", "tra")


# "IO" is not a rule one can switch off: it reports a file that could not be read at all (exit code 2).
FATAL_RULE = "IO"

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("IO", "error", "file unreadable", "fichier illisible"),
        Rule("N1", "error", "file name SirenFECAAAAMMJJ", "nom de fichier SirenFECAAAAMMJJ", ("fec",)),
        Rule("N2", "warning", "SIREN check key", "clé de contrôle du SIREN", ("fec",)),
        Rule("N3", "warning", "SIREN of the dossier", "SIREN du dossier", ("fec",)),
        Rule("E1", "error", "character set", "jeu de caractères"),
        Rule("S1", "error", "field separator", "séparateur de zones"),
        Rule("S2", "error", "header", "ligne d'en-tête"),
        Rule("S3", "error", "field count / line length", "nombre de zones / longueur de ligne"),
        Rule("F1", "error", "dates", "dates"),
        Rule("F2", "error", "amounts", "montants"),
        Rule("F3", "error", "Sens (debit/credit code)", "Sens (code débit/crédit)"),
        Rule("F4", "error", "account number", "numéro de compte"),
        Rule("F5", "error", "mandatory fields", "zones obligatoires"),
        Rule("B1", "warning", "one of debit/credit per line", "débit ou crédit sur chaque ligne", ("fec",)),
        Rule("B2", "error", "entry balance", "équilibre des écritures"),
        Rule("B3", "error", "file balance", "équilibre du fichier"),
        Rule("C1", "warning", "order of validation", "ordre chronologique de validation", ("fec",)),
        Rule("C2", "warning", "entry numbering", "numérotation des écritures", ("fec",)),
        Rule("C3", "warning", "opening entries first", "à-nouveaux en tête", ("fec",)),
        Rule("C4", "warning", "dates within the fiscal year", "dates dans l'exercice", ("fec",)),
        Rule("C5", "warning", "lettering consistency", "cohérence du lettrage", ("fec",)),
        Rule("C6", "warning", "currency consistency", "cohérence des devises", ("fec",)),
        Rule("T1", "error", "TRA code values", "valeurs codées TRA", ("tra",)),
        Rule("T2", "warning", "TRA record kinds", "types d'enregistrement TRA", ("tra",)),
    )
}

GROUPS = ("N", "E", "S", "F", "B", "C", "T")


class RuleSelectionError(ValueError):
    """An unknown rule id or group in a `--rules` selection."""


def select_rules(spec: str | Collection[str] | None) -> frozenset[str]:
    """Turn `"B2,C1"`, `"all,-C4"`, `"F,B"` or a collection of such items into a set of rule ids.

    Items are rule ids or one-letter groups; a leading `-` removes; `all` adds everything. A selection
    that starts with a removal starts from all rules. `IO` is always on: an unreadable file is never "clean".
    """
    if spec is None:
        return frozenset(RULES)
    items: Iterable[str] = spec.split(",") if isinstance(spec, str) else spec
    chosen: set[str] = set()
    started = False
    for raw in items:
        item = raw.strip()
        if not item:
            continue
        remove = item.startswith("-")
        name = item[1:].strip().upper() if remove else item.upper()
        if not started:
            started = True
            if remove:
                chosen = set(RULES)
        if name == "ALL":
            ids = set(RULES)
        elif name in RULES:
            ids = {name}
        elif name in GROUPS:
            ids = {r for r in RULES if r.startswith(name)}
        else:
            known = ", ".join(sorted(RULES))
            raise RuleSelectionError(f"unknown rule {name!r} (known: {known}; groups: {', '.join(GROUPS)})")
        if remove:
            chosen -= ids
        else:
            chosen |= ids
    chosen.add(FATAL_RULE)
    return frozenset(chosen)
