"""The evidence loop: `drift live --save-bodies` (redacted files), `drift check` (the same verdicts
offline), `drift propose` (a proposal to review, never applied)."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from typer.testing import CliRunner

from cegid_loop import spec
from cegid_loop._redact import register_secret
from cegid_loop.cli.app import app
from cegid_loop.config import Secret
from cegid_loop.definition import Definition
from cegid_loop.definition.overlay import apply_overlay
from cegid_loop.drift.evidence import MARKER, check_files, evidence_document, load_evidence
from cegid_loop.drift.live import LiveOptions, LiveTarget, check_live
from cegid_loop.drift.propose import propose
from cegid_loop.drift.redact import mask_text, redact_body
from cegid_loop.drift.report import Report
from cegid_loop.drift.verdicts import BodyChecker, Definitions, ReceivedAnswer
from cegid_loop.sandbox import profiles
from cegid_loop.sandbox.app import create_app, sandbox_sync_transport
from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY

ROOT = Path(__file__).resolve().parents[1]
PAYLOADS = ROOT / "tests" / "payloads"
TARGET = LiveTarget("http://loop-sandbox.test", Secret(DEMO_SUBSCRIPTION_KEY), Secret(DEMO_API_KEY))
OPS = Definition.normalized()


def saved_run(profile: str, folder: Path) -> Report:
    application = create_app(profile=profile, import_step_seconds=0)
    options = LiveOptions(save_bodies=folder)
    return check_live(TARGET, options, transport=sandbox_sync_transport(application))


def verdicts(report: Report) -> set[tuple[str, str, str, str, int]]:
    """Rows without the evidence file `drift check` adds to the operation."""
    return {
        (re.sub(r" \[.*\]$", "", f.operation), f.kind, f.path, f.verdict, f.count) for f in report.findings
    }


@pytest.fixture(scope="module")
def variants_saved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    folder = tmp_path_factory.mktemp("bodies")
    return saved_run(profiles.VARIANTS, folder), folder


def run(*args: str) -> Any:
    return CliRunner().invoke(app, ["drift", *args])


def one_line_error(result: Any, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    for needle in needles:
        assert needle in lines[0], lines[0]


# -- save ---------------------------------------------------------------------------------------------


def test_every_answer_is_saved_one_file_per_operation(variants_saved: tuple[Report, Path]) -> None:
    report, folder = variants_saved
    files = sorted(folder.glob("*.json"))
    assert {p.stem for p in files} == {OPS.find_operation(op).operation_id for op in report.operations}  # type: ignore[union-attr]
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data[MARKER] == 1 and data["status"] == 200 and "body" in data
        assert set(data["headers"]) <= {"content-type", "date", "request-id", "x-ms-request-id"}
        assert load_evidence(path).operation == path.stem


def test_drift_check_on_the_saved_bodies_gives_the_live_verdicts(variants_saved: tuple[Report, Path]) -> None:
    live, folder = variants_saved
    offline = check_files([folder])
    assert verdicts(offline) == verdicts(live)
    assert len(offline.operations) == len(live.operations)


def test_saved_tiers_carry_no_personal_data(variants_saved: tuple[Report, Path]) -> None:
    _, folder = variants_saved
    data = json.loads((folder / "listTiersSalaries.json").read_text(encoding="utf-8"))
    rules = {(r["path"], r["rule"]) for r in data["redacted"]}
    assert {("$[*].nom", "name"), ("$[*].prenom", "name"), ("$[*].email", "contact")} <= rules
    for record in data["body"]:
        assert set(str(record.get("nom", ""))) <= {"X", "x", " ", "-", "'"}
        assert re.fullmatch(r"[x.]+@[x.]+", record.get("email") or "x@x.xx")
        assert record["objectId"] and record["revisionId"].startswith("0x")  # identities kept


# -- redaction ------------------------------------------------------------------------------------------


def test_redaction_masks_secrets_and_personal_data_and_keeps_the_shape() -> None:
    register_secret("sk-live-0123456789")
    body = [
        {
            "objectId": "5b9e2c41-7a3d-4e6f-8b1c-2d3e4f5a6b7c",
            "revisionId": "0x0000000000019E12",
            "libelle": "DUPONT Jean",
            "nom": "Dupont",
            "telephone": 612345678,
            "adr": {"adresse1": "12 rue des Lilas", "codePostal": "75011"},
            "rib": [{"iban": "FR76 3000 6000 0112 3456 7890 189", "bic": "BNPAFRPPXXX"}],
            "commentaire": "rappeler jean.dupont@example.fr au 06 12 34 56 78, "
            "IBAN FR7630006000011234567890189",
            "note": "clé sk-live-0123456789, lien https://b.test/f?sv=1&sig=c2VjcmV0",
            "actif": True,
            "solde": 12.5,
            "nature": None,
        }
    ]
    redacted, done = redact_body(copy.deepcopy(body), "/tierssalarie")
    record = redacted[0]
    assert record["objectId"] == body[0]["objectId"] and record["revisionId"] == body[0]["revisionId"]
    assert record["libelle"] == "XXXXXX Xxxx" and record["nom"] == "Xxxxxx"
    assert record["telephone"] == 100000000 and isinstance(record["telephone"], int)
    assert record["adr"] == {"adresse1": "00 xxx xxx Xxxxx", "codePostal": "00000"}
    assert record["rib"] == [{"iban": "XX00 0000 0000 0000 0000 0000 000", "bic": "XXXXXXXXXXX"}]
    assert record["commentaire"] == "rappeler xxxx.xxxxxx@xxxxxxx.xx au 00 00 00 00 00, IBAN XX" + "0" * 25
    assert "sk-live" not in record["note"] and "c2VjcmV0" not in record["note"]
    assert (record["actif"], record["solde"], record["nature"]) == (True, 12.5, None)
    rules = {entry["rule"] for entry in done.as_json()}
    assert rules == {"name", "contact", "bank-or-identity", "email", "phone", "iban", "secret"}
    assert "Dupont" not in json.dumps(done.as_json())  # where, never what
    # The same masks on a compte: its libellé is no one's name.
    compte, _ = redact_body([{"libelle": "Achats DUPONT"}], "/compte")
    assert compte == [{"libelle": "Achats DUPONT"}]
    assert mask_text("Élodie-Anne 3") == "Xxxxxx-Xxxx 0"


def test_a_body_that_is_not_json_is_saved_as_text() -> None:
    op = OPS.find_operation("listComptes")
    assert op is not None
    response = httpx.Response(502, text="<html>bad gateway for jean@example.fr</html>")
    document = evidence_document(op, response)
    assert document["text"] == "<html>bad gateway for xxxx@xxxxxxx.xx</html>" and "body" not in document


# -- check ----------------------------------------------------------------------------------------------


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_check_a_bare_body_with_its_operation(tmp_path: Path) -> None:
    record = load_evidence(PAYLOADS / "journal-objectid-not-uuid.json").body[0]  # a full journal
    bare = write(tmp_path / "journal.json", [record])
    result = run("check", str(bare), "--operation", "GET /journal", "--json", str(tmp_path / "r.json"))
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "r.json").read_text())
    assert data["operations"][0]["operation"] == "GET /journal [journal.json]" and data["result"] == "pass"
    assert {"Q-OBJECTID-NOT-UUID", "Q-INT-ENUMS"} <= {
        q for f in data["operations"][0]["findings"] for q in f.get("quirks", [])
    }
    drifted = write(tmp_path / "drifted.json", [{**record, "code": 7}])
    result = run("check", str(drifted), "--operation", "listJournaux")
    assert result.exit_code == 1 and "type-changed at $[*].code" in result.output


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ([{"numero": "1"}], [], "a bare JSON body names no operation: pass --operation"),
        ([{"numero": "1"}], ["--operation", "listNothing"], "no operation 'listNothing' in the definition"),
        ("{not json", [], "not JSON"),
        ({MARKER: 1, "operation": "listComptes", "status": 200, "bdy": []}, [], "unknown key(s) 'bdy'"),
        ({MARKER: 2, "operation": "listComptes", "body": []}, [], "evidence version 2 is not supported"),
        (
            {MARKER: 1, "operation": "listComptes", "status": "200", "body": []},
            [],
            "'status' must be an HTTP",
        ),
        (
            {MARKER: 1, "operation": "listComptes", "body": []},
            ["--operation", "listJournaux"],
            "--operation says",
        ),
        ({MARKER: 1, "operation": "listComptes"}, [], "exactly one of 'body' (JSON) and 'text'"),
    ],
)
def test_bad_evidence_is_one_line_naming_the_file(
    tmp_path: Path, content: Any, args: list[str], message: str
) -> None:
    path = tmp_path / "captured.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    one_line_error(run("check", str(path), *args), str(path), message)


def test_check_of_a_missing_file_or_an_empty_folder(tmp_path: Path) -> None:
    one_line_error(run("check", str(tmp_path / "nope.json")), "nope.json: cannot read")
    one_line_error(run("check", str(tmp_path)), f"{tmp_path}: no .json file in this folder")


# -- propose ----------------------------------------------------------------------------------------------


def test_propose_writes_a_reviewable_yaml_and_applies_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "evidence"
    folder.mkdir()
    for path in PAYLOADS.glob("*.json"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    before = {p: p.read_bytes() for p in (ROOT / "overrides").glob("*.yaml")}
    result = run("propose", str(folder))
    assert result.exit_code == 0, result.output
    assert "overlay action(s)" in result.output and f"proposal: {folder / 'proposal.yaml'}" in result.output
    data = yaml.safe_load((folder / "proposal.yaml").read_text(encoding="utf-8"))
    actions = data["overlay"]["actions"]
    assert actions and all(re.fullmatch(r"Q-NEW-\d+", a["x-quirk"]) for a in actions)
    assert all(re.search(r"Evidence: .*\.json", a["description"]) for a in actions)
    assert {p.name for p in (ROOT / "overrides").glob("*.yaml")} and before == {
        p: p.read_bytes() for p in (ROOT / "overrides").glob("*.yaml")
    }, "nothing applied"
    assert len(data["quirks_md"]) == len({a["x-quirk"] for a in actions})


KEYWORD_KINDS = {"type-changed", "enum-value-unknown", "format-mismatch", "pattern-mismatch", "out-of-range"}


def _schema_rows(definitions: Definitions, files: list[Path]) -> set[tuple[str, str, str]]:
    """The unexplained deviations of a failed schema keyword (what the overlay actions are for)."""
    checker = BodyChecker(definitions, lambda op, status, body: _lossless())
    out = set()
    for path in files:
        evidence = load_evidence(path)
        op = checker.documented.find_operation(evidence.operation)
        assert op is not None
        for f in checker.check_answer(op, evidence.answer):
            if f.verdict == "unexplained" and f.kind in KEYWORD_KINDS | {"unmapped-deviation"}:
                out.add((path.name, f.kind, f.path))
    return out


def _lossless() -> Any:
    from cegid_loop.drift.client_read import LOSSLESS, ReadOutcome

    return ReadOutcome(LOSSLESS)


def test_the_proposed_overlay_actions_explain_the_deviations_they_were_made_for() -> None:
    """Applied after the vendored overlay, the actions make every keyword deviation of the payloads
    an explained one (by its Q-NEW id)."""
    files = sorted(PAYLOADS.glob("*.json"))
    proposal = propose(files)
    vendored = Definitions.load()
    before = _schema_rows(vendored, files)
    overlay = {
        **vendored.overlay,
        "actions": [*vendored.overlay["actions"], *copy.deepcopy(proposal.actions)],
    }
    effective, _ = apply_overlay(copy.deepcopy(spec.load_normalized()), overlay)
    after = _schema_rows(Definitions.load(effective=effective, overlay=overlay), files)
    assert {kind for _, kind, _ in before} >= {"type-changed", "enum-value-unknown", "pattern-mismatch"}
    assert after == set(), sorted(after)


def test_deviations_of_inferred_parts_become_definition_patches(tmp_path: Path) -> None:
    periode = {
        "objectId": "00000000-0000-4000-8000-000000000000",
        "revisionId": "0x0000000000001063",
        "dateModification": "2026-02-01T10:15:00.000Z",
    }
    evidence = write(
        tmp_path / "listPeriodes.json", {MARKER: 1, "operation": "listPeriodes", "body": [periode]}
    )
    proposal = propose([evidence])
    assert proposal.actions == [] and len(proposal.definition) == 1
    change = proposal.definition[0]
    assert change["id"] == "D-NEW-1" and change["provenance"] == "inferred"
    assert change["patch"] == [
        {
            "op": "add",
            "path": "/components/schemas/Periode/properties/dateModification",
            "value": {"type": "string"},
        }
    ]
    assert change["evidence"] == [str(evidence)]


def test_a_client_failure_no_definition_change_fixes_is_a_reader_item(tmp_path: Path) -> None:
    reader: Callable[[str, int, Any], Any] = lambda op, status, body: _failed_at_libelle()  # noqa: E731
    evidence = write(
        tmp_path / "c.json",
        {MARKER: 1, "operation": "listComptes", "body": [{"numero": "60100000", "libelle": "Achats"}]},
    )
    proposal = propose([evidence], reader=reader)
    assert [(r["kind"], r["path"], r["error"]) for r in proposal.reader] == [
        ("client-read-failed", "$[*].libelle", "ValueError: no")
    ]


def _failed_at_libelle() -> Any:
    from cegid_loop.drift.client_read import FAILED, Culprit, ReadOutcome

    return ReadOutcome(
        FAILED, "ValueError: no", (), (Culprit((0, "libelle"), FAILED, "ValueError: no", "Achats"),)
    )


def test_propose_refuses_a_folder_with_a_bare_body(tmp_path: Path) -> None:
    write(tmp_path / "bare.json", [])
    one_line_error(run("propose", str(tmp_path)), "bare.json: a bare JSON body names no operation")


def test_the_answer_of_a_saved_file_is_the_answer_checked() -> None:
    evidence = load_evidence(PAYLOADS / "groupe-data-envelope.json")
    assert evidence.answer == ReceivedAnswer(
        200, evidence.body, json.dumps(evidence.body, ensure_ascii=False), "application/json; charset=utf-8"
    )


def test_save_bodies_into_a_file_is_one_line(tmp_path: Path) -> None:
    blocker = write(tmp_path / "taken", [])
    one_line_error(
        run("live", "--sandbox", "normal", "--save-bodies", str(blocker)), "taken", "cannot save the answer"
    )
