"""Resource namespaces (``loop.comptes``, ``loop.journaux``...) built from the API description.

Nothing here is written per resource. At first use the effective spec is read: each operation
(path, method, operationId, tag, parameters) becomes an :class:`Operation` bound to its generated
module ``cegid_loop_api.api.<tag>.<snake_case(operationId)>`` (imported lazily). Operations are
grouped by the first segment of their path, and each group becomes a namespace whose methods follow
from HTTP method and shape:

| operation                                   | method                     |
|---------------------------------------------|----------------------------|
| GET returning an array (``list...``)        | ``list()`` and ``iter()``  |
| GET returning one object (``get...``)       | ``get()``                  |
| POST (``add...``/``create...``)             | ``create()``               |
| PUT/PATCH (``update...``)                   | ``update()``               |
| DELETE (``delete...``)                      | ``delete()``               |
| anything else                               | ``<snake_case(operationId)>(**kwargs)`` |

Only names come from a table (:data:`RESOURCE_NAMES`), because the API's path segments are
singular French (``compte`` -> ``comptes``, ``journal`` -> ``journaux``); a segment missing from it
gets ``snake_case + "s"``. A new operation in the spec therefore costs nothing, a new resource at
most one line here. Import operations are served by :mod:`cegid_loop.imports` (``loop.imports``).
"""

from __future__ import annotations

import builtins
import functools
import importlib
import inspect
import keyword
import pkgutil
import re
import typing
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

from cegid_loop import pagination
from cegid_loop.errors import NotFound
from cegid_loop.query import FilterArg, SortArg, render_filter, render_sort

if TYPE_CHECKING:
    from cegid_loop._client import AsyncLoopClient, LoopClient

GENERATED_PACKAGE = "cegid_loop_api"

# path segment (lower case) -> attribute name. Only where "snake_case(segment) + s" is wrong or ugly.
RESOURCE_NAMES: dict[str, str] = {
    "compte": "comptes",
    "comptebancaire": "comptes_bancaires",
    "journal": "journaux",
    "tiers": "tiers",
    "tiersclient": "tiers_clients",
    "tiersfournisseur": "tiers_fournisseurs",
    "tierssalarie": "tiers_salaries",
    "tiersdivers": "tiers_divers",
    "etablissementcomplet": "etablissements",
    "etablissementjuridique": "etablissements_juridiques",
    "dossiercomplet": "dossiers",
    "dossierclient": "dossiers_clients",
    "section": "sections",
    "axe": "axes",
    "groupe": "groupes",
    "agencecabinet": "agences",
    "collaborateurcabinet": "collaborateurs",
    "ecriturecomptable": "ecritures",
    "collaborativeoffer": "offres_collaboratives",
    "dossiercollaborateur": "dossiers_collaborateurs",
    "dossiercomptable": "dossiers_comptables",
    "declarationedi": "declarations_edi",
    "periode": "periodes",
    "tauxtva": "taux_tva",
    "initpointage": "pointage",
    "bankaccountevents": "bank_account_events",
    "engagement": "engagements",
    "partialinit": "sink",
}

# operationIds served by loop.imports, not by a generic namespace.
IMPORT_OPERATIONS = frozenset(
    {
        "importFec",
        "importTra",
        "importPerso",
        "importJson",
        "getFileUrlDeposit",
        "getImportStatus",
        "listImportHistory",
    }
)

_CRUD_PREFIXES = {
    "list": ("list",),
    "get": ("get",),
    "create": ("add", "create", "post"),
    "update": ("update", "modify", "put"),
    "delete": ("delete", "remove"),
}

# --- OPC's naming, reproduced (openapi_python_client.strings at 0.29.1) so that module paths match.
_DELIMITERS = r"\. _-"
_RESERVED = (set(dir(builtins)) | {"self", "true", "false", "datetime"}) - {"id"}


