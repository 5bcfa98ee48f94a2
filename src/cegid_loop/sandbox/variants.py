"""The ``variants`` profile: every list answer in the shapes real Loop systems send, so that a
client's tests (and ours) exercise a tolerant reader rather than the documentation's ideal.

The portal's own examples already disagree with its types (facts.md §4), and integrators report
more (facts.md §6, "Shapes that real answers are known or likely to take"). Under this profile each
record of a list gets two or three of the record variants below, and some list operations get the
envelope variant; the choice is seeded by the record's objectId (and the operation's id), so the
same record looks the same on every page and every run. Filters, sorts and paging work on the
normal shape first: only what is sent differs. Writes are unchanged.

Record variants (kind — what — why):

- ``int-for-string`` — a coded field the definition types as a string sent as a JSON integer
  (tiers/établissement ``nature`` ``1``, compte ``numero`` ``60100000``) — enums and codes are
  integers in the portal's examples even where the tables say string (facts.md §4.5).
- ``string-for-int`` — an integer field sent as a numeric string (``"2"`` for compte ``type``) — the
  English pages quote numbers (``?skip="{number}"``, §4.11) and the tables type codes as strings.
- ``null-reference`` — an unset reference sent as ``null`` instead of the empty-reference form
  ``{"objectId": null, "description": [""]}`` (§2.8, §4.4 show the latter; serializers differ).
- ``id-not-uuid`` — an ``objectId`` that is empty or a legacy numeric id, although documented
  ``string($uuid)`` (§4.2: references already carry null ids; §6 lists non-UUID ids as likely).
- ``short-revision`` — a ``revisionId`` whose hex part has lost its leading zeros (``0x1A2B``
  rather than ``0x0000000000001A2B``): a rowversion rendered as a number, not a fixed-width string.
- ``extra-field`` — a field the page does not list (``dateModification``, ``sourceSysteme``...):
  every entity already carries an undocumented ``description`` (§4.3).
- ``respelled-field`` — a field spelt in another case than the page (``raisonsociale`` for
  ``raisonSociale``, ``Libelle`` for ``libelle``), as tiers and établissement pages disagree (§4.6)
  and Mission.html writes ``Libelle`` (§6 N3).

List variant:

- ``data-envelope`` — the array wrapped in ``{"data": [...], "count": n}`` (the ``/groupe`` page
  shows ``{"data": [...]}``, §2.7, §4.22; other envelope keys are plausible): always on
  ``/groupe`` (which gains ``count``), on a seeded third of the other list operations.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cegid_loop.sandbox.urls import Route

Document = dict[str, Any]
SEED = "loop-sandbox-variants-1"
ENVELOPE_SHARE = 1 / 3  # of the list operations that are bare arrays in the normal profile


@dataclass(frozen=True)
class Variant:
    kind: str
    what: str
    level: str  # "record" or "list"


VARIANTS: tuple[Variant, ...] = (
    Variant("int-for-string", "a field typed string sent as a JSON integer", "record"),
    Variant("string-for-int", "an integer field sent as a numeric string", "record"),
    Variant("null-reference", 'an unset reference sent as null, not {"objectId": null, ...}', "record"),
    Variant("id-not-uuid", "an objectId that is empty or a legacy numeric id", "record"),
    Variant("short-revision", "a revisionId with fewer than 16 hex digits (0x1A2B)", "record"),
    Variant("extra-field", "a field the documentation does not list", "record"),
    Variant("respelled-field", "a field spelt in another case (raisonsociale, Libelle)", "record"),
    Variant("data-envelope", 'the list wrapped in {"data": [...], "count": n}', "list"),
)
KINDS = tuple(v.kind for v in VARIANTS)

_IDENTITY = ("objectId", "revisionId")
_REVISION = re.compile(r"0x0*([0-9A-Fa-f]+)")
_EXTRA_FIELDS: tuple[tuple[str, Any], ...] = (
    ("dateModification", "2026-02-01T10:15:00.000Z"),
    ("sourceSysteme", "LOOP"),
    ("idExterne", None),
    ("version", 3),
)


def string_fields(spec: Mapping[str, Any], op: Route) -> frozenset[str]:
    """The fields the operation's item schema types as strings (a ``$ref``, anyOf/oneOf resolved)."""
    from cegid_loop.definition import resolve

    props = op.item_schema.get("properties") if isinstance(op.item_schema, Mapping) else None
    names = set()
    for name, raw in (props or {}).items():
        schema = resolve(spec, raw).node
        if not isinstance(schema, Mapping):
            continue
        subs = [resolve(spec, s).node for s in (*(schema.get("anyOf") or ()), *(schema.get("oneOf") or ()))]
        types = [schema.get("type"), *(s.get("type") for s in subs if isinstance(s, Mapping))]
        if "string" in types or any(isinstance(t, list) and "string" in t for t in types):
            names.add(str(name))
    return frozenset(names)


