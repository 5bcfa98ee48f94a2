"""cegid-loop: a Python client for the Cegid Loop public APIs ("Loop API Publiques").

    from cegid_loop import LoopClient, F

    with LoopClient() as loop:          # LOOP_SUBSCRIPTION_KEY, LOOP_API_KEY (KEY:SECRET)
        for compte in loop.comptes.iter("CEGID001", filter=F.numero.startswith("6")):
            print(compte.numero, compte.libelle)

The clients are imported lazily, so ``import cegid_loop`` stays cheap for the CLI and the sandbox.
``LoopClient``/``AsyncLoopClient`` are the generated, typed facade (one attribute per resource).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cegid_loop.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequest,
    ConfigurationError,
    ImportFailed,
    ImportNotConfirmed,
    ImportTimeout,
    LoopError,
    NotFound,
    OperationRejected,
    PermissionDenied,
    RateLimited,
    RevisionConflict,
    ServerError,
    UnexpectedResponse,
)
from cegid_loop.query import F, Sort

if TYPE_CHECKING:
    from cegid_loop._base_client import LoopResponse
    from cegid_loop._types import NOT_GIVEN, NotGiven
    from cegid_loop.config import LoopConfig, Secret
    from cegid_loop.imports import ImportProgress, ImportResult, ImportStarted, ImportState
    from cegid_loop_api.facade import AsyncLoopClient, LoopClient

    __version__: str
    __spec_version__: str
    __spec_sha256__: str

_LAZY = {
    "LoopClient": "cegid_loop._client",
    "AsyncLoopClient": "cegid_loop._client",
    "LoopResponse": "cegid_loop._client",
    "NOT_GIVEN": "cegid_loop._types",
    "NotGiven": "cegid_loop._types",
    "LoopConfig": "cegid_loop.config",
    "Secret": "cegid_loop.config",
    "ImportResult": "cegid_loop.imports",
    "ImportStarted": "cegid_loop.imports",
    "ImportState": "cegid_loop.imports",
    "ImportProgress": "cegid_loop.imports",
}


def __getattr__(name: str) -> Any:
    # Identities are read on first use, not at import time (importlib.metadata costs ~30 ms).
    if name == "__version__":
        from cegid_loop._version import package_version

        return package_version()
    if name == "__spec_version__":
        from cegid_loop._version import spec_version

        return spec_version()
    if name == "__spec_sha256__":
        from cegid_loop._version import spec_sha256

        return spec_sha256()
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cegid_loop' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncLoopClient",
    "AuthenticationError",
    "BadRequest",
    "ConfigurationError",
    "F",
    "ImportFailed",
    "ImportNotConfirmed",
    "ImportProgress",
    "ImportResult",
    "ImportStarted",
    "ImportState",
    "ImportTimeout",
    "LoopClient",
    "LoopConfig",
    "LoopError",
    "LoopResponse",
    "NotFound",
    "NotGiven",
    "OperationRejected",
    "PermissionDenied",
    "RateLimited",
    "RevisionConflict",
    "Secret",
    "ServerError",
    "Sort",
    "UnexpectedResponse",
    "__version__",
]