def _sanitize(value: str) -> str:
    return "".join(c for c in value if c.isidentifier() or c.isdecimal() or c in _DELIMITERS)


def snake_case(value: str) -> str:
    value = _sanitize(value)
    if any(c.isupper() for c in value):
        value = " ".join(re.split("([A-Z]?[a-z]+)", value))
    return "_".join(re.findall(rf"[^{re.escape(_DELIMITERS)}]+", value)).lower()


def python_identifier(value: str, prefix: str) -> str:
    """OPC's ``PythonIdentifier(value, prefix)``: module names of tags and operations."""
    safe = _sanitize(value)
    leading_underscore = safe.startswith("_")
    name = snake_case(safe)
    if name in _RESERVED or keyword.iskeyword(name):
        name += "_"
    if not name.isidentifier() or leading_underscore:
        name = prefix + name
    return name


def _norm(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


# --- Operations ---------------------------------------------------------------------------------
@functools.cache
def _module_name(tag: str, operation_id: str) -> str:
    """The generated module of an operation (computed once: it is on every call's path)."""
    package = python_identifier(tag, "tag")
    return f"{GENERATED_PACKAGE}.api.{package}.{python_identifier(operation_id, 'field_')}"


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    tag: str
    parameters: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    has_body: bool = False
    returns_array: bool = False
    summary: str = ""
    body_fields: tuple[str, ...] = ()

    @property
    def module_name(self) -> str:
        return _module_name(self.tag, self.operation_id)

    def module(self) -> ModuleType:
        return _load_module(self.module_name, python_identifier(self.operation_id, "field_"))

    def function(self, name: str) -> Callable[..., Any]:
        fn: Callable[..., Any] = getattr(self.module(), name)
        return fn

    def kwarg(self, spec_name: str) -> str:
        """The generated function's keyword for spec parameter ``spec_name`` (``filter`` -> ``filter_``)."""
        return _kwargs_of(self.module_name).get(_norm(spec_name), snake_case(spec_name))

    def body_type(self) -> Any:
        """The generated model class of the request body (``None`` when there is no body)."""
        return _body_type(self.module_name)

    def has_param(self, spec_name: str) -> bool:
        return _norm(spec_name) in {_norm(p) for p in self.parameters}

    def body_field(self, name: str) -> str:
        """The JSON name the spec gives a body property, matched case-insensitively
        (``modele`` -> ``MODELE`` when the description spells it so)."""
        return next((f for f in self.body_fields if _norm(f) == _norm(name)), name)


@functools.cache
def _load_module(module_name: str, leaf: str) -> ModuleType:
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and not module_name.startswith(exc.name):
            raise
    # The tag may have been renamed by a generator option: look the operation up in every tag.
    api = importlib.import_module(f"{GENERATED_PACKAGE}.api")
    for info in pkgutil.iter_modules(api.__path__):
        try:
            return importlib.import_module(f"{api.__name__}.{info.name}.{leaf}")
        except ModuleNotFoundError:
            continue
    raise ModuleNotFoundError(f"no generated module for {module_name} (regenerate {GENERATED_PACKAGE}?)")


@functools.cache
def _kwargs_of(module_name: str) -> dict[str, str]:
    module = _load_module(module_name, module_name.rsplit(".", 1)[-1])
    params = inspect.signature(module.sync_detailed).parameters
    return {_norm(name.rstrip("_")): name for name in params if name != "client"}


@functools.cache
def _body_type(module_name: str) -> Any:
    module = _load_module(module_name, module_name.rsplit(".", 1)[-1])
    try:
        hints = typing.get_type_hints(module.sync_detailed)
    except Exception:  # unresolvable forward reference: fall back to the raw annotation
        hints = {k: p.annotation for k, p in inspect.signature(module.sync_detailed).parameters.items()}
    hint = hints.get("body")
    if hint is None:
        return None
    for candidate in (hint, *typing.get_args(hint)):
        if hasattr(candidate, "from_dict"):
            return candidate
    return None


def _returns_array(operation: Mapping[str, Any], spec: Mapping[str, Any]) -> bool:
    for status, response in (operation.get("responses") or {}).items():
        if not str(status).startswith("2"):
            continue
        response = _deref(response, spec)
        for media in (response.get("content") or {}).values():
            schema = _deref(media.get("schema") or {}, spec)
            if schema.get("type") == "array" or (
                isinstance(schema.get("type"), list) and "array" in schema["type"]
            ):
                return True
    return False


def _body_fields(operation: Mapping[str, Any], spec: Mapping[str, Any]) -> tuple[str, ...]:
    body = _deref(operation.get("requestBody") or {}, spec)
    fields: list[str] = []
    for media in (body.get("content") or {}).values():
        schema = _deref(media.get("schema") or {}, spec)
        for part in [schema, *(_deref(s, spec) for s in schema.get("allOf") or [])]:
            fields += [str(name) for name in part.get("properties") or {}]
    return tuple(dict.fromkeys(fields))


def _deref(node: Any, spec: Mapping[str, Any]) -> dict[str, Any]:
    seen = 0
    while isinstance(node, Mapping) and "$ref" in node and seen < 20:
        ref = str(node["$ref"])
        if not ref.startswith("#/"):
            return {}
        target: Any = spec
        for part in ref[2:].split("/"):
            target = (
                target.get(part.replace("~1", "/").replace("~0", "~"), {})
                if isinstance(target, Mapping)
                else {}
            )
        node, seen = target, seen + 1
    return dict(node) if isinstance(node, Mapping) else {}


def operations_from_spec(spec: Mapping[str, Any]) -> dict[str, Operation]:
    """Every operation of an OpenAPI document, by operationId."""
    ops: dict[str, Operation] = {}
    for path, item in (spec.get("paths") or {}).items():
        item = _deref(item, spec)
        shared = [_deref(p, spec) for p in item.get("parameters") or []]
        for method in ("get", "put", "post", "delete", "patch"):
            operation = item.get(method)
            if not isinstance(operation, Mapping) or not operation.get("operationId"):
                continue
            params = {p.get("name"): p for p in shared}
            params.update(
                {p.get("name"): p for p in (_deref(q, spec) for q in operation.get("parameters") or [])}
            )
            names = tuple(n for n, p in params.items() if n and p.get("in") in ("query", "path"))
            ops[operation["operationId"]] = Operation(
                operation_id=str(operation["operationId"]),
                method=method.upper(),
                path=str(path),
                tag=str((operation.get("tags") or ["default"])[0]),
                parameters=names,
                required=tuple(n for n in names if params[n].get("required")),
                has_body="requestBody" in operation,
                returns_array=_returns_array(operation, spec),
                summary=str(operation.get("summary") or ""),
                body_fields=_body_fields(operation, spec),
            )
    return ops


def _load_spec() -> Mapping[str, Any]:
    from cegid_loop import spec

    try:
        return spec.load_effective()
    except FileNotFoundError:  # source checkout before the first generation
        return spec.load_upstream()


@functools.cache
def operations() -> dict[str, Operation]:
    return operations_from_spec(_load_spec())


# --- Grouping into resources --------------------------------------------------------------------
@dataclass
class ResourceSpec:
    name: str
    segment: str
    crud: dict[str, Operation] = field(default_factory=dict)
    extras: dict[str, Operation] = field(default_factory=dict)


def _segment(path: str) -> str:
    return next((part for part in path.split("/") if part and not part.startswith("{")), "")


def _slot(op: Operation) -> str | None:
    verb = snake_case(op.operation_id).split("_", 1)[0]
    if op.method == "GET":
        if op.returns_array or verb == "list":
            return "list"
        return "get" if verb in ("get", "read", "retrieve") else None
    wanted = {"POST": "create", "PUT": "update", "PATCH": "update", "DELETE": "delete"}[op.method]
    return wanted if verb in _CRUD_PREFIXES[wanted] else None


def resource_name(segment: str) -> str:
    known = RESOURCE_NAMES.get(segment.lower())
    if known:
        return known
    base = snake_case(segment)
    return base if base.endswith(("s", "x")) else base + "s"


def group(ops: Mapping[str, Operation]) -> dict[str, ResourceSpec]:
    resources: dict[str, ResourceSpec] = {}
    for op in ops.values():
        if op.operation_id in IMPORT_OPERATIONS:
            continue
        segment = _segment(op.path)
        name = resource_name(segment)
        res = resources.setdefault(name, ResourceSpec(name=name, segment=segment))
        slot = _slot(op)
        # A second operation for a taken slot (or a sub-path like /x/{id}/y) stays reachable by name.
        if slot and slot not in res.crud and op.path.strip("/").lower() == segment.lower():
            res.crud[slot] = op
        else:
            res.extras[python_identifier(op.operation_id, "op_")] = op
    return resources


@functools.cache
def resources() -> dict[str, ResourceSpec]:
    return group(operations())


def resource_names() -> list[str]:
    return sorted(resources())


# --- Call helpers shared by the sync and async namespaces -----------------------------------------
# (An alias, because inside the namespaces ``list`` names the method.)
Select = str | Sequence[str] | None


def _body(op: Operation, data: Any) -> Any:
    if data is None or not isinstance(data, Mapping):
        return data  # already a generated model (or nothing)
    model = op.body_type()
    return model.from_dict(dict(data)) if model is not None else data


def _kwargs(
    op: Operation, code_dossier: str | None, extra: Mapping[str, Any], **named: Any
) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    if code_dossier is not None:
        kwargs[op.kwarg("codeDossier")] = code_dossier
    for spec_name, value in named.items():
        if value is not None:
            kwargs[op.kwarg(spec_name)] = value
    kwargs.update(extra)
    return kwargs


def _list_kwargs(
    op: Operation,
    code_dossier: str,
    extra: Mapping[str, Any],
    *,
    filter: FilterArg,
    sort: SortArg,
    select: Select,
    skip: int | None,
    take: int | None,
) -> dict[str, Any]:
    if select is not None and not isinstance(select, str):
        select = ",".join(select)
    return _kwargs(
        op,
        code_dossier,
        extra,
        filter=render_filter(filter),
        sort=render_sort(sort),
        select=select,
        skip=skip,
        take=take,
    )


def _as_model(op: Operation, parsed: Any) -> Any:
    """A write whose answer the spec leaves untyped: give back the body's model when the JSON
    parses as one (Loop answers with the object it stored), else the JSON as is."""
    model = op.body_type()
    if model is None or not isinstance(parsed, Mapping):
        return parsed
    try:
        return model.from_dict(dict(parsed))
    except (KeyError, ValueError, TypeError, AttributeError):
        return parsed


def items_of(parsed: Any) -> list[Any]:
    """The records of a list answer: a bare array, or one wrapped in ``data`` (``/groupe``)."""
    if parsed is None:
        return []
    if isinstance(parsed, list):
        return parsed
    data = parsed.get("data") if isinstance(parsed, Mapping) else getattr(parsed, "data", None)
    return list(data) if isinstance(data, list) else []


def _object_id(data: Any) -> str:
    value = data.get("objectId") if isinstance(data, Mapping) else getattr(data, "object_id", data)
    return str(value)


class _Base:
    spec: ResourceSpec

    def _op(self, slot: str) -> Operation:
        return self.spec.crud[slot]

    def __repr__(self) -> str:
        methods = sorted(
            {*self.spec.crud, *(["iter"] if "list" in self.spec.crud else []), *self.spec.extras}
        )
        return f"<{type(self).__name__} {self.spec.name}: {', '.join(methods)}>"


# --- sync ---------------------------------------------------------------------------------------
class Resource(_Base):
    """A namespace of synchronous methods; only those the API has are present."""

    def __init__(self, client: LoopClient, spec: ResourceSpec, *, raw: bool = False) -> None:
        self._client = client
        self.spec = spec
        self._raw = raw

    def _run(self, op: Operation, kwargs: dict[str, Any]) -> Any:
        response = self._client.request(op, **kwargs)
        return response if self._raw else response.parsed

    def _write(self, op: Operation, kwargs: dict[str, Any]) -> Any:
        response = self._client.request(op, **kwargs)
        return response if self._raw else _as_model(op, response.parsed)

    def __getattr__(self, name: str) -> Callable[..., Any]:
        op = self.__dict__["spec"].extras.get(name)
        if op is None:
            raise AttributeError(f"{self.__dict__['spec'].name} has no operation {name!r}")

        def call(code_dossier: str | None = None, /, *, body: Any = None, **kwargs: Any) -> Any:
            if body is not None:
                kwargs["body"] = _body(op, body)
            if code_dossier is not None:
                kwargs[op.kwarg("codeDossier")] = code_dossier
            return self._run(op, kwargs)

        call.__name__ = name
        call.__doc__ = f"{op.method} {op.path} ({op.operation_id}). {op.summary}"
        return call

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self.spec.extras})


