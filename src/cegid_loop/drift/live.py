"""``drift live``: what a Loop server really answers, checked against the **upstream** definition.

Read-only: every list GET and single GET of the spec is called with the dossier code (``cabinet``
for the cabinet APIs). Each 2xx body is validated (JSON Schema 2020-12, ``$ref`` resolved) against
the upstream schema and against the effective one (``overrides/`` applied):

- fails upstream, passes effective: explained by the overlay actions whose targets cover the failing
  schema location (one mechanism for every overlay quirk: error location -> action targets -> ids);
- fails effective: unexplained drift, unless a runtime rule keyed on a quirk id explains it
  (:data:`RUNTIME_RULES`, for the quirks fixed by the templates or the hand-written client);
- a field of the spec's documented example that no object carries any more: removed, or renamed
  when one undeclared field of the same JSON type took its place (the example is the evidence of
  what Loop sends; an optional field being absent proves nothing otherwise);
- fields declared nowhere are listed as notes (the reconstructed spec is open: not a deviation);
- APIM's own 404 on an operation the spec has: "operation gone".

Write operations are not called unless ``probe_operations`` is set: then each is sent once with no
query parameter and no body, a request Loop must refuse (no dossier, no object), only to tell an
operation that exists from APIM's 404.
"""

from __future__ import annotations

import copy
import email.utils
import importlib
import json
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import yaml
from jsonpath import JSONPathEnvironment
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from cegid_loop import spec as spec_module
from cegid_loop._redact import scrub
from cegid_loop.config import API_KEY_HEADER, SUBSCRIPTION_KEY_HEADER, Secret
from cegid_loop.drift.report import ERROR, EXPLAINED, INFO, UNEXPLAINED, Finding, QuirkStatus, Report
from cegid_loop.errors import LoopError
from cegid_loop.overlay import apply_overlay

DEFAULT_DOSSIER = "CEGID001"
CABINET = "cabinet"
CABINET_TAG = "parametres_cabinet"
_REPO_ROOT = Path(__file__).resolve().parents[3]
# jsonschema ships no type information (types-jsonschema is not a dependency): typed as Any, like the sandbox.
jsonschema: Any = importlib.import_module("jsonschema")
_URI = "urn:cegid-loop:"
_JSONPATH = JSONPathEnvironment(strict=True)
_READ_METHOD = "GET"
_VALUE_MAX = 200

Path_ = tuple[str | int, ...]


class LiveCheckError(LoopError):
    """The check could not run (credentials refused, target unreachable...): one line, exit 2."""


@dataclass(frozen=True)
class LiveTarget:
    base_url: str
    subscription_key: Secret
    api_key: Secret
    dossier: str = DEFAULT_DOSSIER


@dataclass(frozen=True)
class LiveOptions:
    take: int = 25  # page size asked on lists (keeps the volume read from a real Loop small)
    probe_operations: bool = False
    timeout: float = 30.0
    max_rate_limit_retries: int = 3
    max_retry_after: float = 60.0


# -- what the repository knows: overlay actions, quirk catalogue -------------------------------------


def data_file(name: str) -> Path:
    """``overlay.yaml`` / ``QUIRKS.md``: the copy shipped in the wheel, else the checkout's overrides/."""
    packaged = resources.files("cegid_loop").joinpath("_spec").joinpath(name)
    if packaged.is_file():
        return Path(str(packaged))
    return _REPO_ROOT / "overrides" / name


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    layer: str


def load_catalogue(text: str) -> dict[str, CatalogueEntry]:
    """The quirk table of QUIRKS.md: id and layer (overlay, templates, spec, runtime, sandbox) of each row."""
    out: dict[str, CatalogueEntry] = {}
    for line in text.splitlines():
        match = re.match(r"^\|\s*(Q-[A-Z0-9-]+)\s*\|", line)
        if not match:
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        layer_cell = cells[3] if len(cells) > 3 else ""
        layers = []
        for clause in layer_cell.split(";"):
            word = re.sub(r"[^a-z]", "", (clause.strip().split() or [""])[0].lower())
            if word in ("overlay", "templates", "spec", "runtime", "sandbox") and word not in layers:
                layers.append(word)
        out[match.group(1)] = CatalogueEntry(match.group(1), " + ".join(layers) or "?")
    return out


@dataclass(frozen=True)
class ActionTarget:
    quirk: str
    pointer: str  # JSON pointer (in upstream coordinates) of a node the action changed


