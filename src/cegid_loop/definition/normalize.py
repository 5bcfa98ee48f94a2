"""Bring any upstream Loop definition to the project's conventions, before the quirk overlay.

Applied at the head of the pipeline (spec/ -> **normalize** -> overlay -> generator). On the
vendored reconstruction, which is already in these conventions, it changes nothing. On Azure API
Management's export (``../shared/loop-api/facts.md`` §6, "The official definition") it:

- converts OpenAPI 3.0 to 3.1 (:mod:`.openapi31`): ``nullable: true`` -> a ``"null"`` type (or
  ``anyOf`` with null), Schema ``example`` -> ``examples``, boolean ``exclusiveMinimum`` /
  ``exclusiveMaximum`` -> numbers;
- gives every operation the stable ASCII tag and operationId of the API map (``overrides/api-map.yaml``),
  keeping the display name as the tag's ``x-displayName``; an operation the map does not know gets a
  derived name (reported, not an error);
- replaces APIM's security (``apiKeyHeader`` / ``apiKeyQuery`` as alternatives) by our two schemes
  required together, and drops the key headers (``X-ApiKey``, ``Ocp-Apim-Subscription-Key``) and the
  ``subscription-key`` query parameter that an export lists as plain operation parameters;
- names enum members from the map (``x-enum-varnames``: an export drops ``x-`` extensions);
- gathers identical inline parameters repeated by several operations into ``components.parameters``
  (an export inlines them), so the overlay finds ``take`` where it patches it.

Every change is recorded as a :class:`Note`, so that ``regenerate`` and ``drift spec`` report what
the normalization absorbed apart from the real changes.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from cegid_loop.definition.apimap import ApiMap, MapEntry
from cegid_loop.definition.document import Definition, resolve
from cegid_loop.definition.openapi31 import to_openapi_31
from cegid_loop.definition.operations import DefinedOperation, raw_operations

KEY_HEADERS = frozenset({"x-apikey", "x-api-key", "api-key", "apikey", "ocp-apim-subscription-key"})
KEY_QUERY = frozenset({"subscription-key"})


@dataclass(frozen=True)
class Note:
    """One change the normalization made: ``kind`` groups them, ``where`` and ``detail`` say which."""

    kind: str
    where: str
    detail: str


@dataclass
class Normalization:
    document: dict[str, Any]
    entries: dict[str, MapEntry]  # "METHOD /path" of the normalized document -> names
    notes: list[Note] = field(default_factory=list)
    new: list[MapEntry] = field(default_factory=list)  # operations not in the map: derived names
    stale: list[MapEntry] = field(default_factory=list)  # map entries whose operation is gone
    stale_enums: list[str] = field(default_factory=list)  # enum pointers of the map found nowhere

    def summary(self) -> list[str]:
        """One line per kind of change, with a count and the first examples."""
        lines = []
        counts = Counter(note.kind for note in self.notes)
        for kind, count in counts.items():
            examples = [n for n in self.notes if n.kind == kind][:3]
            shown = "; ".join(f"{n.where}: {n.detail}" if n.where else n.detail for n in examples)
            more = f" (+{count - len(examples)} more)" if count > len(examples) else ""
            lines.append(f"{kind} ({count}): {shown}{more}")
        return lines


# -- names ----------------------------------------------------------------------------------------
def ascii_slug(text: str) -> str:
    """``Paramètres comptables établissements`` -> ``parametres_comptables_etablissements``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")
    if not slug:
        return "default"
    return f"tag_{slug}" if slug[0].isdigit() else slug


