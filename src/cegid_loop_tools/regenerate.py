"""Take a new upstream release of the Loop API definition: one reviewed command.

``nox -s regenerate -- PATH_OR_URL`` runs ``python -m cegid_loop_tools.regenerate PATH_OR_URL``,
then the tests. In order: read the new definition (file or URL, YAML or JSON, OpenAPI 3.0 or 3.1:
Azure APIM's export works as downloaded), put it in the repository's one YAML form, validate it,
run the pipeline on it in memory (normalization by the API map, then the overlay: a stale overlay
action stops everything before a single file is written, naming its quirk), compare it with the
vendored definition *after normalization on both sides* (so naming, 3.0-vs-3.1 form and the way
security is written are not changes), then write ``spec/`` with its provenance, regenerate
``generated/``, set the package version and prepend a ``CHANGELOG.md`` entry that leads with what
changes for a user of the facade. Regenerating from the vendored definition is a no-op.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

from cegid_loop.definition import Definition
from cegid_loop.definition.apimap import MapEntry
from cegid_loop.definition.overlay import ActionReport, OverlayError
from cegid_loop.drift.spec_diff import SpecChange, diff
from cegid_loop_tools import codegen
from cegid_loop_tools.errors import ToolError

PROVENANCE = codegen.PROVENANCE
SPEC_README = Path("spec/README.md")
PYPROJECT = Path("pyproject.toml")
CHANGELOG = Path("CHANGELOG.md")
_VERSION_LINE = re.compile(r'^version = "([^"]+)"$', re.M)
_RELEASE_LABEL = re.compile(r"[0-9]+(\.[0-9]+)*")
_LEVELS = ("documented", "partial", "inferred")


class RegenerateError(ToolError):
    """The new definition cannot be taken as it is; nothing was written."""


@dataclass
class Outcome:
    changed: bool
    version: str
    breaking: int
    report_markdown: str
    changes: list[SpecChange] = field(default_factory=list)


def read_definition(source: str) -> tuple[dict[str, Any], str]:
    """The parsed definition and where it came from (JSON is YAML too)."""
    if re.match(r"https?://", source):
        response = httpx.get(source, timeout=30, follow_redirects=True)
        response.raise_for_status()
        text = response.text
    else:
        path = Path(source)
        if not path.is_file():
            raise RegenerateError(f"{source}: no such file")
        text = path.read_text(encoding="utf-8-sig")  # APIM's download may start with a BOM
    try:
        document = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise RegenerateError(f"{source}: not YAML or JSON: {exc}") from exc
    if not isinstance(document, dict) or "openapi" not in document:
        raise RegenerateError(f"{source}: not an OpenAPI document (no 'openapi' key)")
    return document, source


def canonical_text(document: dict[str, Any]) -> str:
    """Canonical top-level order, everything else as given, in the repository's YAML form."""
    order = ["openapi", "info", "jsonSchemaDialect", "servers", "security", "tags", "paths", "webhooks"]
    ordered = {key: document[key] for key in order if key in document}
    ordered.update({key: value for key, value in document.items() if key not in ordered})
    return codegen.dump_yaml(ordered)


def validate(document: dict[str, Any], what: str) -> None:
    from openapi_spec_validator import validate as validate_spec

    try:
        validate_spec(document)
    except Exception as exc:  # the validator raises several unrelated types
        raise RegenerateError(f"{what} is not valid OpenAPI: {exc}") from exc


def package_version(label: str, current: str, current_label: str) -> str:
    """``<label>.<n>``: n restarts at 0 with a new release label, else goes up by one."""
    if not _RELEASE_LABEL.fullmatch(label):
        raise RegenerateError(
            f"info.version {label!r} is not a release label like 2026.11 (PEP 440); use --label"
        )
    if label != current_label or not current.startswith(f"{label}."):
        return f"{label}.0"
    return f"{label}.{int(current.rsplit('.', 1)[1]) + 1}"


# -- the changelog ---------------------------------------------------------------------------------
def _overlay_changes(before: list[ActionReport], after: list[ActionReport]) -> list[str]:
    return [
        f"overlay action #{new.index} ({new.quirk}) now matches {new.matches} node(s), was {old.matches}"
        for old, new in zip(before, after, strict=True)
        if old.matches != new.matches
    ]


