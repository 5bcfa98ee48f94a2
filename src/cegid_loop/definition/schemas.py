"""Reading the schemas of a definition: their types, whether an answer is a list, the record a list
holds, ``allOf`` merged, and where a field of an answer is declared.

**Does an operation return a list?** Decided here, once, for every reader of the definition (the
sandbox's handlers, the names derived for a new operation, drift's choice of reads, its rules):
its success schema, references followed, is

- a bare array (``type: array``, ``[array, null]``, or ``items`` without a type): :data:`ARRAY`;
- an object holding the array under ``data`` (``{"data": [...]}``, other keys beside it allowed):
  :data:`ENVELOPE`. ``/groupe`` is documented so (Q-GROUPE-DATA-WRAP), and any list may come so
  (Q-LIST-ENVELOPE): the client's list methods read both (``records_of`` in the templates), and
  the facade types such an answer as a list (``GroupeList``'s records);
- an ``anyOf``/``oneOf`` whose every branch but ``null`` is one of those two: a list whatever
  branch comes (``ENVELOPE`` when all are envelopes). A union with a branch that is not a list
  (``oneOf [ImportRequestAccepted, ImportError]``) is not a list: a reader cannot count on records.

Anything else is not a list, an object with other arrays included (``{"success": [...], "errors":
[...]}`` of PUT /DossierComplet, Q-DOSSIERCOMPLET-ENVELOPE).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from cegid_loop.definition.pointers import escape

if TYPE_CHECKING:
    from cegid_loop.definition.document import Definition, Resolved

ARRAY = "array"
ENVELOPE = "envelope"
ENVELOPE_KEY = "data"
UNIONS = ("anyOf", "oneOf")


def declared_types(schema: Any) -> set[str]:
    """The types ``schema``'s ``type`` keyword names (a string or a list); empty when it names none."""
    kind = schema.get("type") if isinstance(schema, Mapping) else None
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {str(t) for t in kind}
    return set()


def is_null_only(schema: Any) -> bool:
    return declared_types(schema) == {"null"} or (
        isinstance(schema, Mapping) and schema.get("const", 0) is None
    )


def branches(definition: Definition, schema: Any) -> list[Any]:
    """The ``anyOf``/``oneOf`` branches of ``schema``, references followed ([] when it has none)."""
    if not isinstance(schema, Mapping):
        return []
    for key in UNIONS:
        if isinstance(schema.get(key), list) and schema[key]:
            return [definition.resolve(b).node for b in schema[key]]
    return []


def list_shape(definition: Definition, schema: Any) -> str | None:
    """:data:`ARRAY`, :data:`ENVELOPE` or None (not a list): see the module's docstring."""
    return _shape(definition, definition.resolve(schema).node, 0)


def _shape(definition: Definition, schema: Any, depth: int) -> str | None:
    if not isinstance(schema, Mapping) or depth > 8:
        return None
    types = declared_types(schema) - {"null"}
    if types == {"array"} or (not types and "items" in schema and "properties" not in schema):
        return ARRAY
    if types - {"object"}:
        return None
    props = schema.get("properties")
    if isinstance(props, Mapping) and ENVELOPE_KEY in props:
        inner = definition.resolve(props[ENVELOPE_KEY]).node
        return ENVELOPE if _shape(definition, inner, depth + 1) == ARRAY else None
    if types:
        return None
    shapes = [_shape(definition, b, depth + 1) for b in branches(definition, schema) if not is_null_only(b)]
    if not shapes or None in shapes:
        return None
    return ENVELOPE if set(shapes) == {ENVELOPE} else ARRAY


def list_items(definition: Definition, schema: Any) -> Any:
    """The schema of one record of a list answer (the array's ``items``, or those of the
    envelope's ``data``), references followed; None when ``schema`` is not a list."""
    schema = definition.resolve(schema).node
    if list_shape(definition, schema) is None:
        return None
    if "items" in schema:
        return definition.resolve(schema["items"]).node
    props = schema.get("properties")
    if isinstance(props, Mapping) and ENVELOPE_KEY in props:
        return list_items(definition, props[ENVELOPE_KEY])
    found = (list_items(definition, b) for b in branches(definition, schema) if not is_null_only(b))
    return next((f for f in found if f is not None), None)


def allows_null(schema: Any) -> bool:
    """Whether ``null`` may stand for a value of ``schema`` (a schema that says nothing allows it)."""
    if not isinstance(schema, Mapping):
        return True
    types = schema.get("type")
    if types is None:
        subs = [*(schema.get("anyOf") or []), *(schema.get("oneOf") or [])]
        return not subs or any(isinstance(x, Mapping) and allows_null(x) for x in subs)
    return types == "null" or (isinstance(types, list) and "null" in types)


def flatten(definition: Definition, node: Any) -> tuple[dict[str, Any], str | None]:
    """References followed and ``allOf`` parts merged into one schema (properties and ``required``
    united); returns it with the last ``$ref`` followed (``allOf: [$ref]`` + constraints counts as
    that reference)."""
    found = definition.resolve(node)
    node, ref = found.node, found.ref
    if not isinstance(node, Mapping):
        return {}, ref
    out = {k: v for k, v in node.items() if k != "allOf"}
    parts = node.get("allOf") or []
    if ref is None and len(parts) == 1:
        ref = definition.resolve(parts[0]).ref
    for part in parts:
        merged, _ = flatten(definition, part)
        props = {**(merged.get("properties") or {}), **(out.get("properties") or {})}
        required = list(dict.fromkeys([*(merged.get("required") or []), *(out.get("required") or [])]))
        for key, value in merged.items():
            out.setdefault(key, value)
        if props:
            out["properties"] = props
        if required:
            out["required"] = required
    return out, ref


def declared_at(definition: Definition, pointer: str, path: Sequence[str]) -> str | None:
    """Pointer of the schema of ``path`` (property names and ``[*]`` for list items) inside the
    schema at ``pointer``, looking through references and ``anyOf``/``oneOf``/``allOf``; None when
    no schema declares it."""
    here = definition.resolved(pointer)
    for part in path:
        candidates = [here]
        node = here.node
        for key in ("anyOf", "oneOf", "allOf"):
            if isinstance(node, Mapping) and isinstance(node.get(key), list):
                base = f"{here.pointer}/{key}"
                candidates += [definition.resolve(b, f"{base}/{i}") for i, b in enumerate(node[key])]
        step = next((s for s in (_child(definition, c, part) for c in candidates) if s is not None), None)
        if step is None:
            return None
        here = step
    return here.pointer


def _child(definition: Definition, schema: Resolved, part: str) -> Resolved | None:
    node = schema.node
    if not isinstance(node, Mapping):
        return None
    if part == "[*]":
        items = node.get("items")
        return definition.resolve(items, f"{schema.pointer}/items") if isinstance(items, Mapping) else None
    props = node.get("properties")
    if isinstance(props, Mapping) and part in props:
        return definition.resolve(props[part], f"{schema.pointer}/properties/{escape(part)}")
    return None


__all__ = [
    "ARRAY",
    "ENVELOPE",
    "ENVELOPE_KEY",
    "allows_null",
    "branches",
    "declared_at",
    "declared_types",
    "flatten",
    "is_null_only",
    "list_items",
    "list_shape",
]
