"""JSON Schema 2020-12 validation against the schemas of one definition: the one jsonschema wrapper
of the project (the sandbox checks requests with it, drift checks answers).

jsonschema is imported on first use: the core install has none (it comes with the ``sandbox`` and
``drift`` extras), and it costs ~100 ms of start-up. It ships no type information (types-jsonschema
is not a dependency): its objects are typed ``Any``.

Each error can say where in the definition it comes from (:meth:`SchemaValidator.location`: the
pointer of the failing schema node), so that a failure can be matched with what changed that node.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from cegid_loop.definition.errors import DefinitionError
from cegid_loop.definition.pointers import escape

if TYPE_CHECKING:
    from referencing import Registry

    from cegid_loop.definition.document import Definition

URI = "urn:cegid-loop:"


class UnresolvedReference(DefinitionError):
    """The schema checked against holds a ``$ref`` that leads nowhere in the definition."""


@cache
def jsonschema() -> Any:
    """The jsonschema module (an ``ImportError`` naming the extras when it is not installed)."""
    try:
        return importlib.import_module("jsonschema")
    except ImportError as exc:
        raise ImportError(
            "validating against the definition needs jsonschema: pip install 'cegid-loop[sandbox]' "
            "(or [drift])"
        ) from exc


def close(node: Any, in_all_of: bool = False) -> Any:
    """Mark every object schema closed (``unevaluatedProperties: false``), to list undeclared fields."""
    if isinstance(node, dict):
        if (
            "properties" in node
            and not in_all_of
            and not {"additionalProperties", "unevaluatedProperties"} & set(node)
        ):
            node["unevaluatedProperties"] = False
        for key, value in node.items():
            if key == "allOf" and isinstance(value, list):
                for part in value:
                    close(part, True)
            else:
                close(value)
    elif isinstance(node, list):
        for value in node:
            close(value)
    return node


def _index(node: Any, pointer: str = "", out: dict[int, str] | None = None) -> dict[int, str]:
    out = {} if out is None else out
    if isinstance(node, dict):
        out[id(node)] = pointer
        for key, value in node.items():
            _index(value, f"{pointer}/{escape(key)}", out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _index(value, f"{pointer}/{i}", out)
    return out


class SchemaValidator:
    """Validates instances against the schema at a pointer of a definition (or an inline schema
    whose ``$ref`` s point into it). ``closed``: against a copy where every object schema is closed."""

    def __init__(self, definition: Definition, *, closed: bool = False) -> None:
        self.definition = definition
        self.closed = closed
        self.uri = URI + definition.name + ("-closed" if closed else "")
        document = definition.document
        self.document: Mapping[str, Any] = close(copy.deepcopy(dict(document))) if closed else document
        self._registry: Registry[Any] | None = None
        self._index: dict[int, str] | None = None
        self._cache: dict[str, Any] = {}

    @property
    def registry(self) -> Registry[Any]:
        if self._registry is None:
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT202012

            resource = Resource.from_contents(dict(self.document), default_specification=DRAFT202012)
            self._registry = Registry().with_resource(self.uri, resource)
        return self._registry

    def _validator(self, schema: Mapping[str, Any]) -> Any:
        module = jsonschema()
        return module.Draft202012Validator(
            dict(schema), registry=self.registry, format_checker=module.FormatChecker()
        )

    def errors(self, pointer: str, instance: Any) -> list[Any]:
        """The jsonschema errors of ``instance`` against the schema at ``pointer``, in the order
        jsonschema finds them. Raises :class:`UnresolvedReference` for a ``$ref`` to nothing."""
        if pointer not in self._cache:
            self._cache[pointer] = self._validator({"$ref": f"{self.uri}#{pointer}"})
        return self._iter(self._cache[pointer], instance)

    def schema_errors(self, schema: Mapping[str, Any], instance: Any) -> list[Any]:
        """The same against an inline schema (its ``$ref`` s must be absolute: ``<uri>#/...``)."""
        return self._iter(self._validator(schema), instance)

    @staticmethod
    def _iter(validator: Any, instance: Any) -> list[Any]:
        from referencing.exceptions import Unresolvable

        try:
            return list(validator.iter_errors(instance))
        except Unresolvable as exc:
            raise UnresolvedReference(f"the definition has a $ref that does not resolve: {exc}") from None

    def schema_pointer(self, error: Any) -> str | None:
        """The pointer of the schema node that holds the failing keyword."""
        if self._index is None:
            self._index = _index(self.document)
        return self._index.get(id(error.schema))

    def location(self, error: Any) -> str:
        """``<pointer of the failing schema>/<keyword>`` (``?/<keyword>`` when it is not in the document)."""
        base = self.schema_pointer(error)
        return f"{base}/{error.validator}" if base is not None else f"?/{error.validator}"


__all__ = ["URI", "SchemaValidator", "UnresolvedReference", "close", "jsonschema"]