def _facade_name(change: SpecChange, old: dict[str, MapEntry], new: dict[str, MapEntry]) -> str:
    entry = new.get(change.operation) or old.get(change.operation)
    return f"`loop.{entry.qualified}` ({change.operation})" if entry else change.operation


def describe(change: SpecChange, old: dict[str, MapEntry], new: dict[str, MapEntry]) -> str:
    where = f" `{change.path}`" if change.path else ""
    what = change.message or change.kind.replace("-", " ")
    return f"{_facade_name(change, old, new)}{where}: {what}"


def _generated_files(root: Path) -> set[str]:
    package = root / codegen.GENERATED / codegen.PACKAGE
    found = set()
    for part in ("api", "models"):
        base = package / part
        if base.is_dir():
            found |= {
                str(p.relative_to(package.parent)) for p in base.rglob("*.py") if p.name != "__init__.py"
            }
    return found


def _section(title: str, lines: list[str], empty: str = "none") -> list[str]:
    return [f"### {title}", "", *([f"- {line}" for line in lines] or [f"- {empty}"]), ""]


@dataclass
class Review:
    """Everything the maintainer reads, before (printed) and after (CHANGELOG) writing."""

    changes: list[SpecChange]
    old_entries: dict[str, MapEntry]
    new_entries: dict[str, MapEntry]
    normalized: list[str]
    map_findings: list[str]
    overlay: list[str]
    generated: list[str] = field(default_factory=list)

    def _lines(self, changes: list[SpecChange]) -> list[str]:
        """One line per change; a change inside a model (a field added to ``Compte``) once, with
        the facade methods that send or receive that model."""
        lines: list[str] = []
        grouped: dict[tuple[str, str, str, str], list[str]] = {}
        for change in changes:
            if not change.model:
                lines.append(describe(change, self.old_entries, self.new_entries))
                continue
            kind = change.kind.removeprefix("request-").removeprefix("response-")
            key = (kind, change.model, repr(change.old), repr(change.new))
            grouped.setdefault(key, []).append(_facade_name(change, self.old_entries, self.new_entries))
        for (kind, model, before, after), where in grouped.items():
            values = f" ({before} -> {after})" if before != "None" and after != "None" else ""
            methods = ", ".join(dict.fromkeys(where))
            lines.append(f"model `{model}`: {kind.replace('-', ' ')}{values}; in {methods}")
        return lines

    def facade_lines(self) -> tuple[list[str], list[str], list[str]]:
        breaking = [c for c in self.changes if c.breaking]
        added = [c for c in self.changes if not c.breaking and "added" in c.kind]
        other = [c for c in self.changes if not c.breaking and "added" not in c.kind]
        return self._lines(breaking), self._lines(added), self._lines(other)

    def sections(self) -> list[str]:
        breaking, added, other = self.facade_lines()
        lines = _section("Breaking changes (for code using the client)", breaking)
        lines += _section("Additions", added)
        lines += _section("Other changes", other)
        lines += _section(
            "Generated layer (cegid_loop_api modules)", self.generated, "no module added or removed"
        )
        lines += _section(
            "Normalized (absorbed by the API map and the normalization: no change for users)",
            self.normalized,
            "nothing to normalize",
        )
        lines += _section("API map", self.map_findings, "every operation is in the API map")
        lines += _section("Overrides", self.overlay, "no change in what the overlay patches")
        return lines


def changelog_entry(version: str, label: str, sha256: str, day: str, origin: str, review: Review) -> str:
    head = [
        f"## {version} — Loop API Publiques {label} ({day})",
        "",
        f"From `{origin}`, spec sha256 `{sha256}`.",
        "",
    ]
    return "\n".join(head + review.sections()) + "\n"


def _review(old: codegen.Pipeline, new: codegen.Pipeline) -> Review:
    changes = diff(old.normalization.document, new.normalization.document)
    old_notes = {(n.kind, n.where) for n in old.normalization.notes}
    fresh = [n for n in new.normalization.notes if (n.kind, n.where) not in old_notes]
    summary = type(new.normalization)(document={}, entries={}, notes=fresh).summary()
    map_findings = [line for line in codegen.findings(new) if not line.startswith("normalized: ")]
    return Review(
        changes=changes,
        old_entries=old.normalization.entries,
        new_entries=new.normalization.entries,
        normalized=summary,
        map_findings=map_findings,
        overlay=_overlay_changes(old.overlay_reports, new.overlay_reports),
    )