class _List(Resource):
    def list(
        self,
        code_dossier: str,
        *,
        filter: FilterArg = None,
        sort: SortArg = None,
        select: Select = None,
        skip: int | None = None,
        take: int | None = None,
        **extra: Any,
    ) -> Any:
        """One page (``skip``/``take``, at most 100) of the list. Use :meth:`iter` to walk them all.

        Always the records themselves, also where Loop wraps them (``/groupe``: ``{"data": [...]}``).
        """
        op = self._op("list")
        kwargs = _list_kwargs(
            op, code_dossier, extra, filter=filter, sort=sort, select=select, skip=skip, take=take
        )
        response = self._client.request(op, **kwargs)
        return response if self._raw else items_of(response.parsed)

    def iter(
        self,
        code_dossier: str,
        *,
        filter: FilterArg = None,
        sort: SortArg = None,
        select: Select = None,
        page_size: int = pagination.MAX_PAGE_SIZE,
        limit: int | None = None,
        concurrency: int = 1,
        **extra: Any,
    ) -> Iterator[Any]:
        """Every record, lazily, page after page (each record once, in server order).

        ``concurrency`` > 1 fetches that many pages ahead in parallel threads. Pass a ``sort`` on a
        unique field when the data may change meanwhile: skip/take needs a stable order.
        """
        op = self._op("list")
        rendered_filter, rendered_sort = render_filter(filter), render_sort(sort)

        def fetch(skip: int, take: int) -> Sequence[Any]:
            kwargs = _list_kwargs(
                op,
                code_dossier,
                extra,
                filter=rendered_filter,
                sort=rendered_sort,
                select=select,
                skip=skip,
                take=take,
            )
            return items_of(self._client.request(op, **kwargs).parsed)

        return pagination.iter_items(
            fetch, page_size=page_size, limit=limit, concurrency=concurrency, key=pagination.object_id_key
        )