def _words(segment: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", segment).encode("ascii", "ignore").decode("ascii")
    return [w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+", plain)]


def _snake(segment: str) -> str:
    return "_".join(_words(segment)) or "op"


def _camel(words: list[str]) -> str:
    return words[0] + "".join(w.capitalize() for w in words[1:]) if words else "op"


def _segments(path: str) -> list[str]:
    return [part for part in path.split("/") if part and not part.startswith("{")]


def derive_entry(operation: DefinedOperation, tag: str, taken: set[str]) -> MapEntry:
    """Names for an operation the map does not know (yet): resource from the first path segment,
    method from the HTTP method (``list`` for a GET that returns a list), an action named after the
    last segment when that slot is taken."""
    method, path = operation.method, operation.path
    segments = _segments(path) or ["root"]
    base = _snake(segments[0])
    resource = base if base.endswith(("s", "x")) else base + "s"
    slot = {"GET": "list" if operation.returns_list else "get", "POST": "create"}.get(
        method, {"PUT": "update", "PATCH": "update", "DELETE": "delete"}.get(method, method.lower())
    )
    name = slot if len(segments) == 1 else _snake(segments[-1])
    if f"{resource}.{name}" in taken:
        name = f"{method.lower()}_{_snake(segments[-1])}"
    operation_id = _camel([method.lower(), *(w for s in segments for w in _words(s))])
    return MapEntry(method, path, resource, name, operation_id, tag, derived=True)


# -- references -----------------------------------------------------------------------------------
def _resolved(document: dict[str, Any], node: Any) -> Mapping[str, Any]:
    """``node`` with its references followed (the model's resolver); ``{}`` unless an object."""
    found = resolve(document, node).node
    return found if isinstance(found, Mapping) else {}


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """The operations of a document being rewritten (the model's walk, objects as written)."""
    for method, path, operation, _ in raw_operations(document):
        if isinstance(operation, dict):
            yield method, path, operation


# -- security -------------------------------------------------------------------------------------
def _is_key_parameter(document: dict[str, Any], parameter: Any) -> bool:
    target = _resolved(document, parameter)
    name, where = str(target.get("name", "")).lower(), target.get("in")
    return (where == "header" and name in KEY_HEADERS) or (where == "query" and name in KEY_QUERY)


def _is_key_scheme(scheme: Any) -> bool:
    if not isinstance(scheme, dict) or scheme.get("type") != "apiKey":
        return False
    name, where = str(scheme.get("name", "")).lower(), scheme.get("in")
    return (where == "header" and name in KEY_HEADERS) or (where == "query" and name in KEY_QUERY)


def normalize_security(document: dict[str, Any], api_map: ApiMap, notes: list[Note]) -> None:
    components = document.setdefault("components", {})
    schemes = components.setdefault("securitySchemes", {})
    for name in [n for n, s in schemes.items() if n not in api_map.security and _is_key_scheme(s)]:
        notes.append(
            Note(
                "security scheme replaced", name, f"{schemes[name].get('name')} in {schemes[name].get('in')}"
            )
        )
        del schemes[name]
    for name, scheme in api_map.security.items():
        if name not in schemes:
            schemes[name] = copy.deepcopy(scheme)
            notes.append(Note("security scheme added", name, f"{scheme['name']} in {scheme['in']}"))
    ours: list[dict[str, list[str]]] = [{name: [] for name in api_map.security}]
    if document.get("security") != ours:
        notes.append(Note("security: both keys required together", "", f"was {document.get('security')!r}"))
        document["security"] = ours
    for name in [
        n for n, p in (components.get("parameters") or {}).items() if _is_key_parameter(document, p)
    ]:
        notes.append(
            Note("key parameter removed", f"#/components/parameters/{name}", "a key is a security scheme")
        )
    for path, item in (document.get("paths") or {}).items():
        if isinstance(item, dict) and item.get("parameters"):
            kept = [p for p in item["parameters"] if not _is_key_parameter(document, p)]
            if len(kept) != len(item["parameters"]):
                notes.append(Note("key parameter removed", path, "path-level key parameter"))
                item["parameters"] = kept
    for method, path, operation in _operations(document):
        where = f"{method} {path}"
        if operation.get("parameters"):
            kept = [p for p in operation["parameters"] if not _is_key_parameter(document, p)]
            for parameter in operation["parameters"]:
                if _is_key_parameter(document, parameter):
                    notes.append(
                        Note("key parameter removed", where, str(_resolved(document, parameter).get("name")))
                    )
            operation["parameters"] = kept
            if not kept:
                del operation["parameters"]
        if "security" in operation:
            notes.append(Note("operation security dropped", where, "the root security applies"))
            del operation["security"]
    parameters = components.get("parameters") or {}
    for name in [n for n, p in parameters.items() if _is_key_parameter(document, p)]:
        del parameters[name]


# -- shared parameters ---------------------------------------------------------------------------
def hoist_shared_parameters(document: dict[str, Any], notes: list[Note]) -> None:
    """Inline parameters that several operations repeat identically become one
    ``components.parameters`` entry (APIM's export inlines every parameter): the overlay and the
    generator then see one ``take``, whatever the export's style."""
    groups: dict[str, list[tuple[str, dict[str, Any], int]]] = {}
    for method, path, operation in _operations(document):
        for index, parameter in enumerate(operation.get("parameters") or []):
            if isinstance(parameter, dict) and "$ref" not in parameter and "name" in parameter:
                text = json.dumps(parameter, sort_keys=True)
                groups.setdefault(text, []).append((f"{method} {path}", operation, index))
    components = document.setdefault("components", {}).setdefault("parameters", {})
    for text, uses in groups.items():
        if len(uses) < 2:
            continue
        parameter = json.loads(text)
        key = re.sub(r"[^A-Za-z0-9_.-]", "_", str(parameter["name"]))
        existing = components.get(key)
        if existing is not None and json.dumps(existing, sort_keys=True) != text:
            continue  # another parameter of that name already: leave these inline
        components[key] = parameter
        for _, operation, index in uses:
            operation["parameters"][index] = {"$ref": f"#/components/parameters/{key}"}
        notes.append(
            Note(
                "shared parameter hoisted",
                f"#/components/parameters/{key}",
                f"used by {len(uses)} operations",
            )
        )
    if not components:
        del document["components"]["parameters"]


# -- enum member names ---------------------------------------------------------------------------
def apply_enum_names(document: dict[str, Any], api_map: ApiMap, result: Normalization) -> None:
    """The map's member names as ``x-enum-varnames`` (openapi-python-client reads them)."""
    for pointer, names in api_map.enums.items():
        node = Definition(document).find(pointer)
        if not isinstance(node, dict) or not isinstance(node.get("enum"), list):
            result.stale_enums.append(pointer)
            continue
        values = [v for v in node["enum"] if v is not None]
        wanted = [names.get(str(v), f"VALUE_{v}") for v in values]
        for value in values:
            if str(value) not in names:
                result.notes.append(Note("enum value without a name in the API map", pointer, repr(value)))
        if node.get("x-enum-varnames") != wanted:
            result.notes.append(Note("enum names from the API map", pointer, ", ".join(wanted)))
            node["x-enum-varnames"] = wanted


# -- names ----------------------------------------------------------------------------------------
def _tag_of(upstream_tags: list[Any], api_map: ApiMap) -> str:
    display = str(upstream_tags[0]) if upstream_tags else "default"
    if display in api_map.tags:
        return display
    return api_map.tag_for_display(display) or ascii_slug(display)


def normalize_names(document: dict[str, Any], api_map: ApiMap, result: Normalization) -> None:
    notes = result.notes
    found: set[str] = set()
    model = Definition(document)  # built before the names change: read for new operations only
    taken = {entry.qualified for entry in api_map.entries.values()}
    used_ids = {entry.operation_id for entry in api_map.entries.values()}
    used_tags: dict[str, str] = {}  # stable tag -> upstream display name
    for method, path, operation in _operations(document):
        where = f"{method} {path}"
        upstream_tags = operation.get("tags") or []
        entry, by_case = api_map.lookup(method, path)
        if entry is None:
            defined = model.operation(method, path)
            assert defined is not None  # the same walk as the model's
            entry = derive_entry(defined, _tag_of(upstream_tags, api_map), taken)
            while entry.operation_id in used_ids:
                entry = MapEntry(**{**entry.__dict__, "operation_id": entry.operation_id + "X"})
            taken.add(entry.qualified)
            used_ids.add(entry.operation_id)
            result.new.append(entry)
        else:
            found.add(entry.key)
            if by_case:
                notes.append(Note("path matched by case", where, f"the API map spells it {entry.path}"))
            entry = MapEntry(method, path, entry.resource, entry.name, entry.operation_id, entry.tag)
        result.entries[where] = entry
        if operation.get("operationId") != entry.operation_id:
            notes.append(
                Note(
                    "operationId from the API map",
                    where,
                    f"{operation.get('operationId')} -> {entry.operation_id}",
                )
            )
            operation["operationId"] = entry.operation_id
        if upstream_tags != [entry.tag]:
            notes.append(Note("tag from the API map", where, f"{upstream_tags} -> {entry.tag}"))
            operation["tags"] = [entry.tag]
        used_tags.setdefault(entry.tag, str(upstream_tags[0]) if upstream_tags else entry.tag)
    result.stale = [entry for key, entry in api_map.entries.items() if key not in found]
    _normalize_tag_list(document, api_map, used_tags, notes)


def _normalize_tag_list(
    document: dict[str, Any], api_map: ApiMap, used: dict[str, str], notes: list[Note]
) -> None:
    listed: list[dict[str, Any]] = []
    by_name: dict[str, dict[str, Any]] = {}
    for tag in document.get("tags") or []:
        if not isinstance(tag, dict) or "name" not in tag:
            continue
        name = str(tag["name"])
        stable = (
            name
            if name in api_map.tags or name in used
            else api_map.tag_for_display(name) or ascii_slug(name)
        )
        if stable != name:
            notes.append(Note("tag renamed", name, f"-> {stable} (display name kept)"))
            tag = {"name": stable, **{k: v for k, v in tag.items() if k != "name"}}
            tag.setdefault("x-displayName", name)
        if stable not in by_name:
            by_name[stable] = tag
            listed.append(tag)
    for stable, display in used.items():
        if stable not in by_name:
            tag = {"name": stable, "x-displayName": api_map.tags.get(stable, display)}
            by_name[stable] = tag
            listed.append(tag)
            notes.append(Note("tag declared", stable, "used by an operation"))
    document["tags"] = listed


def normalize(document: dict[str, Any], api_map: ApiMap) -> Normalization:
    """A normalized deep copy of ``document`` and the record of what changed."""
    result = Normalization(document=copy.deepcopy(document), entries={})
    to_openapi_31(result.document, lambda kind, where, detail: result.notes.append(Note(kind, where, detail)))
    normalize_security(result.document, api_map, result.notes)
    hoist_shared_parameters(result.document, result.notes)
    apply_enum_names(result.document, api_map, result)
    normalize_names(result.document, api_map, result)
    return result


__all__ = ["Normalization", "Note", "ascii_slug", "derive_entry", "normalize"]
