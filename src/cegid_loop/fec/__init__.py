"""Offline validation of FEC (Fichier des Écritures Comptables) and Cegid TRA files before upload.

    from cegid_loop.fec import validate_file, ensure_valid

    result = validate_file("123456782FEC20231231.txt")      # FEC or TRA, told apart by content
    result.ok, result.exit_code, result.counts, result.stats
    ensure_valid(path)                                       # raises InvalidImportFile (a LoopError)
    validate_file(path, severities={"F4": "warning", "C4": "ignore"})   # per-rule levels
    check_siren(path, "123456782")                           # Finding (N3 warning) or None

Rules (shared/fec/format.md §4; ids in `RULES`, selectable with `rules=`, warnings made errors by `strict`,
levels set rule by rule with `severities=` or a [tool.cegid-loop.validate] table, see `config`):
N1-N2 file name (as Test Compta Demat accepts it) and SIREN key, N3 SIREN of the dossier, E1 character
set, S1-S3 separator / header / field count, F1-F5 dates, amounts, Sens, account numbers, mandatory
fields, B1-B3 one side per line / entry balance / file balance, C1-C6
order of validation, numbering, opening entries first, fiscal year, lettering, currency. TRA files
(shared/fec/tra-format.md) use the same ids where the meaning is the same, plus T1 (code lists) and T2
(record kinds). "IO" reports a file that cannot be read at all (exit code 2).

Files are streamed in blocks of a few hundred lines; memory does not grow with the number of lines.
"""

from __future__ import annotations

from cegid_loop.fec.config import ConfigError, ValidateConfig, discover_config, find_config, load_config
from cegid_loop.fec.findings import Finding
from cegid_loop.fec.guard import InvalidImportFile, ensure_valid
from cegid_loop.fec.result import ValidationResult
from cegid_loop.fec.rules import RULES, Rule, RuleSelectionError, select_rules
from cegid_loop.fec.severities import LEVELS, SeverityError
from cegid_loop.fec.siren import check_siren
from cegid_loop.fec.validator import validate_file, validate_parts

__all__ = [
    "LEVELS",
    "RULES",
    "ConfigError",
    "Finding",
    "InvalidImportFile",
    "Rule",
    "RuleSelectionError",
    "SeverityError",
    "ValidateConfig",
    "ValidationResult",
    "check_siren",
    "discover_config",
    "ensure_valid",
    "find_config",
    "load_config",
    "select_rules",
    "validate_file",
    "validate_parts",
]
