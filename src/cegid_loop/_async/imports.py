"""``loop.imports``: the import workflow (validate, deposit, upload, start, wait).

The steps' rules, which need no I/O, are in :mod:`cegid_loop.imports` (checks, start, polling);
this module sequences them and makes the calls.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, Unpack, overload

from cegid_loop._backends import AsyncBackend
from cegid_loop.errors import LoopError
from cegid_loop.imports import (
    DEFAULT_WAIT_TIMEOUT,
    Deposit,
    FileImportOptions,
    ImportKind,
    ImportProgress,
    ImportResult,
    ImportStarted,
    ProgressCallback,
    checks,
)
from cegid_loop.imports.polling import Wait, notify
from cegid_loop.imports.start import StartRequest, deposit_of, request_id_of, start_failure, start_request
from cegid_loop_api.facade.resources import imports as _generated
from cegid_loop_api.facade.resources.dossiers import AsyncDossiers
from cegid_loop_api.models.import_json_data import ImportJsonData
from cegid_loop_api.models.import_json_request import ImportJsonRequest
from cegid_loop_api.models.import_refused import ImportRefused
from cegid_loop_api.models.import_request_accepted import ImportRequestAccepted

from .upload import AsyncUploader

logger = logging.getLogger("cegid_loop")  # the redacting filter sits on this very logger


class AsyncImports(_generated.AsyncImports):
    """``loop.imports``: FEC, TRA, perso and JSON accounting imports, on top of the raw
    operations (``deposit_url``, ``start_fec``..., ``get_status``, ``history``)."""

    # -- public workflow --------------------------------------------------------------------------
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
        """Import a FEC file: validate, deposit, upload, start, then wait for the end (``wait=False``:
        return :class:`ImportStarted` at once). Options: ``siret``, ``validate=True``,
        ``on_progress``, ``timeout`` (seconds of waiting), ``poll_interval``, ``raise_on_failure=True``."""
        checks.checked_options("AsyncImports.fec", options)
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
        """Import a TRA file (same options as :meth:`fec`)."""
        checks.checked_options("AsyncImports.tra", options)
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
        """Import a perso file (Loop's custom CSV format, "import personnalisé") described by the Loop
        import model ``modele`` (same options as :meth:`fec`; no offline validation exists for it)."""
        checks.checked_options("AsyncImports.perso", options)
        if not modele:
            raise ValueError("a perso import needs the name of its Loop import model (modele=)")
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
        """Import entries given as JSON: ``data`` is the ``data`` object of the API
        (``{"contexte": ..., "options": ..., "ecritures": [...]}``)."""
        checks.checked_options("AsyncImports.json", options, checks.OPTION_NAMES - checks.VALIDATION_OPTIONS)
        request = ImportJsonRequest(code_ibs=code_dossier, data=checks.json_data(data))
        if options.get("siret"):
            request.siret = str(options["siret"])
        request_id = await self._start("json", request, uri=None)
        notify(options.get("on_progress"), ImportProgress("started", "json", request_id))
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
        """Start a file import from a ``uri`` already deposited (no validation, no upload)."""
        request = start_request(kind, code_dossier, uri, siret=siret, modele=modele)
        return ImportStarted(await self._start(kind, request, uri=uri), kind, code_dossier, uri)

    async def status(self, import_request_id: str) -> ImportResult:
        """One look at an import's status, classified (:class:`ImportResult`)."""
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
        """Poll until the import is finished; :class:`ImportTimeout` after ``timeout`` seconds.

        A poll that fails transiently (connection, 5xx, 429, an answer that is not the status) does
        not end the wait: polling goes on until ``timeout``. A status this client cannot read, seen
        ``UNKNOWN_POLLS`` times in a row, ends it with ``state=UNKNOWN`` (never a success). Any
        error raised names the import and how to resume."""
        waiting = Wait(import_request_id, timeout, on_progress, poll_interval, raise_on_failure)
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
            await AsyncBackend.sleep(delay)

    async def deposit(
        self, path: str | Path, *, on_progress: ProgressCallback | None = None, kind: str | None = None
    ) -> Deposit:
        """Get a deposit URL for ``path`` and upload the file there (steps 2-3)."""
        path = Path(path)
        deposit = deposit_of(await self.deposit_url(path.name))
        notify(on_progress, ImportProgress("deposit", kind))
        await self._upload(deposit.deposit_url, path)
        return deposit

    # -- steps ------------------------------------------------------------------------------------
    async def _dossier_siren(self, code_dossier: str) -> str | None:
        """The dossier's SIREN, to compare with the FEC's name; None when it cannot be read (the
        check is then skipped, said in the log: it must not stop an import)."""
        try:
            return checks.siren_of(await AsyncDossiers(self._client).get(code_dossier))
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
            # Before any request: a broken file costs none. It reads the whole file (through the
            # backend: in a worker thread for the async client, never on its event loop).
            warnings = await AsyncBackend.run_blocking(checks.validate, kind, path, options)
            if kind == "fec" and options.get("check_siren", True):
                siren = checks.siren_warning(path, await self._dossier_siren(code_dossier), options)
                warnings += (siren,) if siren else ()
            notify(on_progress, ImportProgress("validated", kind, warnings=checks.warn(path, warnings)))
        deposit = await self.deposit(path, on_progress=on_progress, kind=kind)
        notify(on_progress, ImportProgress("uploaded", kind))
        started = await self.start(kind, code_dossier, deposit.uri, siret=options.get("siret"), modele=modele)
        notify(on_progress, ImportProgress("started", kind, started.import_request_id))
        if not wait:
            return started
        return await self._wait(started.import_request_id, options)

    async def _upload(self, url: str, path: Path) -> None:
        """Stream ``path`` to the deposit URL (one Put Blob, or blocks for a large file)."""
        await AsyncUploader(self._client).upload(url, path)

    async def _start(self, kind: str, request: StartRequest, *, uri: str | None) -> str:
        try:
            answer = await self._send_start(kind, request)
        except LoopError as exc:
            failure = start_failure(exc, kind, uri)
            if failure is exc:
                raise
            raise failure from exc
        return request_id_of(answer)

    async def _send_start(self, kind: str, request: Any) -> ImportRefused | ImportRequestAccepted:
        if kind == "fec":
            return await self.start_fec(request)
        if kind == "tra":
            return await self.start_tra(request)
        if kind == "perso":
            return await self.start_perso(request)
        return await self.start_json(request)


__all__ = ["AsyncImports"]