class _Get(Resource):
    def get(self, code_dossier: str, **extra: Any) -> Any:
        op = self._op("get")
        return self._run(op, _kwargs(op, code_dossier, extra))


class _Create(Resource):
    def create(self, code_dossier: str, data: Any, **extra: Any) -> Any:
        """Add one record. ``data``: the generated model or a dict in the API's JSON field names."""
        op = self._op("create")
        return self._write(op, {**_kwargs(op, code_dossier, extra), "body": _body(op, data)})


class _Update(Resource):
    def update(self, code_dossier: str, data: Any, **extra: Any) -> Any:
        """Modify one record: ``data`` carries ``objectId`` and the current ``revisionId``
        (a stale one raises :class:`~cegid_loop.errors.RevisionConflict`)."""
        op = self._op("update")
        return self._write(op, {**_kwargs(op, code_dossier, extra), "body": _body(op, data)})


class _Delete(Resource):
    def delete(self, code_dossier: str, object_id: Any, **extra: Any) -> Any:
        """Delete one record by ``objectId`` (a model or a dict with one is accepted too)."""
        op = self._op("delete")
        return self._run(op, _kwargs(op, code_dossier, extra, objectId=_object_id(object_id)))


class _FindOne(Resource):
    def find_one(self, code_dossier: str, *, filter: FilterArg, **extra: Any) -> Any:
        """The first record matching ``filter``; :class:`~cegid_loop.errors.NotFound` if none."""
        op = self._op("list")
        kwargs = _list_kwargs(op, code_dossier, extra, filter=filter, sort=None, select=None, skip=0, take=1)
        found = items_of(self._client.request(op, **kwargs).parsed)
        if not found:
            raise NotFound(f"no {self.spec.name} matches {render_filter(filter)}", status_code=None)
        return found[0]


