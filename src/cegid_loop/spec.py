"""Access to the vendored Loop API definition: the upstream one and the effective one (overlay applied).

Both files ship inside the wheel (under ``cegid_loop/_spec/``); in a source checkout they are read
from ``spec/`` and ``generated/``.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

UPSTREAM_NAME = "loop-api-publiques.openapi.yaml"
EFFECTIVE_NAME = "openapi.effective.yaml"
_REPO_ROOT = Path(__file__).resolve().parents[2]
_SOURCE_PATHS = {
    UPSTREAM_NAME: _REPO_ROOT / "spec" / UPSTREAM_NAME,
    EFFECTIVE_NAME: _REPO_ROOT / "generated" / EFFECTIVE_NAME,
}


def spec_path(name: str) -> Path:
    """Where a spec file is: the copy in the installed package, else the source checkout's."""
    packaged = resources.files("cegid_loop").joinpath("_spec").joinpath(name)
    if packaged.is_file():
        return Path(str(packaged))
    return _SOURCE_PATHS[name]


def read_text(name: str) -> str:
    return spec_path(name).read_text(encoding="utf-8")


@cache
def _load(name: str) -> dict[str, Any]:
    data = yaml.safe_load(read_text(name))
    if not isinstance(data, dict):
        raise ValueError(f"{spec_path(name)}: not an OpenAPI document")
    return data


def load_upstream() -> dict[str, Any]:
    """The definition as the portal documents it (spec/). Do not mutate the returned dict."""
    return _load(UPSTREAM_NAME)


def load_effective() -> dict[str, Any]:
    """The upstream definition with overrides/ applied: what the API really does. Do not mutate."""
    return _load(EFFECTIVE_NAME)


def sha256(name: str = UPSTREAM_NAME) -> str:
    return hashlib.sha256(spec_path(name).read_bytes()).hexdigest()
