"""OpenAPI 3.0 -> 3.1, the first step of the normalization (:mod:`.normalize`): ``nullable: true``
-> a ``"null"`` type (or ``anyOf`` with null), Schema ``example`` -> ``examples``, boolean
``exclusiveMinimum``/``exclusiveMaximum`` -> numbers, a media type's ``example`` -> its named
``examples``. Each change is told to ``note(kind, where, detail)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cegid_loop.definition.operations import raw_operations

NoteFn = Callable[[str, str, str], None]  # kind, where, detail
_SCHEMA_CHILDREN = ("items", "not", "additionalProperties", "contains", "propertyNames", "if", "then", "else")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")


def _schema_to_31(schema: Any, where: str, note: NoteFn) -> Any:
    if not isinstance(schema, dict):
        return schema
    for key in _SCHEMA_CHILDREN:
        if key in schema:
            schema[key] = _schema_to_31(schema[key], f"{where}/{key}", note)
    for key in _SCHEMA_LISTS:
        if isinstance(schema.get(key), list):
            schema[key] = [_schema_to_31(s, f"{where}/{key}", note) for s in schema[key]]
    for key in _SCHEMA_MAPS:
        if isinstance(schema.get(key), dict):
            schema[key] = {n: _schema_to_31(s, f"{where}/{n}", note) for n, s in schema[key].items()}
    if "example" in schema:
        value = schema.pop("example")
        schema.setdefault("examples", [value])
        note("3.0 example -> examples", where, "Schema example moved to examples")
    for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(schema.get(bound), bool):
            if schema.pop(bound) and limit in schema:
                schema[bound] = schema.pop(limit)
            note("3.0 exclusive bound -> 3.1", where, bound)
    nullable = schema.pop("nullable", False)
    if nullable is True:
        note("3.0 nullable -> 3.1 null type", where, "nullable: true")
        return _nullable(schema)
    return schema


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    kind = schema.get("type")
    if isinstance(kind, str):
        schema["type"] = [kind, "null"]
        if isinstance(schema.get("enum"), list) and None not in schema["enum"]:
            schema["enum"] = [*schema["enum"], None]
        return schema
    if isinstance(kind, list):
        if "null" not in kind:
            schema["type"] = [*kind, "null"]
        return schema
    # A $ref or a composition: siblings of $ref are not schema keywords in 3.0, so wrap.
    annotations: dict[str, Any] = {
        k: schema.pop(k) for k in ("description", "title", "default", "readOnly") if k in schema
    }
    return {**annotations, "anyOf": [schema, {"type": "null"}]}


def _media_schemas(content: Any, where: str, note: NoteFn) -> None:
    for media_type, media in (content or {}).items():
        if not isinstance(media, dict):
            continue
        if "schema" in media:
            media["schema"] = _schema_to_31(media["schema"], f"{where}/{media_type}", note)
        if "example" in media and "examples" not in media:
            # One form for examples (the tools and tests read the named map).
            media["examples"] = {"example": {"value": media.pop("example")}}
            note("media example -> examples", f"{where}/{media_type}", "named 'example'")


def _parameters_to_31(parameters: Any, where: str, note: NoteFn) -> None:
    for parameter in parameters or []:
        if isinstance(parameter, dict) and "schema" in parameter:
            name = parameter.get("name", "?")
            parameter["schema"] = _schema_to_31(parameter["schema"], f"{where} parameter {name}", note)


def to_openapi_31(document: dict[str, Any], note: NoteFn) -> None:
    version = str(document.get("openapi", ""))
    if not version.startswith("3.0"):
        return
    note("OpenAPI 3.0 -> 3.1", "", f"openapi {version} -> 3.1.0")
    document["openapi"] = "3.1.0"
    components = document.get("components") or {}
    for name, schema in list((components.get("schemas") or {}).items()):
        components["schemas"][name] = _schema_to_31(schema, f"#/components/schemas/{name}", note)
    _parameters_to_31((components.get("parameters") or {}).values(), "#/components/parameters", note)
    for name, header in (components.get("headers") or {}).items():
        if isinstance(header, dict) and "schema" in header:
            header["schema"] = _schema_to_31(header["schema"], f"#/components/headers/{name}", note)
    for group in ("responses", "requestBodies"):
        for name, value in (components.get(group) or {}).items():
            if isinstance(value, dict):
                _media_schemas(value.get("content"), f"#/components/{group}/{name}", note)
    for path, item in (document.get("paths") or {}).items():
        if isinstance(item, dict):
            _parameters_to_31(item.get("parameters"), path, note)
    for method, path, operation, _ in raw_operations(document):
        where = f"{method} {path}"
        _parameters_to_31(operation.get("parameters"), where, note)
        body = operation.get("requestBody")
        if isinstance(body, dict):
            _media_schemas(body.get("content"), f"{where} body", note)
        for status, response in (operation.get("responses") or {}).items():
            if isinstance(response, dict):
                _media_schemas(response.get("content"), f"{where} {status}", note)


__all__ = ["NoteFn", "to_openapi_31"]
