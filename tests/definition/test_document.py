"""The model of a definition: references with the pointer they lead to, operations, validation."""

from __future__ import annotations

from typing import Any

import pytest

from cegid_loop.definition import Definition, resolve
from cegid_loop.definition.apimap import MapEntry
from cegid_loop.definition.validator import UnresolvedReference

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "security": [{"subscriptionKey": [], "apiKey": []}],
    "paths": {
        "/thing": {
            "parameters": [{"$ref": "#/components/parameters/codeDossier"}, {"name": "lang", "in": "query"}],
            "get": {
                "operationId": "listThings",
                "tags": ["things"],
                "x-provenance": {"level": "inferred"},
                "parameters": [
                    {"name": "lang", "in": "query", "required": True, "example": "fr"},
                    {"name": "X-Trace", "in": "header"},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Things"}}},
                    },
                    "404": {"$ref": "#/components/responses/NotFound"},
                },
            },
            "put": {
                "security": [],
                "requestBody": {"$ref": "#/components/requestBodies/Thing"},
                "responses": {"200": {"description": "ok"}},
            },
        }
    },
    "components": {
        "parameters": {
            "codeDossier": {
                "name": "codeDossier",
                "in": "query",
                "required": True,
                "schema": {"type": "string"},
            }
        },
        "schemas": {
            "Thing": {
                "type": "object",
                "properties": {"code": {"type": "string", "maxLength": 3}},
                "required": ["code"],
            },
            "Things": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
            "Loop": {"$ref": "#/components/schemas/Loop"},
            "Elsewhere": {"$ref": "other.yaml#/Thing"},
            "Dangling": {"type": "array", "items": {"$ref": "#/components/schemas/Nothing"}},
        },
        "requestBodies": {
            "Thing": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
            }
        },
        "responses": {
            "NotFound": {"description": "no", "content": {"application/json": {"schema": {"type": "object"}}}}
        },
    },
}


def test_a_reference_resolves_to_its_node_and_the_pointer_it_leads_to() -> None:
    found = resolve(DOCUMENT, {"$ref": "#/components/schemas/Things"}, "/somewhere")
    assert found.node is DOCUMENT["components"]["schemas"]["Things"]
    assert (found.pointer, found.ref) == ("/components/schemas/Things", "#/components/schemas/Things")
    plain = resolve(DOCUMENT, {"type": "string"}, "/here")
    assert (plain.node, plain.pointer, plain.ref) == ({"type": "string"}, "/here", None)


@pytest.mark.parametrize("name", ["Loop", "Elsewhere", "Nothing"])
def test_a_reference_that_cannot_be_followed_resolves_to_the_empty_schema(name: str) -> None:
    assert resolve(DOCUMENT, {"$ref": f"#/components/schemas/{name}"}).node == {}


def test_operations_merge_path_parameters_and_follow_references() -> None:
    definition = Definition(DOCUMENT)
    get, put = definition.operations
    assert (get.label, get.operation_id, put.operation_id) == ("GET /thing", "listThings", "")
    assert [(p.name, p.location, p.required) for p in get.parameters] == [
        ("codeDossier", "query", True),
        ("lang", "query", True),  # the operation's replaces the path item's
        ("X-Trace", "header", False),
    ]
    assert get.parameters[0].pointer == "/components/parameters/codeDossier"
    assert get.parameters[1].pointer == "/paths/~1thing/get/parameters/0"
    assert get.parameters[1].example == "fr"
    assert get.names() == ("codeDossier", "lang") and get.required_names("header") == ()
    assert get.success is not None and get.success.schema_pointer == (
        "/paths/~1thing/get/responses/200/content/application~1json/schema"
    )
    assert get.returns_list and not put.returns_list
    not_found = get.response("404")
    assert not_found is not None and not_found.pointer == "/components/responses/NotFound"
    assert put.body is not None and put.body.required
    assert put.body.schema_pointer == "/components/requestBodies/Thing/content/application~1json/schema"
    assert put.body.schema is DOCUMENT["components"]["schemas"]["Thing"]
    assert get.security == {frozenset({"subscriptionKey", "apiKey"})}
    assert put.security == {frozenset()}
    assert (get.tags, get.provenance, put.provenance) == (("things",), "inferred", "official")


def test_operations_are_found_by_id_by_label_and_ignoring_the_path_case() -> None:
    entry = MapEntry("GET", "/thing", "things", "list", "listThings", "things")
    definition = Definition(DOCUMENT, names={entry.key: entry})
    assert definition.find_operation("listThings") is definition.find_operation("get  /THING")
    assert definition.operation("get", "/Thing") is definition.operations[0]
    assert definition.operations[0].entry == entry and definition.operations[1].entry is None
    assert definition.find_operation("nothing") is None


def test_the_validator_says_where_in_the_definition_an_error_comes_from() -> None:
    validator = Definition(DOCUMENT, name="test").validator()
    errors = validator.errors("/components/schemas/Things", [{"code": "ABCD"}, {}])
    assert sorted(validator.location(e) for e in errors) == [
        "/components/schemas/Thing/properties/code/maxLength",
        "/components/schemas/Thing/required",
    ]
    assert validator.errors("/components/schemas/Things", [{"code": "A"}]) == []
    closed = Definition(DOCUMENT, name="test").validator(closed=True)
    assert [e.validator for e in closed.errors("/components/schemas/Thing", {"code": "A", "x": 1})] == [
        "unevaluatedProperties"
    ]
    with pytest.raises(UnresolvedReference):
        validator.errors("/components/schemas/Dangling", [{}])


def test_the_project_definitions_are_loaded_once() -> None:
    assert Definition.effective() is Definition.effective()
    assert Definition.effective().operations is Definition.effective().operations
    assert Definition.normalized().find_operation("listComptes") is not None


def test_definition_errors_are_not_loop_errors() -> None:
    """An application catching the client's LoopError must not catch build-time failures."""
    from cegid_loop.definition import DefinitionError
    from cegid_loop.definition.apimap import ApiMapError
    from cegid_loop.definition.overlay import OverlayError, StaleOverlayAction
    from cegid_loop.errors import LoopError

    for error in (DefinitionError, ApiMapError, OverlayError, StaleOverlayAction, UnresolvedReference):
        assert issubclass(error, DefinitionError) and not issubclass(error, LoopError), error
