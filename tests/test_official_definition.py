"""The day the official definition arrives: Azure APIM's export of today's API regenerates into the
same client, and the facade, the CLI and the sandbox work unchanged on the result.

The export is built by ``tests/fixtures/apim/apim_export.py`` from facts.md §6 (3.0.1, display-name
tags with accents, ``apiKeyHeader``/``apiKeyQuery``, ``X-ApiKey`` as a parameter, backend
operationIds, inline parameters, no ``x-`` extensions): none of it comes from the normalizer.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from cegid_loop.definition.apimap import load_map
from cegid_loop.definition.normalize import normalize
from cegid_loop.drift.spec_diff import diff
from cegid_loop_tools import codegen
from cegid_loop_tools.regenerate import regenerate

from .fixtures.apim.apim_export import apim_export

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("spec", "overrides", "generated", "src", "pyproject.toml", "CHANGELOG.md")
IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*\Z")


@pytest.fixture(scope="module")
def export() -> dict[str, Any]:
    # From the normalized definition: today's API in our conventions, whatever spec/ holds (our
    # reconstruction today, the official export itself once it is vendored).
    normalized = json.loads((ROOT / codegen.GENERATED / codegen.NORMALIZED_NAME).read_text(encoding="utf-8"))
    return apim_export(normalized)


def _vendored() -> dict[str, Any]:
    return dict(codegen.load_yaml(ROOT / codegen.UPSTREAM))


def _repo(tmp_path: Path) -> Path:
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(
                source, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
        else:
            shutil.copy2(source, tmp_path / part)
    return tmp_path


def _write(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "loop-api-publiques.apim.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _entry(changelog: str) -> dict[str, list[str]]:
    """The sections of the newest CHANGELOG entry: title -> its bullet lines."""
    entry = changelog.split("\n## ")[1]
    sections: dict[str, list[str]] = {}
    for block in entry.split("\n### ")[1:]:
        title, _, body = block.partition("\n")
        sections[title.split(" (")[0]] = [line[2:] for line in body.splitlines() if line.startswith("- ")]
    return sections


def test_the_fixture_has_apim_s_traits(export: dict[str, Any]) -> None:
    assert export["openapi"] == "3.0.1"
    assert export["components"]["securitySchemes"].keys() == {"apiKeyHeader", "apiKeyQuery"}
    compte = export["paths"]["/compte"]["get"]
    assert compte["operationId"] == "get_compte" and compte["tags"] == ["Paramètres comptables"]
    assert {"name": "X-ApiKey", "in": "header"}.items() <= compte["parameters"][-1].items()
    assert (
        export["paths"]["/initPointage/etatReleveCompte"]["get"]["operationId"]
        == "get_initPointage_etatReleveCompte"
    )
    assert not list(_extension_keys(export)) and '"examples"' not in json.dumps(export["components"])


def _extension_keys(node: Any) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            if str(key).startswith("x-"):
                yield key
            yield from _extension_keys(value)
    elif isinstance(node, list):
        for value in node:
            yield from _extension_keys(value)


def test_normalized_it_is_today_s_definition(export: dict[str, Any]) -> None:
    result = normalize(export, load_map(ROOT / codegen.API_MAP))
    assert result.new == [] and result.stale == [] and result.stale_enums == []
    vendored = json.loads((ROOT / codegen.GENERATED / codegen.NORMALIZED_NAME).read_text(encoding="utf-8"))
    assert diff(vendored, result.document) == []  # every difference was absorbed
    kinds = {note.kind for note in result.notes}
    assert {
        "operationId from the API map",
        "tag renamed",
        "key parameter removed",
        "OpenAPI 3.0 -> 3.1",
    } <= kinds


def test_regenerating_from_it_changes_no_name_and_everything_works(
    tmp_path: Path, export: dict[str, Any]
) -> None:
    repo = _repo(tmp_path / "repo")
    before = {
        str(p.relative_to(repo / "generated")): p.read_bytes()
        for p in (repo / "generated" / "cegid_loop_api").rglob("*.py")
        if "facade" not in p.parts
    }
    outcome = regenerate(str(_write(tmp_path, export)), root=repo, label="2026.12", today="2026-12-01")
    assert outcome.breaking == 0 and outcome.changes == []
    if outcome.changed:  # not when spec/ already holds this very export
        sections = _entry((repo / "CHANGELOG.md").read_text(encoding="utf-8"))
        assert sections["Breaking changes"] == ["none"] and sections["Additions"] == ["none"]
        assert sections["Generated layer"] == ["no module added or removed"]
        if not normalize(_vendored(), load_map(ROOT / codegen.API_MAP)).notes:  # spec/: our conventions
            assert any(line.startswith("operationId from the API map (") for line in sections["Normalized"])
    assert codegen.check(repo) == []
    # The generated client itself (openapi-python-client's modules and models) is byte-identical.
    after = {
        str(p.relative_to(repo / "generated")): p.read_bytes()
        for p in (repo / "generated" / "cegid_loop_api").rglob("*.py")
        if "facade" not in p.parts
    }
    assert after == before
    for folder in (repo / "generated" / "cegid_loop_api" / "api").iterdir():
        if folder.is_dir() and folder.name != "__pycache__":
            assert IDENTIFIER.match(folder.name), folder.name
    _run_user_session(repo, tmp_path)


USER_SESSION = """
import json, sys
from pathlib import Path

from typer.testing import CliRunner

