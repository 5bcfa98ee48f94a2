"""Entry points: validate one file (FEC or TRA, detected by content), or the parts of a split FEC."""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from pathlib import Path

from cegid_loop.fec.detect import detect_kind
from cegid_loop.fec.fec_validator import FecValidator
from cegid_loop.fec.filename import check_name, part_number, split_parts
from cegid_loop.fec.findings import DEFAULT_MAX_PER_RULE, FindingSink
from cegid_loop.fec.result import ValidationResult
from cegid_loop.fec.rules import select_rules
from cegid_loop.fec.tra import TraValidator

KINDS = ("fec", "tra")


def validate_file(
    path: str | os.PathLike[str],
    *,
    rules: str | Collection[str] | None = None,
    strict: bool = False,
    kind: str | None = None,
    max_findings_per_rule: int | None = DEFAULT_MAX_PER_RULE,
) -> ValidationResult:
    """Validate a FEC or TRA file without loading it in memory.

    `rules`: rule ids / groups to run (see `rules.select_rules`), None for all. `strict`: warnings count
    as errors. `kind`: "fec" or "tra" to skip detection. A part of a split FEC (`…FECAAAAMMJJ_2.txt`) is
    validated together with the other parts found beside it, as one logical file.
    """
    p = Path(path)
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS} or None, not {kind!r}")
    sink = FindingSink(select_rules(rules), strict=strict, max_per_rule=max_findings_per_rule)
    if not p.is_file():
        why = "fichier introuvable" if not p.exists() else "ce n'est pas un fichier"
        why_en = "file not found" if not p.exists() else "not a regular file"
        return _unreadable(p, sink, why, why_en, strict)
    if kind is None:
        try:
            detected = detect_kind(p)
        except OSError as exc:
            return _unreadable(p, sink, "lecture impossible", f"cannot be read ({exc.strerror})", strict)
        if detected == "xml":
            return _unreadable(
                p,
                sink,
                "FEC au format XML (VI 2°), non pris en charge par ce validateur",
                "FEC in XML form (VI 2°), not supported by this validator",
                strict,
            )
        if detected is None:
            return _unreadable(p, sink, "ni un FEC ni un fichier TRA", "neither a FEC nor a TRA file", strict)
        kind = detected
    if kind == "tra":
        tra = TraValidator(sink)
        tra.run(p)
        return _result(p, kind, sink, strict, tra.stats(), [p.name])
    return validate_parts(split_parts(p), sink=sink, strict=strict)


def validate_parts(
    parts: Sequence[str | os.PathLike[str]],
    *,
    rules: str | Collection[str] | None = None,
    strict: bool = False,
    sink: FindingSink | None = None,
    max_findings_per_rule: int | None = DEFAULT_MAX_PER_RULE,
) -> ValidationResult:
    """Validate the parts of a split FEC (legal text XIII) as one file: each part repeats the header,
    entries and totals run across parts, line numbers are those of each part (`Finding.file`)."""
    paths = [Path(p) for p in parts]
    if sink is None:
        sink = FindingSink(select_rules(rules), strict=strict, max_per_rule=max_findings_per_rule)
    sink.file = paths[0].name
    info = check_name(paths[0].name, sink)
    numbers = [part_number(p) for p in paths]
    if len(paths) > 1 or numbers[0] is not None:
        present = {n for n in numbers if n is not None}
        missing = sorted(set(range(1, max(present) + 1)) - present) if present else []
        if missing:
            sink.add(
                "N1",
                0,
                "file name",
                ", ".join(f"_{n}" for n in missing),
                "Fichier découpé : partie(s) manquante(s) "
                + ", ".join(f"_{n}" for n in missing)
                + " (XIII).",
                "Split file: missing part(s) " + ", ".join(f"_{n}" for n in missing) + " (XIII).",
            )
    validator = FecValidator(sink, closing=info.closing)
    for p in paths:
        if not validator.run_part(p, p.name):
            break
    validator.finish()
    return _result(paths[0], "fec", sink, strict, validator.stats(), [p.name for p in paths])


def _unreadable(p: Path, sink: FindingSink, why_fr: str, why_en: str, strict: bool) -> ValidationResult:
    sink.file = p.name
    sink.add("IO", 0, "", str(p), f"Fichier illisible : {why_fr}.", f"Unreadable file: {why_en}.")
    return _result(p, None, sink, strict, {}, [p.name])


def _result(
    p: Path, kind: str | None, sink: FindingSink, strict: bool, stats: dict[str, object], parts: list[str]
) -> ValidationResult:
    sev = sink.severity_counts
    return ValidationResult(
        path=str(p),
        kind=kind,
        findings=sorted(sink.findings, key=lambda f: (f.file, f.line, f.rule)),
        counts=dict(sink.counts),
        errors=sev["error"],
        warnings=sev["warning"],
        infos=sev["info"],
        unreadable=sink.fatal,
        stats=stats,
        rules=sorted(sink.enabled),
        strict=strict,
        omitted=sink.omitted(),
        parts=parts,
    )