def _is_code(value: Any) -> bool:
    return isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 15


def _is_empty_reference(value: Any) -> bool:
    return isinstance(value, Mapping) and "objectId" in value and value.get("objectId") is None


def _candidates(strings: frozenset[str], record: Mapping[str, Any]) -> dict[str, list[str]]:
    """Record variant kind → the fields it can change in this record (empty kinds left out)."""
    fields = [k for k in record if k not in _IDENTITY]
    found = {
        "int-for-string": [
            k
            for k in fields
            if k in strings and _is_code(record[k]) and (record[k] == "0" or not record[k].startswith("0"))
        ],
        "string-for-int": [
            k for k in fields if isinstance(record[k], int) and not isinstance(record[k], bool)
        ],
        "null-reference": [k for k in fields if _is_empty_reference(record[k])],
        "id-not-uuid": ["objectId"] if isinstance(record.get("objectId"), str) else [],
        "short-revision": ["revisionId"]
        if isinstance(record.get("revisionId"), str) and _REVISION.fullmatch(record["revisionId"])
        else [],
        "extra-field": [name for name, _ in _EXTRA_FIELDS if name not in record],
        "respelled-field": [k for k in fields if k != "description" and k[:1].isalpha()],
    }
    return {kind: names for kind, names in found.items() if names}


def _legacy_id(object_id: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return ""
    digits = "".join(ch for ch in object_id if ch.isdigit())[:7]
    return digits.lstrip("0") or "1"


def _respell(name: str) -> str:
    return name.lower() if any(ch.isupper() for ch in name) else name[:1].upper() + name[1:]


def vary_record(collection: str, strings: frozenset[str], record: Mapping[str, Any]) -> Document:
    """The record with two or three variants, chosen by a seed of its objectId; ``strings`` are
    the fields its schema types as strings."""
    rng = random.Random(f"{SEED}:{collection}:{record.get('objectId')}")
    candidates = _candidates(strings, record)
    kinds = rng.sample(sorted(candidates), min(len(candidates), rng.choice((2, 3))))
    out = dict(record)
    renames: dict[str, str] = {}
    for kind in sorted(kinds, key=KINDS.index):  # values first, then added fields, then names
        name = rng.choice(candidates[kind])
        if kind == "int-for-string":
            out[name] = int(out[name])
        elif kind == "string-for-int":
            out[name] = str(out[name])
        elif kind == "null-reference":
            out[name] = None
        elif kind == "id-not-uuid":
            out[name] = _legacy_id(str(out[name]), rng)
        elif kind == "short-revision":
            match = _REVISION.fullmatch(str(out[name]))
            assert match is not None
            out[name] = "0x" + match.group(1).upper()
        elif kind == "extra-field":
            out[name] = dict(_EXTRA_FIELDS)[name]
        elif kind == "respelled-field":
            renames[name] = _respell(name)
    return {renames.get(k, k): v for k, v in out.items()}


def _enveloped(op: Route) -> bool:
    return random.Random(f"{SEED}:{op.operation_id}").random() < ENVELOPE_SHARE


def list_body(spec: Mapping[str, Any], op: Route, body: Any) -> Any:
    """A list answer (bare array, or the normal ``{"data": [...]}`` of /groupe) with its variants."""
    wrapped = isinstance(body, Mapping) and isinstance(body.get("data"), list)
    items = body["data"] if wrapped else body
    if not isinstance(items, list):
        return body
    strings = string_fields(spec, op)
    varied = [vary_record(op.collection, strings, r) if isinstance(r, Mapping) else r for r in items]
    if wrapped or _enveloped(op):
        return {**(body if wrapped else {}), "data": varied, "count": len(varied)}
    return varied


def variants_as_json() -> list[dict[str, str]]:
    return [{"kind": v.kind, "what": v.what, "level": v.level} for v in VARIANTS]