_SYNC_MIXINS: dict[str, tuple[type[Resource], ...]] = {
    "list": (_List, _FindOne),
    "get": (_Get,),
    "create": (_Create,),
    "update": (_Update,),
    "delete": (_Delete,),
}


@functools.cache
def _sync_class(slots: frozenset[str]) -> type[Resource]:
    bases = tuple(
        m
        for slot in ("list", "get", "create", "update", "delete")
        if slot in slots
        for m in _SYNC_MIXINS[slot]
    )
    return type("Resource", bases or (Resource,), {})


def make_resource(client: LoopClient, name: str, *, raw: bool = False) -> Resource:
    spec = resources().get(name)
    if spec is None:
        raise AttributeError(f"the Loop API has no resource {name!r} (known: {', '.join(resource_names())})")
    return _sync_class(frozenset(spec.crud))(client, spec, raw=raw)


# --- async --------------------------------------------------------------------------------------
class AsyncResource(_Base):
    """Async twin of :class:`Resource`."""

    def __init__(self, client: AsyncLoopClient, spec: ResourceSpec, *, raw: bool = False) -> None:
        self._client = client
        self.spec = spec
        self._raw = raw

    async def _run(self, op: Operation, kwargs: dict[str, Any]) -> Any:
        response = await self._client.request(op, **kwargs)
        return response if self._raw else response.parsed

    async def _write(self, op: Operation, kwargs: dict[str, Any]) -> Any:
        response = await self._client.request(op, **kwargs)
        return response if self._raw else _as_model(op, response.parsed)

    def __getattr__(self, name: str) -> Callable[..., Any]:
        op = self.__dict__["spec"].extras.get(name)
        if op is None:
            raise AttributeError(f"{self.__dict__['spec'].name} has no operation {name!r}")

        async def call(code_dossier: str | None = None, /, *, body: Any = None, **kwargs: Any) -> Any:
            if body is not None:
                kwargs["body"] = _body(op, body)
            if code_dossier is not None:
                kwargs[op.kwarg("codeDossier")] = code_dossier
            return await self._run(op, kwargs)

        call.__name__ = name
        call.__doc__ = f"{op.method} {op.path} ({op.operation_id}). {op.summary}"
        return call

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self.spec.extras})


