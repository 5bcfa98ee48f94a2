"""Does an operation return a list? One decision (cegid_loop.definition.schemas.list_shape), for
the sandbox, drift and the names of new operations; these tests pin it."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import pytest

from cegid_loop.definition import ARRAY, ENVELOPE, Definition, list_shape
from cegid_loop.definition.schemas import list_items

RECORD = {"type": "object", "properties": {"code": {"type": "string"}}}
DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "paths": {},
    "components": {
        "schemas": {
            "Record": RECORD,
            "Records": {"type": "array", "items": {"$ref": "#/components/schemas/Record"}},
            "Wrapped": {"type": "object", "properties": {"data": {"$ref": "#/components/schemas/Records"}}},
            "Alias": {"$ref": "#/components/schemas/Records"},
        }
    },
}
REF = {"$ref": "#/components/schemas/Record"}


@pytest.mark.parametrize(
    ("schema", "shape"),
    [
        ({"type": "array", "items": REF}, ARRAY),
        ({"type": ["array", "null"], "items": REF}, ARRAY),  # a nullable list is still a list
        ({"items": REF}, ARRAY),  # no type, but items
        ({"$ref": "#/components/schemas/Alias"}, ARRAY),  # a chain of references
        # Q-GROUPE-DATA-WRAP / Q-LIST-ENVELOPE: the records under `data`, other keys beside it
        ({"$ref": "#/components/schemas/Wrapped"}, ENVELOPE),
        ({"properties": {"data": {"type": "array"}, "count": {"type": "integer"}}}, ENVELOPE),
        ({"anyOf": [{"type": "array", "items": REF}, {"type": "null"}]}, ARRAY),
        (
            {"oneOf": [{"$ref": "#/components/schemas/Wrapped"}, {"$ref": "#/components/schemas/Records"}]},
            ARRAY,
        ),
        ({"anyOf": [{"$ref": "#/components/schemas/Wrapped"}, {"type": "null"}]}, ENVELOPE),
        # not a list: one branch is not (a reader cannot count on records)
        ({"oneOf": [{"type": "array", "items": REF}, REF]}, None),
        ({"oneOf": [REF, {"properties": {"error": {"type": "object"}}}]}, None),
        # not a list: an object with arrays that are not `data` (PUT /DossierComplet's envelope)
        ({"properties": {"success": {"type": "array"}, "errors": {"type": "array"}}}, None),
        ({"type": "object", "properties": {"data": {"type": "string"}}}, None),
        ({"type": ["array", "string"]}, None),
        (REF, None),
        ({}, None),
        ({"$ref": "#/components/schemas/Missing"}, None),
        (None, None),
    ],
)
def test_list_shape(schema: Any, shape: str | None) -> None:
    assert list_shape(Definition(DOCUMENT), schema) == shape


def test_the_record_of_a_list_is_its_items_or_those_under_data() -> None:
    definition = Definition(DOCUMENT)
    assert list_items(definition, {"$ref": "#/components/schemas/Records"}) is RECORD
    assert list_items(definition, {"$ref": "#/components/schemas/Wrapped"}) is RECORD
    assert list_items(definition, {"anyOf": [{"type": "null"}, {"type": "array", "items": REF}]}) is RECORD
    assert list_items(definition, REF) is None


def test_an_operation_returns_a_list_exactly_when_the_generated_facade_does() -> None:
    """The model and openapi-python-client (which the facade follows) read the effective
    definition the same way: a facade method typed ``list[...]`` for every list, and only there."""
    from cegid_loop_api.facade.registry import RESOURCES

    definition = Definition.effective()
    lists, facade_lists = set(), set()
    for info in RESOURCES.values():
        module = importlib.import_module(f"cegid_loop_api.facade.resources.{info.name}")
        resource = getattr(module, info.class_name)
        for op in info.operations:
            annotation = str(inspect.signature(getattr(resource, op.name)).return_annotation)
            if annotation.startswith("list["):
                facade_lists.add(op.operation_id)
            found = definition.operation(op.method, op.path)
            assert found is not None, op.label
            if found.returns_list:
                lists.add(op.operation_id)
    assert lists == facade_lists
    assert {"listComptes", "listGroupes"} <= lists  # a bare array, and /groupe's {"data": [...]}
    groupe = definition.find_operation("listGroupes")
    assert groupe is not None and groupe.list_shape == ENVELOPE