def _provenance_counts(document: dict[str, Any]) -> dict[str, list[str]]:
    definition = Definition(document)
    schemas = list(definition.schemas.values())
    return {
        "operations": [op.provenance for op in definition.operations],
        "schemas": [
            (s.get("x-provenance") or {}).get("level", "official") for s in schemas if isinstance(s, dict)
        ],
    }


def update_readme_counts(text: str, document: dict[str, Any]) -> str:
    """The provenance table rows of spec/README.md (``| operations | 100 | 10 | 13 | 77 |``)."""
    for what, levels in _provenance_counts(document).items():
        counts = " | ".join(str(levels.count(level)) for level in _LEVELS)
        text = re.sub(
            rf"^\| {what} \| \d+ \| [^\n]*\|$", f"| {what} | {len(levels)} | {counts} |", text, flags=re.M
        )
    return text


def regenerate(
    source: str, *, root: Path = codegen.ROOT, label: str | None = None, today: str | None = None
) -> Outcome:
    raw, origin = read_definition(source)
    text = canonical_text(raw)
    raw = yaml.safe_load(text)
    validate(raw, "the new definition")
    old = codegen.run_pipeline(root)
    try:
        new = codegen.run_pipeline(root, upstream=raw)
    except OverlayError as exc:
        raise RegenerateError(f"{exc}\nNothing was written.") from exc
    validate(new.normalization.document, "the new definition, once normalized,")
    review = _review(old, new)
    upstream_path = root / codegen.UPSTREAM
    pyproject = (root / PYPROJECT).read_text(encoding="utf-8")
    match = _VERSION_LINE.search(pyproject)
    if match is None:
        raise RegenerateError(f"{PYPROJECT} has no version line")
    current_version = match.group(1)
    breaking = sum(c.breaking for c in review.changes)
    if text == upstream_path.read_text(encoding="utf-8"):
        return Outcome(False, current_version, 0, "\n".join(review.sections()), review.changes)

    release = label or str(new.upstream["info"]["version"])
    provenance = yaml.safe_load((root / PROVENANCE).read_text(encoding="utf-8"))
    version = package_version(release, current_version, str(provenance["upstream_version"]))
    day = today or datetime.date.today().isoformat()
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()

    before = _generated_files(root)
    upstream_path.write_text(text, encoding="utf-8")
    provenance.update(
        upstream_version=release,
        info_version=str((raw.get("info") or {}).get("version", "")),
        date=day,
        origin=origin,
        sha256=sha256,
    )
    (root / PROVENANCE).write_text(
        "# Identity of the vendored upstream definition (written by `nox -s regenerate`).\n"
        + yaml.safe_dump(provenance, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )
    readme = root / SPEC_README
    if readme.is_file():
        readme.write_text(update_readme_counts(readme.read_text(encoding="utf-8"), raw), encoding="utf-8")
    codegen.generate(root)
    after = _generated_files(root)
    review.generated = [f"removed: {p}" for p in sorted(before - after)] + [
        f"added: {p}" for p in sorted(after - before)
    ]
    (root / PYPROJECT).write_text(
        _VERSION_LINE.sub(f'version = "{version}"', pyproject, count=1), encoding="utf-8"
    )
    changelog = root / CHANGELOG
    previous = changelog.read_text(encoding="utf-8") if changelog.exists() else "# Changelog\n\n"
    head, _, rest = previous.partition("\n\n")
    entry = changelog_entry(version, release, sha256, day, origin, review)
    changelog.write_text(f"{head}\n\n{entry}\n{rest}", encoding="utf-8")
    return Outcome(True, version, breaking, "\n".join(review.sections()), review.changes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cegid_loop_tools.regenerate", description=__doc__)
    parser.add_argument("source", help="path or URL of the new definition (YAML or JSON)")
    parser.add_argument("--label", help="release label when info.version is not one (e.g. 2026.12)")
    args = parser.parse_args(argv)
    try:
        outcome = regenerate(args.source, label=args.label)
    except ToolError as exc:
        print(f"regenerate: {exc}", file=sys.stderr)
        return 1
    print(outcome.report_markdown)
    if not outcome.changed:
        print("The definition is the vendored one: nothing changed.")
        return 0
    print(f"spec/, generated/, pyproject.toml (version {outcome.version}) and CHANGELOG.md updated.")
    if outcome.breaking:
        print(f"{outcome.breaking} breaking change(s): review them before releasing.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
