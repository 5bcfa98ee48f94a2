"""Schema reading (allOf merged, where a field is declared) and pointers (JSON pointer, JSONPath)."""

from __future__ import annotations

from typing import Any

import pytest

from cegid_loop.definition import Definition
from cegid_loop.definition.overlay import matched_pointers
from cegid_loop.definition.pointers import jsonpath_of, node_at, pointer, segments
from cegid_loop.definition.schemas import allows_null, declared_at, flatten

DOCUMENT: dict[str, Any] = {
    "paths": {"/a/b": {"get": {"parameters": [{"name": "x~y", "in": "query"}]}}},
    "components": {
        "schemas": {
            "Base": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]},
            "Child": {
                "allOf": [{"$ref": "#/components/schemas/Base"}],
                "properties": {"code": {"type": "string"}},
                "required": ["code"],
            },
            "Page": {
                "anyOf": [
                    {"type": "null"},
                    {"type": "array", "items": {"$ref": "#/components/schemas/Child"}},
                ]
            },
        }
    },
}


def test_all_of_parts_are_merged_and_the_reference_kept() -> None:
    merged, ref = flatten(Definition(DOCUMENT), {"$ref": "#/components/schemas/Child"})
    assert ref == "#/components/schemas/Child"
    assert set(merged["properties"]) == {"id", "code"} and merged["required"] == ["id", "code"]
    only_ref, ref = flatten(Definition(DOCUMENT), {"allOf": [{"$ref": "#/components/schemas/Base"}]})
    assert ref == "#/components/schemas/Base" and set(only_ref["properties"]) == {"id"}


def test_where_a_field_of_an_answer_is_declared() -> None:
    definition = Definition(DOCUMENT)
    page = "/components/schemas/Page"
    assert declared_at(definition, page, ["[*]", "code"]) == "/components/schemas/Child/properties/code"
    assert declared_at(definition, page, ["[*]", "id"]) == "/components/schemas/Base/properties/id"  # allOf
    assert declared_at(definition, page, ["[*]", "missing"]) is None


@pytest.mark.parametrize(
    ("schema", "nullable"),
    [({}, True), ({"type": ["string", "null"]}, True), ({"type": "string"}, False),
     ({"anyOf": [{"type": "string"}, {"type": "null"}]}, True), ({"anyOf": [{"type": "string"}]}, False)],
)  # fmt: skip
def test_allows_null(schema: dict[str, Any], nullable: bool) -> None:
    assert allows_null(schema) is nullable


def test_pointers_escape_and_find_their_node() -> None:
    at = pointer("paths", "/a/b", "get", "parameters", 0)
    assert at == "/paths/~1a~1b/get/parameters/0" and segments(at)[1] == "/a/b"
    assert node_at(DOCUMENT, at)["name"] == "x~y"
    assert jsonpath_of(at, DOCUMENT) == "$.paths['/a/b'].get.parameters[0]"
    with pytest.raises(KeyError):
        node_at(DOCUMENT, "/paths/~1nothing")


def test_the_pointers_an_overlay_acts_on_are_those_the_applier_sees() -> None:
    overlay = {
        "overlay": "1.0.0",
        "actions": [
            {"target": "$.components.schemas.Base", "x-quirk": "Q-A", "update": {"x-new": {"k": 1}}},
            {"target": "$..x-new", "x-quirk": "Q-B", "remove": True},  # exists only after the first
        ],
    }
    assert list(matched_pointers(DOCUMENT, overlay)) == [
        ("Q-A", "/components/schemas/Base"),
        ("Q-B", "/components/schemas/Base/x-new"),
    ]
    assert "x-new" not in DOCUMENT["components"]["schemas"]["Base"]  # the document is not changed
