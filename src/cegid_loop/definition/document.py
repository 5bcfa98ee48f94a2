"""One OpenAPI document as the project reads it: nodes by JSON pointer, local ``$ref`` s followed
with the pointer each one leads to, the operations, the component schemas, and validators.

:class:`Definition` wraps a document without copying it (do not mutate it while a Definition
holds it); the project's own definitions are loaded once (:meth:`Definition.effective`,
:meth:`Definition.normalized`, through :mod:`cegid_loop.spec`'s cache). Nothing here imports
jsonschema, YAML or JSONPath: the sandbox, drift, the contract tests and the generator share it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from cegid_loop.definition.pointers import node_at

if TYPE_CHECKING:
    from cegid_loop.definition.apimap import MapEntry
    from cegid_loop.definition.operations import DefinedOperation
    from cegid_loop.definition.validator import SchemaValidator

MAX_REFERENCES = 32  # a longer chain of $ref is taken for a cycle


@dataclass(frozen=True)
class Resolved:
    """A node with its local ``$ref`` s followed.

    ``pointer`` is where ``node`` is in the document; ``ref`` the last ``$ref`` followed (``None``
    when the node was not a reference). A reference that cannot be followed (to another file, to
    nothing, a cycle) resolves to ``{}``, the schema that allows anything: readers of a partial
    definition go on; the validator reports such a reference when it checks against it.
    """

    node: Any
    pointer: str
    ref: str | None = None


def resolve(document: Any, node: Any, pointer: str = "") -> Resolved:
    """Follow ``node``'s local ``$ref`` chain in ``document`` (``pointer``: where ``node`` is)."""
    ref: str | None = None
    for _ in range(MAX_REFERENCES):
        target = node.get("$ref") if isinstance(node, Mapping) else None
        if not isinstance(target, str):
            return Resolved(node, pointer, ref)
        ref = target
        if not target.startswith("#"):
            return Resolved({}, pointer, ref)
        try:
            node, pointer = node_at(document, target), target[1:]
        except (KeyError, IndexError, ValueError, TypeError):
            return Resolved({}, target[1:], ref)
    return Resolved({}, pointer, ref)


class Definition:
    """The model of one OpenAPI document (``name`` tells it apart in validator URIs and messages).

    ``names``: the API map's entries by ``METHOD /path`` (:attr:`ApiMap.entries
    <cegid_loop.definition.apimap.ApiMap.entries>`, or a normalization's), to give each operation
    the names users write; without them operations carry ``entry=None``.
    """

    def __init__(
        self,
        document: Mapping[str, Any],
        *,
        name: str = "definition",
        names: Mapping[str, MapEntry] | None = None,
    ) -> None:
        self.document = document
        self.name = name
        self._names = names or {}
        self._validators: dict[bool, SchemaValidator] = {}

    # -- the project's definitions, loaded once ---------------------------------------------------

    @staticmethod
    def effective() -> Definition:
        """The effective definition (overrides/ applied): what the API really does."""
        return _effective()

    @staticmethod
    def normalized() -> Definition:
        """The upstream definition in the project's conventions: what Cegid documents."""
        return _normalized()

    @staticmethod
    def of(document: Mapping[str, Any], name: str = "definition") -> Definition:
        """The model of ``document``: the one loaded once when it is the project's effective or
        normalized definition (as :mod:`cegid_loop.spec` returns it), else a new one."""
        from cegid_loop import spec

        for load, model in ((spec.load_effective, _effective), (spec.load_normalized, _normalized)):
            try:
                if document is load():
                    return model()
            except (OSError, ValueError):  # not generated yet (a checkout before `nox -s generate`)
                continue
        return Definition(document, name=name)

    # -- nodes ------------------------------------------------------------------------------------

    def node(self, pointer: str) -> Any:
        """The node at ``pointer`` (its ``$ref`` not followed); ``KeyError`` & co. when there is none."""
        return node_at(self.document, pointer)

    def find(self, pointer: str) -> Any:
        """The node at ``pointer``, or None when there is none."""
        try:
            return self.node(pointer)
        except (KeyError, IndexError, ValueError, TypeError):
            return None

    def resolve(self, node: Any, pointer: str = "") -> Resolved:
        return resolve(self.document, node, pointer)

    def resolved(self, pointer: str) -> Resolved:
        """The node at ``pointer`` with its references followed (``{}`` when there is none)."""
        found = self.find(pointer)
        return self.resolve(found if found is not None else {}, pointer)

    @property
    def info(self) -> Mapping[str, Any]:
        info = self.document.get("info")
        return info if isinstance(info, Mapping) else {}

    @property
    def components(self) -> Mapping[str, Any]:
        components = self.document.get("components")
        return components if isinstance(components, Mapping) else {}

    @property
    def schemas(self) -> Mapping[str, Any]:
        """``components.schemas`` by name (as written: a schema may be a ``$ref``)."""
        schemas = self.components.get("schemas")
        return schemas if isinstance(schemas, Mapping) else {}

    # -- operations -------------------------------------------------------------------------------

    @cached_property
    def operations(self) -> tuple[DefinedOperation, ...]:
        """Every operation, in the document's order (paths, then methods in OpenAPI's order)."""
        from cegid_loop.definition.operations import build_operations

        return build_operations(self)

    def operation(self, method: str, path: str) -> DefinedOperation | None:
        """``METHOD path``: the exact path first, else the one path that matches it ignoring case."""
        wanted = method.upper()
        exact = next((o for o in self.operations if o.method == wanted and o.path == path), None)
        if exact is not None:
            return exact
        matches = [o for o in self.operations if o.method == wanted and o.path.lower() == path.lower()]
        return matches[0] if len(matches) == 1 else None

    def find_operation(self, name: str) -> DefinedOperation | None:
        """By operationId (``listComptes``) or by ``METHOD /path`` (``GET /compte``, any case)."""
        wanted = " ".join(name.split())
        for op in self.operations:
            if op.operation_id == wanted or op.label.lower() == wanted.lower():
                return op
        return None

    def entry(self, method: str, path: str) -> MapEntry | None:
        """The API map's names of ``METHOD path`` (exact key first, then ignoring the path's case)."""
        key = f"{method.upper()} {path}"
        if key in self._names:
            return self._names[key]
        matches = [e for k, e in self._names.items() if k.lower() == key.lower()]
        return matches[0] if len(matches) == 1 else None

    # -- validation -------------------------------------------------------------------------------

    def validator(self, *, closed: bool = False) -> SchemaValidator:
        """The JSON Schema validator of this document (``closed``: every object schema closed, to
        list undeclared fields). Made once per kind; jsonschema is imported on first use."""
        if closed not in self._validators:
            from cegid_loop.definition.validator import SchemaValidator

            self._validators[closed] = SchemaValidator(self, closed=closed)
        return self._validators[closed]


@cache
def _effective() -> Definition:
    from cegid_loop import spec

    return Definition(spec.load_effective(), name="effective")


@cache
def _normalized() -> Definition:
    from cegid_loop import spec

    return Definition(spec.load_normalized(), name="normalized")


__all__ = ["MAX_REFERENCES", "Definition", "Resolved", "resolve"]