import cegid_loop
from cegid_loop import LoopClient
from cegid_loop.cli.app import app
from cegid_loop.fec.samples import demo_entries, write_fec
from cegid_loop.sandbox import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY
from cegid_loop.sandbox.app import sandbox_sync_transport

assert Path(cegid_loop.__file__).is_relative_to(Path(sys.argv[1])), cegid_loop.__file__
fec = write_fec(Path(sys.argv[2]), "732829320", demo_entries())
transport = sandbox_sync_transport(import_step_seconds=0)
with LoopClient(base_url="http://sandbox.localhost", subscription_key=DEMO_SUBSCRIPTION_KEY,
                api_key=DEMO_API_KEY, transport=transport) as loop:
    comptes = loop.comptes.list("CEGID001", take=5)
    assert len(comptes) == 5 and all(c.numero for c in comptes)
    assert loop.dossiers.get("CEGID001").siren == "732829320"
    assert loop.imports.fec("CEGID001", fec).ok
runner = CliRunner()
listed = runner.invoke(app, ["list", "comptes", "-d", "CEGID001", "--sandbox", "-f", "json", "--take", "3"])
assert listed.exit_code == 0, listed.output
assert len(json.loads(listed.stdout)) == 3
imported = runner.invoke(app, ["import", "fec", str(fec), "-d", "CEGID001", "--sandbox"])
assert imported.exit_code == 0 and "succeeded" in imported.stdout, imported.output
print("user session ok")
"""


def _run_user_session(repo: Path, tmp_path: Path) -> None:
    script = tmp_path / "session.py"
    script.write_text(textwrap.dedent(USER_SESSION), encoding="utf-8")
    (tmp_path / "work").mkdir()
    env = {**os.environ, "PYTHONPATH": f"{repo / 'src'}{os.pathsep}{repo / 'generated'}"}
    done = subprocess.run(
        [sys.executable, str(script), str(repo), str(tmp_path / "work")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0 and "user session ok" in done.stdout, done.stdout + done.stderr


def test_an_export_adding_a_field_and_an_operation_lists_exactly_those_two(
    tmp_path: Path, export: dict[str, Any]
) -> None:
    changed = copy.deepcopy(export)
    changed["components"]["schemas"]["Compte"]["properties"]["tvaIntra"] = {
        "type": "string",
        "nullable": True,
    }
    listing = copy.deepcopy(changed["paths"]["/journal"]["get"])
    listing["operationId"] = "get_modePaiement"  # a path the definition does not have (yet)
    listing["summary"] = "Retourne la liste des modes de paiement"
    changed["paths"]["/modePaiement"] = {"get": listing}
    repo = _repo(tmp_path / "repo")
    outcome = regenerate(str(_write(tmp_path, changed)), root=repo, label="2026.12")
    sections = _entry((repo / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert outcome.breaking == 0 and sections["Breaking changes"] == ["none"]
    assert sections["Additions"] == [
        "`loop.mode_paiements.list` (GET /modePaiement): operation added",
        "model `Compte.tvaIntra`: property added; in `loop.comptes.list` (GET /compte), "
        "`loop.comptes.update` (PUT /compte), `loop.comptes.create` (POST /compte)",
    ]
    assert sections["API map"] == [
        "new, not yet in the API map: GET /modePaiement -> loop.mode_paiements.list "
        "(operationId getModePaiement, tag parametres_comptables_journaux)"
    ]
    assert sections["Other changes"] == ["none"]


def test_an_export_removing_an_operation_lists_exactly_that_as_breaking(
    tmp_path: Path, export: dict[str, Any]
) -> None:
    changed = copy.deepcopy(export)
    del changed["paths"]["/journal"]["delete"]
    repo = _repo(tmp_path / "repo")
    outcome = regenerate(str(_write(tmp_path, changed)), root=repo, label="2026.12")
    sections = _entry((repo / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert outcome.breaking == 1
    assert sections["Breaking changes"] == ["`loop.journaux.delete` (DELETE /journal): operation removed"]
    assert sections["Additions"] == ["none"] and sections["Other changes"] == ["none"]
    assert any(
        "stale API map entry: DELETE /journal (loop.journaux.delete)" in line for line in sections["API map"]
    )
    facade = (repo / "generated/cegid_loop_api/facade/resources/journaux.py").read_text(encoding="utf-8")
    assert "def delete(" not in facade and "def list(" in facade


def test_drift_spec_reports_the_export_as_no_change_and_lists_the_normalization(
    tmp_path: Path, export: dict[str, Any]
) -> None:
    from typer.testing import CliRunner

    from cegid_loop.cli.app import app

    path = _write(tmp_path, export)
    runner = CliRunner()
    markdown = ["--markdown", str(tmp_path / "d.md")]
    normalized = runner.invoke(app, ["drift", "spec", "upstream", str(path), *markdown])
    assert normalized.exit_code == 0 and "no change" in normalized.stdout, normalized.output
    report = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert "normalized (new): operationId from the API map (" in report
    ours = tmp_path / "normalized.json"
    ours.write_text(
        (ROOT / codegen.GENERATED / codegen.NORMALIZED_NAME).read_text(encoding="utf-8"), encoding="utf-8"
    )
    raw = runner.invoke(app, ["drift", "spec", str(ours), str(path), "--raw"])
    assert raw.exit_code == 1 and "security-scheme-removed" in raw.stdout  # naming noise, unnormalized
