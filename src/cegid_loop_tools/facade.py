"""Render the typed facade (``cegid_loop_api.facade``) next to openapi-python-client's output.

Inputs: the API map's names for every operation (:class:`~cegid_loop.definition.apimap.MapEntry`) and
the generator's own parsed view of the effective definition (``GeneratorData``: endpoint module
names, parameter python names, types and imports). Nothing here re-implements the generator's
naming rules; it reads them off the generator. Templates: ``overrides/templates/facade/``.

Per resource: a sync class and its async twin, one method per operation with its real parameters
(``list``/``iter``/``find_one`` for a list, ``get``, ``create``, ``update``, ``delete`` or a named
action), typed returns, and the per-call options ``timeout``, ``extra_headers``, ``extra_query``.
What it builds is described by :mod:`.facade_model`.
"""

from __future__ import annotations

import keyword
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from openapi_python_client import strings
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.properties import AnyProperty, ModelProperty
from openapi_python_client.parser.properties.list_property import ListProperty

from cegid_loop.definition import DefinedOperation, Definition
from cegid_loop.definition.apimap import ApiMap, MapEntry
from cegid_loop_tools.errors import ToolError
from cegid_loop_tools.facade_model import Body, FacadeResource, Method, Param

RESOURCE_PREFIX = "..."  # from cegid_loop_api/facade/resources/<name>.py to cegid_loop_api/
COMMON_LIST = ("filter", "sort", "select", "skip", "take")
RESERVED_ARGS = frozenset(
    {"self", "body", "timeout", "extra_headers", "extra_query", "page_size", "limit", "concurrency"}
)


def _code(value: Any) -> str:
    return str(value.as_unembedded_code()) if hasattr(value, "as_unembedded_code") else str(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value.get_untrusted_value()) if hasattr(value, "get_untrusted_value") else str(value)


