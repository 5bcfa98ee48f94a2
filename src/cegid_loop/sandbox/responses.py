"""HTTP handling of API calls: parse the query and the body, check them against the spec, call the
backend, serialize its documents. One generic handler per operation kind (see ``urls.classify``);
no business rule here (those are in ``backend``), and every error the backend raises carries its
own answer (``exceptions``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cegid_loop.definition import Definition, Parameter
from cegid_loop.definition.schemas import allows_null, declared_types
from cegid_loop.sandbox import exactjson, profiles
from cegid_loop.sandbox.auth import Firm
from cegid_loop.sandbox.backend import Backend
from cegid_loop.sandbox.exceptions import InvalidRequest, SandboxError, bad_field
from cegid_loop.sandbox.limits import parse_json
from cegid_loop.sandbox.list_query import GRAMMAR_PARAMETERS, Query, QueryError, parse_query
from cegid_loop.sandbox.serializer import from_wire, to_wire, wrap_list
from cegid_loop.sandbox.spec_shapes import fit, synthesize
from cegid_loop.sandbox.urls import (
    ACTION,
    ADD,
    DELETE,
    DEPOSIT,
    IMPORT_FILE,
    IMPORT_HISTORY,
    IMPORT_JSON,
    IMPORT_STATUS,
    LIST,
    MODIFY,
    SINGLE,
    Route,
)
from cegid_loop.sandbox.validation import OutOfRange, RequestValidator, coerce

Document = dict[str, Any]
NOT_FOUND_BODY = {"statusCode": 404, "message": "Resource not found"}  # APIM's (Q-APIM-404)


@dataclass
class Answer:
    """What the API answers: every success is HTTP 200, POST included (Q-SUCCESS-200)."""

    status: int
    body: Any = None  # JSON-able; bytes are sent as they are
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json; charset=utf-8"

    def encode(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if self.body is None:
            return b""
        return exactjson.dumps(self.body, ensure_ascii=False).encode()


@dataclass
class Call:
    firm: Firm
    route: Route
    query: dict[str, str]  # first value per name, names as sent
    body: bytes
    base_url: str

    def param(self, name: str) -> str | None:
        low = name.lower()
        return next((v for k, v in self.query.items() if k.lower() == low), None)


def _parse(call_query: dict[str, str]) -> Query:
    """The list query; a malformed filter/sort/select is a 400 naming the parameter and position."""
    try:
        return parse_query(call_query)
    except QueryError as exc:
        where = {"field": exc.parameter, "position": exc.position, "message": exc.message}
        raise InvalidRequest(str(exc), [where]) from exc


def _expect_object(body: Any) -> Mapping[str, Any]:
    if not isinstance(body, Mapping):
        raise bad_field("Le corps de la requête doit être un objet JSON", "(body)", "expected an object")
    return body


class Sandbox:
    """The HTTP side of every API operation, over one backend, one definition and one profile."""

    def __init__(self, *, backend: Backend, definition: Definition, profile: str) -> None:
        self.backend, self.definition, self.profile = backend, definition, profile
        self.validator = RequestValidator(definition)
        self.handlers: dict[str, Callable[[Call], Answer]] = {
            LIST: self.list,
            SINGLE: self.single,
            ADD: self.add,
            MODIFY: self.modify,
            DELETE: self.delete,
            IMPORT_FILE: self.import_file,
            IMPORT_JSON: self.import_json,
            DEPOSIT: self.deposit,
            IMPORT_STATUS: self.import_status,
            IMPORT_HISTORY: self.import_history,
            ACTION: self.action,
        }

    # -- entry point ------------------------------------------------------------------------------

    def handle(self, call: Call) -> Answer:
        try:
            self.backend.settle_imports(call.firm.id)
            self._check_parameters(call)
            return self.handlers[call.route.kind](call)
        except SandboxError as exc:
            return Answer(exc.status, exc.body())

    def _check_parameters(self, call: Call) -> None:
        errors: list[dict[str, Any]] = []
        for p in call.route.operation.parameters:
            if p.location != "query":
                continue
            value = call.param(p.name)
            if value is None:
                if p.required:
                    errors.append({"field": p.name, "message": f"le paramètre {p.name} est obligatoire"})
                continue
            errors.extend(self._param_errors(p, value))
        if errors:
            raise InvalidRequest(
                f"Paramètre invalide : {errors[0]['field']} ({errors[0]['message']})", errors
            )

    def _param_errors(self, p: Parameter, value: str) -> list[dict[str, Any]]:
        if not p.schema:
            return []
        try:
            messages = self.validator.parameter_errors(p, coerce(value, p.schema))
        except OutOfRange as exc:
            messages = [str(exc)]
        if messages and p.name.lower() in GRAMMAR_PARAMETERS:
            # Outside the definition's pattern: the parser's own answer says where, if it refuses it too.
            _parse({p.name: value})
            messages = [f"outside the grammar the sandbox's definition gives {p.name} (its pattern)"]
        return [{"field": p.name, "message": m} for m in messages]

    def _body(self, call: Call) -> Any:
        """The JSON body, checked against the operation's request schema (None when absent)."""
        body = parse_json(call.body)
        described = call.route.operation.body
        if body is None:
            if described is not None and described.required:
                raise bad_field("Le corps de la requête est obligatoire", "(body)", "missing request body")
            return None
        if described is not None and described.schema_pointer:
            checks = self._body_checks(call.route, described.schema_pointer, body)
            errors = [e for ptr, instance in checks for e in self.validator.body_errors(ptr, instance)]
            if errors:
                first = errors[0]
                raise InvalidRequest(
                    f"Corps de requête invalide : {first['field']} : {first['message']}", errors
                )
        return body

    def _body_checks(self, route: Route, pointer: str, body: Any) -> list[tuple[str, Any]]:
        """(schema pointer, instance) pairs to check. PUT /DossierComplet takes one object or an
        array of them (Q-DOSSIERCOMPLET-ARRAY-BODY, an ``anyOf`` in the sandbox's definition): the
        branch of the body's own JSON type is checked, so that errors name the field at fault
        rather than saying "not valid under any of the given schemas"."""
        node = self.definition.find(pointer)
        branches = node.get("anyOf") if isinstance(node, Mapping) else None
        if isinstance(branches, list):
            for index, branch in enumerate(branches):
                is_array = declared_types(self.definition.resolve(branch).node) == {"array"}
                if is_array == isinstance(body, list):
                    return [(f"{pointer}/anyOf/{index}", body)]
        if isinstance(body, list) and route.rule.single:  # a definition without the two forms
            return [(pointer, item) for item in body]
        return [(pointer, body)]

    def _dossier(self, call: Call) -> str:
        return self.backend.dossier(call.firm.id, call.route.target, call.param("codeDossier"))

    # -- shaping ----------------------------------------------------------------------------------

    def wire(self, route: Route, doc: Mapping[str, Any]) -> Document:
        out = to_wire(route.rule.shape, doc)
        props = route.item_schema.get("properties") if isinstance(route.item_schema, Mapping) else None
        if isinstance(props, Mapping):
            # a value we hold as null where the spec allows none is left out rather than sent as null
            out = {
                k: v
                for k, v in out.items()
                if v is not None or k not in props or allows_null(self.definition.resolve(props[k]).node)
            }
        return profiles.outgoing(self.profile, route.collection, out)

    def _incoming(self, route: Route, body: Mapping[str, Any]) -> Document:
        """A request body → a document for the backend (today's vocabulary, stored shape)."""
        return from_wire(route.rule.shape, profiles.incoming(self.profile, route.collection, body))

    def _one(self, route: Route, doc: Mapping[str, Any]) -> Answer:
        return Answer(200, fit(route, self.wire(route, doc)))

    # -- handlers ---------------------------------------------------------------------------------

    def list(self, call: Call) -> Answer:
        dossier = self._dossier(call)
        query = _parse(call.query)
        items = self.backend.page(
            call.firm.id, call.route.target, dossier, query, lambda doc: self.wire(call.route, doc)
        )
        body = wrap_list(call.route.rule.shape, items)
        return Answer(200, profiles.list_body(self.profile, self.definition.document, call.route, body))

    def single(self, call: Call) -> Answer:
        dossier = self._dossier(call)
        doc = self.backend.single(call.firm.id, call.route.target, dossier, call.param("objectId"))
        return Answer(200, self.wire(call.route, doc))

    def add(self, call: Call) -> Answer:
        dossier = self._dossier(call)
        body = _expect_object(self._body(call))
        stored = self.backend.add(call.firm.id, call.route.target, dossier, self._incoming(call.route, body))
        return self._one(call.route, stored)

    def modify(self, call: Call) -> Answer:
        dossier = self._dossier(call)
        body = self._body(call)
        if call.route.rule.single:
            items = body if isinstance(body, list) else [body]
            success, errors = self.backend.modify_single(call.firm.id, call.route.target, dossier, items)
            # HTTP 200 whatever happened, errors in the envelope (Q-DOSSIERCOMPLET-ENVELOPE)
            return Answer(200, {"success": [self.wire(call.route, d) for d in success], "errors": errors})
        changes = self._incoming(call.route, _expect_object(body))
        return self._one(call.route, self.backend.modify(call.firm.id, call.route.target, dossier, changes))

    def delete(self, call: Call) -> Answer:
        dossier = self._dossier(call)
        object_id = call.param("objectId")
        if not object_id:
            body = self._body(call)
            object_id = body.get("objectId") if isinstance(body, Mapping) else None
        gone = self.backend.delete(call.firm.id, call.route.target, dossier, object_id)
        if call.route.response_schema is None:
            return Answer(200, None)
        return self._one(call.route, gone)

    def deposit(self, call: Call) -> Answer:
        return Answer(200, self.backend.deposit(call.firm.id, call.param("filename"), call.base_url))

    def import_status(self, call: Call) -> Answer:
        request_id = call.param("accountingImportRequestId") or next(
            (v for k, v in call.query.items() if "id" in k.lower()), None
        )
        return Answer(200, self.backend.import_status(call.firm.id, request_id))

    def import_file(self, call: Call) -> Answer:
        # what the spec refuses is a 400 (a schema-violating request is never "accepted"); then the
        # documented refusals, with HTTP 200 (Q-IMPORT-ERROR-200); then the request is queued
        body = self._body(call)
        return Answer(200, self.backend.submit_file(call.firm.id, call.route.import_kind or "file", body))

    def import_json(self, call: Call) -> Answer:
        self._body(call)  # checked (limits, definition); then read again with exact amounts
        body = exactjson.loads(call.body.decode("utf-8-sig"))
        return Answer(200, self.backend.submit_json(call.firm.id, body))

    def import_history(self, call: Call) -> Answer:
        dossier = self._dossier(call)
        return Answer(200, self.backend.import_history(call.firm.id, dossier))

    def action(self, call: Call) -> Answer:
        """Operations the sandbox acknowledges without keeping state (collaborative offers, bank events)."""
        if any(p.name.lower() == "codedossier" for p in call.route.operation.parameters):
            self._dossier(call)
        body = self._body(call)
        if call.route.resource == "partialinit":
            key = body.get("key") if isinstance(body, Mapping) else None
            return Answer(200, self.backend.partial_init(call.firm.id, key))
        schema = call.route.response_schema
        if isinstance(schema, Mapping) and (schema.get("type") or schema.get("properties")):
            return Answer(200, synthesize(self.definition, schema))
        return Answer(200, {"message": "Demande prise en compte."})
