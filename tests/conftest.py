"""Shared fixtures: where the reference material (../shared) lives."""

from __future__ import annotations

import os
from importlib.metadata import entry_points
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# The sandbox fixtures come from our pytest plugin. Installed, the package registers it through its
# `pytest11` entry point, and naming it here as well would register it twice (a ValueError).
_ENTRY_POINT_LOADED = not os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD") and any(
    ep.name == "cegid_loop" for ep in entry_points(group="pytest11")
)
pytest_plugins = [] if _ENTRY_POINT_LOADED else ["cegid_loop.pytest_plugin"]


def missing_reference(what: str, path: Path) -> None:
    """Skip on a developer's machine without ../shared; in CI (CI=true) it is always there: fail."""
    message = f"{what} not found at {path} (set CEGID_LOOP_SHARED_DIR)"
    if os.environ.get("CI"):
        pytest.fail(message + "; CI must have ../shared beside the clone")
    pytest.skip(message)


def shared_dir() -> Path:
    return Path(os.environ.get("CEGID_LOOP_SHARED_DIR", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def facts_md() -> Path:
    path = shared_dir() / "loop-api" / "facts.md"
    if not path.is_file():
        missing_reference("reference material", path)
    return path