def _escape(part: object) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def overlay_targets(upstream: Mapping[str, Any], overlay: Mapping[str, Any]) -> list[ActionTarget]:
    """Where each overlay action acts: its target evaluated on the document as the applier sees it."""
    document: dict[str, Any] = copy.deepcopy(dict(upstream))
    out: list[ActionTarget] = []
    for action in overlay.get("actions") or []:
        quirk = str(action.get("x-quirk") or "")
        for match in _JSONPATH.finditer(str(action.get("target")), document):
            out.append(ActionTarget(quirk, "/" + "/".join(_escape(p) for p in match.parts)))
        document, _ = apply_overlay(
            document, {"overlay": overlay.get("overlay", "1.0.0"), "actions": [action]}
        )
    return out


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LiveCheckError(
            f"cannot read {path} ({exc.strerror or exc}): the overlay and QUIRKS.md explain the deviations"
        ) from None


def _covers(pointer: str, location: str) -> bool:
    return pointer == location or location.startswith(pointer + "/") or pointer.startswith(location + "/")


# -- JSON Schema validation with schema locations ----------------------------------------------------


def _close(node: Any, in_all_of: bool = False) -> Any:
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
                    _close(part, True)
            else:
                _close(value)
    elif isinstance(node, list):
        for value in node:
            _close(value)
    return node


