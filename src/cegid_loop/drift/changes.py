"""Turn the changes the evidence asks for into Overlay actions (documented parts) or JSON Patch
operations on the definition (inferred parts), and the client's failures into reader items."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cegid_loop.definition import Definition
from cegid_loop.definition.pointers import escape, jsonpath_of, parent
from cegid_loop.drift.proposal import Proposal, ProposedChange

if TYPE_CHECKING:
    from cegid_loop.drift.propose import Collected

_WHERE_READER = "overrides/templates/ (the generated reader) or src/cegid_loop/ (the runtime)"
_SUMMARY = {
    "widen-type": "accept the JSON type(s) seen",
    "extend-enum": "add the values seen to the enum",
    "drop-keyword": "drop the keyword the answers break",
    "not-required": "make the missing field optional",
    "add-branch": "add a branch for the type seen",
    "add-property": "declare the field(s) seen",
    "remove-operation": "remove the operation APIM no longer has",
    "add-response": "document the status seen",
    "envelope": "accept the list wrapped in an envelope",
}


def _node(document: Mapping[str, Any], pointer: str) -> Any:
    return Definition(document).find(pointer)


def _types(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value else []


def _envelope(schema: Any, others: Mapping[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = {"data": copy.deepcopy(schema)}
    for key, sample in others.items():
        props[str(key)] = (
            {"type": "integer"} if isinstance(sample, int) and not isinstance(sample, bool) else {}
        )
    return {"anyOf": [copy.deepcopy(schema), {"type": "object", "required": ["data"], "properties": props}]}


def overlay_actions(change: ProposedChange, document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The Overlay 1.0 actions of one change (``target`` + ``update`` or ``remove``), or none."""
    node = _node(document, change.pointer)
    target = jsonpath_of(change.pointer, document)
    what = change.what
    if what == "widen-type" and isinstance(node, Mapping):
        current = _types(node.get("type"))
        new = [t for t in change.seen if t not in current]
        if not new or not current:
            return []
        # Overlay merge appends to arrays and replaces primitives.
        return [
            {
                "target": target,
                "update": {"type": new if isinstance(node.get("type"), list) else current + new},
            }
        ]
    if what == "extend-enum" and isinstance(node, Mapping):
        if change.keyword == "const":
            values = [node.get("const"), *change.seen]
            return [
                {"target": f"{target}.const", "remove": True},
                {"target": target, "update": {"enum": values}},
            ]
        new = [v for v in change.seen if v not in (node.get("enum") or [])]
        return [{"target": target, "update": {"enum": new}}] if new else []
    if what == "drop-keyword":
        return [{"target": jsonpath_of(f"{change.pointer}/{change.keyword}", document), "remove": True}]
    if what == "not-required":
        required = jsonpath_of(f"{change.pointer}/required", document)
        return [{"target": f"{required}[?@ == {json.dumps(name)}]", "remove": True} for name in change.seen]
    if what == "add-branch":
        branches = jsonpath_of(f"{change.pointer}/{change.keyword}", document)
        return [{"target": branches, "update": {"type": t}} for t in change.seen]
    if what == "add-property" and isinstance(node, Mapping):
        if isinstance(node.get("properties"), Mapping):
            return [{"target": f"{target}.properties", "update": dict(change.names)}]
        return [{"target": target, "update": {"properties": dict(change.names)}}]
    if what == "remove-operation":
        return [{"target": target, "remove": True}]
    if what == "add-response":
        return [
            {
                "target": target,
                "update": {str(s): {"description": f"HTTP {s}, seen by drift"} for s in change.seen},
            }
        ]
    if what == "envelope" and node is not None:
        media = jsonpath_of(parent(change.pointer), document)
        return [
            {"target": target, "remove": True},
            {"target": media, "update": {"schema": _envelope(node, change.names)}},
        ]
    return []