def _pascal(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _arg_name(python: str) -> str:
    """``filter_`` -> ``filter``: the generator's trailing underscore avoids builtins, which are
    harmless as argument names; keywords and the facade's own option names keep it."""
    if python.endswith("_") and not python.endswith("__"):
        bare = python[:-1]
        if bare.isidentifier() and not keyword.iskeyword(bare) and bare not in RESERVED_ARGS:
            return bare
    return python if python not in RESERVED_ARGS else python + "_"


def _response_200(endpoint: Any) -> Any | None:
    for response in endpoint.responses.patterns:
        if response.status_code.range == (200, 200):
            return response.prop
    return None


def _list_item(prop: Any) -> Any | None:
    """The record type of a list-shaped answer: an array, or an object holding one in ``data``."""
    if isinstance(prop, ListProperty):
        return prop.inner_property
    if isinstance(prop, ModelProperty):
        inner = [
            p for p in (prop.required_properties or []) + (prop.optional_properties or []) if p.name == "data"
        ]
        if inner and isinstance(inner[0], ListProperty):
            return inner[0].inner_property
    return None


def _imports(prop: Any) -> set[str]:
    """What the facade needs to name ``prop``'s type: the generator's imports, lazy ones included
    (the models it imports inside functions to break cycles: a facade module has no cycle)."""
    found = set(prop.get_imports(prefix=RESOURCE_PREFIX))
    lazy = getattr(prop, "get_lazy_imports", None)
    if lazy is not None:
        found.update(lazy(prefix=RESOURCE_PREFIX))
    return found


def _type(prop: Any) -> str:
    return _code(prop.get_type_string(no_optional=True))


def _doc(entry: MapEntry, operation: DefinedOperation) -> str:
    summary = _clean(operation.summary)
    description = _clean(operation.description)
    lines = [
        summary or f"{entry.method} {entry.path}",
        "",
        f"``{entry.method} {entry.path}`` ({entry.operation_id}).",
    ]
    if operation.provenance in ("partial", "inferred"):
        lines.append(f"Provenance: {operation.provenance} (see the definition's x-provenance).")
    if description:
        lines += ["", description]
    return "\n".join(lines)


def _clean(text: str) -> str:
    return str(strings.safe_for_docstring(text.strip())).replace('"""', "'''")


def _build_method(entry: MapEntry, endpoint: Any, operation: DefinedOperation, imports: set[str]) -> Method:
    tag = endpoint.tags[0]
    module_name = strings.PythonIdentifier(endpoint.name, "field_")
    module = f"_{module_name}"
    imports.add(f"from {RESOURCE_PREFIX}api.{tag} import {module_name} as {module}")
    params: list[Param] = []
    ordered = [*endpoint.path_parameters, *endpoint.query_parameters, *endpoint.header_parameters]
    # codeDossier first: every dossier-level call reads `loop.x.list("CEGID001", ...)`.
    ordered.sort(key=lambda p: 0 if _text(p.name) == "codeDossier" else 1)
    for prop in ordered:
        imports.update(_imports(prop))
        wire = _text(prop.name)
        params.append(
            Param(
                wire=wire,
                python=str(prop.python_name),
                arg=_arg_name(str(prop.python_name)),
                type=_type(prop),
                required=bool(prop.required),
                common=wire in COMMON_LIST,
            )
        )
    body: Body | None = None
    if endpoint.bodies:
        prop = endpoint.bodies[0].prop
        imports.update(_imports(prop))
        model = prop.class_info.name if isinstance(prop, ModelProperty) else None
        annotation = f"{model} | Mapping[str, Any]" if model else _type(prop)
        required = bool(prop.required)
        body = Body(type=annotation if required else f"{annotation} | None", model=model, required=required)
    ok = _response_200(endpoint)
    if ok is not None:
        imports.update(_imports(ok))
    item = _list_item(ok) if ok is not None else None
    if item is not None:
        imports.update(_imports(item))
    typed = ok is not None and not isinstance(ok, AnyProperty)
    kind = entry.name if entry.name in ("list", "get", "create", "update", "delete") else "action"
    method = Method(
        entry=entry,
        const=f"OP_{entry.resource.upper()}_{entry.name.upper()}",
        module=module,
        kind=kind,
        params=params,
        body=body,
        returns="JSON",
        helper="_json",
        doc=_doc(entry, operation),
    )
    if typed:
        method.raw = _type(ok)
    if kind == "delete":
        method.returns, method.helper = "None", "_json"
    elif item is not None:
        method.item = _type(item)
        method.returns, method.helper = f"list[{method.item}]", "_list"
    elif typed:
        method.returns, method.helper = _type(ok), "_get"
    elif kind in ("create", "update") and body is not None and body.model:
        method.returns, method.helper, method.model = f"{body.model} | None", "_write", body.model
    return method


def build_resources(
    api_map: ApiMap,
    entries: dict[str, MapEntry],
    data: GeneratorData,
    document: dict[str, Any],
) -> list[FacadeResource]:
    """The facade's resources, in the order of the definition's paths."""
    definition = Definition(document, names=entries)
    endpoints: dict[str, Any] = {}
    for collection in data.endpoint_collections_by_tag.values():
        for parsed in collection.endpoints:
            endpoints[f"{parsed.method.upper()} {_text(parsed.path)}"] = parsed
    # A resource class must not shadow a model it returns (loop.tiers answers Tiers models).
    taken = {m.class_info.name for m in data.models} | {e.class_info.name for e in data.enums}
    resources: dict[str, FacadeResource] = {}
    for key, entry in entries.items():
        endpoint = endpoints.get(key)
        if endpoint is None:
            raise ToolError(f"{key}: the generator produced no endpoint for it (see its warnings)")
        resource = resources.get(entry.resource)
        if resource is None:
            workflow = api_map.workflows.get(entry.resource)
            resource = FacadeResource(
                name=entry.resource,
                class_name=_pascal(entry.resource) + ("Resource" if _pascal(entry.resource) in taken else ""),
                workflow=tuple(workflow.sync.split(":", 1)) if workflow else None,  # type: ignore[arg-type]
                async_workflow=tuple(workflow.async_.split(":", 1)) if workflow else None,  # type: ignore[arg-type]
            )
            resources[entry.resource] = resource
        method, path = key.split(" ", 1)
        operation = _operation(definition, method, path)
        resource.methods.append(_build_method(entry, endpoint, operation, resource.imports))
    for resource in resources.values():
        _accept_records_for_delete(resource)
        order = {"list": 0, "get": 1, "create": 2, "update": 3, "delete": 4}
        resource.methods.sort(key=lambda m: (order.get(m.entry.name, 5), m.entry.name))
    return list(resources.values())


def _operation(definition: Definition, method: str, path: str) -> DefinedOperation:
    operation = definition.operation(method, path)
    if operation is None or operation.path != path:
        raise ToolError(f"{method} {path}: not an operation of the effective definition")
    return operation


def _accept_records_for_delete(resource: FacadeResource) -> None:
    """``delete(code, record)`` as well as ``delete(code, "uuid")``: the record type is the one the
    resource's list answers or its create takes."""
    record = next((m.item for m in resource.methods if m.kind == "list" and m.item), None)
    record = record or next((m.body.model for m in resource.methods if m.body and m.body.model), None)
    for method in resource.methods:
        for param in method.params:
            if method.kind == "delete" and param.wire == "objectId" and record:
                param.record = record


def registry_rows(resources: Iterable[FacadeResource], document: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per operation, for the registry template (every value a Python literal)."""
    definition = Definition(document)
    rows = []
    for resource in resources:
        for method in resource.methods:
            entry = method.entry
            operation = _operation(definition, entry.method, entry.path)
            params = [p.wire for p in method.params if p.wire]
            rows.append(
                {
                    "const": method.const,
                    "method": entry.method,
                    "path": entry.path,
                    "operation_id": entry.operation_id,
                    "resource": entry.resource,
                    "name": entry.name,
                    "tag": entry.tag,
                    "summary": " ".join(operation.summary.split()),
                    "provenance": operation.provenance,
                    "provenance_note": operation.provenance_note,
                    "parameters": tuple(params),
                    "required": tuple(p.wire for p in method.params if p.required),
                }
            )
    return rows


def render(
    out: Path,
    templates: Path,
    resources: list[FacadeResource],
    document: dict[str, Any],
    meta: dict[str, str],
) -> list[Path]:
    """Write the facade package under ``out`` (the generated package directory)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pyrepr"] = repr
    facade = out / "facade"
    (facade / "resources").mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(path: Path, template: str, **context: Any) -> None:
        text = env.get_template(template).render(**context)
        try:
            compile(text, str(path), "exec")
        except SyntaxError as exc:  # a template bug: fail here, not at a user's import
            raise ToolError(f"{template} renders invalid Python for {path.name}: {exc}") from None
        path.write_text(text, encoding="utf-8")
        written.append(path)

    rows = registry_rows(resources, document)
    write(facade / "__init__.py", "facade_init.py.jinja", resources=resources)
    write(facade / "registry.py", "registry.py.jinja", rows=rows, resources=resources, meta=meta)
    write(facade / "_client.py", "client.py.jinja", resources=resources)
    write(facade / "resources" / "__init__.py", "resources_init.py.jinja", resources=resources)
    for resource in resources:
        write(facade / "resources" / f"{resource.name}.py", "resource.py.jinja", resource=resource)
    (out / "py.typed").write_text("# PEP 561: the generated client and facade are typed.\n", encoding="utf-8")
    return written


__all__ = ["FacadeResource", "Method", "Param", "build_resources", "registry_rows", "render"]
