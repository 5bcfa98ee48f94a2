"""HTTP handling of API calls: parse query and body, validate them against the spec, call the
store, serialize. One generic handler per operation kind (see ``urls.classify``)."""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from cegid_loop.sandbox import profiles
from cegid_loop.sandbox.auth import Firm
from cegid_loop.sandbox.imports import ImportService, status_body
from cegid_loop.sandbox.models import CABINET, RevisionConflict, Store
from cegid_loop.sandbox.query import MAX_TAKE, QueryError, parse_query
from cegid_loop.sandbox.seed import luhn_ok
from cegid_loop.sandbox.serializer import (
    loop_error,
    normalize_reference,
    reference,
    to_int_enum,
    to_wire,
    wrap_list,
)
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
    Operation,
    Parameter,
    resolve,
)

# jsonschema ships no type information (and types-jsonschema is not a dependency): typed as Any.
jsonschema: Any = importlib.import_module("jsonschema")

Document = dict[str, Any]
SPEC_URI = "urn:cegid-loop:spec"
NOT_FOUND_BODY = {"statusCode": 404, "message": "Resource not found"}  # APIM's (Q-APIM-404)
# Codes of the forme-juridique table (facts.md §3.4 lists a few; common French legal forms added).
FORMES_JURIDIQUES = frozenset(
    {
        "ASS",
        "COM",
        "COOP",
        "DIV",
        "EA",
        "SA",
        "SARL",
        "SAS",
        "SASU",
        "EURL",
        "EI",
        "SCI",
        "SNC",
        "SCOP",
        "SCP",
        "SEL",
        "SELARL",
        "EARL",
        "GAEC",
        "GIE",
        "ETAT",
    }
)


