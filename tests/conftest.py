"""Shared fixtures: where the reference material (../shared) lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    return Path(os.environ.get("CEGID_LOOP_SHARED_DIR", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def facts_md() -> Path:
    path = shared_dir() / "loop-api" / "facts.md"
    if not path.is_file():
        pytest.skip(f"reference material not found at {path} (set CEGID_LOOP_SHARED_DIR)")
    return path
