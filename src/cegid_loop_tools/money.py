"""Money fields become ``Decimal`` in the generated models.

The effective definition marks money with the format registry's ``format: decimal`` (set by the
overlay, ``overrides/overlay.yaml``, quirk Q-AMOUNT-DECIMAL): on ``type: number`` (an amount, a JSON
number) or on ``type: string`` (a decimal carried as a string, ``currencyRate: "1.0"``), on a property
of a component schema or on a ``oneOf``/``anyOf`` variant of one. openapi-python-client drops
``format`` on numbers (and ignores unknown string formats): after it has parsed the definition, each
marked property is swapped for a :class:`DecimalProperty`, which the templates render
(``overrides/templates/property_templates/decimal_property.py.jinja``): typed ``Decimal`` everywhere
the generator writes a type (attributes, docstrings, unions), read with ``types.parse_decimal``,
written exactly by ``types.json_body``.

A mark this module cannot apply (an inline schema, a parameter, an array of amounts...) stops the
generation: money must never silently stay a float.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import attrs
from attrs import define
from openapi_python_client.parser.properties.float import FloatProperty
from openapi_python_client.parser.properties.int import IntProperty
from openapi_python_client.parser.properties.model_property import ModelProperty
from openapi_python_client.parser.properties.protocol import Value
from openapi_python_client.parser.properties.string import StringProperty
from openapi_python_client.parser.properties.union import UnionProperty
from openapi_python_client.strings import PythonCode

from cegid_loop_tools.errors import ToolError

DECIMAL_IMPORT = "from decimal import Decimal"
SCHEMAS = "/components/schemas/"


@define
class DecimalProperty(FloatProperty):
    """An amount: ``Decimal`` in Python, a JSON number on the wire."""

    _type_string: ClassVar[str] = "Decimal"
    _json_type_string: ClassVar[str] = "Decimal | str"  # a numeric string is written back as read
    template: ClassVar[str] = "decimal_property.py.jinja"
    wire_kind: ClassVar[str] = "number"

    def get_imports(self, *, prefix: str) -> set[str]:
        return super().get_imports(prefix=prefix) | {DECIMAL_IMPORT}


@define
class DecimalTextProperty(DecimalProperty):
    """A decimal carried as a JSON string (``"1.0"``): ``Decimal`` in Python."""

    wire_kind: ClassVar[str] = "string"


def _is_decimal(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("format") == "decimal"


def _kind(schema: dict[str, Any]) -> type[DecimalProperty]:
    types = schema.get("type")
    names = set(types) if isinstance(types, list) else {types}
    return DecimalTextProperty if "string" in names and not names & {"number", "integer"} else DecimalProperty


def _marks(node: Any, path: str) -> Iterator[str]:
    """Every JSON pointer under ``node`` whose schema says ``format: decimal``."""
    if isinstance(node, dict):
        if _is_decimal(node):
            yield path
        for key, value in node.items():
            yield from _marks(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _marks(value, f"{path}/{index}")


def money_fields(effective: dict[str, Any]) -> dict[str, dict[str, type[DecimalProperty]]]:
    """Schema -> property -> how it travels, for the marks of ``effective``; any other mark raises."""
    found: dict[str, dict[str, type[DecimalProperty]]] = {}
    supported: set[str] = set()
    schemas = (effective.get("components") or {}).get("schemas") or {}
    for name, schema in schemas.items():
        for prop, sub in ((schema or {}).get("properties") or {}).items():
            where = f"#{SCHEMAS}{name}/properties/{prop}"
            variants = [v for key in ("oneOf", "anyOf") for v in (sub or {}).get(key) or []]
            marked = [sub] if _is_decimal(sub) else [v for v in variants if _is_decimal(v)]
            if not marked:
                continue
            kinds = {_kind(v) for v in marked}
            if len(kinds) > 1:
                raise ToolError(f"{where}: a decimal both as a number and as a string")
            found.setdefault(name, {})[prop] = kinds.pop()
            supported.add(where)
            supported.update(f"{where}/{key}/{i}" for key in ("oneOf", "anyOf") for i in range(len(variants)))
    stray = [p for p in _marks(effective, "#") if p not in supported]
    if stray:
        raise ToolError(
            "format: decimal where cegid_loop_tools.money cannot make it a Decimal (a property of a "
            f"component schema, or a oneOf/anyOf variant of one): {', '.join(stray)}"
        )
    return found


def _decimal(prop: Any, kind: type[DecimalProperty]) -> DecimalProperty:
    if not isinstance(prop, (FloatProperty, IntProperty, StringProperty)):
        raise ToolError(f"{prop.name.get_untrusted_value()}: a decimal must be a number or a string")
    values = {field.name: getattr(prop, field.name) for field in attrs.fields(FloatProperty)}
    default = values["default"]
    if default is not None:  # a default amount is a Decimal literal, from the text of the definition
        values["default"] = Value(PythonCode(f'Decimal("{default.raw_value}")'), default.raw_value)
    return kind(**values)


def _swap(prop: Any, kind: type[DecimalProperty]) -> Any:
    if isinstance(prop, UnionProperty):
        inner = [
            _decimal(p, kind)
            if isinstance(p, (FloatProperty, StringProperty)) and not isinstance(p, DecimalProperty)
            else p
            for p in prop.inner_properties
        ]
        if inner == list(prop.inner_properties):
            raise ToolError(f"{prop.name.get_untrusted_value()}: no number variant to make a Decimal")
        return attrs.evolve(prop, inner_properties=inner)
    return _decimal(prop, kind)


def apply(models: list[ModelProperty], effective: dict[str, Any]) -> list[str]:
    """Swap the marked properties of the generator's models (in place); returns ``Schema.property``
    for each one swapped."""
    wanted = money_fields(effective)
    done: list[str] = []
    for model in models:
        name = model.name.get_untrusted_value()
        fields = wanted.get(name.removeprefix(SCHEMAS)) if name.startswith(SCHEMAS) else None
        if not fields:
            continue
        for properties in (model.required_properties or [], model.optional_properties or []):
            for index, prop in enumerate(properties):
                kind = fields.get(prop.name.get_untrusted_value())
                if kind is not None:
                    properties[index] = _swap(prop, kind)
                    done.append(f"{name.removeprefix(SCHEMAS)}.{prop.name.get_untrusted_value()}")
        if model.relative_imports is not None:
            model.relative_imports.add(DECIMAL_IMPORT)
    expected = {f"{schema}.{prop}" for schema, props in wanted.items() for prop in props}
    missing = sorted(expected - set(done))
    if missing:
        raise ToolError(
            f"money fields the generator did not produce as model properties: {', '.join(missing)}"
        )
    return sorted(done)
