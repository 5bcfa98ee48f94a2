"""The quirk registry: one place, and the same ids as the overlay."""

from __future__ import annotations

from pathlib import Path

import yaml

from cegid_loop.sandbox import quirks
from cegid_loop.sandbox.quirks import QUIRKS

ROOT = Path(__file__).resolve().parents[2]


def test_every_constant_is_registered_and_every_entry_has_a_constant() -> None:
    constants = {v for k, v in vars(quirks).items() if k.startswith("Q_") and isinstance(v, str)}
    assert constants == set(QUIRKS)
    assert all(q.id.startswith("Q-") and q.summary and q.reproduced_by for q in QUIRKS.values())


def test_the_overlay_names_only_quirks_the_sandbox_reproduces() -> None:
    overlay = yaml.safe_load((ROOT / "overrides" / "overlay.yaml").read_text(encoding="utf-8"))
    named = {a["x-quirk"] for a in overlay["actions"]}
    assert named <= set(QUIRKS), named - set(QUIRKS)
