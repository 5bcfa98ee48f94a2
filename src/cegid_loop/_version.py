"""Version identity: the package version and the Loop API release it was generated from.

The release label and the definition's sha256 are constants of the generated registry: reading
them parses nothing.
"""

from __future__ import annotations

from functools import cache


@cache
def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cegid-loop")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0+unknown"


def spec_version() -> str:
    """``info.version`` of the vendored upstream definition (the upstream release label)."""
    from cegid_loop_api.facade.registry import SPEC_VERSION

    return SPEC_VERSION


def spec_sha256() -> str:
    from cegid_loop_api.facade.registry import SPEC_SHA256

    return SPEC_SHA256


def describe() -> str:
    return (
        f"cegid-loop {package_version()} (Loop API Publiques {spec_version()}, spec sha256 {spec_sha256()})"
    )


def __getattr__(name: str) -> str:
    if name == "__version__":
        return package_version()
    raise AttributeError(name)
