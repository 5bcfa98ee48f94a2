"""The vendored definition: valid, complete, with its provenance, and the effective one valid too."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from cegid_loop import spec
from cegid_loop.definition.overlay import StaleOverlayAction
from cegid_loop_tools import codegen

ROOT = Path(__file__).resolve().parents[1]
METHODS = {"get", "put", "post", "delete", "patch"}


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [op for item in document["paths"].values() for m, op in item.items() if m in METHODS]


def test_the_upstream_and_the_effective_definitions_validate() -> None:
    validate(spec.load_upstream())
    validate(spec.load_normalized())
    validate(spec.load_effective())


def test_provenance_file_matches_the_vendored_definition() -> None:
    from cegid_loop_api.facade.registry import SPEC_SHA256, SPEC_VERSION

    provenance = yaml.safe_load((ROOT / "spec" / "provenance.yaml").read_text(encoding="utf-8"))
    data = (ROOT / "spec" / provenance["file"]).read_bytes()
    assert provenance["sha256"] == hashlib.sha256(data).hexdigest() == spec.sha256() == SPEC_SHA256
    # The release label: our record; an official export's info.version may say "1.0".
    assert provenance["upstream_version"] == SPEC_VERSION
    assert (
        provenance.get("info_version", provenance["upstream_version"])
        == spec.load_upstream()["info"]["version"]
    )


# Provenance (x-provenance) is our annotation of the reconstruction; an official definition has none,
# which counts as "official".
_LEVELS = {"documented", "partial", "inferred"}


def _level(node: dict[str, Any]) -> str:
    return str((node.get("x-provenance") or {}).get("level", "official"))


def test_every_operation_has_an_ascii_id_one_tag_provenance_and_the_error_responses() -> None:
    normalized = spec.load_normalized()
    tags = {tag["name"] for tag in normalized["tags"]}
    ids = [op["operationId"] for op in _operations(normalized)]
    assert len(ids) == len(set(ids)) >= 90
    official = all(_level(op) == "official" for op in _operations(normalized))
    for op in _operations(normalized):
        assert op["operationId"].isascii() and op["operationId"].isidentifier()
        assert len(op["tags"]) == 1 and op["tags"][0] in tags and op["tags"][0].isidentifier()
        assert official or _level(op) in _LEVELS, op["operationId"]
        if not official:  # the reconstruction documents APIM's own answers on every operation
            assert {"401", "403", "404", "429"} <= set(op["responses"]), op["operationId"]


def test_every_schema_has_provenance_and_both_keys_are_required_together() -> None:
    normalized = spec.load_normalized()
    schemas = normalized["components"]["schemas"]
    official = all(_level(s) == "official" for s in schemas.values())
    for name, schema in schemas.items():
        assert official or _level(schema) in _LEVELS, name
    schemes = normalized["components"]["securitySchemes"]
    assert {s["name"] for s in schemes.values()} == {"Ocp-Apim-Subscription-Key", "X-ApiKey"}
    assert normalized["security"] == [{name: [] for name in schemes}]


def test_the_readme_counts_are_the_file_s() -> None:
    upstream = spec.load_upstream()
    readme = (ROOT / "spec" / "README.md").read_text(encoding="utf-8")
    ops = _operations(upstream)
    levels = [_level(op) for op in ops]
    counts = " | ".join(str(levels.count(level)) for level in ("documented", "partial", "inferred"))
    assert f"| operations | {len(ops)} | {counts} |" in readme
    schemas = [_level(s) for s in upstream["components"]["schemas"].values()]
    counts = " | ".join(str(schemas.count(level)) for level in ("documented", "partial", "inferred"))
    assert f"| schemas | {len(schemas)} | {counts} |" in readme


def test_a_hand_edit_to_generated_makes_the_freshness_check_fail(tmp_path: Path) -> None:
    for part in ("spec", "overrides", "generated"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    assert codegen.check(tmp_path) == []
    edited = tmp_path / "generated" / "cegid_loop_api" / "models" / "compte.py"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Compte", "Compte ", 1), encoding="utf-8")
    (tmp_path / "generated" / "cegid_loop_api" / "stray.py").write_text("", encoding="utf-8")
    assert codegen.check(tmp_path) == [
        "extra: cegid_loop_api/stray.py",
        "changed: cegid_loop_api/models/compte.py",
    ]


def test_a_stale_overlay_action_stops_generation(tmp_path: Path) -> None:
    for part in ("spec", "overrides"):
        shutil.copytree(ROOT / part, tmp_path / part)
    upstream = tmp_path / "spec" / "loop-api-publiques.openapi.yaml"
    document = yaml.safe_load(upstream.read_text(encoding="utf-8"))
    del document["components"]["schemas"]["Journal"]["properties"]["typeContrepartie"]
    upstream.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    with pytest.raises(StaleOverlayAction) as info:
        codegen.build_effective(tmp_path)
    assert info.value.quirk == "Q-INT-ENUMS" and "typeContrepartie" in info.value.target