class _AList(AsyncResource):
    async def list(
        self,
        code_dossier: str,
        *,
        filter: FilterArg = None,
        sort: SortArg = None,
        select: Select = None,
        skip: int | None = None,
        take: int | None = None,
        **extra: Any,
    ) -> Any:
        op = self._op("list")
        kwargs = _list_kwargs(
            op, code_dossier, extra, filter=filter, sort=sort, select=select, skip=skip, take=take
        )
        response = await self._client.request(op, **kwargs)
        return response if self._raw else items_of(response.parsed)

    def iter(
        self,
        code_dossier: str,
        *,
        filter: FilterArg = None,
        sort: SortArg = None,
        select: Select = None,
        page_size: int = pagination.MAX_PAGE_SIZE,
        limit: int | None = None,
        concurrency: int = 1,
        **extra: Any,
    ) -> AsyncIterator[Any]:
        """``async for`` every record; ``concurrency`` pages requested at once at most."""
        op = self._op("list")
        rendered_filter, rendered_sort = render_filter(filter), render_sort(sort)

        async def fetch(skip: int, take: int) -> Sequence[Any]:
            kwargs = _list_kwargs(
                op,
                code_dossier,
                extra,
                filter=rendered_filter,
                sort=rendered_sort,
                select=select,
                skip=skip,
                take=take,
            )
            return items_of((await self._client.request(op, **kwargs)).parsed)

        return pagination.aiter_items(
            fetch, page_size=page_size, limit=limit, concurrency=concurrency, key=pagination.object_id_key
        )

    async def find_one(self, code_dossier: str, *, filter: FilterArg, **extra: Any) -> Any:
        op = self._op("list")
        kwargs = _list_kwargs(op, code_dossier, extra, filter=filter, sort=None, select=None, skip=0, take=1)
        found = items_of((await self._client.request(op, **kwargs)).parsed)
        if not found:
            raise NotFound(f"no {self.spec.name} matches {render_filter(filter)}", status_code=None)
        return found[0]


