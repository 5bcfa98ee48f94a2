"""The import workflow's gate: an invalid file is never uploaded, and the error says why."""

from __future__ import annotations

import os
from collections.abc import Collection

from cegid_loop.errors import LoopError
from cegid_loop.fec.config import ValidateConfig, discover_config, load_config
from cegid_loop.fec.display import printable
from cegid_loop.fec.result import ValidationResult
from cegid_loop.fec.severities import resolve
from cegid_loop.fec.validator import Severities, validate_file

SHOWN_FINDINGS = 5


class InvalidImportFile(LoopError):
    """A FEC/TRA file failed offline validation (errors, or unreadable); `.result` has every finding."""

    def __init__(self, result: ValidationResult) -> None:
        self.result = result
        super().__init__(self._describe())

    def _describe(self) -> str:
        r = self.result
        kind = (r.kind or "file").upper()
        path = printable(r.path)
        head = f"{kind} file {path} is unreadable" if r.unreadable else f"{kind} file {path} is invalid"
        lines = [f"{head}: {r.errors} error(s), {r.warnings} warning(s); not uploaded."]
        shown = [f for f in r.findings if f.severity == "error"][:SHOWN_FINDINGS]
        for f in shown:
            where = f"line {f.line}" if f.line else "file"
            col = f", {f.column}" if f.column else ""
            part = f"{f.file}: " if len(r.parts) > 1 else ""
            lines.append(printable(f"  {f.rule} {part}{where}{col}: {f.message_en}"))
        more = r.errors - len(shown)
        if more > 0:
            lines.append(f"  … and {more} more error(s) (run `cegid-loop validate {path}`)")
        return "\n".join(lines)


def ensure_valid(
    path: str | os.PathLike[str],
    kind: str | None = None,
    *,
    strict: bool | None = None,
    severities: Severities | None = None,
    siren: str | None = None,
    rules: str | Collection[str] | None = None,
    config: str | os.PathLike[str] | bool = True,
) -> ValidationResult:
    """Validate `path` and return the result; raise InvalidImportFile when it has errors or is unreadable
    (missing, a folder, empty, not decodable, not a FEC/TRA: every way a file is refused).

    `severities` (e.g. `{"F4": "warning"}`), `rules` and `strict` are those of `validate_file`; `siren`,
    the dossier's SIREN, adds rule N3 (a warning unless set to "error"). `config`: True reads
    [tool.cegid-loop.validate] from the closest pyproject.toml (see `config`), a path reads that file,
    False reads none; explicit arguments win over the file. Raises ValueError subclasses (ConfigError,
    SeverityError, RuleSelectionError) for wrong settings, which are not a verdict on the file.
    """
    settings = _settings(config).merged(
        severities=resolve(severities),
        rules=list(rules) if rules is not None and not isinstance(rules, str) else rules,
        strict=strict,
    )
    result = validate_file(
        path,
        kind=kind,
        strict=bool(settings.strict),
        severities=settings.severities,
        rules=settings.rules,
        siren=siren,
    )
    if not result.ok:
        raise InvalidImportFile(result)
    return result


def _settings(config: str | os.PathLike[str] | bool) -> ValidateConfig:
    if config is True:
        return discover_config()
    if config is False:
        return ValidateConfig()
    return load_config(config)
