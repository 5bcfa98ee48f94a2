"""Accounting imports: validate, deposit, start, wait (``loop.imports``).

    result = loop.imports.fec("CEGID001", "FEC.txt")                      # waits for the end
    started = loop.imports.fec("CEGID001", "FEC.txt", wait=False)         # returns at once
    result = loop.imports.wait(started.import_request_id)                 # resume, even later

The file imports (FEC, TRA, perso: Loop's custom CSV format, "import personnalisé") go:

1. local validation (``cegid_loop.fec.ensure_valid`` for FEC and TRA: a broken file never leaves
   the machine; the dossier's SIREN compared with the FEC's name);
2. ``getFileUrlDeposit`` -> a storage ``depositUrl`` and the ``uri`` Loop knows the file by;
3. ``PUT depositUrl`` (Azure Blob: one Put Blob, or blocks for a large file, each with its
   ``Content-MD5``), streamed from disk, through an HTTP client that does *not* carry the Loop keys;
4. ``importFec``/``importTra``/``importPerso`` with ``codeIbs`` and the ``URI``; the JSON import
   posts its entries directly (``importJson``);
5. ``getImportStatus`` polled with exponential backoff until a final status.

Safety: steps 2, 3 and 5 are idempotent and retried. Step 4 is never replayed once it may have
reached Loop: an ambiguous failure raises :class:`~cegid_loop.errors.ImportNotConfirmed` (with the
``uri``), and a 200 ``{"error": ...}`` raises :class:`~cegid_loop.errors.ImportFailed`. Once an
import has started, every error raised names its id and how to follow it.

Where things are: the types users see are defined here; the states in :mod:`.states`; what is
checked before anything is sent in :mod:`.checks`; the start request and what a failed start
means in :mod:`.start`; polling and progress in :mod:`.polling`. The workflow itself,
``Imports`` / ``AsyncImports``, is in :mod:`cegid_loop._async.imports` (the sync one generated from
it) and is importable from here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from cegid_loop._redact import scrub, scrub_value
from cegid_loop.imports.states import ImportState, state_of

ImportKind = Literal["fec", "tra", "perso"]

DEFAULT_WAIT_TIMEOUT = 30 * 60.0


def _as_dict(parsed: Any) -> dict[str, Any]:
    if parsed is None:
        return {}
    if isinstance(parsed, Mapping):
        return dict(parsed)
    to_dict = getattr(parsed, "to_dict", None)
    return dict(to_dict()) if callable(to_dict) else {}


@dataclass(frozen=True)
class ImportResult:
    """One status of an import (the final one, from :meth:`Imports.wait`)."""

    import_request_id: str
    state: ImportState
    raw_status: Any
    message: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.state is ImportState.SUCCEEDED

    @property
    def final(self) -> bool:
        return self.state.final

    @classmethod
    def from_status(cls, import_request_id: str, parsed: Any) -> ImportResult:
        data = _as_dict(parsed)
        raw = data.get("status", data.get("statut", data.get("state")))
        errors = data.get("errors") or data.get("erreurs")
        error = data.get("error")
        message = data.get("message") or data.get("libelle")
        if isinstance(error, Mapping):
            message = message or error.get("message")
        if message is None and isinstance(errors, list) and errors:
            first = errors[0]
            message = first.get("message") if isinstance(first, Mapping) else str(first)
        has_errors = bool(errors) or bool(error)
        # A label says more than a code: codes come in two conflicting scales (1..4 and 10/20/25+).
        state = ImportState.UNKNOWN
        for candidate in (data.get("statusLabel"), data.get("libelleStatut"), raw, data.get("statusCode")):
            if candidate is not None:
                state = state_of(candidate, has_errors=has_errors)
            if state is not ImportState.UNKNOWN:
                break
        if state is ImportState.UNKNOWN and raw is None and error:
            state = ImportState.FAILED
        return cls(
            import_request_id=import_request_id,
            state=state,
            raw_status=raw,
            # Server text can quote anything back: scrub it like any error text.
            message=scrub(str(message)) if message is not None else None,
            details=scrub_value(data),
        )


@dataclass(frozen=True)
class ImportStarted:
    """What ``wait=False`` returns: enough to resume with ``loop.imports.wait(...)``."""

    import_request_id: str
    kind: str
    code_dossier: str
    uri: str | None = None


@dataclass(frozen=True)
class ImportProgress:
    """Passed to ``on_progress`` at each step: ``stage`` is one of ``validated``, ``deposit``,
    ``uploaded``, ``started`` (``import_request_id`` is known from here on), ``status``,
    ``poll-error`` (a poll failed transiently: polling goes on), ``done``."""

    stage: str
    kind: str | None = None
    import_request_id: str | None = None
    status: ImportResult | None = None
    elapsed: float = 0.0
    error: str | None = None  # stage "poll-error": why one poll failed (polling goes on)
    warnings: tuple[str, ...] = ()  # stage "validated": what the validator warns about


ProgressCallback = Callable[[ImportProgress], None]


@dataclass(frozen=True)
class Deposit:
    deposit_url: str
    uri: str

    def __repr__(self) -> str:  # the URL carries a SAS signature
        return f"Deposit(uri={self.uri!r})"


class FileImportOptions(TypedDict, total=False):
    """Options of :meth:`Imports.fec` / ``tra`` / ``perso`` (and, but the validation ones, ``json``).

    ``severities``: per-rule levels of the offline validation (``{"N1": "warning", "F4": "ignore"}``);
    ``config``: a ``[tool.cegid-loop.validate]`` file to read them from (True: the closest
    ``pyproject.toml``; default: none); ``check_siren`` (default True): compare the file name's
    SIREN with the dossier's before upload (one ``GET /DossierComplet``), a warning by default."""

    siret: str | None
    validate: bool
    severities: Mapping[str, str] | None
    config: str | Path | bool
    check_siren: bool
    on_progress: ProgressCallback | None
    timeout: float
    poll_interval: float | None
    raise_on_failure: bool


if TYPE_CHECKING:
    from cegid_loop._async.imports import AsyncImports
    from cegid_loop._sync.imports import Imports
else:
    # The workflow's modules import this one: they are loaded when first asked for.
    _LAZY = {
        "AsyncImports": ("cegid_loop._async.imports", "AsyncImports"),
        "Imports": ("cegid_loop._sync.imports", "Imports"),
        "_timeout": ("cegid_loop.imports.polling", "timeout_error"),  # the former module's name
    }

    def __getattr__(name: str) -> object:
        if name not in _LAZY:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        import importlib

        module, attribute = _LAZY[name]
        found = getattr(importlib.import_module(module), attribute)
        globals()[name] = found
        return found


__all__ = [
    "DEFAULT_WAIT_TIMEOUT",
    "AsyncImports",
    "Deposit",
    "FileImportOptions",
    "ImportKind",
    "ImportProgress",
    "ImportResult",
    "ImportStarted",
    "ImportState",
    "Imports",
    "ProgressCallback",
]
