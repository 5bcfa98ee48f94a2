"""`drift spec`: pairs of definitions with known changes, built from the vendored spec by small edits.

Each pair states the exact set of (kind, severity, operation, location) it must produce: a change
missed, misclassified or invented fails the test.
"""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cegid_loop import spec as spec_module
from cegid_loop.cli.app import app
from cegid_loop.drift.report import BREAKING as B
from cegid_loop.drift.report import NON_BREAKING as NB
from cegid_loop.drift.spec_diff import diff

Spec = dict[str, Any]
Row = tuple[str, str, str, str]  # kind, severity, operation, location


def upstream() -> Spec:
    return copy.deepcopy(dict(spec_module.load_upstream()))


def changes(old: Spec, new: Spec) -> set[Row]:
    return {(c.kind, c.severity, c.operation, c.path) for c in diff(old, new)}


def schemas(doc: Spec) -> dict[str, Any]:
    return doc["components"]["schemas"]  # type: ignore[no-any-return]


def operations_using(doc: Spec, parameter: str) -> list[str]:
    ref = f"#/components/parameters/{parameter}"
    return [
        f"{m.upper()} {p}"
        for p, item in doc["paths"].items()
        for m, op in item.items()
        if isinstance(op, dict) and any(x.get("$ref") == ref for x in op.get("parameters") or [])
    ]


# -- the edits and what each must produce ---------------------------------------------------------------


def remove_operation(doc: Spec) -> set[Row]:
    del doc["paths"]["/journal"]["delete"]
    return {("operation-removed", B, "DELETE /journal", "")}


def rename_operation(doc: Spec) -> set[Row]:
    doc["paths"]["/TVA"] = {"get": doc["paths"]["/tva"].pop("get")}
    return {("operation-renamed", B, "GET /TVA", "")}


def add_operation(doc: Spec) -> set[Row]:
    doc["paths"]["/exercice"] = {
        "get": {"operationId": "listExercices", "responses": {"200": {"description": "ok"}}}
    }
    return {("operation-added", NB, "GET /exercice", "")}


def change_operation_id(doc: Spec) -> set[Row]:
    doc["paths"]["/axe"]["get"]["operationId"] = "getAxes"
    return {("operation-id-changed", B, "GET /axe", "operationId")}


def deprecate_operation(doc: Spec) -> set[Row]:
    doc["paths"]["/axe"]["get"]["deprecated"] = True
    return {("operation-deprecated", NB, "GET /axe", "deprecated")}


def add_required_parameter(doc: Spec) -> set[Row]:
    doc["paths"]["/journal"]["get"]["parameters"].append(
        {"name": "exercice", "in": "query", "required": True, "schema": {"type": "string"}}
    )
    return {("parameter-added-required", B, "GET /journal", "query.exercice")}


def add_optional_parameter(doc: Spec) -> set[Row]:
    doc["paths"]["/journal"]["get"]["parameters"].append(
        {"name": "exercice", "in": "query", "schema": {"type": "string"}}
    )
    return {("parameter-added", NB, "GET /journal", "query.exercice")}


def remove_parameter(doc: Spec) -> set[Row]:
    params = doc["paths"]["/journal"]["get"]["parameters"]
    params[:] = [p for p in params if p.get("$ref") != "#/components/parameters/select"]
    return {("parameter-removed", B, "GET /journal", "query.select")}


def make_parameter_required(doc: Spec) -> set[Row]:
    params = doc["paths"]["/section"]["get"]["parameters"]
    params[:] = [
        {**doc["components"]["parameters"]["filter"], "required": True}
        if p.get("$ref") == "#/components/parameters/filter"
        else p
        for p in params
    ]
    return {("parameter-became-required", B, "GET /section", "query.filter")}


def change_parameter_type(doc: Spec) -> set[Row]:
    doc["components"]["parameters"]["skip"]["schema"]["type"] = "string"
    return {("type-changed", B, op, "query.skip") for op in operations_using(doc, "skip")}


def drop_parameter_format(doc: Spec) -> set[Row]:
    del doc["components"]["parameters"]["objectId"]["schema"]["format"]  # accepts more: not breaking
    return {("format-changed", NB, op, "query.objectId") for op in operations_using(doc, "objectId")}


def tighten_parameter(doc: Spec) -> set[Row]:
    doc["components"]["parameters"]["take"]["schema"]["maximum"] = 100  # Q-TAKE-CAP as a change
    return {("maximum-changed", B, op, "query.take") for op in operations_using(doc, "take")}


