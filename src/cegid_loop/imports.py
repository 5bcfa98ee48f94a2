"""Accounting imports: validate, deposit, start, wait.

    result = loop.imports.fec("CEGID001", "FEC.txt")                      # waits for the end
    started = loop.imports.fec("CEGID001", "FEC.txt", wait=False)         # returns at once
    result = loop.imports.wait(started.import_request_id)                 # resume, even later

The file imports (FEC, TRA, custom) go:
1. local validation (``cegid_loop.fec.ensure_valid`` for FEC: a broken file never leaves the machine);
2. ``getFileUrlDeposit`` -> a storage ``depositUrl`` and the ``uri`` Loop knows the file by;
3. ``PUT depositUrl`` with ``x-ms-blob-type: BlockBlob`` and ``Content-MD5`` (storage rejects a
   corrupted upload), through an HTTP client that does *not* carry the Loop keys;
4. ``importFec``/``importTra``/``importPerso`` with ``codeIbs`` and the ``URI``; the JSON import
   posts its entries directly (``importJson``);
5. ``getImportStatus`` polled with exponential backoff until a final status.

Safety: steps 2, 3 and 5 are idempotent and retried. Step 4 is never replayed once it may have
reached Loop: an ambiguous failure raises :class:`~cegid_loop.errors.ImportNotConfirmed` (with the
``uri``), and a 200 ``{"error": ...}`` raises :class:`~cegid_loop.errors.ImportFailed`.
"""

from __future__ import annotations

import asyncio
import enum
import functools
import logging
import re
import time
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypedDict, Unpack, overload

import httpx

from cegid_loop import _upload as upload
from cegid_loop._errors_map import error_from_httpx_response, error_from_transport
from cegid_loop._redact import register_url_secrets, scrub, scrub_value
from cegid_loop._retry import waits_disabled
from cegid_loop.errors import (
    APIConnectionError,
    APIStatusError,
    ImportFailed,
    ImportNotConfirmed,
    ImportTimeout,
    LoopError,
    OperationRejected,
    RateLimited,
    ServerError,
    UnexpectedResponse,
)
from cegid_loop_api.facade.resources import imports as _generated
from cegid_loop_api.facade.resources.dossiers import AsyncDossiers, Dossiers
from cegid_loop_api.models.file_deposit import FileDeposit
from cegid_loop_api.models.import_fec_request import ImportFecRequest
from cegid_loop_api.models.import_json_data import ImportJsonData
from cegid_loop_api.models.import_json_request import ImportJsonRequest
from cegid_loop_api.models.import_perso_request import ImportPersoRequest
from cegid_loop_api.models.import_refused import ImportRefused
from cegid_loop_api.models.import_request_accepted import ImportRequestAccepted
from cegid_loop_api.models.import_tra_request import ImportTraRequest
from cegid_loop_api.types import Unset

logger = logging.getLogger("cegid_loop")  # the redacting filter sits on this very logger

ImportKind = Literal["fec", "tra", "perso"]

DEFAULT_WAIT_TIMEOUT = 30 * 60.0
POLL_INITIAL = 1.0
POLL_FACTOR = 1.5
POLL_MAX = 30.0


