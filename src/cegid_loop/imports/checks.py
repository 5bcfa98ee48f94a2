"""What is checked before anything is sent: the file (offline validation, the dossier's SIREN),
the JSON entries, the options.

A broken file never leaves the machine and costs no request; the validation's warnings are logged
and handed to ``on_progress``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cegid_loop.errors import ImportFailed
from cegid_loop.imports import FileImportOptions, ImportKind
from cegid_loop_api.models.import_json_data import ImportJsonData

logger = logging.getLogger("cegid_loop")  # the redacting filter sits on this very logger


def validate(kind: ImportKind, path: Path, options: FileImportOptions) -> tuple[str, ...]:
    """Offline validation where a validator exists (FEC, TRA; perso has none): raises
    ``cegid_loop.fec.InvalidImportFile`` for a file with errors, returns the warnings' texts."""
    if kind not in ("fec", "tra"):
        if not path.is_file():
            raise FileNotFoundError(path)
        return ()
    from cegid_loop.fec import ensure_valid

    # No configuration file unless asked: a library call must not depend on the working directory.
    result = ensure_valid(
        path, kind, severities=options.get("severities"), config=options.get("config", False)
    )
    return tuple(f"{f.rule}: {f.message_en}" for f in result.findings if f.severity == "warning")


def siren_warning(path: Path, siren: str | None, options: FileImportOptions) -> str | None:
    """Rule N3 on the file *name* (nothing more is read): a warning, or a refusal when the caller
    made N3 an error; None when the SIREN matches, cannot be known, or N3 is ignored."""
    level = (options.get("severities") or {}).get("N3", "warning")
    if siren is None or level == "ignore":
        return None
    from cegid_loop.fec import check_siren

    finding = check_siren(path, siren)
    if finding is None:
        return None
    if level == "error":
        raise ImportFailed(f"{path.name}: {finding.message_en}; not uploaded (rule N3 is set to error)")
    return f"{finding.rule}: {finding.message_en}"


def warn(path: Path, warnings: tuple[str, ...]) -> tuple[str, ...]:
    for warning in warnings:
        logger.warning("%s: %s", path.name, warning)
    return warnings


def unfit_fields(value: object, where: str = "") -> list[str]:
    """Where a model built from a mapping holds values that do not fit the definition (the tolerant
    reader keeps them as given): for a body about to be *sent*, a mistake to name, not to send."""
    import attrs

    found: list[str] = []
    kind = type(value)
    if attrs.has(kind):
        found += [f"{where}.{key}".lstrip(".") for key in getattr(value, "unparsed_fields", {})]
        for field in attrs.fields(kind):
            if not field.name.startswith("_") and field.name != "additional_properties":
                found += unfit_fields(getattr(value, field.name), f"{where}.{field.name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += unfit_fields(item, f"{where}[{index}]")
    return found


def json_data(data: ImportJsonData | Mapping[str, Any]) -> ImportJsonData:
    payload = data if isinstance(data, ImportJsonData) else ImportJsonData.from_dict(dict(data))
    unfit = unfit_fields(payload, "data")
    if unfit:
        more = f" (+{len(unfit) - 5} more)" if len(unfit) > 5 else ""
        raise ValueError(
            f"the JSON import data does not fit the definition at {', '.join(unfit[:5])}{more} "
            '(e.g. debit and credit are {"amount": ...} objects); nothing was sent'
        )
    return payload


def siren_of(dossier: object) -> str | None:
    siren = getattr(dossier, "siren", None)
    return siren if isinstance(siren, str) and siren.isdigit() and len(siren) == 9 else None


OPTION_NAMES = frozenset(FileImportOptions.__annotations__)
VALIDATION_OPTIONS = frozenset({"validate", "severities", "config", "check_siren"})


def checked_options(method: str, options: Mapping[str, Any], allowed: frozenset[str] = OPTION_NAMES) -> None:
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise TypeError(f"{method}() got unexpected keyword argument(s) {', '.join(map(repr, unknown))}")


__all__ = [
    "OPTION_NAMES",
    "VALIDATION_OPTIONS",
    "checked_options",
    "json_data",
    "siren_of",
    "siren_warning",
    "unfit_fields",
    "validate",
    "warn",
]