def _index(node: Any, pointer: str = "", out: dict[int, str] | None = None) -> dict[int, str]:
    out = {} if out is None else out
    if isinstance(node, dict):
        out[id(node)] = pointer
        for key, value in node.items():
            _index(value, f"{pointer}/{_escape(key)}", out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _index(value, f"{pointer}/{i}", out)
    return out


class SpecValidator:
    """Validates instances against the schema at a JSON pointer of one document, and tells where in
    the document each error comes from (by identity of the failing schema node)."""

    def __init__(self, document: Mapping[str, Any], name: str, *, closed: bool = False) -> None:
        self.document: Mapping[str, Any] = _close(copy.deepcopy(dict(document))) if closed else document
        self.uri = _URI + name
        self._index = _index(self.document)
        resource = Resource.from_contents(self.document, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(self.uri, resource)
        self._cache: dict[str, Any] = {}

    def errors(self, pointer: str, instance: Any) -> list[Any]:
        if pointer not in self._cache:
            self._cache[pointer] = jsonschema.Draft202012Validator(
                {"$ref": f"{self.uri}#{pointer}"},
                registry=self._registry,
                format_checker=jsonschema.FormatChecker(),
            )
        try:
            return list(self._cache[pointer].iter_errors(instance))
        except jsonschema.exceptions._WrappedReferencingError as exc:
            raise LiveCheckError(f"the definition has a $ref that does not resolve: {exc}") from None

    def location(self, error: Any) -> str:
        base = self._index.get(id(error.schema))
        return f"{base}/{error.validator}" if base is not None else f"?/{error.validator}"

    def node(self, pointer: str) -> Any:
        node: Any = self.document
        for part in pointer.lstrip("/").split("/") if pointer else []:
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def find(self, pointer: str) -> Any:
        """The node at ``pointer``, or None when there is none."""
        try:
            return self.node(pointer)
        except (KeyError, IndexError, ValueError, TypeError):
            return None

    def resolve(self, node: Any, pointer: str) -> tuple[Any, str]:
        for _ in range(32):
            if (
                isinstance(node, Mapping)
                and isinstance(node.get("$ref"), str)
                and node["$ref"].startswith("#/")
            ):
                pointer = node["$ref"][1:]
                node = self.node(pointer)
            else:
                break
        return node, pointer

    def declares(self, pointer: str, path: Sequence[str]) -> str | None:
        """Pointer of the schema of ``path`` (property names and ``[*]``) under ``pointer``, or None."""
        node, ptr = self.resolve(self.node(pointer), pointer)
        for part in path:
            candidates = [(node, ptr)]
            for key in ("anyOf", "oneOf", "allOf"):
                if isinstance(node, Mapping) and isinstance(node.get(key), list):
                    candidates += [self.resolve(b, f"{ptr}/{key}/{i}") for i, b in enumerate(node[key])]
            found = None
            for cand, cptr in candidates:
                if not isinstance(cand, Mapping):
                    continue
                if part == "[*]" and isinstance(cand.get("items"), Mapping):
                    found = self.resolve(cand["items"], f"{cptr}/items")
                elif (
                    part != "[*]"
                    and isinstance(cand.get("properties"), Mapping)
                    and part in cand["properties"]
                ):
                    found = self.resolve(cand["properties"][part], f"{cptr}/properties/{_escape(part)}")
                if found:
                    break
            if found is None:
                return None
            node, ptr = found
        return ptr


# -- operations and deviations ------------------------------------------------------------------------


@dataclass(frozen=True)
class LiveOperation:
    method: str
    path: str
    operation_id: str
    node: Mapping[str, Any]
    query_names: tuple[str, ...]
    required: tuple[str, ...]
    cabinet: bool

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def pointer(self) -> str:
        return f"/paths/{_escape(self.path)}/{self.method.lower()}"

    def response_pointer(self, status: str) -> str | None:
        response = (self.node.get("responses") or {}).get(status)
        if not isinstance(response, Mapping):
            return None
        ptr = f"{self.pointer}/responses/{status}"
        if isinstance(response.get("$ref"), str):
            ptr = response["$ref"][1:]
        return ptr


def operations(upstream: Mapping[str, Any]) -> list[LiveOperation]:
    out: list[LiveOperation] = []
    params_by_ref = (upstream.get("components") or {}).get("parameters") or {}
    for path, item in (upstream.get("paths") or {}).items():
        for method, op in item.items():
            if method.upper() not in ("GET", "PUT", "POST", "DELETE", "PATCH") or not isinstance(op, Mapping):
                continue
            names: list[str] = []
            required: list[str] = []
            for raw in [*(item.get("parameters") or []), *(op.get("parameters") or [])]:
                param = params_by_ref.get(raw["$ref"].rsplit("/", 1)[-1], {}) if "$ref" in raw else raw
                if param.get("in") == "query":
                    names.append(str(param["name"]))
                    if param.get("required"):
                        required.append(str(param["name"]))
            out.append(
                LiveOperation(
                    method.upper(),
                    str(path),
                    str(op.get("operationId") or ""),
                    op,
                    tuple(names),
                    tuple(required),
                    CABINET_TAG in (op.get("tags") or []),
                )
            )
    return out


def _is_read(op: LiveOperation, upstream: SpecValidator) -> bool:
    """List GETs and single GETs: GETs scoped by a dossier, or GETs that return a list."""
    if op.method != _READ_METHOD:
        return False
    if "codeDossier" in op.query_names:
        return True
    ptr = op.response_pointer("200")
    schema = upstream.find(ptr + "/content/application~1json/schema") if ptr else None
    resolved, _ = upstream.resolve(schema, "")
    return isinstance(resolved, Mapping) and resolved.get("type") == "array" and not op.required


def _example_value(upstream: Mapping[str, Any], op: LiveOperation, name: str) -> str | None:
    params = (upstream.get("components") or {}).get("parameters") or {}
    for raw in op.node.get("parameters") or []:
        param = params.get(raw["$ref"].rsplit("/", 1)[-1], {}) if "$ref" in raw else raw
        if param.get("name") != name:
            continue
        if "example" in param:
            return str(param["example"])
        for example in (param.get("examples") or {}).values():
            if isinstance(example, Mapping) and "value" in example:
                return str(example["value"])
    return None


def npath(path: Path_) -> str:
    """``(0, 'numero')`` -> ``$[*].numero`` (list indexes folded: a row stands for every item)."""
    out = "$"
    for part in path:
        if isinstance(part, int) or part == "[*]":
            out += "[*]"
        elif re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", part):
            out += f".{part}"
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


def _short(value: Any) -> Any:
    if isinstance(value, str):
        return value if len(value) <= _VALUE_MAX else value[: _VALUE_MAX - 1] + "…"
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False)
        return value if len(text) <= _VALUE_MAX else text[: _VALUE_MAX - 1] + "…"
    return value


_KINDS = {
    "type": "type-changed",
    "enum": "enum-value-unknown",
    "const": "enum-value-unknown",
    "format": "format-mismatch",
    "required": "field-missing",
    "pattern": "pattern-mismatch",
    "anyOf": "shape-mismatch",
    "oneOf": "shape-mismatch",
    "minimum": "out-of-range",
    "maximum": "out-of-range",
    "exclusiveMinimum": "out-of-range",
    "exclusiveMaximum": "out-of-range",
    "minLength": "out-of-range",
    "maxLength": "out-of-range",
    "minItems": "out-of-range",
    "maxItems": "out-of-range",
}


@dataclass(frozen=True)
class Deviation:
    path: Path_
    keyword: str
    location: str
    expected: Any
    value: Any
    message: str

    @property
    def kind(self) -> str:
        return _KINDS.get(self.keyword, "schema-violation")


def deviations(validator: SpecValidator, pointer: str, instance: Any) -> list[Deviation]:
    out = []
    for error in validator.errors(pointer, instance):
        path: Path_ = tuple(error.absolute_path)
        value: Any = error.instance
        if error.validator == "required" and isinstance(error.instance, Mapping):
            missing = [p for p in error.validator_value if p not in error.instance]
            path, value = (*path, missing[0] if missing else "?"), None
        out.append(
            Deviation(
                path,
                str(error.validator),
                validator.location(error),
                error.validator_value,
                value,
                error.message,
            )
        )
    return out


# -- runtime rules: one per quirk fixed outside the overlay ---------------------------------------------


@dataclass
class CallContext:
    op: LiveOperation
    body: Any
    upstream_schema: Any  # resolved 2xx schema of the operation (upstream)
    findings: list[Finding]
    seen: set[str]  # quirk ids whose behaviour was observed

    def explained(self, quirk: str, kind: str, path: str, old: Any, new: Any, message: str) -> None:
        self.findings.append(
            Finding(self.op.label, kind, path, EXPLAINED, old, _short(new), message, (quirk,))
        )
        self.seen.add(quirk)


def _walk(value: Any) -> Iterator[Any]:
    yield value
    if isinstance(value, dict):
        for child in value.values():
            yield from _walk(child)
    elif isinstance(value, list):
        for child in value:
            yield from _walk(child)


def _rule_groupe_data_wrap(ctx: CallContext) -> bool:
    """Q-GROUPE-DATA-WRAP: a list wrapped in ``{"data": [...]}``; the client unwraps every list.
    Returns True when it unwrapped the body (validation goes on with the list)."""
    body = ctx.body
    if not (isinstance(body, dict) and set(body) == {"data"} and isinstance(body["data"], list)):
        return False
    ctx.seen.add("Q-GROUPE-DATA-WRAP")
    schema = ctx.upstream_schema
    if isinstance(schema, Mapping) and schema.get("type") == "array":
        ctx.explained(
            "Q-GROUPE-DATA-WRAP",
            "list-wrapped",
            "$.data",
            "a bare array",
            '{"data": [...]}',
            "the client's pagination unwraps `data`",
        )
        ctx.body = body["data"]
        return True
    return False


def _rule_import_error_200(ctx: CallContext) -> bool:
    """Q-IMPORT-ERROR-200: a refusal answered with HTTP 200 and ``{"error": {...}}``; the client raises.
    Returns True when the body is such an error (nothing else to validate)."""
    body = ctx.body
    error = body.get("error") if isinstance(body, dict) else None
    if not (isinstance(error, dict) and "message" in error and set(body) == {"error"}):
        return False
    ctx.seen.add("Q-IMPORT-ERROR-200")
    ctx.explained(
        "Q-IMPORT-ERROR-200",
        "error-with-200",
        "$.error",
        "a success body",
        error.get("message"),
        "the client raises ImportFailed / OperationRejected",
    )
    return True


def _rule_empty_reference(ctx: CallContext) -> None:
    if any(v == {"objectId": None, "description": [""]} for v in _walk(ctx.body)):
        ctx.seen.add("Q-EMPTY-REFERENCE")


def _explains_objectid(deviation: Deviation) -> bool:
    """Q-OBJECTID-NOT-UUID: an objectId that is not a UUID; the client keeps it as given."""
    return (
        deviation.keyword == "format"
        and deviation.expected == "uuid"
        and bool(deviation.path)
        and deviation.path[-1] == "objectId"
    )


# Rules applied to a body before validation (in this order), keyed on the quirk they stand for.
PRE_RULES: dict[str, Callable[[CallContext], bool]] = {
    "Q-IMPORT-ERROR-200": _rule_import_error_200,
    "Q-GROUPE-DATA-WRAP": _rule_groupe_data_wrap,
}
OBSERVERS: dict[str, Callable[[CallContext], None]] = {"Q-EMPTY-REFERENCE": _rule_empty_reference}
EXPLAINERS: dict[str, Callable[[Deviation], bool]] = {"Q-OBJECTID-NOT-UUID": _explains_objectid}
RUNTIME_RULES = frozenset({*PRE_RULES, *OBSERVERS, *EXPLAINERS})
# Drift that stays unexplained but that the generated client survives (its templates' quirk).
TOLERATED_BY = {"enum-value-unknown": "Q-UNKNOWN-ENUM-VALUE", "format-mismatch": "Q-FORMAT-TOLERANT"}


# -- the checker ----------------------------------------------------------------------------------------


def _shapes(value: Any, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], dict[str, Any]]:
    """For each object position (lists folded), its keys with one sample value each."""
    out: dict[tuple[str, ...], dict[str, Any]] = {}
    if isinstance(value, dict):
        slot = out.setdefault(path, {})
        for key, child in value.items():
            slot.setdefault(key, child)
            for sub, keys in _shapes(child, (*path, key)).items():
                merged = out.setdefault(sub, {})
                for k, v in keys.items():
                    merged.setdefault(k, v)
    elif isinstance(value, list):
        for child in value:
            for sub, keys in _shapes(child, (*path, "[*]")).items():
                merged = out.setdefault(sub, {})
                for k, v in keys.items():
                    merged.setdefault(k, v)
    return out


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object", type(None): "null"}.get(type(value), "?")


