"""Take a new upstream release of the Loop API definition: one reviewed command.

``nox -s regenerate -- PATH_OR_URL`` runs ``python -m cegid_loop.regenerate PATH_OR_URL`` and then
the tests. In order: read the new definition (file or URL), normalize it (one YAML form, so diffs
are readable), validate it, re-apply the overlay in memory (a stale action stops everything before
a single file is written, naming its quirk), print the drift report against the vendored
definition, then write ``spec/`` with its provenance, regenerate ``generated/``, set the package
version and prepend a ``CHANGELOG.md`` entry. Regenerating from the vendored definition is a no-op.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml

from cegid_loop import codegen
from cegid_loop.drift.report import render_markdown
from cegid_loop.drift.spec_diff import Change, diff, diff_report
from cegid_loop.overlay import ActionReport, OverlayError, apply_overlay

PROVENANCE = Path("spec/provenance.yaml")
PYPROJECT = Path("pyproject.toml")
CHANGELOG = Path("CHANGELOG.md")
_VERSION_LINE = re.compile(r'^version = "([^"]+)"$', re.M)
_RELEASE_LABEL = re.compile(r"[0-9]+(\.[0-9]+)*")


class RegenerateError(Exception):
    """The new definition cannot be taken as it is; nothing was written."""


@dataclass(frozen=True)
class Outcome:
    changed: bool
    version: str
    breaking: int
    report_markdown: str


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
        text = path.read_text(encoding="utf-8")
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RegenerateError(f"{source}: not YAML or JSON: {exc}") from exc
    if not isinstance(document, dict) or "openapi" not in document:
        raise RegenerateError(f"{source}: not an OpenAPI document (no 'openapi' key)")
    return document, source


def normalize(document: dict[str, Any]) -> str:
    """Canonical top-level order, everything else as given, in the repository's YAML form."""
    order = ["openapi", "info", "jsonSchemaDialect", "servers", "security", "tags", "paths", "webhooks"]
    ordered = {key: document[key] for key in order if key in document}
    ordered.update({key: value for key, value in document.items() if key not in ordered})
    return codegen.dump_yaml(ordered)


def validate(document: dict[str, Any]) -> None:
    from openapi_spec_validator import validate as validate_spec

    try:
        validate_spec(document)
    except Exception as exc:  # the validator raises several unrelated types
        raise RegenerateError(f"the new definition is not valid OpenAPI: {exc}") from exc


def package_version(label: str, current: str, current_label: str) -> str:
    """``<label>.<n>``: n restarts at 0 with a new release label, else goes up by one."""
    if not _RELEASE_LABEL.fullmatch(label):
        raise RegenerateError(
            f"info.version {label!r} is not a release label like 2026.11 (PEP 440); use --label"
        )
    if label != current_label or not current.startswith(f"{label}."):
        return f"{label}.0"
    return f"{label}.{int(current.rsplit('.', 1)[1]) + 1}"


def _overlay_changes(before: list[ActionReport], after: list[ActionReport]) -> list[str]:
    lines = []
    for old, new in zip(before, after, strict=True):
        if old.matches != new.matches:
            lines.append(
                f"overlay action #{new.index} ({new.quirk}) now matches {new.matches} node(s),"
                f" was {old.matches}"
            )
    return lines


def _describe(change: Change) -> str:
    where = f" `{change.path}`" if change.path else ""
    return f"{change.operation}{where}: {change.message or change.kind}"


def changelog_entry(
    version: str, label: str, sha256: str, day: str, changes: list[Change], overrides: list[str]
) -> str:
    """Breaking changes first, then additions, then the rest, then what the overlay patches now."""
    breaking = [c for c in changes if c.breaking]
    additions = [c for c in changes if not c.breaking and "added" in c.kind]
    others = [c for c in changes if not c.breaking and "added" not in c.kind]
    lines = [f"## {version} — Loop API Publiques {label} ({day})", "", f"Spec sha256 `{sha256}`.", ""]
    for title, group in (("Breaking changes", breaking), ("Additions", additions), ("Other changes", others)):
        lines += [f"### {title}", ""]
        lines += [f"- {_describe(change)}" for change in group] or ["- none"]
        lines.append("")
    lines += ["### Overrides", ""]
    lines += [f"- {line}" for line in overrides] or ["- no change in what the overlay patches"]
    return "\n".join(lines) + "\n\n"


def regenerate(
    source: str, *, root: Path = codegen.ROOT, label: str | None = None, today: str | None = None
) -> Outcome:
    new, origin = read_definition(source)
    text = normalize(new)
    new = yaml.safe_load(text)
    validate(new)
    overlay = codegen.load_yaml(root / codegen.OVERLAY)
    old = codegen.load_yaml(root / codegen.UPSTREAM)
    try:
        _, after = apply_overlay(new, overlay)
    except OverlayError as exc:
        raise RegenerateError(f"{exc}\nNothing was written.") from exc
    _, before = apply_overlay(old, overlay)
    changes = diff(old, new)
    report = render_markdown(diff_report(old, new, old_name=str(codegen.UPSTREAM), new_name=origin))
    upstream_path = root / codegen.UPSTREAM
    current_text = upstream_path.read_text(encoding="utf-8")
    pyproject = (root / PYPROJECT).read_text(encoding="utf-8")
    match = _VERSION_LINE.search(pyproject)
    assert match, "pyproject.toml has no version line"
    current_version = match.group(1)
    if text == current_text:
        return Outcome(False, current_version, 0, report)

    release = label or str(new["info"]["version"])
    provenance = yaml.safe_load((root / PROVENANCE).read_text(encoding="utf-8"))
    version = package_version(release, current_version, str(provenance["upstream_version"]))
    day = today or datetime.date.today().isoformat()
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()

    upstream_path.write_text(text, encoding="utf-8")
    provenance.update(upstream_version=release, date=day, origin=origin, sha256=sha256)
    (root / PROVENANCE).write_text(
        "# Identity of the vendored upstream definition (written by `nox -s regenerate`).\n"
        + yaml.safe_dump(provenance, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )
    codegen.generate(root)
    (root / PYPROJECT).write_text(
        _VERSION_LINE.sub(f'version = "{version}"', pyproject, count=1), encoding="utf-8"
    )
    changelog = root / CHANGELOG
    previous = changelog.read_text(encoding="utf-8") if changelog.exists() else "# Changelog\n\n"
    head, _, rest = previous.partition("\n\n")
    entry = changelog_entry(version, release, sha256, day, changes, _overlay_changes(before, after))
    changelog.write_text(f"{head}\n\n{entry}{rest}", encoding="utf-8")
    return Outcome(True, version, sum(c.breaking for c in changes), report)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cegid_loop.regenerate", description=__doc__)
    parser.add_argument("source", help="path or URL of the new definition (YAML or JSON)")
    parser.add_argument("--label", help="release label when info.version is not one (e.g. 2026.12)")
    args = parser.parse_args(argv)
    try:
        outcome = regenerate(args.source, label=args.label)
    except RegenerateError as exc:
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
