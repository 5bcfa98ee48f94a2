"""What the repository already knows about the real API: the quirk catalogue (``QUIRKS.md``) and
where each overlay action acts (``overlay.yaml``).

A deviation is explained by an overlay quirk when the action's target covers the schema location
that failed; this module computes those targets once, in the coordinates of the documented
(normalized) definition, which is the document the overlay is applied to.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cegid_loop import spec as spec_module
from cegid_loop.definition.overlay import OverlayError, matched_pointers
from cegid_loop.drift.errors import DriftDefinitionError, DriftError

LAYERS = ("overlay", "templates", "spec", "runtime", "sandbox")


def data_file(name: str) -> Path:
    """``overlay.yaml`` / ``QUIRKS.md``: the copy shipped in the wheel, else the checkout's overrides/."""
    return spec_module.spec_path(name)


def read_data_file(name: str) -> str:
    path = data_file(name)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DriftError(
            f"cannot read {path} ({exc.strerror or exc}): the overlay and QUIRKS.md explain the deviations"
        ) from None


def load_overlay() -> dict[str, Any]:
    data = yaml.safe_load(read_data_file("overlay.yaml"))
    if not isinstance(data, dict):
        raise DriftError(f"{data_file('overlay.yaml')}: not an overlay document")
    return data


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
        layers: list[str] = []
        for clause in layer_cell.split(";"):
            word = re.sub(r"[^a-z]", "", (clause.strip().split() or [""])[0].lower())
            if word in LAYERS and word not in layers:
                layers.append(word)
        out[match.group(1)] = CatalogueEntry(match.group(1), " + ".join(layers) or "?")
    return out


@dataclass(frozen=True)
class ActionTarget:
    quirk: str
    pointer: str  # JSON pointer (documented-definition coordinates) of a node the action changed


def overlay_targets(documented: Mapping[str, Any], overlay: Mapping[str, Any]) -> list[ActionTarget]:
    """Where each overlay action acts: its target evaluated on the document as the applier sees it.
    An overlay that does not apply to ``documented`` is a :class:`DriftDefinitionError` (exit 2)."""
    try:
        return [ActionTarget(quirk, pointer) for quirk, pointer in matched_pointers(documented, overlay)]
    except OverlayError as exc:
        raise DriftDefinitionError(
            f"the overlay does not apply to the documented definition: {exc}"
        ) from None


def covers(pointer: str, location: str) -> bool:
    """An action on ``pointer`` explains a failure at ``location`` when one contains the other."""
    return pointer == location or location.startswith(pointer + "/") or pointer.startswith(location + "/")


def quirks_covering(targets: list[ActionTarget], location: str) -> tuple[str, ...]:
    return tuple(sorted({t.quirk for t in targets if covers(t.pointer, location)}))


__all__ = [
    "ActionTarget",
    "CatalogueEntry",
    "covers",
    "data_file",
    "load_catalogue",
    "load_overlay",
    "overlay_targets",
    "quirks_covering",
    "read_data_file",
]
