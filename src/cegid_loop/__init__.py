"""cegid-loop: a Python client for the Cegid Loop public APIs ("Loop API Publiques").

    from cegid_loop import LoopClient, F

    with LoopClient() as loop:          # LOOP_SUBSCRIPTION_KEY, LOOP_API_KEY (KEY:SECRET)
        for compte in loop.comptes.iter("CEGID001", filter=F.numero.startswith("6")):
            print(compte.numero, compte.libelle)

The clients are imported lazily, so ``import cegid_loop`` stays cheap for the CLI and the sandbox.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
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

try:
    __version__ = version("cegid-loop")
except PackageNotFoundError:  # a source tree that was not installed
    __version__ = "0+unknown"

if TYPE_CHECKING:
    from cegid_loop._client import AsyncLoopClient, LoopClient, LoopResponse
    from cegid_loop.config import LoopConfig, Secret
    from cegid_loop.imports import ImportProgress, ImportResult, ImportStarted, ImportState

_LAZY = {
    "LoopClient": "cegid_loop._client",
    "AsyncLoopClient": "cegid_loop._client",
    "LoopResponse": "cegid_loop._client",
    "LoopConfig": "cegid_loop.config",
    "Secret": "cegid_loop.config",
    "ImportResult": "cegid_loop.imports",
    "ImportStarted": "cegid_loop.imports",
    "ImportState": "cegid_loop.imports",
    "ImportProgress": "cegid_loop.imports",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cegid_loop' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
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