def _journal_ops(where: str) -> set[tuple[str, str]]:
    return {
        ("GET /journal", f"response 200: $[*]{where}"),
        ("POST /journal", f"request body: ${where}"),
        ("PUT /journal", f"request body: ${where}"),
    }


def _compte_ops(where: str) -> set[tuple[str, str]]:
    return {
        ("GET /compte", f"response 200: $[*]{where}"),
        ("POST /compte", f"request body: ${where}"),
        ("PUT /compte", f"request body: ${where}"),
    }


def add_enum_value(doc: Spec) -> set[Row]:
    schemas(doc)["Journal"]["properties"]["type"]["enum"].append("9")
    return {
        ("enum-value-added", B if op.startswith("GET") else NB, op, path)
        for op, path in _journal_ops(".type")
    }


def remove_enum_value(doc: Spec) -> set[Row]:
    schemas(doc)["Journal"]["properties"]["type"]["enum"].remove("8")
    return {
        ("enum-value-removed", NB if op.startswith("GET") else B, op, path)
        for op, path in _journal_ops(".type")
    }


def make_request_field_required(doc: Spec) -> set[Row]:
    schemas(doc)["Compte"]["required"] = ["libelle"]
    return {
        (
            "response-property-became-required"
            if op.startswith("GET")
            else "request-property-became-required",
            NB if op.startswith("GET") else B,
            op,
            path,
        )
        for op, path in _compte_ops(".libelle")
    }


def remove_field(doc: Spec) -> set[Row]:
    del schemas(doc)["Compte"]["properties"]["libelle"]
    return {
        ("response-property-removed" if op.startswith("GET") else "request-property-removed", B, op, path)
        for op, path in _compte_ops(".libelle")
    }


def add_field(doc: Spec) -> set[Row]:
    schemas(doc)["Compte"]["properties"]["intitule"] = {"type": "string"}
    return {
        ("response-property-added" if op.startswith("GET") else "request-property-added", NB, op, path)
        for op, path in _compte_ops(".intitule")
    }


def change_field_type(doc: Spec) -> set[Row]:
    schemas(doc)["Compte"]["properties"]["numero"]["type"] = "integer"
    return {("type-changed", B, op, path) for op, path in _compte_ops(".numero")}


def widen_field_type(doc: Spec) -> set[Row]:
    schemas(doc)["Compte"]["properties"]["numero"]["type"] = [
        "string",
        "integer",
    ]  # a client may now get an int
    return {
        ("type-changed", B if op.startswith("GET") else NB, op, path) for op, path in _compte_ops(".numero")
    }


def make_field_nullable(doc: Spec) -> set[Row]:
    schemas(doc)["Compte"]["properties"]["libelle"]["type"] = ["string", "null"]
    return {
        ("became-nullable", B if op.startswith("GET") else NB, op, path)
        for op, path in _compte_ops(".libelle")
    }


def change_security(doc: Spec) -> set[Row]:
    doc["security"] = [{"subscriptionKey": []}]  # the API key is no longer accepted on its own requirement
    ops = [
        f"{m.upper()} {p}"
        for p, item in doc["paths"].items()
        for m in item
        if m in ("get", "post", "put", "delete")
    ]
    return {("security-changed", B, op, "security") for op in ops}


def rename_api_key_header(doc: Spec) -> set[Row]:
    doc["components"]["securitySchemes"]["apiKey"]["name"] = "API-KEY"
    return {("security-scheme-changed", B, "(document)", "securitySchemes.apiKey.name")}


