"""The operations of a definition: one :class:`DefinedOperation` per method + path, with its
parameters resolved (path-level ones merged in), its request body, its responses, its security and
whether it answers a list (decided once, by :func:`cegid_loop.definition.schemas.list_shape`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cegid_loop.definition.document import resolve
from cegid_loop.definition.pointers import escape, parent, pointer
from cegid_loop.definition.schemas import list_shape

if TYPE_CHECKING:
    from cegid_loop.definition.apimap import MapEntry
    from cegid_loop.definition.document import Definition

# OpenAPI 3.1's methods, in its order (a path item's other keys are not operations).
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SUCCESS_STATUSES = ("200", "201", "2XX", "2xx")
JSON = "application/json"


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # "query", "path", "header", "cookie"
    required: bool
    schema: Mapping[str, Any]  # resolved; {} when the parameter has none
    pointer: str  # where the parameter object is (after its $ref)
    node: Mapping[str, Any] = field(repr=False, default_factory=dict)  # the parameter object

    @property
    def key(self) -> tuple[str, str]:
        """What makes a parameter unique in an operation: location and name (any case for a header)."""
        return self.location, self.name.lower() if self.location == "header" else self.name

    @property
    def schema_pointer(self) -> str:
        return f"{self.pointer}/schema"

    @property
    def example(self) -> Any:
        """The documented example value (``example``, else the first of ``examples``), or None."""
        if "example" in self.node:
            return self.node["example"]
        examples = self.node.get("examples")
        for example in (examples or {}).values() if isinstance(examples, Mapping) else ():
            if isinstance(example, Mapping) and "value" in example:
                return example["value"]
        return None


@dataclass(frozen=True)
class Content:
    """A request body or a response: its media types and the JSON one's schema."""

    pointer: str  # where the request body / response object is (after its $ref)
    node: Mapping[str, Any] = field(repr=False)
    media: Mapping[str, Any]  # media type -> its schema as written (None when it has none)
    media_type: str | None  # the JSON media type (application/json first), or None
    schema_pointer: str | None  # pointer of that media type's `schema` member (not followed)
    schema: Any  # that schema, references followed (None when there is none)

    @property
    def required(self) -> bool:
        return bool(self.node.get("required"))

    @property
    def headers(self) -> Mapping[str, Any]:
        headers = self.node.get("headers")
        return headers if isinstance(headers, Mapping) else {}


@dataclass(frozen=True)
class Response(Content):
    status: str = ""


@dataclass(frozen=True)
class DefinedOperation:
    """One operation as the definition describes it. ``entry``: the API map's names, when known."""

    method: str  # upper case
    path: str  # as in the definition
    operation_id: str  # "" when the definition gives none
    node: Mapping[str, Any] = field(repr=False)  # the operation object
    parameters: tuple[Parameter, ...]
    body: Content | None
    responses: Mapping[str, Response] = field(repr=False)  # status -> response, in the document's order
    security: frozenset[frozenset[str]]  # alternatives, each a set of scheme names; {()} = none needed
    list_shape: str | None  # schemas.ARRAY, schemas.ENVELOPE, or None: not a list
    entry: MapEntry | None = None

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def pointer(self) -> str:
        return f"/paths/{escape(self.path)}/{self.method.lower()}"

    @property
    def returns_list(self) -> bool:
        """Whether its success answers a list of records (a bare array or the ``data`` envelope)."""
        return self.list_shape is not None

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(str(t) for t in self.node.get("tags") or ())

    @property
    def summary(self) -> str:
        return str(self.node.get("summary") or "")

    @property
    def description(self) -> str:
        return str(self.node.get("description") or "")

    @property
    def deprecated(self) -> bool:
        return bool(self.node.get("deprecated"))

    @property
    def provenance(self) -> str:
        """``documented``, ``partial``, ``inferred`` (the definition's ``x-provenance`` level), or
        ``official`` when it says none (an official export)."""
        return str(self._provenance.get("level") or "official")

    @property
    def provenance_note(self) -> str:
        return " ".join(str(self._provenance.get("note") or "").split())

    @property
    def _provenance(self) -> Mapping[str, Any]:
        value = self.node.get("x-provenance")
        return value if isinstance(value, Mapping) else {}

    def parameter(self, name: str, location: str = "query") -> Parameter | None:
        return next((p for p in self.parameters if p.name == name and p.location == location), None)

    def names(self, location: str = "query") -> tuple[str, ...]:
        """The names of its parameters in ``location``, as the definition spells them."""
        return tuple(p.name for p in self.parameters if p.location == location)

    def required_names(self, location: str = "query") -> tuple[str, ...]:
        return tuple(p.name for p in self.parameters if p.location == location and p.required)

    def response(self, status: str) -> Response | None:
        return self.responses.get(status)

    @property
    def success(self) -> Response | None:
        """The success response: 200, 201, 2XX, else the first 2xx status listed."""
        return success_of(self.responses)


