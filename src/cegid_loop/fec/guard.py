"""The import workflow's gate: an invalid file is never uploaded, and the error says why."""

from __future__ import annotations

import os

from cegid_loop.errors import LoopError
from cegid_loop.fec.result import ValidationResult
from cegid_loop.fec.validator import validate_file

SHOWN_FINDINGS = 5


class InvalidImportFile(LoopError):
    """A FEC/TRA file failed offline validation (errors, or unreadable); `.result` has every finding."""

    def __init__(self, result: ValidationResult) -> None:
        self.result = result
        super().__init__(self._describe())

    def _describe(self) -> str:
        r = self.result
        kind = (r.kind or "file").upper()
        head = f"{kind} file {r.path} is unreadable" if r.unreadable else f"{kind} file {r.path} is invalid"
        lines = [f"{head}: {r.errors} error(s), {r.warnings} warning(s); not uploaded."]
        shown = [f for f in r.findings if f.severity == "error"][:SHOWN_FINDINGS]
        for f in shown:
            where = f"line {f.line}" if f.line else "file"
            col = f", {f.column}" if f.column else ""
            part = f"{f.file}: " if len(r.parts) > 1 else ""
            lines.append(f"  {f.rule} {part}{where}{col}: {f.message_en}")
        more = r.errors - len(shown)
        if more > 0:
            lines.append(f"  … and {more} more error(s) (run `cegid-loop validate {r.path}`)")
        return "\n".join(lines)


def ensure_valid(
    path: str | os.PathLike[str], kind: str | None = None, *, strict: bool = False
) -> ValidationResult:
    """Validate `path` and return the result; raise InvalidImportFile when it has errors or is unreadable."""
    result = validate_file(path, kind=kind, strict=strict)
    if not result.ok:
        raise InvalidImportFile(result)
    return result