def require_a_body(doc: Spec) -> set[Row]:
    doc["paths"]["/compte"]["delete"]["requestBody"] = {
        "required": True,
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
    return {("request-body-added-required", B, "DELETE /compte", "request body")}


def remove_statuses(doc: Spec) -> set[Row]:
    responses = doc["paths"]["/compte"]["get"]["responses"]
    del responses["200"], responses["429"]
    return {
        ("response-status-removed", B, "GET /compte", "response 200"),
        ("response-status-removed", NB, "GET /compte", "response 429"),
    }


def drop_retry_after(doc: Spec) -> set[Row]:
    del doc["components"]["responses"]["TooManyRequests"]["headers"]
    ops = [
        f"{m.upper()} {p}"
        for p, item in doc["paths"].items()
        for m, op in item.items()
        if isinstance(op, dict) and "429" in op.get("responses", {})
    ]
    return {("response-header-removed", B, op, "response 429 header retry-after") for op in ops}


PAIRS: dict[str, Callable[[Spec], set[Row]]] = {
    f.__name__: f
    for f in (
        remove_operation,
        rename_operation,
        add_operation,
        change_operation_id,
        deprecate_operation,
        add_required_parameter,
        add_optional_parameter,
        remove_parameter,
        make_parameter_required,
        change_parameter_type,
        drop_parameter_format,
        tighten_parameter,
        add_enum_value,
        remove_enum_value,
        make_request_field_required,
        remove_field,
        add_field,
        change_field_type,
        widen_field_type,
        make_field_nullable,
        change_security,
        rename_api_key_header,
        require_a_body,
        remove_statuses,
        drop_retry_after,
    )
}


@pytest.mark.parametrize("pair", list(PAIRS))
def test_each_change_is_found_and_classified(pair: str) -> None:
    old, new = upstream(), upstream()
    expected = PAIRS[pair](new)
    assert expected, "a pair must expect something"
    assert changes(old, new) == expected


def test_identical_definitions_have_no_change() -> None:
    assert diff(upstream(), upstream()) == []


def test_the_overlay_itself_is_classified() -> None:
    """upstream -> effective: what a client built from the portal's definition would meet."""
    found = changes(dict(spec_module.load_upstream()), dict(spec_module.load_effective()))
    assert {
        ("format-changed", B, "GET /compte", "response 200: $[*].revisionId"),  # Q-REVISION-HEX: no more UUID
        ("format-changed", NB, "PUT /compte", "request body: $.revisionId"),
        ("type-changed", B, "GET /compte", "response 200: $[*].type"),  # Q-INT-ENUMS
        ("type-changed", B, "GET /compte", "response 200: $[*].compteBanque"),  # Q-COMPTEBANQUE-REFERENCE
        ("type-changed", B, "GET /compte", "response 200: $[*].description"),  # Q-DESCRIPTION-SHAPE
        (
            "response-property-removed",
            B,
            "GET /compte",
            "response 200: $[*].comptecontrepartie",
        ),  # Q-FIELD-NAMES
        ("request-property-became-optional", NB, "POST /importFEC", "request body: $.URL"),  # Q-URL-OR-URI
        ("request-property-became-optional", NB, "POST /partialInit", "request body: $.numberOfDays"),
        ("maximum-changed", B, "GET /compte", "query.take"),  # Q-TAKE-CAP
    } <= found
    assert not any(op.startswith("DELETE") for _, _, op, _ in found)  # the overlay touches no delete


# -- the command ------------------------------------------------------------------------------------------

runner = CliRunner()


def write(tmp_path: Path, name: str, doc: Spec) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_the_command_exits_1_on_a_breaking_change_and_writes_the_three_reports(tmp_path: Path) -> None:
    new = upstream()
    remove_operation(new)
    add_field(new)
    old_file, new_file = write(tmp_path, "old.yaml", upstream()), write(tmp_path, "new.yaml", new)
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "drift",
            "spec",
            str(old_file),
            str(new_file),
            "--json",
            str(out / "d.json"),
            "--markdown",
            str(out / "d.md"),
            "--junit",
            str(out / "d.xml"),
        ],
    )
    assert result.exit_code == 1, result.output
    assert "1 breaking change(s), 3 non-breaking" in result.output
    data = json.loads((out / "d.json").read_text())
    assert data["result"] == "fail" and data["summary"] == {B: 1, NB: 3}
    journal = next(o for o in data["operations"] if o["operation"] == "DELETE /journal")
    assert journal["findings"][0]["kind"] == "operation-removed"
    markdown = (out / "d.md").read_text()
    assert "## DELETE /journal" in markdown and "| **breaking** | operation-removed |" in markdown
    suite = ET.parse(out / "d.xml").getroot().find("testsuite")
    assert suite is not None and suite.get("failures") == "1"
    failed = [c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None]
    assert failed == ["DELETE /journal"]


def test_the_command_exits_0_without_breaking_change(tmp_path: Path) -> None:
    new = upstream()
    add_field(new)
    result = runner.invoke(
        app,
        ["drift", "spec", str(write(tmp_path, "a.yaml", upstream())), str(write(tmp_path, "b.yaml", new))],
    )
    assert result.exit_code == 0, result.output
    assert "PASS" in result.output


def test_upstream_and_effective_are_accepted_by_name() -> None:
    result = runner.invoke(app, ["drift", "spec", "upstream", "effective"])
    assert result.exit_code == 1 and "breaking" in result.output


@pytest.mark.parametrize("content", [None, "not: [valid", "just: a mapping"])
def test_an_unreadable_definition_is_one_line_and_exit_2(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "broken.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["drift", "spec", str(path), "upstream"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("cegid-loop drift spec: ")