def _json_media(media: Mapping[str, Any]) -> str | None:
    with_schema = [m for m, s in media.items() if s is not None]
    for wanted in (lambda m: m == JSON, lambda m: "json" in m.lower(), lambda m: True):
        found = next((m for m in with_schema if wanted(m)), None)
        if found is not None:
            return found
    return None


def content(definition: Definition, raw: Any, where: str) -> Content | None:
    """The request body or response object ``raw`` (at ``where``), references followed."""
    found = definition.resolve(raw, where)
    node = found.node
    if not isinstance(node, Mapping):
        return None
    entries = node.get("content")
    media = {
        str(m): (e.get("schema") if isinstance(e, Mapping) else None)
        for m, e in (entries.items() if isinstance(entries, Mapping) else ())
    }
    chosen = _json_media(media)
    slot = f"{found.pointer}/content/{escape(chosen)}/schema" if chosen else None
    schema = definition.resolve(media[chosen], slot or "").node if chosen else None
    return Content(found.pointer, node, media, chosen, slot, schema)


def _responses(definition: Definition, op: Mapping[str, Any], where: str) -> dict[str, Response]:
    raw_responses = op.get("responses")
    out: dict[str, Response] = {}
    for status, raw in raw_responses.items() if isinstance(raw_responses, Mapping) else ():
        found = content(definition, raw, f"{where}/responses/{escape(status)}")
        if found is not None:
            out[str(status)] = Response(**vars(found), status=str(status))
    return out


def success_of(responses: Mapping[str, Response]) -> Response | None:
    """The success response: 200, 201, 2XX, else the first 2xx status listed."""
    for status in SUCCESS_STATUSES:
        if status in responses:
            return responses[status]
    return next((r for s, r in responses.items() if s.startswith("2")), None)


def _parameters(
    definition: Definition, item: Mapping[str, Any], op: Mapping[str, Any], where: str
) -> tuple[Parameter, ...]:
    """Path-level parameters, then the operation's, which replace one of the same location and name."""
    merged: dict[tuple[str, str], Parameter] = {}
    listed = [
        *((f"{parent(where)}/parameters/{i}", p) for i, p in enumerate(item.get("parameters") or [])),
        *((f"{where}/parameters/{i}", p) for i, p in enumerate(op.get("parameters") or [])),
    ]
    for at, raw in listed:
        found = definition.resolve(raw, at)
        node = found.node
        if not isinstance(node, Mapping) or "name" not in node:
            continue
        schema = definition.resolve(node.get("schema") or {}, f"{found.pointer}/schema").node
        parameter = Parameter(
            name=str(node["name"]),
            location=str(node.get("in")),
            required=bool(node.get("required")),
            schema=schema if isinstance(schema, Mapping) else {},
            pointer=found.pointer,
            node=node,
        )
        merged[parameter.key] = parameter
    return tuple(merged.values())


def _security(definition: Definition, op: Mapping[str, Any]) -> frozenset[frozenset[str]]:
    requirements = op["security"] if "security" in op else definition.document.get("security")
    if not requirements:
        return frozenset({frozenset()})
    return frozenset(frozenset(req) for req in requirements if isinstance(req, Mapping))


def raw_operations(
    document: Mapping[str, Any],
) -> Iterator[tuple[str, str, Mapping[str, Any], Mapping[str, Any]]]:
    """``(METHOD, path, operation object, path item)`` of every operation, as written (no
    reference followed but a path item's): for code that rewrites a document while it walks it."""
    for path, raw_item in (document.get("paths") or {}).items():
        item = resolve(document, raw_item).node
        if not isinstance(item, Mapping):
            continue
        for method in METHODS:
            op = item.get(method)
            if isinstance(op, Mapping):
                yield method.upper(), str(path), op, item


def build_operations(definition: Definition) -> tuple[DefinedOperation, ...]:
    out = []
    for method, path, op, item in raw_operations(definition.document):
        where = pointer("paths", path, method.lower())
        raw_body = op.get("requestBody")
        responses = _responses(definition, op, where)
        success = success_of(responses)
        out.append(
            DefinedOperation(
                method=method,
                path=path,
                operation_id=str(op.get("operationId") or ""),
                node=op,
                parameters=_parameters(definition, item, op, where),
                body=content(definition, raw_body, f"{where}/requestBody") if raw_body else None,
                responses=responses,
                security=_security(definition, op),
                list_shape=list_shape(definition, success.schema) if success is not None else None,
                entry=definition.entry(method, path),
            )
        )
    return tuple(out)


__all__ = [
    "JSON",
    "METHODS",
    "Content",
    "DefinedOperation",
    "Parameter",
    "Response",
    "build_operations",
    "content",
    "raw_operations",
    "success_of",
]
