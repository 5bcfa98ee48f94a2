"""The real wire shape of Loop answers, quirks included (ids in :mod:`cegid_loop.sandbox.quirks`):
stored documents to wire objects and back, references, list envelopes and error bodies."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Document = dict[str, Any]

EMPTY_DESCRIPTION: list[str] = [""]


def reference(object_id: str | None, description: Any = None, *, as_string: bool = False) -> Document:
    """A reference object; an unset one is ``{"objectId": null, "description": [""]}`` (Q-EMPTY-REFERENCE)."""
    if object_id is None:
        return {"objectId": None, "description": "" if as_string else list(EMPTY_DESCRIPTION)}
    if as_string:
        return {"objectId": object_id, "description": "" if description is None else str(description)}
    if isinstance(description, list):
        return {"objectId": object_id, "description": [str(d) for d in description]}
    return {"objectId": object_id, "description": ["" if description is None else str(description)]}


def normalize_reference(value: Any, *, as_string: bool = False) -> Document:
    """Whatever a client sent for a reference (null, a uuid string, a partial object) → a reference."""
    if isinstance(value, Mapping):
        oid = value.get("objectId")
        return reference(
            None if oid in (None, "") else str(oid), value.get("description"), as_string=as_string
        )
    if isinstance(value, str) and value:
        return reference(value, None, as_string=as_string)
    return reference(None, as_string=as_string)


def to_int_enum(value: Any) -> Any:
    """``"6"`` → 6, ``True`` → 1 (Q-INT-ENUMS); anything else unchanged."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return value


@dataclass(frozen=True)
class Shape:
    """How one collection looks on the wire."""

    description_from: str | None = None  # field copied into `description`
    description_kind: str = "array"  # "array" (compte, journal) or "string" (section)
    int_enums: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    string_references: tuple[str, ...] = ()  # references whose description is a string (section.axe)
    list_wrapper: str | None = None  # "data" for groupe


def to_wire(shape: Shape, doc: Mapping[str, Any]) -> Document:
    """A stored document in the upstream wire shape, keys in a stable order."""
    out: Document = {"objectId": doc.get("objectId"), "revisionId": doc.get("revisionId")}
    if shape.description_from is not None:
        source = doc.get(shape.description_from)
        if shape.description_kind == "array":
            out["description"] = ["" if source is None else str(source)]  # Q-DESCRIPTION-SHAPE
        else:
            out["description"] = "" if source is None else str(source)  # Q-DESCRIPTION-SHAPE (section)
    for key, value in doc.items():
        if key in out:
            continue
        if key in shape.int_enums:
            value = to_int_enum(value)
        elif key in shape.references:
            value = normalize_reference(value)
        elif key in shape.string_references and isinstance(value, Mapping) and value.get("objectId"):
            value = normalize_reference(value, as_string=True)
        out[key] = value
    for key in shape.references:
        out.setdefault(key, reference(None))
    return out


def from_wire(shape: Shape, body: Mapping[str, Any]) -> Document:
    """A request body → the document to store: enums as integers (Q-INT-ENUMS), references as
    objects (the backend fills in their description), no derived ``description``."""
    doc = dict(body)
    for key in shape.int_enums:
        if key in doc:
            doc[key] = to_int_enum(doc[key])
    for key in shape.references:
        doc[key] = normalize_reference(doc.get(key))
    for key in shape.string_references:
        if isinstance(doc.get(key), Mapping) and doc[key].get("objectId"):
            doc[key] = normalize_reference(doc[key], as_string=True)
    if shape.description_from and shape.description_from != "description":
        doc.pop("description", None)  # derived on the way out
    return doc


def wrap_list(shape: Shape, items: list[Document]) -> Any:
    """Bare array, or ``{"data": [...]}`` on groupe (Q-GROUPE-DATA-WRAP)."""
    return {shape.list_wrapper: items} if shape.list_wrapper else items


def import_error(message: str, instance_id: str | None = None) -> Document:
    """Body of an import refused with HTTP 200 (Q-IMPORT-ERROR-200)."""
    return {"error": {"instanceId": instance_id or str(uuid.uuid4()), "message": message}}


def loop_error(message: str, errors: Iterable[Any] = ()) -> Document:
    """Body of a 4xx answered by Loop (its real format is undocumented: this one is the sandbox's)."""
    return {"message": message, "errors": list(errors)}
