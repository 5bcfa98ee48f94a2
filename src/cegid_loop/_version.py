"""Version identity: the package version and the Loop API release it was generated from."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from cegid_loop import spec

try:
    __version__ = version("cegid-loop")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"


def spec_version() -> str:
    """``info.version`` of the vendored upstream definition (the upstream release label)."""
    return str(spec.load_upstream()["info"]["version"])


def spec_sha256() -> str:
    return spec.sha256(spec.UPSTREAM_NAME)


def describe() -> str:
    return f"cegid-loop {__version__} (Loop API Publiques {spec_version()}, spec sha256 {spec_sha256()})"