def _retry_after(response: httpx.Response, cap: float) -> float:
    raw = response.headers.get("retry-after", "")
    try:
        seconds = float(raw)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(raw) if raw else None
        seconds = (parsed.timestamp() - time.time()) if parsed else 1.0
    return max(0.0, min(seconds, cap))


def _is_apim_404(response: httpx.Response) -> bool:
    if response.status_code != 404:
        return False
    try:
        body = response.json()
    except ValueError:
        return False
    return (
        isinstance(body, dict)
        and body.get("statusCode") == 404
        and str(body.get("message", "")).startswith("Resource not found")
    )


def _gone(op: LiveOperation) -> Finding:
    return Finding(
        op.label,
        "operation-gone",
        "$",
        UNEXPLAINED,
        op.label,
        "404 Resource not found",
        "APIM has no such operation any more",
    )


@dataclass
class _Tally:
    rows: dict[tuple[str, str, str, str, tuple[str, ...]], Finding] = field(default_factory=dict)

    def add(self, finding: Finding) -> None:
        """Same operation, kind, place, verdict and quirks: one row, counted (the first value kept)."""
        key = (finding.operation, finding.kind, finding.path, finding.verdict, finding.quirks)
        known = self.rows.get(key)
        self.rows[key] = finding if known is None else replace(known, count=known.count + finding.count)


