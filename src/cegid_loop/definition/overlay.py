"""Apply an OpenAPI Overlay (1.0 / 1.1) document to an OpenAPI description.

Targets are RFC 9535 JSONPath expressions, evaluated by python-jsonpath in strict mode. Semantics
(Overlay 1.0.0 §4.4): ``update`` is merged into every object the target selects (objects merge
recursively, arrays are appended to, primitives are replaced); when the target selects an array,
``update`` is appended to it; ``remove: true`` deletes every selected node from its parent.

Our own rule on top of the standard: every action names the quirk it fixes (``x-quirk``), and an
action whose target selects nothing is an error (a stale override is a finding, not a no-op).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jsonpath import JSONPathEnvironment, JSONPathMatch
from jsonpath.exceptions import JSONPathError

from cegid_loop.definition.errors import DefinitionError
from cegid_loop.definition.pointers import pointer

_JSONPATH = JSONPathEnvironment(strict=True)


class OverlayError(DefinitionError):
    """The overlay document is malformed, or one of its actions no longer applies (a build-time
    error: not a :class:`cegid_loop.errors.LoopError`)."""


class StaleOverlayAction(OverlayError):
    """An action's target matches nothing in the description: the quirk it fixed may be gone."""

    def __init__(self, index: int, quirk: str, target: str) -> None:
        self.index = index
        self.quirk = quirk
        self.target = target
        super().__init__(
            f"overlay action #{index} ({quirk}) is stale: its target {target!r} matches nothing; "
            f"check whether quirk {quirk} still exists upstream, then update or delete the action"
        )


@dataclass(frozen=True)
class ActionReport:
    index: int
    quirk: str
    target: str
    matches: int


def _merge(target: Any, update: Any) -> Any:
    """Overlay merge of ``update`` into ``target``; returns the new value for the target's slot."""
    if isinstance(target, dict) and isinstance(update, Mapping):
        for key, value in update.items():
            target[key] = _merge(target[key], value) if key in target else copy.deepcopy(value)
        return target
    if isinstance(target, list):
        if isinstance(update, list):
            target.extend(copy.deepcopy(update))
        else:
            target.append(copy.deepcopy(update))
        return target
    return copy.deepcopy(update)


def _replace_in_parent(match: JSONPathMatch, value: Any) -> None:
    if match.parent is None:
        raise OverlayError("an update that replaces the document root is not supported")
    container: Any = match.parent.obj
    container[match.parts[-1]] = value


def _remove(matches: list[JSONPathMatch]) -> None:
    # Delete from the end so the indices of earlier array items stay valid.
    for match in sorted(matches, key=lambda m: m.parts, reverse=True):
        if match.parent is None:
            raise OverlayError("an action cannot remove the document root")
        container: Any = match.parent.obj
        del container[match.parts[-1]]


def _actions(overlay: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    version = str(overlay.get("overlay", ""))
    if not version.startswith("1."):
        raise OverlayError(f"unsupported overlay version {version!r} (expected 1.0.x or 1.1.x)")
    actions = overlay.get("actions")
    if not isinstance(actions, list) or not actions:
        raise OverlayError("an overlay needs a non-empty 'actions' list")
    return actions


def apply_overlay(
    description: Mapping[str, Any], overlay: Mapping[str, Any]
) -> tuple[dict[str, Any], list[ActionReport]]:
    """Return a patched deep copy of ``description`` and what each action matched.

    Raises ``StaleOverlayAction`` for an action that matches nothing, ``OverlayError`` for a
    malformed document.
    """
    document: dict[str, Any] = copy.deepcopy(dict(description))
    reports: list[ActionReport] = []
    for index, action in enumerate(_actions(overlay), start=1):
        quirk = str(action.get("x-quirk") or "")
        target = action.get("target")
        if not quirk:
            raise OverlayError(f"overlay action #{index} does not name its quirk (x-quirk)")
        if not isinstance(target, str):
            raise OverlayError(f"overlay action #{index} ({quirk}) has no target")
        if "copy" in action:
            raise OverlayError(f"overlay action #{index} ({quirk}): 'copy' is not supported")
        try:
            matches = list(_JSONPATH.finditer(target, document))
        except JSONPathError as exc:
            raise OverlayError(f"overlay action #{index} ({quirk}): bad target {target!r}: {exc}") from exc
        if not matches:
            raise StaleOverlayAction(index, quirk, target)
        if action.get("remove") is True:
            _remove(matches)
        elif "update" in action:
            for match in matches:
                merged = _merge(match.obj, action["update"])
                if merged is not match.obj:
                    _replace_in_parent(match, merged)
        else:
            raise OverlayError(f"overlay action #{index} ({quirk}) has neither update nor remove: true")
        reports.append(ActionReport(index, quirk, target, len(matches)))
    return document, reports


def quirk_ids(overlay: Mapping[str, Any]) -> list[str]:
    """The quirk ids the overlay's actions name, in order, without repeats."""
    seen: dict[str, None] = {}
    for action in _actions(overlay):
        seen.setdefault(str(action.get("x-quirk")), None)
    return list(seen)


def matched_pointers(description: Mapping[str, Any], overlay: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """``(quirk, JSON pointer)`` of every node each action selects, its target evaluated on the
    document as the applier sees it (the actions before it applied)."""
    document: dict[str, Any] = copy.deepcopy(dict(description))
    for action in _actions(overlay):
        quirk = str(action.get("x-quirk") or "")
        try:
            matches = list(_JSONPATH.finditer(str(action.get("target")), document))
        except JSONPathError as exc:
            raise OverlayError(
                f"overlay action ({quirk}): bad target {action.get('target')!r}: {exc}"
            ) from exc
        for match in matches:
            yield quirk, pointer(*match.parts)
        document, _ = apply_overlay(
            document, {"overlay": overlay.get("overlay", "1.0.0"), "actions": [action]}
        )


def stale_actions(description: Mapping[str, Any], overlay: Mapping[str, Any]) -> Iterable[StaleOverlayAction]:
    """Every stale action (not only the first), for a report: actions are applied in order."""
    document: dict[str, Any] = copy.deepcopy(dict(description))
    for index, action in enumerate(_actions(overlay), start=1):
        single = {"overlay": overlay["overlay"], "actions": [action]}
        try:
            document, _ = apply_overlay(document, single)
        except StaleOverlayAction as exc:
            yield StaleOverlayAction(index, exc.quirk, exc.target)
