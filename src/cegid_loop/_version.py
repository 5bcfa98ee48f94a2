"""Version identity: the package version and the Loop API release it was generated from.

The release label and the definition's sha256 are constants of the generated registry: reading
them parses nothing.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cegid-loop")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"


def spec_version() -> str:
    """``info.version`` of the vendored upstream definition (the upstream release label)."""
    from cegid_loop_api.facade.registry import SPEC_VERSION

    return SPEC_VERSION


def spec_sha256() -> str:
    from cegid_loop_api.facade.registry import SPEC_SHA256

    return SPEC_SHA256


def describe() -> str:
    return f"cegid-loop {__version__} (Loop API Publiques {spec_version()}, spec sha256 {spec_sha256()})"
