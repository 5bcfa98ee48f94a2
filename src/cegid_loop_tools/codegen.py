"""The generation pipeline, from the vendored definition to ``generated/``:

    spec/ (as published) --normalize (API map)--> --overlay (quirks)--> effective definition
        --openapi-python-client--> generated/cegid_loop_api/{api,models,...}
        --facade templates------> generated/cegid_loop_api/facade/

``python -m cegid_loop_tools.codegen generate`` rewrites ``generated/``; ``check`` regenerates into
a temporary directory and fails when ``generated/`` differs by one byte (nox sessions ``generate``
and ``check_generated``). Both print what the normalization absorbed, operations the API map does
not know yet, and map entries whose operation is gone.
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cegid_loop.definition.apimap import ApiMap, load_map
from cegid_loop.definition.normalize import Normalization, normalize
from cegid_loop.definition.overlay import ActionReport, apply_overlay
from cegid_loop.spec import EFFECTIVE_NAME, NORMALIZED_NAME  # the run time reads what this writes
from cegid_loop_tools import unasync
from cegid_loop_tools.errors import ToolError

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = Path("spec/loop-api-publiques.openapi.yaml")
PROVENANCE = Path("spec/provenance.yaml")
API_MAP = Path("overrides/api-map.yaml")
OVERLAY = Path("overrides/overlay.yaml")
CONFIG = Path("overrides/generator-config.yaml")
TEMPLATES = Path("overrides/templates")
FACADE_TEMPLATES = TEMPLATES / "facade"
GENERATED = Path("generated")
EFFECTIVE = GENERATED / EFFECTIVE_NAME
PACKAGE = "cegid_loop_api"


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


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


def dump_json(document: Any) -> str:
    """The generated definitions: JSON, so the run time loads them in milliseconds (and any YAML
    reader too); indented, key order kept, so they diff."""
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


@dataclass
class Pipeline:
    """Every stage of one run, for the generator, ``check``, ``regenerate`` and the tests."""

    upstream: dict[str, Any]
    api_map: ApiMap
    normalization: Normalization
    effective: dict[str, Any]
    overlay_reports: list[ActionReport]
    sha256: str


def run_pipeline(root: Path = ROOT, upstream: dict[str, Any] | None = None) -> Pipeline:
    """Normalize then overlay (``upstream`` defaults to the vendored definition)."""
    sha256 = hashlib.sha256((root / UPSTREAM).read_bytes()).hexdigest()
    if upstream is None:
        upstream = load_yaml(root / UPSTREAM)
    api_map = load_map(root / API_MAP)
    normalization = normalize(upstream, api_map)
    effective, reports = apply_overlay(normalization.document, load_yaml(root / OVERLAY))
    return Pipeline(upstream, api_map, normalization, effective, reports, sha256)


def build_effective(root: Path = ROOT) -> tuple[dict[str, Any], list[ActionReport]]:
    pipeline = run_pipeline(root)
    return pipeline.effective, pipeline.overlay_reports


@contextmanager
def _tools_on_path() -> Any:
    """The generator's post-hooks call `ruff`: the one installed beside this interpreter (pinned)."""
    old = os.environ.get("PATH", "")
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{old}"
    try:
        yield
    finally:
        os.environ["PATH"] = old


def _generate_client(pipeline: Pipeline, out: Path, root: Path) -> Any:
    """openapi-python-client, in-process: its parsed view of the definition feeds the facade."""
    from openapi_python_client import Project
    from openapi_python_client.config import Config, ConfigFile, MetaType
    from openapi_python_client.parser import GeneratorData
    from openapi_python_client.parser.errors import GeneratorError

    from cegid_loop_tools import money

    config = Config.from_sources(
        ConfigFile.load_from_path(root / CONFIG),
        MetaType.NONE,
        out / EFFECTIVE_NAME,
        "utf-8",
        True,
        out / PACKAGE,
    )
    data = GeneratorData.from_dict(pipeline.effective, config=config)
    if isinstance(data, GeneratorError):
        raise ToolError(
            f"openapi-python-client cannot read the effective definition: {data.header}\n{data.detail}"
        )
    money.apply(data.models, pipeline.effective)  # format: decimal -> Decimal (cegid_loop_tools.money)
    with _tools_on_path():
        errors = Project(openapi=data, config=config, custom_template_path=root / TEMPLATES).build()
    if errors:  # warnings included: a skipped endpoint is a missing method (--fail-on-warning)
        details = "\n".join(f"{e.level.name} {e.header}: {e.detail}" for e in errors)
        raise ToolError(f"openapi-python-client reported problems:\n{details}")
    return data, config


