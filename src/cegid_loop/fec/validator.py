"""Entry points: validate one file (FEC or TRA, detected by content), or the parts of a split FEC.

Whatever the input, the outcome is a ValidationResult: findings with their line and field, or one `IO`
finding (exit code 2) saying in plain words why the file could not be checked. No exception text
reaches the result: a case the validator does not handle becomes such an `IO` finding too (the
traceback goes to the `cegid_loop.fec` logger at DEBUG level).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path

from cegid_loop.fec.detect import detect_kind, why_unknown
from cegid_loop.fec.fec_validator import FecValidator
from cegid_loop.fec.filename import check_name, part_number, split_parts
from cegid_loop.fec.findings import DEFAULT_MAX_PER_RULE, FindingSink
from cegid_loop.fec.result import ValidationResult
from cegid_loop.fec.rules import select_rules
from cegid_loop.fec.severities import resolve
from cegid_loop.fec.siren import add_siren_finding, normalize_siren
from cegid_loop.fec.tra_validator import TraValidator

KINDS = ("fec", "tra")
Severities = Mapping[str, str] | Iterable[tuple[str, str]]

_log = logging.getLogger("cegid_loop.fec")


def validate_file(
    path: str | os.PathLike[str],
    *,
    rules: str | Collection[str] | None = None,
    strict: bool = False,
    kind: str | None = None,
    max_findings_per_rule: int | None = DEFAULT_MAX_PER_RULE,
    severities: Severities | None = None,
    siren: str | None = None,
) -> ValidationResult:
    """Validate a FEC or TRA file without loading it in memory.

    `rules`: rule ids / groups to run (see `rules.select_rules`), None for all. `strict`: warnings count
    as errors. `kind`: "fec" or "tra" to skip detection. `severities`: per-rule levels, e.g.
    `{"N1": "warning", "C": "error", "F4": "ignore"}` (see `severities`). `siren`: the dossier's SIREN, to
    warn (rule N3) when the file name carries another one. A part of a split FEC (`…FECAAAAMMJJ_2.txt`)
    is validated together with the other parts found beside it, as one logical file.

    Raises ValueError (RuleSelectionError, SeverityError) only for wrong arguments, never for the file.
    """
    p = Path(path)
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS} or None, not {kind!r}")
    if siren is not None:
        normalize_siren(siren)  # a malformed SIREN is the caller's error: say so before reading anything
    sink = FindingSink(
        select_rules(rules), strict=strict, max_per_rule=max_findings_per_rule, severities=resolve(severities)
    )
    try:
        return _validate(p, sink, kind, strict, siren)
    except Exception:
        _log.debug("validation of %s stopped on an unexpected error", p, exc_info=True)
        return _internal_error(p, sink, kind, strict)


def _validate(
    p: Path, sink: FindingSink, kind: str | None, strict: bool, siren: str | None
) -> ValidationResult:
    try:
        is_file, exists = p.is_file(), p.exists()
        size = p.stat().st_size if is_file else 0
    except (OSError, ValueError) as exc:  # e.g. a name too long for the file system
        why = getattr(exc, "strerror", None) or "invalid path"
        return _unreadable(p, sink, f"accès impossible ({why})", f"cannot be accessed ({why})", strict)
    if not is_file:
        why = "fichier introuvable" if not exists else "ce n'est pas un fichier"
        why_en = "file not found" if not exists else "not a regular file"
        return _unreadable(p, sink, why, why_en, strict)
    if size == 0:
        return _unreadable(p, sink, "fichier vide (0 octet)", "empty file (0 bytes)", strict)
    if kind is None:
        try:
            detected = detect_kind(p)
        except OSError as exc:
            why = exc.strerror or "input/output error"
            return _unreadable(p, sink, f"lecture impossible ({why})", f"cannot be read ({why})", strict)
        if detected == "xml":
            return _unreadable(
                p,
                sink,
                "FEC au format XML (VI 2°), non pris en charge par ce validateur",
                "FEC in XML form (VI 2°), not supported by this validator",
                strict,
            )
        if detected is None:
            en, fr = why_unknown(p)
            return _unreadable(
                p, sink, f"ni un FEC ni un fichier TRA : {fr}", f"neither a FEC nor a TRA file: {en}", strict
            )
        kind = detected
    if kind == "tra":
        tra = TraValidator(sink)
        tra.run(p)
        return _result(p, kind, sink, strict, tra.stats(), [p.name])
    return validate_parts(split_parts(p), sink=sink, strict=strict, siren=siren)


def validate_parts(
    parts: Sequence[str | os.PathLike[str]],
    *,
    rules: str | Collection[str] | None = None,
    strict: bool = False,
    sink: FindingSink | None = None,
    max_findings_per_rule: int | None = DEFAULT_MAX_PER_RULE,
    severities: Severities | None = None,
    siren: str | None = None,
) -> ValidationResult:
    """Validate the parts of a split FEC (legal text XIII) as one file: each part repeats the header,
    entries and totals run across parts, line numbers are those of each part (`Finding.file`)."""
    paths = [Path(p) for p in parts]
    if sink is None:
        sink = FindingSink(
            select_rules(rules),
            strict=strict,
            max_per_rule=max_findings_per_rule,
            severities=resolve(severities),
        )
    sink.file = paths[0].name
    info = check_name(paths[0].name, sink)
    if siren is not None:
        add_siren_finding(sink, paths[0].name, siren)
    numbers = [part_number(p) for p in paths]
    if len(paths) > 1 or numbers[0] is not None:
        present = {n for n in numbers if n is not None}
        missing = sorted(set(range(1, max(present) + 1)) - present) if present else []
        if missing:
            shown = ", ".join(f"_{n}" for n in missing[:20]) + (" …" if len(missing) > 20 else "")
            sink.add(
                "N1",
                0,
                "file name",
                shown,
                f"Fichier découpé : partie(s) manquante(s) {shown} (XIII).",
                f"Split file: missing part(s) {shown} (XIII).",
            )
    validator = FecValidator(sink, closing=info.closing)
    for p in paths:
        if not validator.run_part(p, p.name):
            break
    validator.finish()
    return _result(paths[0], "fec", sink, strict, validator.stats(), [p.name for p in paths])


def _unreadable(
    p: Path, sink: FindingSink, why_fr: str, why_en: str, strict: bool, line: int = 0
) -> ValidationResult:
    sink.file = p.name
    sink.add("IO", line, "", str(p), f"Fichier illisible : {why_fr}.", f"Unreadable file: {why_en}.")
    return _result(p, None, sink, strict, {}, [p.name])


def _internal_error(p: Path, sink: FindingSink, kind: str | None, strict: bool) -> ValidationResult:
    sink.file = p.name
    sink.add(
        "IO",
        0,
        "",
        str(p),
        "Validation interrompue : le validateur a rencontré un cas qu'il ne sait pas traiter (à signaler) ; "
        "le fichier n'a pas pu être vérifié entièrement.",
        "Validation stopped: the validator met a case it does not handle (please report it); the file "
        "could not be checked in full.",
    )
    return _result(p, kind, sink, strict, {}, [p.name])


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
        severities=dict(sorted(sink.levels.items())),
    )
