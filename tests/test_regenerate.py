"""Taking a new upstream release: no-op on the vendored definition; a modified copy updates spec/,
generated/, the version and CHANGELOG.md; a stale overlay action stops everything before writing."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from cegid_loop_tools import codegen
from cegid_loop_tools.regenerate import RegenerateError, package_version, regenerate

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("spec", "overrides", "generated", "pyproject.toml", "CHANGELOG.md")


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A copy of what regenerate reads and writes."""
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / part)
    return tmp_path


def _upstream(repo: Path) -> dict[str, Any]:
    """Today's definition in the project's conventions (what the variants below edit), whatever
    form spec/ holds it in."""
    import json

    return dict(json.loads((repo / codegen.GENERATED / codegen.NORMALIZED_NAME).read_text(encoding="utf-8")))


def _write_variant(repo: Path, document: dict[str, Any]) -> Path:
    path = repo / "new-release.json"  # JSON on purpose: an export may come as JSON
    import json

    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _snapshot(repo: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(repo)): p.read_bytes()
        for part in PARTS
        for p in ([repo / part] if (repo / part).is_file() else (repo / part).rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_regenerating_from_the_vendored_definition_is_a_no_op(repo: Path) -> None:
    before = _snapshot(repo)
    outcome = regenerate(str(repo / codegen.UPSTREAM), root=repo)
    assert not outcome.changed
    assert _snapshot(repo) == before


def test_a_modified_release_updates_spec_generated_version_and_changelog(repo: Path) -> None:
    document = _upstream(repo)
    document["info"]["version"] = "2999.1"  # a label no vendored release has
    document["paths"]["/compteAuxiliaire"] = {
        "get": {
            "operationId": "listComptesAuxiliaires",
            "tags": ["parametres_comptables"],
            "parameters": [{"$ref": "#/components/parameters/codeDossier"}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {}}}}},
        }
    }
    del document["components"]["schemas"]["Compte"]["properties"]["tva"]
    outcome = regenerate(str(_write_variant(repo, document)), root=repo, today="2026-12-01")

    assert outcome.changed and outcome.version == "2999.1.0" and outcome.breaking >= 1
    assert 'version = "2999.1.0"' in (repo / "pyproject.toml").read_text(encoding="utf-8")
    provenance = yaml.safe_load((repo / "spec" / "provenance.yaml").read_text(encoding="utf-8"))
    assert provenance["upstream_version"] == "2999.1" and provenance["date"] == "2026-12-01"
    assert "/compteAuxiliaire" in (repo / codegen.UPSTREAM).read_text(encoding="utf-8")
    # Not in the API map: generated under a name derived from METHOD /path, whatever its operationId.
    assert (repo / "generated/cegid_loop_api/api/parametres_comptables/get_compte_auxiliaire.py").is_file()
    resource = (repo / "generated/cegid_loop_api/facade/resources/compte_auxiliaires.py").read_text(
        encoding="utf-8"
    )
    assert "def get(" in resource and "def list(" not in resource  # untyped 200: one object, JSON
    assert "tva" not in (repo / "generated/cegid_loop_api/models/compte.py").read_text(encoding="utf-8")
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    entry = changelog.split("\n## ")[1]
    assert entry.startswith("2999.1.0") and entry.index("### Breaking changes") < entry.index("### Additions")
    breaking, additions = entry.split("### Additions")
    assert "tva" in breaking and "`loop.comptes.list` (GET /compte)" in breaking
    assert "`loop.compte_auxiliaires.get` (GET /compteAuxiliaire)" in additions
    assert "new, not yet in the API map: GET /compteAuxiliaire" in additions.split("### API map")[1]
    assert codegen.check(repo) == []  # generated/ is exactly what the pipeline makes of the new spec

    # The same label again with other content: the client release number goes up.
    document["paths"]["/compteAuxiliaire"]["get"]["summary"] = "Liste des comptes auxiliaires"
    assert regenerate(str(_write_variant(repo, document)), root=repo).version == "2999.1.1"


def test_a_stale_overlay_action_stops_before_anything_is_written(repo: Path) -> None:
    document = _upstream(repo)
    del document["components"]["schemas"]["Journal"]["properties"]["typeContrepartie"]
    before = _snapshot(repo)
    with pytest.raises(RegenerateError, match=r"Q-INT-ENUMS.*typeContrepartie"):
        regenerate(str(_write_variant(repo, document)), root=repo)
    assert _snapshot(repo) == before


def test_what_is_not_a_definition_is_refused(repo: Path) -> None:
    (repo / "x.yaml").write_text("just: text\n", encoding="utf-8")
    with pytest.raises(RegenerateError, match="not an OpenAPI document"):
        regenerate(str(repo / "x.yaml"), root=repo)
    with pytest.raises(RegenerateError, match="no such file"):
        regenerate(str(repo / "missing.yaml"), root=repo)


def test_package_versions_follow_the_release_label() -> None:
    assert package_version("2026.12", "2026.11.3", "2026.11") == "2026.12.0"
    assert package_version("2026.11", "2026.11.3", "2026.11") == "2026.11.4"
    with pytest.raises(RegenerateError, match="release label"):
        package_version("v2-beta", "2026.11.0", "2026.11")