def definition_patch(change: ProposedChange, document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The same change as RFC 6902 JSON Patch operations on the definition."""
    node = _node(document, change.pointer)
    ptr = change.pointer
    what = change.what
    if what == "widen-type" and isinstance(node, Mapping):
        current = _types(node.get("type"))
        new = [t for t in change.seen if t not in current]
        return [{"op": "replace", "path": f"{ptr}/type", "value": current + new}] if new and current else []
    if what == "extend-enum" and isinstance(node, Mapping) and change.keyword == "enum":
        known = node.get("enum") or []
        return [{"op": "add", "path": f"{ptr}/enum/-", "value": v} for v in change.seen if v not in known]
    if what == "drop-keyword":
        return [{"op": "remove", "path": f"{ptr}/{change.keyword}"}]
    if what == "not-required" and isinstance(node, Mapping):
        required = list(node.get("required") or [])
        indexes = sorted((required.index(n) for n in change.seen if n in required), reverse=True)
        return [{"op": "remove", "path": f"{ptr}/required/{i}"} for i in indexes]
    if what == "add-branch":
        return [{"op": "add", "path": f"{ptr}/{change.keyword}/-", "value": {"type": t}} for t in change.seen]
    if what == "add-property" and isinstance(node, Mapping):
        if isinstance(node.get("properties"), Mapping):
            return [
                {"op": "add", "path": f"{ptr}/properties/{escape(n)}", "value": s}
                for n, s in change.names.items()
            ]
        return [{"op": "add", "path": f"{ptr}/properties", "value": dict(change.names)}]
    if what == "remove-operation":
        return [{"op": "remove", "path": ptr}]
    if what == "add-response":
        return [
            {"op": "add", "path": f"{ptr}/{s}", "value": {"description": f"HTTP {s}, seen by drift"}}
            for s in change.seen
        ]
    if what == "envelope" and node is not None:
        return [{"op": "replace", "path": ptr, "value": _envelope(node, change.names)}]
    return []


def _describe(changes: list[ProposedChange]) -> str:
    """One text for the changes of one node: what was seen, what is proposed, the evidence files."""
    ops = ", ".join(dict.fromkeys(c.operation.label for c in changes))
    rows = "; ".join(dict.fromkeys(r for c in changes for r in c.rows))
    seen = [s for c in changes for s in c.seen]
    shown = f" Seen: {', '.join(json.dumps(s, ensure_ascii=False) for s in seen)}." if seen else ""
    what = "; ".join(dict.fromkeys(_SUMMARY.get(c.what, c.what) for c in changes))
    files = ", ".join(dict.fromkeys(f for c in changes for f in c.files))
    count = sum(c.count for c in changes)
    return f"{ops}: {rows} (x{count}).{shown} Proposal: {what}. Evidence: {files}"


def _merged(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Updates of one target become one action (a type widened and its enum extended together)."""
    out: list[dict[str, Any]] = []
    for action in actions:
        last = out[-1] if out else None
        if (
            last
            and "update" in last
            and "update" in action
            and last["target"] == action["target"]
            and not set(last["update"]) & set(action["update"])
        ):
            last["update"] = {**last["update"], **action["update"]}
            continue
        out.append(action)
    return out


def _groups(changes: list[ProposedChange]) -> list[list[ProposedChange]]:
    by_node: dict[tuple[bool, str], list[ProposedChange]] = {}
    for change in changes:
        by_node.setdefault((change.overlay, change.pointer), []).append(change)
    return list(by_node.values())


def render(proposal: Proposal, collected: Collected, document: Mapping[str, Any]) -> None:
    """Fill ``proposal`` from what the evidence asks for: one id per definition node changed
    (Q-NEW-<n> for the overlay, D-NEW-<n> for the definition), numbered in order of appearance."""
    ids: dict[int, str] = {}
    quirk_n = patch_n = 0
    for group in _groups(collected.changes):
        description = _describe(group)
        first = group[0]
        if first.overlay:
            actions = _merged([a for c in group for a in overlay_actions(c, document)])
            if not actions:
                continue
            quirk_n += 1
            qid = f"Q-NEW-{quirk_n}"
            for action in actions:
                target = action.pop("target")
                proposal.actions.append(
                    {"target": target, "x-quirk": qid, "description": description, **action}
                )
            what = "; ".join(dict.fromkeys(_SUMMARY.get(c.what, c.what) for c in group))
            proposal.quirks_md.append(
                f"| {qid} | {first.operation.label}: {'; '.join(first.rows)} | `{first.files[0]}` | "
                f"overlay: {what} | `tests/payloads/` (replayed by tests/test_payloads.py) |"
            )
        else:
            patch = [op for c in group for op in definition_patch(c, document)]
            if not patch:
                continue
            patch_n += 1
            qid = f"D-NEW-{patch_n}"
            proposal.definition.append(
                {
                    "id": qid,
                    "operation": first.operation.label,
                    "provenance": first.operation.provenance,
                    "description": description,
                    "evidence": list(dict.fromkeys(f for c in group for f in c.files)),
                    "patch": patch,
                }
            )
        for change in group:
            ids[id(change)] = qid
    proposal.not_proposed.extend(collected.not_proposed)
    by_place = {place: ids.get(id(change)) for place, change in collected.covered.items()}
    reader: dict[tuple[str, str, str], dict[str, Any]] = {}
    for _op, finding, file in collected.culprits:
        fixed_by = by_place.get((finding.operation, finding.path))
        if fixed_by:
            proposal.not_proposed.append(
                {
                    "operation": finding.operation,
                    "kind": finding.kind,
                    "path": finding.path,
                    "evidence": file,
                    "why": f"the client should read it once {fixed_by} is applied and the client regenerated",
                }
            )
            continue
        key = (finding.operation, finding.path, finding.message)
        item = reader.setdefault(
            key,
            {
                "operation": finding.operation,
                "kind": finding.kind,
                "path": finding.path,
                "error": finding.message,
                "seen": finding.new,
                "fix_in": _WHERE_READER,
                "evidence": [],
                "count": 0,
            },
        )
        if file not in item["evidence"]:
            item["evidence"].append(file)
        item["count"] += finding.count
    proposal.reader.extend(reader.values())


__all__ = ["definition_patch", "overlay_actions", "render"]