class _AGet(AsyncResource):
    async def get(self, code_dossier: str, **extra: Any) -> Any:
        op = self._op("get")
        return await self._run(op, _kwargs(op, code_dossier, extra))


class _ACreate(AsyncResource):
    async def create(self, code_dossier: str, data: Any, **extra: Any) -> Any:
        op = self._op("create")
        return await self._write(op, {**_kwargs(op, code_dossier, extra), "body": _body(op, data)})


class _AUpdate(AsyncResource):
    async def update(self, code_dossier: str, data: Any, **extra: Any) -> Any:
        op = self._op("update")
        return await self._write(op, {**_kwargs(op, code_dossier, extra), "body": _body(op, data)})


class _ADelete(AsyncResource):
    async def delete(self, code_dossier: str, object_id: Any, **extra: Any) -> Any:
        op = self._op("delete")
        return await self._run(op, _kwargs(op, code_dossier, extra, objectId=_object_id(object_id)))


_ASYNC_MIXINS: dict[str, type[AsyncResource]] = {
    "list": _AList,
    "get": _AGet,
    "create": _ACreate,
    "update": _AUpdate,
    "delete": _ADelete,
}


@functools.cache
def _async_class(slots: frozenset[str]) -> type[AsyncResource]:
    bases = tuple(_ASYNC_MIXINS[s] for s in ("list", "get", "create", "update", "delete") if s in slots)
    return type("AsyncResource", bases or (AsyncResource,), {})


def make_async_resource(client: AsyncLoopClient, name: str, *, raw: bool = False) -> AsyncResource:
    spec = resources().get(name)
    if spec is None:
        raise AttributeError(f"the Loop API has no resource {name!r} (known: {', '.join(resource_names())})")
    return _async_class(frozenset(spec.crud))(client, spec, raw=raw)


def clear_caches() -> None:
    """Forget the loaded spec and modules (tests swap the spec)."""
    operations.cache_clear()
    resources.cache_clear()
    _load_module.cache_clear()
    _kwargs_of.cache_clear()
    _body_type.cache_clear()


__all__ = [
    "IMPORT_OPERATIONS",
    "RESOURCE_NAMES",
    "AsyncResource",
    "Operation",
    "Resource",
    "ResourceSpec",
    "group",
    "make_async_resource",
    "make_resource",
    "operations",
    "operations_from_spec",
    "resource_names",
    "resources",
]
