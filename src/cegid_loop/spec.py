"""Access to the vendored Loop API definitions.

- upstream: ``spec/`` as published (YAML; only its text is needed at run time, to print it);
- normalized: the upstream one in the project's conventions (API map names, OpenAPI 3.1, our two
  security schemes): what ``drift`` compares real answers with;
- effective: the normalized one with the quirk overlay applied: what the generator, the sandbox
  and the contract tests read.

The last two are JSON written by ``cegid_loop_tools.codegen`` (milliseconds to load). All ship
inside the wheel (under ``cegid_loop/_spec/``); in a source checkout they are read from ``spec/``
and ``generated/``.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

UPSTREAM_NAME = "loop-api-publiques.openapi.yaml"
NORMALIZED_NAME = "openapi.normalized.json"
EFFECTIVE_NAME = "openapi.effective.json"
_REPO_ROOT = Path(__file__).resolve().parents[2]
_SOURCE_PATHS = {
    UPSTREAM_NAME: _REPO_ROOT / "spec" / UPSTREAM_NAME,
    NORMALIZED_NAME: _REPO_ROOT / "generated" / NORMALIZED_NAME,
    EFFECTIVE_NAME: _REPO_ROOT / "generated" / EFFECTIVE_NAME,
    "api-map.yaml": _REPO_ROOT / "overrides" / "api-map.yaml",
    "overlay.yaml": _REPO_ROOT / "overrides" / "overlay.yaml",
    "QUIRKS.md": _REPO_ROOT / "overrides" / "QUIRKS.md",
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
    text = read_text(name)
    if name.endswith(".json"):
        data = json.loads(text)
    else:
        import yaml  # only the upstream file is YAML; the run time does not need it otherwise

        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict):
        raise ValueError(f"{spec_path(name)}: not an OpenAPI document")
    return data


def load_upstream() -> dict[str, Any]:
    """The definition as published (spec/). Do not mutate the returned dict."""
    return _load(UPSTREAM_NAME)


def load_normalized() -> dict[str, Any]:
    """The upstream definition in the project's conventions. Do not mutate."""
    return _load(NORMALIZED_NAME)


def load_effective() -> dict[str, Any]:
    """The normalized definition with overrides/ applied: what the API really does. Do not mutate."""
    return _load(EFFECTIVE_NAME)


def sha256(name: str = UPSTREAM_NAME) -> str:
    return hashlib.sha256(spec_path(name).read_bytes()).hexdigest()
