"""Rule N3: the SIREN in the file name against the SIREN of the dossier the file is imported into.

A FEC is named after the company it belongs to (`SirenFECAAAAMMJJ`, legal text IX): a name whose SIREN
is not the dossier's is the classic "right file, wrong dossier" (or the reverse) mistake, which no check
of the content can see. The import code calls `check_siren(path, dossier_siren)` before the upload and
shows the warning; `validate_file(path, siren=…)` adds the same finding to a validation.
"""

from __future__ import annotations

import os
from pathlib import Path

from cegid_loop.fec.filename import parse_name
from cegid_loop.fec.findings import Finding, FindingSink

RULE = "N3"
_SPACES = str.maketrans("", "", " \u00a0\u202f.-")


def normalize_siren(siren: str) -> str:
    """The 9 digits of a SIREN given as "123456782", "123 456 782" or a 14-digit SIRET (its first 9).

    Raises ValueError naming the value when it is neither."""
    digits = str(siren).translate(_SPACES)
    if digits.isascii() and digits.isdigit() and len(digits) in (9, 14):
        return digits[:9]
    raise ValueError(f"a SIREN is 9 digits (or a SIRET 14, whose first 9 are the SIREN), not {siren!r}")


def siren_finding(name: str, siren: str) -> tuple[str, str, str, str] | None:
    """(column, value, French, English) of the N3 finding for file `name` and dossier `siren`, or None."""
    dossier = normalize_siren(siren)
    info = parse_name(name)
    if info.siren == dossier:
        return None
    if info.siren is not None:
        return (
            "SIREN",
            info.siren,
            f"Le SIREN {info.siren} du nom de fichier n'est pas celui du dossier ({dossier}) : "
            "fichier d'une autre société, ou mauvais dossier ?",
            f"The SIREN {info.siren} in the file name is not the dossier's ({dossier}): another "
            "company's file, or the wrong dossier?",
        )
    if info.prefix:
        return (
            "SIREN",
            info.prefix,
            f"« {info.prefix} » avant FEC n'est pas un SIREN de 9 chiffres : impossible de vérifier que "
            f"le fichier est celui du dossier ({dossier}).",
            f"'{info.prefix}' before FEC is not a 9-digit SIREN: cannot check that the file belongs to "
            f"the dossier ({dossier}).",
        )
    return (
        "file name",
        name,
        f"Le nom du fichier ne porte pas de SIREN (SirenFECAAAAMMJJ) : impossible de vérifier qu'il est "
        f"celui du dossier ({dossier}).",
        f"The file name carries no SIREN (SirenFECAAAAMMJJ): cannot check that the file belongs to the "
        f"dossier ({dossier}).",
    )


def check_siren(path: str | os.PathLike[str], siren: str) -> Finding | None:
    """A warning finding (rule N3) when the SIREN in the name of FEC `path` is not `siren`, the dossier's
    SIREN (9 digits; a 14-digit SIRET is reduced to its SIREN), or when the name has no SIREN to compare;
    None when they match. Only the name is read, not the file. Raises ValueError for a malformed `siren`.

        if (warning := check_siren("FEC/111111111FEC20231231.txt", dossier_siren)) is not None:
            log.warning(warning.message_en)
    """
    name = Path(path).name
    found = siren_finding(name, siren)
    if found is None:
        return None
    column, value, fr, en = found
    return Finding(RULE, "warning", 0, column, value, fr, en, name)


def add_siren_finding(sink: FindingSink, name: str, siren: str) -> None:
    """Rule N3 into a validation run (so that per-rule severities apply to it)."""
    found = siren_finding(name, siren)
    if found is not None:
        column, value, fr, en = found
        sink.add(RULE, 0, column, value, fr, en)
