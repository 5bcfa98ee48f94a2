"""The generation pipeline: upstream spec + overlay -> effective spec -> openapi-python-client.

``python -m cegid_loop.codegen generate`` rewrites ``generated/``; ``check`` regenerates into a
temporary directory and fails when ``generated/`` differs by one byte (nox sessions ``generate``
and ``check_generated``).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from cegid_loop.overlay import ActionReport, apply_overlay

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = Path("spec/loop-api-publiques.openapi.yaml")
OVERLAY = Path("overrides/overlay.yaml")
CONFIG = Path("overrides/generator-config.yaml")
TEMPLATES = Path("overrides/templates")
GENERATED = Path("generated")
EFFECTIVE = GENERATED / "openapi.effective.yaml"
PACKAGE = "cegid_loop_api"


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


class _SpecDumper(yaml.SafeDumper):
    """Readable, stable YAML: multi-line texts as blocks, no anchors/aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # indent list items under their key


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style: str | None = "|" if "\n" in value else None
    if style is None and _NUMBER_LIKE.fullmatch(value):
        style = "'"  # "07955542100027" must stay a string for YAML 1.2 readers too
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_NUMBER_LIKE = re.compile(r"[-+]?[0-9][0-9_.:eE+-]*")
_SpecDumper.add_representer(str, _represent_str)


def dump_yaml(document: Any) -> str:
    """The one YAML form of a definition in this repository (key order kept, so diffs stay readable)."""
    return yaml.dump(document, Dumper=_SpecDumper, sort_keys=False, allow_unicode=True, width=4096)


def build_effective(root: Path = ROOT) -> tuple[dict[str, Any], list[ActionReport]]:
    return apply_overlay(load_yaml(root / UPSTREAM), load_yaml(root / OVERLAY))


def _generator() -> str:
    found = Path(sys.executable).parent / "openapi-python-client"
    return str(found) if found.exists() else "openapi-python-client"


def generate_into(out: Path, root: Path = ROOT) -> list[ActionReport]:
    """Write the effective spec and the generated package under ``out`` (a fresh directory)."""
    effective, reports = build_effective(root)
    out.mkdir(parents=True, exist_ok=True)
    (out / EFFECTIVE.name).write_text(dump_yaml(effective), encoding="utf-8")
    command = [
        _generator(), "generate",
        "--path", str(out / EFFECTIVE.name),
        "--config", str(root / CONFIG),
        "--custom-template-path", str(root / TEMPLATES),
        "--meta", "none",
        "--output-path", str(out / PACKAGE),
        "--fail-on-warning",
    ]  # fmt: skip
    # The generator's post-hooks call `ruff`: the one installed beside this interpreter (pinned).
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if result.returncode != 0:
        raise SystemExit(f"openapi-python-client failed:\n{result.stdout}\n{result.stderr}")
    return reports


def _files(base: Path) -> set[Path]:
    return {p.relative_to(base) for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def differences(expected: Path, actual: Path) -> list[str]:
    """Files that are missing, extra or changed in ``actual`` compared with ``expected``."""
    want, have = _files(expected), _files(actual)
    problems = [f"missing: {p}" for p in sorted(want - have)]
    problems += [f"extra: {p}" for p in sorted(have - want)]
    problems += [
        f"changed: {p}"
        for p in sorted(want & have)
        if not filecmp.cmp(expected / p, actual / p, shallow=False)
    ]
    return problems


def generate(root: Path = ROOT) -> list[ActionReport]:
    with tempfile.TemporaryDirectory() as tmp:
        reports = generate_into(Path(tmp), root)
        target = root / GENERATED
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(tmp, target, ignore=shutil.ignore_patterns("__pycache__"))
    return reports


def check(root: Path = ROOT) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        generate_into(Path(tmp), root)
        return differences(Path(tmp), root / GENERATED)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cegid_loop.codegen")
    parser.add_argument("command", choices=["generate", "check", "effective"])
    args = parser.parse_args(argv)
    if args.command == "effective":
        sys.stdout.write(dump_yaml(build_effective()[0]))
        return 0
    if args.command == "generate":
        for report in generate():
            print(f"overlay #{report.index} {report.quirk}: {report.matches} match(es)")
        print(f"wrote {GENERATED}/")
        return 0
    problems = check()
    if problems:
        print("Generated client drift detected: generated/ is not what the pipeline produces.")
        print("\n".join(f"  {p}" for p in problems))
        print("Run `nox -s generate` and commit the result; never edit generated/ by hand.")
        return 1
    print("generated/ is up to date with spec/ + overrides/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