class ImportState(enum.StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    ENDED = "ended"  # finished, but the status does not say whether it succeeded (Loop's codes >= 25)
    UNKNOWN = "unknown"  # a status this client cannot read: never taken for a success

    @property
    def final(self) -> bool:
        return self in (ImportState.SUCCEEDED, ImportState.FAILED, ImportState.ENDED)


# Loop's numeric codes. Two scales are in the wild (facts.md §3.9): the JSON-import page's
# 10 (waiting) / 20 (running) / >= 25 ("end of processing", outcome not stated), and integrators'
# 1..4 (3 success, 4 error). Anything else is unknown.
_NUMERIC_STATES = {
    1: ImportState.PENDING,
    2: ImportState.RUNNING,
    3: ImportState.SUCCEEDED,
    4: ImportState.FAILED,
    10: ImportState.PENDING,
    20: ImportState.RUNNING,
}
ENDED_FROM = 25
# Whole words only (accents and case folded): "broken", "booked" or "Token expired" match nothing.
_WORDS: dict[ImportState, frozenset[str]] = {
    ImportState.FAILED: frozenset(
        [
            "error",
            "errors",
            "erreur",
            "erreurs",
            "fail",
            "failed",
            "failure",
            "echec",
            "echoue",
            "echouee",
            "rejected",
            "rejet",
            "rejete",
            "rejetee",
            "refused",
            "refuse",
            "refusee",
            "cancelled",
            "canceled",
            "annule",
            "annulee",
            "aborted",
            "abandonne",
            "ko",
            "invalid",
            "invalide",
        ]
    ),
    ImportState.SUCCEEDED: frozenset(
        [
            "success",
            "succeeded",
            "successful",
            "succes",
            "reussi",
            "reussie",
            "done",
            "completed",
            "complete",
            "termine",
            "terminee",
            "finished",
            "ok",
            "imported",
            "importe",
            "importee",
            "integre",
            "integree",
        ]
    ),
    ImportState.RUNNING: frozenset(
        ["running", "progress", "cours", "processing", "traitement", "started", "demarre"]
    ),
    ImportState.PENDING: frozenset(
        ["pending", "waiting", "queued", "attente", "created", "new", "nouveau", "received", "recu"]
    ),
}
_NEGATIONS = frozenset(["not", "non", "pas", "no", "sans", "without", "aucun", "aucune"])


def _tokens(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.findall(r"[a-z0-9]+", folded)


def _state_of_words(text: str) -> ImportState:
    words = _tokens(text)
    if words and all(w.isdigit() for w in words) and len(words) == 1:
        return _state_of(int(words[0]))
    kept: list[str] = []
    for word in words:
        # "sans erreur", "no errors", "without error": the absence of a failure word, not a negation
        if kept and kept[-1] in _NEGATIONS and word in _WORDS[ImportState.FAILED]:
            kept.pop()
            kept.append("ok")
            continue
        kept.append(word)
    if any(w in _NEGATIONS for w in kept):
        return ImportState.UNKNOWN  # "Not OK", "pas terminé": never read as their opposite
    for state in (ImportState.FAILED, ImportState.SUCCEEDED, ImportState.RUNNING, ImportState.PENDING):
        if any(w in _WORDS[state] for w in kept):
            return state
    return ImportState.UNKNOWN


def _state_of(raw: Any, *, has_errors: bool = False) -> ImportState:
    """Classify a raw status (int code, enum member, or words)."""
    if isinstance(raw, enum.Enum):
        by_name = _state_of_words(raw.name.replace("_", " "))
        return by_name if by_name is not ImportState.UNKNOWN else _state_of(raw.value, has_errors=has_errors)
    if isinstance(raw, bool):
        return ImportState.UNKNOWN
    if isinstance(raw, int):
        if raw in _NUMERIC_STATES:
            return _NUMERIC_STATES[raw]
        if raw >= ENDED_FROM:
            return ImportState.FAILED if has_errors else ImportState.ENDED
        return ImportState.UNKNOWN
    if isinstance(raw, str):
        return _state_of_words(raw)
    return ImportState.UNKNOWN


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
                state = _state_of(candidate, has_errors=has_errors)
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


def _validate(kind: ImportKind, path: Path, options: FileImportOptions) -> tuple[str, ...]:
    """Offline validation where a validator exists (FEC, TRA; the custom format has none): raises
    ``cegid_loop.fec.InvalidImportFile`` for a file with errors, returns the warnings' texts."""
    if kind not in ("fec", "tra"):
        if not path.is_file():
            raise FileNotFoundError(path)
        return ()
    from cegid_loop.fec import ensure_valid

    # No configuration file unless asked: a library call must not depend on the working directory.
    result = ensure_valid(
        path, kind, severities=options.get("severities"), config=options.get("config", False)
    )
    return tuple(f"{f.rule}: {f.message_en}" for f in result.findings if f.severity == "warning")


def _siren_warning(path: Path, siren: str | None, options: FileImportOptions) -> str | None:
    """Rule N3 on the file *name* (nothing more is read): a warning, or a refusal when the caller
    made N3 an error; None when the SIREN matches, cannot be known, or N3 is ignored."""
    level = (options.get("severities") or {}).get("N3", "warning")
    if siren is None or level == "ignore":
        return None
    from cegid_loop.fec import check_siren

    finding = check_siren(path, siren)
    if finding is None:
        return None
    if level == "error":
        raise ImportFailed(f"{path.name}: {finding.message_en}; not uploaded (rule N3 is set to error)")
    return f"{finding.rule}: {finding.message_en}"


def _warn(path: Path, warnings: tuple[str, ...]) -> tuple[str, ...]:
    for warning in warnings:
        logger.warning("%s: %s", path.name, warning)
    return warnings


def unfit_fields(value: object, where: str = "") -> list[str]:
    """Where a model built from a mapping holds values that do not fit the definition (the tolerant
    reader keeps them as given): for a body about to be *sent*, a mistake to name, not to send."""
    import attrs

    found: list[str] = []
    kind = type(value)
    if attrs.has(kind):
        found += [f"{where}.{key}".lstrip(".") for key in getattr(value, "unparsed_fields", {})]
        for field in attrs.fields(kind):
            if not field.name.startswith("_") and field.name != "additional_properties":
                found += unfit_fields(getattr(value, field.name), f"{where}.{field.name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += unfit_fields(item, f"{where}[{index}]")
    return found


def _json_data(data: ImportJsonData | Mapping[str, Any]) -> ImportJsonData:
    payload = data if isinstance(data, ImportJsonData) else ImportJsonData.from_dict(dict(data))
    unfit = unfit_fields(payload, "data")
    if unfit:
        more = f" (+{len(unfit) - 5} more)" if len(unfit) > 5 else ""
        raise ValueError(
            f"the JSON import data does not fit the definition at {', '.join(unfit[:5])}{more} "
            '(e.g. debit and credit are {"amount": ...} objects); nothing was sent'
        )
    return payload


def _siren_of(dossier: object) -> str | None:
    siren = getattr(dossier, "siren", None)
    return siren if isinstance(siren, str) and siren.isdigit() and len(siren) == 9 else None


def _start_request(
    kind: ImportKind, code_dossier: str, uri: str, *, siret: str | None, modele: str | None
) -> ImportFecRequest | ImportTraRequest | ImportPersoRequest:
    """The start request. ``URL`` is sent empty, as the documented example does in URI mode
    ("URL or URI, not both non-empty")."""
    request: ImportFecRequest | ImportTraRequest | ImportPersoRequest
    if kind == "perso":
        request = ImportPersoRequest(code_ibs=code_dossier, modele=modele or "", uri=uri, url="")
        if siret:
            request.siret = siret
        return request
    request = (ImportFecRequest if kind == "fec" else ImportTraRequest)(
        code_ibs=code_dossier, uri=uri, url=""
    )
    if siret:
        request.additional_properties["SIRET"] = siret  # not in these bodies' tables: sent as given
    return request


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


_OPTION_NAMES = frozenset(FileImportOptions.__annotations__)
_VALIDATION_OPTIONS = frozenset({"validate", "severities", "config", "check_siren"})


def _checked_options(
    method: str, options: Mapping[str, Any], allowed: frozenset[str] = _OPTION_NAMES
) -> None:
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise TypeError(f"{method}() got unexpected keyword argument(s) {', '.join(map(repr, unknown))}")


def _request_id_of(answer: ImportRefused | ImportRequestAccepted) -> str:
    value = getattr(answer, "accounting_import_request_id", None)
    if not value or isinstance(value, Unset):
        raise UnexpectedResponse("import started but no accountingImportRequestId came back", status_code=200)
    return str(value)


def _deposit_of(answer: FileDeposit) -> Deposit:
    url, uri = answer.deposit_url, answer.uri
    if not url or not uri or isinstance(url, Unset) or isinstance(uri, Unset):
        raise UnexpectedResponse("getFileUrlDeposit returned no depositUrl/uri", status_code=200)
    register_url_secrets(str(url))
    return Deposit(str(url), str(uri))


def _start_failure(exc: LoopError, kind: str, uri: str | None) -> LoopError:
    """What a failed start means: refused (nothing started), or maybe started (never re-sent)."""
    if isinstance(exc, OperationRejected):
        return _rejected(exc, kind)
    if isinstance(exc, APIStatusError) and not isinstance(exc, ServerError):
        return exc  # 4xx: refused, nothing started
    if _ambiguous(exc):
        return _not_confirmed(exc, kind, uri)
    return exc


def _not_confirmed(exc: LoopError, kind: str, uri: str | None) -> ImportNotConfirmed:
    err = ImportNotConfirmed(
        f"the {kind} import request may or may not have reached Loop ({type(exc).__name__}: {exc.message}); "
        "it was not sent again, to avoid importing the entries twice",
        uri=uri,
        status_code=exc.status_code,
        request_id=exc.request_id,
    )
    err.__cause__ = exc
    return err


def _rejected(exc: OperationRejected, kind: str) -> ImportFailed:
    err = ImportFailed(
        f"Loop refused the {kind} import: {exc.message}",
        instance_id=exc.instance_id,
        status_code=exc.status_code,
        request_id=exc.request_id,
    )
    err.__cause__ = exc
    return err


def _ambiguous(exc: LoopError) -> bool:
    """May the start request have been processed although it failed?"""
    if isinstance(exc, RateLimited):
        return False  # refused by the gateway itself
    if isinstance(exc, APIConnectionError):
        return exc.request_sent
    return isinstance(exc, (ServerError, UnexpectedResponse))


class _Poller:
    """Delays between status polls: exponential, capped at POLL_MAX.

    When waits are disabled (tests), nothing is slept but the skipped delays still count against
    the timeout, so a never-ending import ends in ImportTimeout quickly instead of spinning.
    """

    def __init__(self, timeout: float, poll_interval: float | None) -> None:
        self.timeout = timeout
        self.delay = poll_interval or POLL_INITIAL
        self.fixed = poll_interval is not None
        self.started = time.monotonic()
        self.skipped = 0.0

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started + self.skipped

    def next_delay(self) -> float | None:
        """Seconds to sleep before the next poll, or None when the time is up."""
        remaining = self.timeout - self.elapsed
        if remaining <= 0:
            return None
        delay = min(self.delay, remaining)
        if not self.fixed:
            self.delay = min(self.delay * POLL_FACTOR, POLL_MAX)
        if waits_disabled():
            self.skipped += delay
            return 0.0
        return delay


def _final(result: ImportResult, raise_on_failure: bool) -> ImportResult:
    if result.state is ImportState.FAILED and raise_on_failure:
        raise ImportFailed(
            f"import {result.import_request_id} finished in error: {result.message or result.raw_status}",
            import_request_id=result.import_request_id,
            result=result,
        )
    return result


def _timeout(request_id: str, last: ImportResult | None, timeout: float) -> ImportTimeout:
    return ImportTimeout(
        f"import {request_id} still not finished after {timeout:g} s ({resume_hint(request_id)})",
        import_request_id=request_id,
        last_status=last,
    )


def _notify(on_progress: ProgressCallback | None, event: ImportProgress) -> None:
    status = event.status
    logger.log(
        logging.INFO if event.stage in ("started", "done") else logging.DEBUG,
        "import %s: %s%s",
        event.import_request_id or event.kind or "-",
        event.stage,
        f" ({status.state.value}, raw status {status.raw_status!r})" if status is not None else "",
    )
    if on_progress is not None:
        on_progress(event)


UNKNOWN_POLLS = 3  # an unreadable status this many times in a row ends the wait (reported, not guessed)


def resume_hint(import_request_id: str) -> str:
    return (
        f"import {import_request_id} was started on Loop; do not start it again: follow it with "
        f"`cegid-loop status {import_request_id} --wait` or loop.imports.wait({import_request_id!r})"
    )


def attach_import(exc: LoopError, import_request_id: str) -> LoopError:
    """Make ``exc`` say which import it is about and how to resume (its type is kept)."""
    if getattr(exc, "import_request_id", None) is None:
        exc.import_request_id = import_request_id
    if import_request_id not in exc.message:
        exc.message = f"{exc.message} ({resume_hint(import_request_id)})"
        exc.args = (exc.message,)
    return exc


def _transient(exc: LoopError) -> bool:
    """A poll that may work next time: the import itself is not in question."""
    if isinstance(exc, ImportFailed):
        return False
    return isinstance(exc, (APIConnectionError, ServerError, RateLimited, UnexpectedResponse))


class _Wait:
    """The polling state machine shared by both clients (only sleeping and calling differ)."""

    def __init__(
        self,
        import_request_id: str,
        timeout: float,
        on_progress: ProgressCallback | None,
        poll_interval: float | None,
        raise_on_failure: bool,
    ) -> None:
        self.id = import_request_id
        self.timeout = timeout
        self.on_progress = on_progress
        self.raise_on_failure = raise_on_failure
        self.poller = _Poller(timeout, poll_interval)
        self.last: ImportResult | None = None
        self.last_error: LoopError | None = None
        self.unknown = 0

    def seen(self, result: ImportResult) -> ImportResult | None:
        """The result to return when the wait is over, else None."""
        self.last, self.last_error = result, None
        _notify(self.on_progress, ImportProgress("status", None, self.id, result, self.poller.elapsed))
        self.unknown = self.unknown + 1 if result.state is ImportState.UNKNOWN else 0
        if result.final or self.unknown >= UNKNOWN_POLLS:
            _notify(self.on_progress, ImportProgress("done", None, self.id, result, self.poller.elapsed))
            return _final(result, self.raise_on_failure)
        return None

    def failed(self, exc: LoopError) -> None:
        """A poll failed: go on if it is transient, else raise it (naming the import)."""
        if not _transient(exc):
            raise attach_import(exc, self.id)
        self.last_error = exc
        logger.info("import %s: status poll failed, polling goes on: %s", self.id, exc)
        event = ImportProgress("poll-error", None, self.id, self.last, self.poller.elapsed, error=exc.message)
        _notify(self.on_progress, event)

    def next_delay(self) -> float | None:
        """Seconds to sleep before the next poll; None when the wait is over on an unreadable
        status (the caller returns :attr:`last`: unknown, not "still running")."""
        delay = self.poller.next_delay()
        if delay is None and self.last is not None and self.last.state is ImportState.UNKNOWN:
            _notify(self.on_progress, ImportProgress("done", None, self.id, self.last, self.poller.elapsed))
            return None
        if delay is None:
            timeout = _timeout(self.id, self.last, self.timeout)
            if self.last_error is not None:
                timeout.message += f"; the last poll failed: {self.last_error.message}"
                timeout.args = (timeout.message,)
            raise timeout
        return delay


class Imports(_generated.Imports):
    """``loop.imports``: FEC, TRA, custom (perso) and JSON accounting imports, on top of the raw
    operations (``deposit_url``, ``start_fec``..., ``get_status``, ``history``)."""

    # -- public workflow --------------------------------------------------------------------------
    @overload
    def fec(
        self,
        code_dossier: str,
        path: str | Path,
        *,
        wait: Literal[True] = ...,
        **options: Unpack[FileImportOptions],
    ) -> ImportResult: ...
    @overload
    def fec(
        self,
        code_dossier: str,
        path: str | Path,
        *,
        wait: Literal[False],
        **options: Unpack[FileImportOptions],
    ) -> ImportStarted: ...
    def fec(
        self, code_dossier: str, path: str | Path, *, wait: bool = True, **options: Unpack[FileImportOptions]
    ) -> ImportResult | ImportStarted:
        """Import a FEC file: validate, deposit, upload, start, then wait for the end (``wait=False``:
        return :class:`ImportStarted` at once). Options: ``siret``, ``validate=True``,
        ``on_progress``, ``timeout`` (seconds of waiting), ``poll_interval``, ``raise_on_failure=True``."""
        _checked_options("Imports.fec", options)
        return self._file_import("fec", code_dossier, Path(path), wait, options)

    @overload
    def tra(
        self,
        code_dossier: str,
        path: str | Path,
        *,
        wait: Literal[True] = ...,
        **options: Unpack[FileImportOptions],
    ) -> ImportResult: ...
    @overload
    def tra(
        self,
        code_dossier: str,
        path: str | Path,
        *,
        wait: Literal[False],
        **options: Unpack[FileImportOptions],
    ) -> ImportStarted: ...
    def tra(
        self, code_dossier: str, path: str | Path, *, wait: bool = True, **options: Unpack[FileImportOptions]
    ) -> ImportResult | ImportStarted:
        """Import a TRA file (same options as :meth:`fec`)."""
        _checked_options("Imports.tra", options)
        return self._file_import("tra", code_dossier, Path(path), wait, options)

    @overload
    def perso(
        self,
        code_dossier: str,
        path: str | Path,
        *,
        modele: str,
        wait: Literal[True] = ...,
        **options: Unpack[FileImportOptions],
    ) -> ImportResult: ...
    @overload
    def perso(
        self,
        code_dossier: str,
        path: str | Path,
        *,
        modele: str,
        wait: Literal[False],
        **options: Unpack[FileImportOptions],
    ) -> ImportStarted: ...
    def perso(
        self,
        code_dossier: str,
        path: str | Path,
        *,
        modele: str,
        wait: bool = True,
        **options: Unpack[FileImportOptions],
    ) -> ImportResult | ImportStarted:
        """Import a file in a custom format ("import personnalisé") described by the Loop import
        model ``modele`` (same options as :meth:`fec`; no offline validation exists for it)."""
        _checked_options("Imports.perso", options)
        if not modele:
            raise ValueError("a custom import needs the name of its Loop import model (modele=)")
        return self._file_import("perso", code_dossier, Path(path), wait, options, modele=modele)

    @overload
    def json(
        self,
        code_dossier: str,
        data: ImportJsonData | Mapping[str, Any],
        *,
        wait: Literal[True] = ...,
        **options: Unpack[FileImportOptions],
    ) -> ImportResult: ...
    @overload
    def json(
        self,
        code_dossier: str,
        data: ImportJsonData | Mapping[str, Any],
        *,
        wait: Literal[False],
        **options: Unpack[FileImportOptions],
    ) -> ImportStarted: ...
    def json(
        self,
        code_dossier: str,
        data: ImportJsonData | Mapping[str, Any],
        *,
        wait: bool = True,
        **options: Unpack[FileImportOptions],
    ) -> ImportResult | ImportStarted:
        """Import entries given as JSON: ``data`` is the ``data`` object of the API
        (``{"contexte": ..., "options": ..., "ecritures": [...]}``)."""
        _checked_options("Imports.json", options, _OPTION_NAMES - _VALIDATION_OPTIONS)
        request = ImportJsonRequest(code_ibs=code_dossier, data=_json_data(data))
        if options.get("siret"):
            request.siret = str(options["siret"])
        request_id = self._start("json", request, uri=None)
        _notify(options.get("on_progress"), ImportProgress("started", "json", request_id))
        if not wait:
            return ImportStarted(request_id, "json", code_dossier)
        return self._wait(request_id, options)

    def start(
        self,
        kind: ImportKind,
        code_dossier: str,
        uri: str,
        *,
        siret: str | None = None,
        modele: str | None = None,
    ) -> ImportStarted:
        """Start a file import from a ``uri`` already deposited (no validation, no upload)."""
        request = _start_request(kind, code_dossier, uri, siret=siret, modele=modele)
        return ImportStarted(self._start(kind, request, uri=uri), kind, code_dossier, uri)

    def status(self, import_request_id: str) -> ImportResult:
        """One look at an import's status, classified (:class:`ImportResult`)."""
        return ImportResult.from_status(import_request_id, self.get_status(import_request_id))

    def wait(
        self,
        import_request_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        on_progress: ProgressCallback | None = None,
        poll_interval: float | None = None,
        raise_on_failure: bool = True,
    ) -> ImportResult:
        """Poll until the import is finished; :class:`ImportTimeout` after ``timeout`` seconds.

        A poll that fails transiently (connection, 5xx, 429, an answer that is not the status) does
        not end the wait: polling goes on until ``timeout``. A status this client cannot read, seen
        :data:`UNKNOWN_POLLS` times in a row, ends it with ``state=UNKNOWN`` (never a success). Any
        error raised names the import and how to resume."""
        waiting = _Wait(import_request_id, timeout, on_progress, poll_interval, raise_on_failure)
        while True:
            try:
                result = self.status(import_request_id)
            except LoopError as exc:
                waiting.failed(exc)
            else:
                done = waiting.seen(result)
                if done is not None:
                    return done
            delay = waiting.next_delay()
            if delay is None:
                assert waiting.last is not None
                return waiting.last
            time.sleep(delay)

    def deposit(
        self, path: str | Path, *, on_progress: ProgressCallback | None = None, kind: str | None = None
    ) -> Deposit:
        """Get a deposit URL for ``path`` and upload the file there (steps 2-3)."""
        path = Path(path)
        deposit = _deposit_of(self.deposit_url(path.name))
        _notify(on_progress, ImportProgress("deposit", kind))
        self._upload(deposit.deposit_url, path)
        return deposit

    # -- steps ------------------------------------------------------------------------------------
    def _dossier_siren(self, code_dossier: str) -> str | None:
        """The dossier's SIREN, to compare with the FEC's name; None when it cannot be read (the
        check is then skipped, said in the log: it must not stop an import)."""
        try:
            return _siren_of(Dossiers(self._client).get(code_dossier))
        except LoopError as exc:
            logger.info(
                "dossier %s: SIREN not read (%s); the file name's SIREN is not checked", code_dossier, exc
            )
            return None

    def _wait(self, request_id: str, options: FileImportOptions) -> ImportResult:
        return self.wait(
            request_id,
            timeout=options.get("timeout", DEFAULT_WAIT_TIMEOUT),
            on_progress=options.get("on_progress"),
            poll_interval=options.get("poll_interval"),
            raise_on_failure=options.get("raise_on_failure", True),
        )

    def _file_import(
        self,
        kind: ImportKind,
        code_dossier: str,
        path: Path,
        wait: bool,
        options: FileImportOptions,
        *,
        modele: str | None = None,
    ) -> ImportResult | ImportStarted:
        on_progress = options.get("on_progress")
        if options.get("validate", True):
            warnings = _validate(kind, path, options)  # before any request: a broken file costs none
            if kind == "fec" and options.get("check_siren", True):
                siren = _siren_warning(path, self._dossier_siren(code_dossier), options)
                warnings += (siren,) if siren else ()
            _notify(on_progress, ImportProgress("validated", kind, warnings=_warn(path, warnings)))
        deposit = self.deposit(path, on_progress=on_progress, kind=kind)
        _notify(on_progress, ImportProgress("uploaded", kind))
        started = self.start(kind, code_dossier, deposit.uri, siret=options.get("siret"), modele=modele)
        _notify(on_progress, ImportProgress("started", kind, started.import_request_id))
        if not wait:
            return started
        return self._wait(started.import_request_id, options)

    def _upload(self, url: str, path: Path) -> None:
        """Stream ``path`` to the deposit URL (one Put Blob, or blocks for a large file)."""
        http = self._client._upload_client()
        size = path.stat().st_size
        if size <= upload.SINGLE_PUT_MAX:
            headers = {**upload.BLOB_TYPE, "Content-MD5": upload.file_md5(path), "Content-Length": str(size)}
            self._put(http, url, lambda: upload.iter_file(path), headers)
            return
        have = self._uncommitted(http, url)
        whole, ids = upload.WholeFileMd5(), []
        for block in upload.iter_blocks(path, whole):
            ids.append(block.id)
            if block.id not in have:  # resuming: the storage already holds this very block
                target = upload.with_query(url, comp="block", blockid=block.id)
                body = functools.partial(upload.iter_range, path, block.offset, block.length)
                self._put(http, target, body, {"Content-MD5": block.md5, "Content-Length": str(block.length)})
        headers = {
            "x-ms-blob-content-md5": whole.b64(),
            "Content-Type": "application/xml",
            **upload.BLOB_TYPE,
        }
        self._put(http, upload.with_query(url, comp="blocklist"), lambda: upload.block_list_xml(ids), headers)

    def _uncommitted(self, http: httpx.Client, url: str) -> set[str]:
        target = upload.with_query(url, comp="blocklist", blocklisttype="uncommitted")
        try:
            response = http.get(target)
        except httpx.TransportError:
            return set()  # nothing to resume from: every block is sent
        return upload.uncommitted_ids(response.content) if response.status_code == 200 else set()

    def _put(
        self,
        http: httpx.Client,
        url: str,
        body: Callable[[], bytes | Iterator[bytes]],
        headers: dict[str, str],
    ) -> None:
        for attempt in self._client.config.retry.retrying("PUT"):
            with attempt:
                failure: LoopError | None = None
                try:
                    response = http.put(url, content=body(), headers=headers)
                except httpx.TransportError as exc:
                    failure = error_from_transport(exc, context="PUT deposit URL")
                if failure is not None:
                    raise failure  # outside the except: the URL's SAS signature is in no chain
                if response.status_code >= 300:
                    raise error_from_httpx_response(response, context="PUT deposit URL")

    def _start(self, kind: str, request: StartRequest, *, uri: str | None) -> str:
        try:
            answer = _START[kind](self, request)
        except LoopError as exc:
            failure = _start_failure(exc, kind, uri)
            if failure is exc:
                raise
            raise failure from exc
        return _request_id_of(answer)


class AsyncImports(_generated.AsyncImports):
    """``loop.imports`` of :class:`~cegid_loop.AsyncLoopClient` (same methods, awaited)."""

    @overload
    async def fec(
        self,
        code_dossier: str,
        path: str | Path,
        *,
        wait: Literal[True] = ...,
        **options: Unpack[FileImportOptions],
    ) -> ImportResult: ...
    @overload
    async def fec(
        self,
        code_dossier: str,
        path: str | Path,
        *,
        wait: Literal[False],
        **options: Unpack[FileImportOptions],
    ) -> ImportStarted: ...
    async def fec(
        self, code_dossier: str, path: str | Path, *, wait: bool = True, **options: Unpack[FileImportOptions]
    ) -> ImportResult | ImportStarted:
        """See :meth:`Imports.fec`."""
        _checked_options("AsyncImports.fec", options)
        return await self._file_import("fec", code_dossier, Path(path), wait, options)

    @overload
    async def tra(
        self,
        code_dossier: str,
        path: str | Path,
        *,
        wait: Literal[True] = ...,
        **options: Unpack[FileImportOptions],
    ) -> ImportResult: ...
    @overload
    async def tra(
        self,
        code_dossier: str,
        path: str | Path,
        *,
        wait: Literal[False],
        **options: Unpack[FileImportOptions],
    ) -> ImportStarted: ...
    async def tra(
        self, code_dossier: str, path: str | Path, *, wait: bool = True, **options: Unpack[FileImportOptions]
    ) -> ImportResult | ImportStarted:
        """See :meth:`Imports.tra`."""
        _checked_options("AsyncImports.tra", options)
        return await self._file_import("tra", code_dossier, Path(path), wait, options)

    @overload
    async def perso(
        self,
        code_dossier: str,
        path: str | Path,
        *,
        modele: str,
        wait: Literal[True] = ...,
        **options: Unpack[FileImportOptions],
    ) -> ImportResult: ...
    @overload
    async def perso(
        self,
        code_dossier: str,
        path: str | Path,
        *,
        modele: str,
        wait: Literal[False],
        **options: Unpack[FileImportOptions],
    ) -> ImportStarted: ...
    async def perso(
        self,
        code_dossier: str,
        path: str | Path,
        *,
        modele: str,
        wait: bool = True,
        **options: Unpack[FileImportOptions],
    ) -> ImportResult | ImportStarted:
        """See :meth:`Imports.perso`."""
        _checked_options("AsyncImports.perso", options)
        if not modele:
            raise ValueError("a custom import needs the name of its Loop import model (modele=)")
        return await self._file_import("perso", code_dossier, Path(path), wait, options, modele=modele)

    @overload
    async def json(
        self,
        code_dossier: str,
        data: ImportJsonData | Mapping[str, Any],
        *,
        wait: Literal[True] = ...,
        **options: Unpack[FileImportOptions],
    ) -> ImportResult: ...
    @overload
    async def json(
        self,
        code_dossier: str,
        data: ImportJsonData | Mapping[str, Any],
        *,
        wait: Literal[False],
        **options: Unpack[FileImportOptions],
    ) -> ImportStarted: ...
    async def json(
        self,
        code_dossier: str,
        data: ImportJsonData | Mapping[str, Any],
        *,
        wait: bool = True,
        **options: Unpack[FileImportOptions],
    ) -> ImportResult | ImportStarted:
        """See :meth:`Imports.json`."""
        _checked_options("AsyncImports.json", options, _OPTION_NAMES - _VALIDATION_OPTIONS)
        request = ImportJsonRequest(code_ibs=code_dossier, data=_json_data(data))
        if options.get("siret"):
            request.siret = str(options["siret"])
        request_id = await self._start("json", request, uri=None)
        _notify(options.get("on_progress"), ImportProgress("started", "json", request_id))
        if not wait:
            return ImportStarted(request_id, "json", code_dossier)
        return await self._wait(request_id, options)

    async def start(
        self,
        kind: ImportKind,
        code_dossier: str,
        uri: str,
        *,
        siret: str | None = None,
        modele: str | None = None,
    ) -> ImportStarted:
        """See :meth:`Imports.start`."""
        request = _start_request(kind, code_dossier, uri, siret=siret, modele=modele)
        return ImportStarted(await self._start(kind, request, uri=uri), kind, code_dossier, uri)

    async def status(self, import_request_id: str) -> ImportResult:
        """See :meth:`Imports.status`."""
        return ImportResult.from_status(import_request_id, await self.get_status(import_request_id))

    async def wait(
        self,
        import_request_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        on_progress: ProgressCallback | None = None,
        poll_interval: float | None = None,
        raise_on_failure: bool = True,
    ) -> ImportResult:
        """See :meth:`Imports.wait`."""
        waiting = _Wait(import_request_id, timeout, on_progress, poll_interval, raise_on_failure)
        while True:
            try:
                result = await self.status(import_request_id)
            except LoopError as exc:
                waiting.failed(exc)
            else:
                done = waiting.seen(result)
                if done is not None:
                    return done
            delay = waiting.next_delay()
            if delay is None:
                assert waiting.last is not None
                return waiting.last
            await asyncio.sleep(delay)

    async def deposit(
        self, path: str | Path, *, on_progress: ProgressCallback | None = None, kind: str | None = None
    ) -> Deposit:
        """See :meth:`Imports.deposit`."""
        path = Path(path)
        deposit = _deposit_of(await self.deposit_url(path.name))
        _notify(on_progress, ImportProgress("deposit", kind))
        await self._upload(deposit.deposit_url, path)
        return deposit

    async def _dossier_siren(self, code_dossier: str) -> str | None:
        try:
            return _siren_of(await AsyncDossiers(self._client).get(code_dossier))
        except LoopError as exc:
            logger.info(
                "dossier %s: SIREN not read (%s); the file name's SIREN is not checked", code_dossier, exc
            )
            return None

    async def _wait(self, request_id: str, options: FileImportOptions) -> ImportResult:
        return await self.wait(
            request_id,
            timeout=options.get("timeout", DEFAULT_WAIT_TIMEOUT),
            on_progress=options.get("on_progress"),
            poll_interval=options.get("poll_interval"),
            raise_on_failure=options.get("raise_on_failure", True),
        )

    async def _file_import(
        self,
        kind: ImportKind,
        code_dossier: str,
        path: Path,
        wait: bool,
        options: FileImportOptions,
        *,
        modele: str | None = None,
    ) -> ImportResult | ImportStarted:
        on_progress = options.get("on_progress")
        if options.get("validate", True):
            # Validation reads the whole file: keep it off the event loop.
            warnings = await asyncio.to_thread(_validate, kind, path, options)
            if kind == "fec" and options.get("check_siren", True):
                siren = _siren_warning(path, await self._dossier_siren(code_dossier), options)
                warnings += (siren,) if siren else ()
            _notify(on_progress, ImportProgress("validated", kind, warnings=_warn(path, warnings)))
        deposit = await self.deposit(path, on_progress=on_progress, kind=kind)
        _notify(on_progress, ImportProgress("uploaded", kind))
        started = await self.start(kind, code_dossier, deposit.uri, siret=options.get("siret"), modele=modele)
        _notify(on_progress, ImportProgress("started", kind, started.import_request_id))
        if not wait:
            return started
        return await self._wait(started.import_request_id, options)

    async def _upload(self, url: str, path: Path) -> None:
        """See :meth:`Imports._upload` (file reads off the event loop)."""
        http = self._client._upload_client()
        size = path.stat().st_size
        if size <= upload.SINGLE_PUT_MAX:
            md5 = await asyncio.to_thread(upload.file_md5, path)
            headers = {**upload.BLOB_TYPE, "Content-MD5": md5, "Content-Length": str(size)}
            await self._put(http, url, lambda: _aiter_file(path), headers)
            return
        have = await self._uncommitted(http, url)
        whole, ids = upload.WholeFileMd5(), []
        blocks = upload.iter_blocks(path, whole)
        while (block := await asyncio.to_thread(next, blocks, None)) is not None:
            ids.append(block.id)
            if block.id not in have:
                target = upload.with_query(url, comp="block", blockid=block.id)
                body = functools.partial(_aiter_range, path, block.offset, block.length)
                headers = {"Content-MD5": block.md5, "Content-Length": str(block.length)}
                await self._put(http, target, body, headers)
        headers = {
            "x-ms-blob-content-md5": whole.b64(),
            "Content-Type": "application/xml",
            **upload.BLOB_TYPE,
        }
        await self._put(
            http, upload.with_query(url, comp="blocklist"), lambda: upload.block_list_xml(ids), headers
        )

    async def _uncommitted(self, http: httpx.AsyncClient, url: str) -> set[str]:
        target = upload.with_query(url, comp="blocklist", blocklisttype="uncommitted")
        try:
            response = await http.get(target)
        except httpx.TransportError:
            return set()
        return upload.uncommitted_ids(response.content) if response.status_code == 200 else set()

    async def _put(
        self,
        http: httpx.AsyncClient,
        url: str,
        body: Callable[[], bytes | AsyncIterator[bytes]],
        headers: dict[str, str],
    ) -> None:
        async for attempt in self._client.config.retry.retrying("PUT"):
            with attempt:
                failure: LoopError | None = None
                try:
                    response = await http.put(url, content=body(), headers=headers)
                except httpx.TransportError as exc:
                    failure = error_from_transport(exc, context="PUT deposit URL")
                if failure is not None:
                    raise failure
                if response.status_code >= 300:
                    raise error_from_httpx_response(response, context="PUT deposit URL")

    async def _start(self, kind: str, request: StartRequest, *, uri: str | None) -> str:
        try:
            answer = await _ASYNC_START[kind](self, request)
        except LoopError as exc:
            failure = _start_failure(exc, kind, uri)
            if failure is exc:
                raise
            raise failure from exc
        return _request_id_of(answer)


async def _aiter_file(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as stream:
        while chunk := await asyncio.to_thread(stream.read, upload.CHUNK):
            yield chunk


async def _aiter_range(path: Path, offset: int, length: int) -> AsyncIterator[bytes]:
    chunks = upload.iter_range(path, offset, length)
    while (chunk := await asyncio.to_thread(next, chunks, None)) is not None:
        yield chunk


StartRequest = ImportFecRequest | ImportTraRequest | ImportPersoRequest | ImportJsonRequest
_START: dict[str, Callable[[Imports, Any], ImportRefused | ImportRequestAccepted]] = {
    "fec": lambda imports, body: imports.start_fec(body),
    "tra": lambda imports, body: imports.start_tra(body),
    "perso": lambda imports, body: imports.start_perso(body),
    "json": lambda imports, body: imports.start_json(body),
}
_ASYNC_START: dict[str, Callable[[AsyncImports, Any], Awaitable[ImportRefused | ImportRequestAccepted]]] = {
    "fec": lambda imports, body: imports.start_fec(body),
    "tra": lambda imports, body: imports.start_tra(body),
    "perso": lambda imports, body: imports.start_perso(body),
    "json": lambda imports, body: imports.start_json(body),
}


__all__ = [
    "AsyncImports",
    "Deposit",
    "FileImportOptions",
    "ImportKind",
    "ImportProgress",
    "ImportResult",
    "ImportStarted",
    "ImportState",
    "Imports",
]