def _format(package: Path, hooks: list[str]) -> None:
    with _tools_on_path():
        for hook in hooks:
            result = subprocess.run(
                hook, shell=True, cwd=package, capture_output=True, text=True, check=False
            )
            if result.returncode != 0:
                raise ToolError(f"{hook} failed on the facade:\n{result.stdout}{result.stderr}")


def generate_into(out: Path, root: Path = ROOT, pipeline: Pipeline | None = None) -> Pipeline:
    """Write the definitions, the generated client and the facade under ``out`` (a fresh directory)."""
    from cegid_loop_tools import facade

    pipeline = pipeline or run_pipeline(root)
    out.mkdir(parents=True, exist_ok=True)
    (out / NORMALIZED_NAME).write_text(dump_json(pipeline.normalization.document), encoding="utf-8")
    (out / EFFECTIVE_NAME).write_text(dump_json(pipeline.effective), encoding="utf-8")
    data, config = _generate_client(pipeline, out, root)
    resources = facade.build_resources(
        pipeline.api_map, pipeline.normalization.entries, data, pipeline.effective
    )
    info = pipeline.upstream.get("info") or {}
    # The release label is the project's record (an export's info.version may be "1.0").
    provenance = load_yaml(root / PROVENANCE) if (root / PROVENANCE).is_file() else {}
    meta = {
        "title": str(info.get("title", "")),
        "version": str(provenance.get("upstream_version") or info.get("version", "")),
        "sha256": pipeline.sha256,
    }
    facade.render(out / PACKAGE, root / FACADE_TEMPLATES, resources, pipeline.effective, meta)
    _format(out / PACKAGE, list(config.post_hooks))
    return pipeline


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


def generate(root: Path = ROOT, pipeline: Pipeline | None = None) -> Pipeline:
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = generate_into(Path(tmp), root, pipeline)
        target = root / GENERATED
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(tmp, target, ignore=shutil.ignore_patterns("__pycache__"))
    return pipeline


def check(root: Path = ROOT) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        generate_into(Path(tmp), root)
        return differences(Path(tmp), root / GENERATED)


def findings(pipeline: Pipeline) -> list[str]:
    """What a maintainer should look at: new operations, stale map entries, normalization."""
    lines = [
        f"new, not yet in the API map: {e.key} -> loop.{e.qualified} "
        f"(operationId {e.operation_id}, tag {e.tag})"
        for e in pipeline.normalization.new
    ]
    lines += [
        f"stale API map entry: {e.key} (loop.{e.qualified}) is not in the definition; "
        f"remove it from {API_MAP}"
        for e in pipeline.normalization.stale
    ]
    lines += [
        f"stale API map enum: {pointer} is not an enum of the definition; remove it from {API_MAP}"
        for pointer in pipeline.normalization.stale_enums
    ]
    lines += [f"normalized: {line}" for line in pipeline.normalization.summary()]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cegid_loop_tools.codegen")
    parser.add_argument("command", choices=["generate", "check", "effective"])
    args = parser.parse_args(argv)
    try:
        if args.command == "effective":
            sys.stdout.write(dump_json(run_pipeline().effective))
            return 0
        if args.command == "generate":
            pipeline = generate()
            for report in pipeline.overlay_reports:
                print(f"overlay #{report.index} {report.quirk}: {report.matches} match(es)")
            print("\n".join(findings(pipeline)))
            print(f"wrote {GENERATED}/")
            print(f"wrote {unasync.TARGET}/ from {unasync.SOURCE}/ ({len(unasync.generate())} files)")
            return 0
        problems = check() + unasync.check()  # the sync client is generated too (cegid_loop_tools.unasync)
    except ToolError as exc:
        print(f"codegen: {exc}", file=sys.stderr)
        return 1
    if problems:
        print("Generated client drift detected: generated/ is not what the pipeline produces.")
        print("\n".join(f"  {p}" for p in problems))
        print("Run `nox -s generate` and commit the result; never edit generated/ by hand.")
        return 1
    print("generated/ is up to date with spec/ + overrides/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
