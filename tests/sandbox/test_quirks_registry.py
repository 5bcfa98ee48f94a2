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


def test_every_quirk_names_code_of_the_sandbox_that_exists() -> None:
    """``reproduced_by`` is ``module[.attribute...]`` (or several, joined by " / "): each must resolve,
    so that the registry follows the code when it moves."""
    import importlib

    for quirk in QUIRKS.values():
        for ref in quirk.reproduced_by.split(" / "):
            module_name, *attributes = ref.strip().split(".")
            target: object = importlib.import_module(f"cegid_loop.sandbox.{module_name}")
            for attribute in attributes:
                assert hasattr(target, attribute), (quirk.id, ref)
                target = getattr(target, attribute)