@dataclass
class Answer:
    status: int
    body: Any = None  # JSON-able; bytes are sent as they are
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json; charset=utf-8"

    def encode(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if self.body is None:
            return b""
        return json.dumps(self.body, ensure_ascii=False).encode()


def bad_request(message: str, errors: list[Any]) -> Answer:
    return Answer(400, loop_error(message, errors))


def not_found(message: str) -> Answer:
    return Answer(404, loop_error(message))


@dataclass
class Call:
    firm: Firm
    op: Operation
    query: dict[str, str]  # first value per name, names as sent
    body: bytes
    base_url: str

    def param(self, name: str) -> str | None:
        low = name.lower()
        return next((v for k, v in self.query.items() if k.lower() == low), None)


class Validator:
    """Request validation with jsonschema against the spec (refs resolved through ``referencing``)."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        resource = Resource.from_contents(dict(spec), default_specification=DRAFT202012)
        self.registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
        self._cache: dict[str, Any] = {}

    def _validator(self, ptr: str) -> Any:
        if ptr not in self._cache:
            self._cache[ptr] = jsonschema.Draft202012Validator(
                {"$ref": SPEC_URI + ptr}, registry=self.registry, format_checker=jsonschema.FormatChecker()
            )
        return self._cache[ptr]

    def body_errors(self, ptr: str, instance: Any) -> list[dict[str, Any]]:
        return [_describe(e) for e in self._sorted(self._validator(ptr), instance)]

    def schema_errors(self, schema: Mapping[str, Any], instance: Any) -> list[str]:
        validator = jsonschema.Draft202012Validator(
            dict(schema), registry=self.registry, format_checker=jsonschema.FormatChecker()
        )
        return [e.message for e in self._sorted(validator, instance)]

    @staticmethod
    def _sorted(validator: Any, instance: Any) -> list[Any]:
        try:
            errors = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
            return list(errors[:20])
        except jsonschema.exceptions._WrappedReferencingError:  # unresolvable $ref in the spec: accept
            return []


def _describe(error: Any) -> dict[str, Any]:
    parts = [str(p) for p in error.absolute_path]
    if error.validator == "required" and isinstance(error.instance, Mapping):
        missing = [p for p in error.validator_value if p not in error.instance]
        if missing:
            parts.append(str(missing[0]))
    return {"field": ".".join(parts) or "(body)", "message": error.message[:300]}


def _allows_null(schema: Any) -> bool:
    if not isinstance(schema, Mapping):
        return True
    types = schema.get("type")
    if types is None:
        subs = [*(schema.get("anyOf") or []), *(schema.get("oneOf") or [])]
        return not subs or any(isinstance(x, Mapping) and _allows_null(x) for x in subs)
    return types == "null" or (isinstance(types, list) and "null" in types)


def read_json(raw: bytes) -> Any:
    """The body as JSON, whatever the Content-Type says (Q-CONTENT-TYPE-TYPO). Raises ValueError."""
    text = raw.decode("utf-8-sig")
    return json.loads(text) if text.strip() else None


def _coerce(value: str, schema: Mapping[str, Any]) -> Any:
    types = schema.get("type")
    types = types if isinstance(types, list) else [types]
    raw = value.strip()
    unquoted = raw[1:-1] if len(raw) >= 2 and raw[0] == raw[-1] == '"' else raw  # Q-QUOTED-NUMBERS
    if "integer" in types and re.fullmatch(r"[+-]?\d+", unquoted):
        return int(unquoted)
    if "number" in types:
        try:
            return float(unquoted)
        except ValueError:
            pass
    if "boolean" in types and unquoted in ("true", "false"):
        return unquoted == "true"
    if "array" in types:
        return [v for v in value.split(",")]
    return value


def fit(op: Operation, spec: Mapping[str, Any], wire: Any) -> Any:
    """Put one object into the container the operation's success schema describes."""
    schema = op.response_schema
    if not isinstance(schema, Mapping):
        return wire
    types = schema.get("type")
    if types == "array" or (isinstance(types, list) and "array" in types):
        return [wire]
    raw_props = schema.get("properties")
    props: Mapping[str, Any] = raw_props if isinstance(raw_props, Mapping) else {}
    if "success" in props and "errors" in props:
        return {"success": [wire], "errors": []}
    if "data" in props and resolve(spec, props["data"]).get("type") == "array":
        return {"data": [wire]}
    return wire


def synthesize(spec: Mapping[str, Any], schema: Any, depth: int = 0) -> Any:
    """A small valid instance of a schema (examples first), for operations the sandbox only acknowledges."""
    schema = resolve(spec, schema)
    if not isinstance(schema, Mapping) or depth > 8:
        return None
    if "example" in schema:
        return schema["example"]
    if isinstance(schema.get("examples"), list) and schema["examples"]:
        return schema["examples"][0]
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    for key in ("oneOf", "anyOf"):
        if isinstance(schema.get(key), list) and schema[key]:
            return synthesize(spec, schema[key][0], depth + 1)
    if isinstance(schema.get("allOf"), list):
        merged: Document = {}
        for part in schema["allOf"]:
            value = synthesize(spec, part, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    types = schema.get("type")
    kind = next((t for t in types if t != "null"), "null") if isinstance(types, list) else types
    if kind == "object" or (kind is None and "properties" in schema):
        props = schema.get("properties") or {}
        return {name: synthesize(spec, sub, depth + 1) for name, sub in props.items()}
    if kind == "array":
        return []
    if kind == "integer":
        return int(schema.get("minimum", 0))
    if kind == "number":
        return float(schema.get("minimum", 0))
    if kind == "boolean":
        return False
    if kind == "string":
        fmt = schema.get("format")
        return {
            "uuid": "00000000-0000-4000-8000-000000000000",
            "date": "2026-01-01",
            "date-time": "2026-01-01T00:00:00Z",
            "email": "demo@example.com",
            "uri": "https://example.com/",
        }.get(str(fmt), "x" * int(schema.get("minLength", 0)))
    return None


class Sandbox:
    """Everything an API call needs: store, import service, spec, validator and profile."""

    def __init__(
        self, *, store: Store, imports: ImportService, spec: Mapping[str, Any], profile: str
    ) -> None:
        self.store, self.imports, self.spec, self.profile = store, imports, spec, profile
        self.validator = Validator(spec)
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
        self.imports.settle(call.firm.id)
        problem = self._check_parameters(call)
        if problem is not None:
            return problem
        return self.handlers[call.op.kind](call)

    def _check_parameters(self, call: Call) -> Answer | None:
        errors: list[dict[str, Any]] = []
        for p in call.op.parameters:
            if p.location != "query":
                continue
            value = call.param(p.name)
            if value is None:
                if p.required:
                    errors.append({"field": p.name, "message": f"le paramètre {p.name} est obligatoire"})
                continue
            errors.extend({"field": p.name, "message": m} for m in self._param_errors(p, value))
        if errors:
            return bad_request(f"Paramètre invalide : {errors[0]['field']} ({errors[0]['message']})", errors)
        return None

    def _param_errors(self, p: Parameter, value: str) -> list[str]:
        if not p.schema:
            return []
        return self.validator.schema_errors(p.schema, _coerce(value, p.schema))

    def _body(self, call: Call) -> tuple[Any, Answer | None]:
        """Parse and validate the JSON body against the operation's request schema."""
        try:
            body = read_json(call.body)
        except (ValueError, UnicodeDecodeError) as exc:
            return None, bad_request(
                "Le corps de la requête n'est pas un JSON valide",
                [{"field": "(body)", "message": str(exc)[:200]}],
            )
        if body is None:
            if call.op.body_required:
                return None, bad_request(
                    "Le corps de la requête est obligatoire",
                    [{"field": "(body)", "message": "missing request body"}],
                )
            return None, None
        if call.op.body_pointer:
            items = (
                body if isinstance(body, list) and call.op.rule.single else [body]
            )  # Q-DOSSIERCOMPLET-ARRAY-BODY
            errors = [e for item in items for e in self.validator.body_errors(call.op.body_pointer, item)]
            if errors:
                first = errors[0]
                return body, bad_request(
                    f"Corps de requête invalide : {first['field']} : {first['message']}", errors
                )
        return body, None

    def _dossier(self, call: Call) -> tuple[str, Answer | None]:
        code = call.param("codeDossier")
        if call.op.rule.cabinet:
            # Cabinet resources are read with codeDossier=cabinet (Q-CABINET-DOSSIER); a dossier code of
            # the firm is tolerated, the data is the firm's either way.
            if code is None or code.lower() == CABINET or self.store.has_dossier(call.firm.id, code):
                return CABINET, None
            return CABINET, not_found(f"Le dossier {code} n'existe pas sur le domaine.")
        if code is None or code.lower() == CABINET or not self.store.has_dossier(call.firm.id, code):
            return "", not_found(f"Le dossier {code} n'existe pas sur le domaine.")
        return code, None

    # -- shaping ----------------------------------------------------------------------------------

    def wire(self, op: Operation, doc: Mapping[str, Any]) -> Document:
        out = to_wire(op.rule.shape, doc)
        props = op.item_schema.get("properties") if isinstance(op.item_schema, Mapping) else None
        if isinstance(props, Mapping):
            # a value we hold as null where the spec allows none is left out rather than sent as null
            out = {
                k: v
                for k, v in out.items()
                if v is not None or k not in props or _allows_null(resolve(self.spec, props[k]))
            }
        return profiles.outgoing(self.profile, op.collection, out)

    def _visible(self, op: Operation, doc: Mapping[str, Any]) -> bool:
        return all(doc.get(k) == v for k, v in op.rule.fixed.items())

    def _prepare(self, op: Operation, firm: str, dossier: str, body: Mapping[str, Any]) -> Document:
        """A request body → a document to store (vocabulary of today, enums as integers, references
        as objects, values a path imposes)."""
        doc = profiles.incoming(self.profile, op.collection, body)
        shape = op.rule.shape
        for key in shape.int_enums:
            if key in doc:
                doc[key] = to_int_enum(doc[key])
        for key in shape.references:
            doc[key] = self._reference(firm, dossier, doc.get(key))
        for key in shape.string_references:
            if isinstance(doc.get(key), Mapping) and doc[key].get("objectId"):
                doc[key] = normalize_reference(doc[key], as_string=True)
        if shape.description_from and shape.description_from != "description":
            doc.pop("description", None)  # derived on the way out
        doc.update(op.rule.fixed)
        return doc

    def _reference(self, firm: str, dossier: str, value: Any) -> Document:
        ref = normalize_reference(value)
        oid = ref["objectId"]
        if oid is None:
            return reference(None)
        for collection, key in (("compte", "numero"), ("journal", "code"), ("tiers", "code")):
            target = self.store.get(firm, dossier, collection, oid)
            if target is not None:
                return reference(oid, target.get(key))
        return ref

    def _duplicate(self, op: Operation, firm: str, dossier: str, doc: Mapping[str, Any]) -> Answer | None:
        key = op.rule.key
        if not key or doc.get(key) in (None, ""):
            return None
        for other in self.store.documents(firm, dossier, op.collection):
            if other.get(key) == doc.get(key) and other.get("objectId") != doc.get("objectId"):
                return Answer(
                    409,
                    loop_error(
                        f"{op.resource} : {key} {doc.get(key)} existe déjà.",
                        [{"field": key, "message": "duplicate", "objectId": other.get("objectId")}],
                    ),
                )
        return None

    # -- handlers ---------------------------------------------------------------------------------

    def list(self, call: Call) -> Answer:
        dossier, problem = self._dossier(call)
        if problem:
            return problem
        try:
            query = parse_query(call.query)
        except QueryError as exc:
            return bad_request(
                str(exc), [{"field": exc.parameter, "position": exc.position, "message": exc.message}]
            )

        def project(doc: Document) -> Document:
            return self.wire(call.op, doc)

        if query.filter is None and not query.sort and not call.op.rule.fixed:
            # Plain paging (what iter() does): read and shape only the page asked for.
            page = self.store.documents_page(
                call.firm.id, dossier, call.op.collection, query.skip, min(query.take, MAX_TAKE)
            )
            items = query.apply(page, project=project, paged=True)
        else:
            docs = [
                d
                for d in self.store.documents(call.firm.id, dossier, call.op.collection)
                if self._visible(call.op, d)
            ]
            items = query.apply(docs, project=project)
        return Answer(200, wrap_list(call.op.rule.shape, items[:MAX_TAKE]))

    def single(self, call: Call) -> Answer:
        dossier, problem = self._dossier(call)
        if problem:
            return problem
        docs = self.store.documents(call.firm.id, dossier, call.op.collection)
        object_id = call.param("objectId")
        if object_id:
            docs = [d for d in docs if d.get("objectId") == object_id]
        if not docs:
            return not_found(f"Aucun {call.op.resource} pour le dossier {dossier}.")
        return Answer(200, self.wire(call.op, docs[0]))

    def add(self, call: Call) -> Answer:
        dossier, problem = self._dossier(call)
        if problem:
            return problem
        body, problem = self._body(call)
        if problem:
            return problem
        if not isinstance(body, Mapping):
            return bad_request(
                "Le corps de la requête doit être un objet JSON",
                [{"field": "(body)", "message": "expected an object"}],
            )
        firm = call.firm.id
        doc = self._prepare(call.op, firm, dossier, body)
        doc.pop("objectId", None)
        doc.pop("revisionId", None)
        conflict = self._duplicate(call.op, firm, dossier, doc)
        if conflict:
            return conflict
        # a new dossierClient with a code opens a new (empty) dossier of that code
        new_dossier = str(doc.get("code") or "") if call.op.rule.creates_dossier else ""
        if new_dossier.lower() == CABINET or (new_dossier and self.store.has_dossier(firm, new_dossier)):
            return Answer(
                409,
                loop_error(
                    f"Le dossier {new_dossier} existe déjà.", [{"field": "code", "message": "duplicate"}]
                ),
            )
        with self.store.transaction():
            stored = self.store.insert(firm, dossier, call.op.collection, doc)
            if new_dossier:
                self.store.add_dossier(firm, new_dossier)
                self.store.insert(firm, new_dossier, "dossiercomplet", {"siren": "", "formeJuridique": ""})
        return Answer(200, fit(call.op, self.spec, self.wire(call.op, stored)))

    def modify(self, call: Call) -> Answer:
        dossier, problem = self._dossier(call)
        if problem:
            return problem
        body, problem = self._body(call)
        if problem:
            return problem
        if call.op.rule.single:
            return self._modify_single(call, dossier, body)
        if not isinstance(body, Mapping):
            return bad_request(
                "Le corps de la requête doit être un objet JSON",
                [{"field": "(body)", "message": "expected an object"}],
            )
        firm = call.firm.id
        object_id = body.get("objectId")
        if not isinstance(object_id, str) or not object_id:
            return bad_request("objectId est obligatoire", [{"field": "objectId", "message": "required"}])
        current = self.store.get(firm, dossier, call.op.collection, object_id)
        if current is None or not self._visible(call.op, current):
            return not_found(f"{call.op.resource} {object_id} introuvable dans le dossier {dossier}.")
        revision = body.get("revisionId")
        if revision != current["revisionId"]:
            return self._conflict(object_id, revision, current["revisionId"])
        doc = {**current, **self._prepare(call.op, firm, dossier, body), "objectId": object_id}
        duplicate = self._duplicate(call.op, firm, dossier, doc)
        if duplicate:
            return duplicate
        try:
            stored = self.store.update(
                firm, dossier, call.op.collection, doc, expected_revision=str(revision)
            )
        except RevisionConflict as exc:
            return self._conflict(object_id, revision, exc.current)
        if stored is None:
            return not_found(f"{call.op.resource} {object_id} introuvable dans le dossier {dossier}.")
        return Answer(200, fit(call.op, self.spec, self.wire(call.op, stored)))

    @staticmethod
    def _conflict(object_id: str, sent: Any, current: str) -> Answer:
        # Status undocumented; 409 is the sandbox's choice (Q-REVISION-CONFLICT-409, inferred).
        message = (
            "revisionId obligatoire"
            if sent in (None, "")
            else f"La révision {sent} n'est pas la révision courante de l'objet {object_id} : "
            "relisez-le avant de le modifier."
        )
        return Answer(
            409,
            loop_error(
                message,
                [
                    {
                        "field": "revisionId",
                        "objectId": object_id,
                        "message": "stale or missing revisionId",
                        "currentRevisionId": current,
                    }
                ],
            ),
        )

    def _modify_single(self, call: Call, dossier: str, body: Any) -> Answer:
        """PUT /DossierComplet: one object or an array (Q-DOSSIERCOMPLET-ARRAY-BODY), answered with
        ``{"success": [...], "errors": [...]}`` and HTTP 200 (Q-DOSSIERCOMPLET-ENVELOPE)."""
        items = body if isinstance(body, list) else [body]
        success: list[Document] = []
        errors: list[Document] = []
        firm, collection = call.firm.id, call.op.collection
        for item in items:
            if not isinstance(item, Mapping):
                errors.append({"objectId": None, "message": "Chaque élément doit être un objet JSON."})
                continue
            object_id = str(item.get("objectId") or "")
            current = self.store.get(firm, dossier, collection, object_id)
            if current is None:
                errors.append({"objectId": object_id or None, "message": f"Objet {object_id} introuvable."})
                continue
            if item.get("revisionId") != current["revisionId"]:
                errors.append(
                    {
                        "objectId": object_id,
                        "message": "La révision n'est pas la révision courante.",
                        "currentRevisionId": current["revisionId"],
                    }
                )
                continue
            siren = item.get("siren", current.get("siren"))
            if siren not in (None, "") and not (
                isinstance(siren, str) and len(siren) == 9 and luhn_ok(siren)
            ):
                errors.append(
                    {
                        "objectId": object_id,
                        "message": "Le SIREN doit comporter 9 chiffres et respecter l'algorithme de Luhn.",
                    }
                )
                continue
            forme = item.get("formeJuridique", current.get("formeJuridique"))
            if forme not in (None, "") and forme not in FORMES_JURIDIQUES:
                errors.append(
                    {"objectId": object_id, "message": f"La forme juridique {forme} n'est pas supportée."}
                )
                continue
            doc = {**current, **{k: v for k, v in item.items() if k != "revisionId"}}
            try:
                stored = self.store.update(
                    firm, dossier, collection, doc, expected_revision=current["revisionId"]
                )
            except RevisionConflict as exc:
                errors.append(
                    {
                        "objectId": object_id,
                        "message": "La révision n'est pas la révision courante.",
                        "currentRevisionId": exc.current,
                    }
                )
                continue
            if stored is not None:
                success.append(self.wire(call.op, stored))
        return Answer(200, {"success": success, "errors": errors})

    def delete(self, call: Call) -> Answer:
        dossier, problem = self._dossier(call)
        if problem:
            return problem
        object_id = call.param("objectId")
        if not object_id:
            body, problem = self._body(call)
            if problem:
                return problem
            object_id = body.get("objectId") if isinstance(body, Mapping) else None
        if not object_id:
            return bad_request("objectId est obligatoire", [{"field": "objectId", "message": "required"}])
        firm = call.firm.id
        current = self.store.get(firm, dossier, call.op.collection, object_id)
        if current is None or not self._visible(call.op, current):
            return not_found(f"{call.op.resource} {object_id} introuvable dans le dossier {dossier}.")
        # deleting a dossierClient removes the entity only; the dossier's data stays, as an archive would
        self.store.delete(firm, dossier, call.op.collection, object_id)
        wire = self.wire(call.op, current)
        if call.op.response_schema is None:
            return Answer(200, None)
        return Answer(200, fit(call.op, self.spec, wire))

    def deposit(self, call: Call) -> Answer:
        filename = (call.param("filename") or "").strip() or "fichier.txt"
        return Answer(200, self.imports.deposit(call.firm.id, filename, call.base_url))

    def import_status(self, call: Call) -> Answer:
        request_id = call.param("accountingImportRequestId") or next(
            (v for k, v in call.query.items() if "id" in k.lower()), None
        )
        if not request_id:
            return bad_request(
                "accountingImportRequestId est obligatoire",
                [{"field": "accountingImportRequestId", "message": "required"}],
            )
        status = self.imports.status(call.firm.id, request_id)
        if status is None:
            return not_found(f"La demande d'import {request_id} n'existe pas.")
        return Answer(200, status)

    def import_file(self, call: Call) -> Answer:
        return self._import(
            call,
            lambda body: self.imports.precheck_file(call.firm.id, body),
            lambda body: self.imports.create_file(call.firm.id, call.op.import_kind or "file", body),
        )

    def import_json(self, call: Call) -> Answer:
        return self._import(
            call,
            lambda body: self.imports.precheck_json(call.firm.id, body),
            lambda body: self.imports.create_json(call.firm.id, body),
        )

    def _import(
        self,
        call: Call,
        precheck: Callable[[Any], Document | None],
        create: Callable[[Mapping[str, Any]], Document],
    ) -> Answer:
        """What the spec refuses is a 400 (so that a schema-violating request is never "accepted");
        then the documented refusals, with HTTP 200 (Q-IMPORT-ERROR-200); then the request is queued."""
        body, problem = self._body(call)
        if problem:
            return problem
        refusal = precheck(body)
        if refusal is not None:
            return Answer(200, refusal)
        assert isinstance(body, Mapping)
        return Answer(200, create(body))

    def import_history(self, call: Call) -> Answer:
        dossier, problem = self._dossier(call)
        if problem:
            return problem
        records = [r for r in self.store.list_imports(call.firm.id) if r.get("codeIbs") == dossier]
        now = self.imports.clock()
        bodies = []
        for record in reversed(records):  # most recent first
            phase = self.imports.phase(record, now)
            bodies.append(status_body(record, record["status"] if phase == "final" else phase))
        return Answer(200, bodies[:MAX_TAKE])

    def action(self, call: Call) -> Answer:
        """Operations the sandbox acknowledges without keeping state (collaborative offers, bank events)."""
        if any(p.name.lower() == "codedossier" for p in call.op.parameters):
            _, problem = self._dossier(call)
            if problem:
                return problem
        body, problem = self._body(call)
        if problem:
            return problem
        if call.op.resource == "partialinit":
            return self._partial_init(call, body)
        schema = call.op.response_schema
        if isinstance(schema, Mapping) and (
            schema.get("type") or schema.get("properties") or schema.get("$ref")
        ):
            return Answer(200, synthesize(self.spec, schema))
        return Answer(200, {"message": "Demande prise en compte."})

    def _partial_init(self, call: Call, body: Any) -> Answer:
        key = body.get("key") if isinstance(body, Mapping) else None
        firm = call.firm.id
        for code in self.store.dossiers(firm):
            entity = next(iter(self.store.documents(firm, code, "dossiercomplet")), None)
            if entity is not None and entity.get("objectId") == key:
                return Answer(
                    200,
                    {
                        "message": f"L'initialisation partielle du dossier {code} - domaine LOOP - a débuté",
                        "domain": "LOOP",
                        "codeIbs": code,
                    },
                )
        return not_found(f"L'entité {key} n'existe pas sur le domaine.")