class LiveChecker:
    def __init__(
        self,
        target: LiveTarget,
        options: LiveOptions | None = None,
        *,
        upstream: Mapping[str, Any] | None = None,
        effective: Mapping[str, Any] | None = None,
        overlay: Mapping[str, Any] | None = None,
        catalogue_text: str | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.target = target
        self.options = options or LiveOptions()
        self.upstream_doc = upstream if upstream is not None else spec_module.load_upstream()
        effective_doc = effective if effective is not None else spec_module.load_effective()
        overlay_doc = overlay if overlay is not None else yaml.safe_load(_read(data_file("overlay.yaml")))
        text = catalogue_text if catalogue_text is not None else _read(data_file("QUIRKS.md"))
        self.catalogue = load_catalogue(text)
        self.targets = overlay_targets(self.upstream_doc, overlay_doc)
        self.upstream = SpecValidator(self.upstream_doc, "upstream")
        self.effective = SpecValidator(effective_doc, "effective")
        self.closed = SpecValidator(effective_doc, "effective-closed", closed=True)
        self.transport = transport
        self.sleep = sleep
        self.tally = _Tally()
        self.seen: set[str] = set()
        self.notes: list[str] = []
        self._consistency()

    def _consistency(self) -> None:
        for quirk in sorted({t.quirk for t in self.targets} | RUNTIME_RULES):
            if quirk not in self.catalogue:
                self.notes.append(f"{quirk} is used by the overlay or a runtime rule but is not in QUIRKS.md")

    # -- HTTP --

    def _client(self) -> httpx.Client:
        headers = {
            SUBSCRIPTION_KEY_HEADER: self.target.subscription_key.get_secret_value(),
            API_KEY_HEADER: self.target.api_key.get_secret_value(),
            "Accept": "application/json",
        }
        return httpx.Client(
            base_url=self.target.base_url.rstrip("/") + "/",
            headers=headers,
            transport=self.transport,
            timeout=self.options.timeout,
            follow_redirects=False,
        )

    def _send(
        self, client: httpx.Client, method: str, path: str, params: Mapping[str, str]
    ) -> httpx.Response:
        for attempt in range(self.options.max_rate_limit_retries + 1):
            try:
                response = client.request(method, path.lstrip("/"), params=dict(params))
            except httpx.HTTPError as exc:
                raise LiveCheckError(
                    scrub(f"{method} {path}: cannot reach {self.target.base_url}: {exc}")
                ) from None
            if response.status_code != 429 or attempt == self.options.max_rate_limit_retries:
                return response
            self.sleep(_retry_after(response, self.options.max_retry_after))
        raise AssertionError("unreachable")

    # -- run --

    def run(self) -> Report:
        ops = operations(self.upstream_doc)
        reads = [op for op in ops if _is_read(op, self.upstream)]
        writes = [op for op in ops if op.method != _READ_METHOD]
        skipped: dict[str, str] = {}
        checked: list[str] = []
        answered = 0
        with self._client() as client:
            for op in ops:
                if op in reads:
                    params = self._params(op)
                    if params is None:
                        skipped[op.label] = "a required query parameter has no example value"
                        continue
                    checked.append(op.label)
                    answered += self._check_read(client, op, params)
                elif op in writes and self.options.probe_operations:
                    checked.append(op.label)
                    self._probe(client, op)
                elif op in writes:
                    skipped[op.label] = (
                        "write operation: not called (--probe-operations checks that it exists)"
                    )
                else:
                    skipped[op.label] = "not a resource read (it would create or need a server-side object)"
        if reads and not answered:
            first = next((f for f in self.tally.rows.values() if f.verdict in (ERROR, INFO)), None)
            raise LiveCheckError(
                "nothing could be checked: no read answered 2xx"
                + (f" (first answer: {first.new})" if first else "")
            )
        return self._report(checked, skipped)

    def _params(self, op: LiveOperation) -> dict[str, str] | None:
        params: dict[str, str] = {}
        if "codeDossier" in op.query_names:
            params["codeDossier"] = CABINET if op.cabinet else self.target.dossier
        if "take" in op.query_names:
            params["take"] = str(self.options.take)
        for name in op.required:
            if name not in params:
                value = _example_value(self.upstream_doc, op, name)
                if value is None:
                    return None
                params[name] = value
        return params

    def _probe(self, client: httpx.Client, op: LiveOperation) -> None:
        response = self._send(client, op.method, op.path, {})
        if _is_apim_404(response):
            self.tally.add(_gone(op))

    def _check_read(self, client: httpx.Client, op: LiveOperation, params: Mapping[str, str]) -> int:
        response = self._send(client, op.method, op.path, params)
        status = response.status_code
        if _is_apim_404(response):
            self.tally.add(_gone(op))
            return 0
        if status == 401:
            raise LiveCheckError(
                f"{op.label}: the target refused the credentials (HTTP 401): {scrub(response.text[:200])}"
            )
        if status == 429:
            self.tally.add(
                Finding(
                    op.label, "rate-limited", "$", ERROR, None, 429, "still rate-limited after the retries"
                )
            )
            return 0
        if status >= 500:
            self.tally.add(Finding(op.label, "server-error", "$", ERROR, None, status, _short(response.text)))
            return 0
        if not 200 <= status < 300:
            self._check_error_answer(op, response)
            return 0
        try:
            body = response.json()
        except ValueError:
            self.tally.add(
                Finding(
                    op.label,
                    "not-json",
                    "$",
                    UNEXPLAINED,
                    "application/json",
                    response.headers.get("content-type"),
                    _short(response.text),
                )
            )
            return 1
        self._check_body(op, str(status), body)
        return 1

    def _check_error_answer(self, op: LiveOperation, response: httpx.Response) -> None:
        status = str(response.status_code)
        ptr = op.response_pointer(status)
        if ptr is None:
            self.tally.add(
                Finding(
                    op.label,
                    "status-undocumented",
                    "$",
                    UNEXPLAINED,
                    None,
                    response.status_code,
                    _short(response.text),
                )
            )
            return
        try:
            body = response.json()
        except ValueError:
            body = response.text
        schema_ptr = ptr + "/content/application~1json/schema"
        if self.upstream.find(schema_ptr) is not None and deviations(self.upstream, schema_ptr, body):
            self.tally.add(
                Finding(
                    op.label,
                    "error-body-mismatch",
                    "$",
                    UNEXPLAINED,
                    f"HTTP {status} body",
                    _short(body),
                    "the error body does not match the documented one",
                )
            )
            return
        message = body.get("message") if isinstance(body, dict) else body
        self.tally.add(
            Finding(
                op.label,
                "not-checked",
                "$",
                INFO,
                None,
                response.status_code,
                f"documented HTTP {status}: {_short(message)}",
            )
        )

    def _check_body(self, op: LiveOperation, status: str, body: Any) -> None:
        ptr = op.response_pointer(status) or op.response_pointer("200")
        schema_ptr = f"{ptr}/content/application~1json/schema"
        if ptr is None or self.upstream.find(schema_ptr) is None:
            return
        findings: list[Finding] = []
        upstream_schema, _ = self.upstream.resolve(self.upstream.node(schema_ptr), schema_ptr)
        ctx = CallContext(op, body, upstream_schema, findings, self.seen)
        for quirk, observe in OBSERVERS.items():
            if quirk in self.catalogue:
                observe(ctx)
        if "Q-IMPORT-ERROR-200" in self.catalogue and _rule_import_error_200(ctx):
            self._flush(findings)  # a refusal: there is no success body to validate
            return
        if "Q-GROUPE-DATA-WRAP" in self.catalogue:
            _rule_groupe_data_wrap(ctx)
        body = ctx.body  # unwrapped when the quirk applied: validated against the documented list
        up = deviations(self.upstream, schema_ptr, body)
        eff = deviations(self.effective, schema_ptr, body)
        findings += self._explain(op, up, eff)
        findings += self._presence(op, schema_ptr, body)
        self._flush(findings)

    def _flush(self, findings: list[Finding]) -> None:
        for finding in findings:
            self.tally.add(finding)

    def _explain(self, op: LiveOperation, up: list[Deviation], eff: list[Deviation]) -> list[Finding]:
        out: list[Finding] = []
        eff_paths = [d.path for d in eff]

        def shadowed(path: Path_) -> bool:
            return any(path[: len(q)] == q or q[: len(path)] == path for q in eff_paths)

        for d in up:
            if shadowed(d.path):
                continue  # the effective definition fails here too: reported below, once
            quirks = tuple(sorted({t.quirk for t in self.targets if _covers(t.pointer, d.location)}))
            if quirks:
                self.seen.update(quirks)
                out.append(
                    Finding(
                        op.label,
                        d.kind,
                        npath(d.path),
                        EXPLAINED,
                        _short(d.expected),
                        _short(d.value),
                        "",
                        quirks,
                    )
                )
            else:
                out.append(
                    Finding(
                        op.label,
                        "unmapped-deviation",
                        npath(d.path),
                        UNEXPLAINED,
                        _short(d.expected),
                        _short(d.value),
                        f"fails upstream at {d.location}, passes the effective "
                        "definition, but no overlay action targets it",
                    )
                )
        for d in eff:
            rule = next(
                (q for q, explains in EXPLAINERS.items() if q in self.catalogue and explains(d)), None
            )
            if rule:
                self.seen.add(rule)
                out.append(
                    Finding(
                        op.label,
                        d.kind,
                        npath(d.path),
                        EXPLAINED,
                        _short(d.expected),
                        _short(d.value),
                        "",
                        (rule,),
                    )
                )
                continue
            hint = TOLERATED_BY.get(d.kind)
            message = (
                f"not in either definition; the generated client tolerates it ({hint})"
                if hint in self.catalogue
                else "not in either definition"
            )
            out.append(
                Finding(
                    op.label, d.kind, npath(d.path), UNEXPLAINED, _short(d.expected), _short(d.value), message
                )
            )
        return out

    def _presence(self, op: LiveOperation, schema_ptr: str, body: Any) -> list[Finding]:
        """Fields of the documented example that no object carries any more, and undeclared fields."""
        out: list[Finding] = []
        undeclared: dict[tuple[str, ...], dict[str, Any]] = {}
        for error in self.closed.errors(schema_ptr, body):
            if error.validator != "unevaluatedProperties" or not isinstance(error.instance, dict):
                continue
            declared = set(
                (error.schema.get("properties") or {}) if isinstance(error.schema, Mapping) else ()
            )
            where = tuple("[*]" if isinstance(p, int) else str(p) for p in error.absolute_path)
            slot = undeclared.setdefault(where, {})
            for key, value in error.instance.items():
                if key not in declared:
                    slot.setdefault(key, value)
        shapes = _shapes(body)
        for where, example_keys in self._example_shapes(op).items():
            if where not in shapes:
                continue
            for name, sample in example_keys.items():
                if name in shapes[where]:
                    continue
                out.append(self._missing(op, schema_ptr, where, name, sample, undeclared.get(where, {})))
        for where, keys in undeclared.items():
            if keys:
                out.append(
                    Finding(
                        op.label,
                        "field-undeclared",
                        npath(where),
                        INFO,
                        None,
                        sorted(keys),
                        "declared in neither definition (the spec is open: not a deviation)",
                    )
                )
        return out

    def _missing(
        self,
        op: LiveOperation,
        schema_ptr: str,
        where: tuple[str, ...],
        name: str,
        sample: Any,
        undeclared: dict[str, Any],
    ) -> Finding:
        path = npath((*where, name))
        up_ptr = self.upstream.declares(schema_ptr, (*where, name))
        if up_ptr and not self.effective.declares(schema_ptr, (*where, name)):
            quirks = tuple(sorted({t.quirk for t in self.targets if _covers(t.pointer, up_ptr)}))
            if quirks:
                self.seen.update(quirks)
                return Finding(op.label, "field-missing", path, EXPLAINED, name, None, "", quirks)
        same_type = [k for k, v in undeclared.items() if _json_type(v) == _json_type(sample)]
        if len(same_type) == 1:
            new = same_type[0]
            undeclared.pop(new)
            return Finding(
                op.label,
                "field-renamed",
                path,
                UNEXPLAINED,
                name,
                new,
                f"'{name}' (documented example) is on no object; undeclared '{new}' appeared",
            )
        hint = f"; undeclared fields present: {', '.join(sorted(undeclared))}" if undeclared else ""
        return Finding(
            op.label,
            "field-missing",
            path,
            UNEXPLAINED,
            name,
            None,
            f"'{name}' is in the documented example but on no object{hint}",
        )

    def _example_shapes(self, op: LiveOperation) -> dict[tuple[str, ...], dict[str, Any]]:
        ptr = op.response_pointer("200")
        media_ptr = f"{ptr}/content/application~1json"
        media = (self.upstream.find(media_ptr) if ptr else None) or {}
        examples = [e for e in ((media.get("examples") or {}).values()) if isinstance(e, Mapping)]
        values = [self.upstream.resolve(e, "")[0].get("value") for e in examples]
        if "example" in media:
            values.append(media["example"])
        out: dict[tuple[str, ...], dict[str, Any]] = {}
        for value in values:
            for where, keys in _shapes(value).items():
                slot = out.setdefault(where, {})
                for key, sample in keys.items():
                    slot.setdefault(key, sample)
        return out

    # -- report --

    def _report(self, checked: list[str], skipped: dict[str, str]) -> Report:
        findings = list(self.tally.rows.values())
        statuses = []
        for quirk_id, entry in self.catalogue.items():
            rows = [f for f in findings if quirk_id in f.quirks]
            statuses.append(
                QuirkStatus(
                    id=quirk_id,
                    layer=entry.layer,
                    explained=sum(f.count for f in rows),
                    seen=quirk_id in self.seen,
                    operations=tuple(dict.fromkeys(f.operation for f in rows)),
                )
            )
        subject = {
            "base URL": self.target.base_url,
            "dossier": self.target.dossier,
            "upstream definition": f"{(self.upstream_doc.get('info') or {}).get('version')}",
            "operations checked": len(checked),
            "write operations": "probed for existence" if self.options.probe_operations else "not called",
        }
        return Report(
            command="live",
            title="Live API drift (cegid-loop drift live)",
            subject=subject,
            findings=findings,
            operations=checked,
            skipped=skipped,
            quirks=statuses,
            notes=self.notes,
        )


def check_live(target: LiveTarget, options: LiveOptions | None = None, **kwargs: Any) -> Report:
    """Run every read-only check against ``target`` (see :class:`LiveChecker` for the keywords)."""
    return LiveChecker(target, options, **kwargs).run()
