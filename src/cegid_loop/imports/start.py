"""Starting an import: the request, and what a failed start means.

The start is the one step never sent twice: an import started twice posts its entries twice. A
refusal (4xx, Loop's 200 ``{"error": ...}``) means nothing started; a failure after the request may
have reached Loop (a timeout after sending, a dropped connection, a 5xx) is
:class:`~cegid_loop.errors.ImportNotConfirmed`, with the ``uri`` of the deposited file.
"""

from __future__ import annotations

from cegid_loop._redact import register_url_secrets
from cegid_loop.errors import (
    APIConnectionError,
    APIStatusError,
    ImportFailed,
    ImportNotConfirmed,
    LoopError,
    OperationRejected,
    RateLimited,
    ServerError,
    UnexpectedResponse,
)
from cegid_loop.imports import Deposit, ImportKind
from cegid_loop_api.models.file_deposit import FileDeposit
from cegid_loop_api.models.import_fec_request import ImportFecRequest
from cegid_loop_api.models.import_json_request import ImportJsonRequest
from cegid_loop_api.models.import_perso_request import ImportPersoRequest
from cegid_loop_api.models.import_refused import ImportRefused
from cegid_loop_api.models.import_request_accepted import ImportRequestAccepted
from cegid_loop_api.models.import_tra_request import ImportTraRequest
from cegid_loop_api.types import Unset

StartRequest = ImportFecRequest | ImportTraRequest | ImportPersoRequest | ImportJsonRequest


def start_request(
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


def request_id_of(answer: ImportRefused | ImportRequestAccepted) -> str:
    value = getattr(answer, "accounting_import_request_id", None)
    if not value or isinstance(value, Unset):
        raise UnexpectedResponse("import started but no accountingImportRequestId came back", status_code=200)
    return str(value)


def deposit_of(answer: FileDeposit) -> Deposit:
    url, uri = answer.deposit_url, answer.uri
    if not url or not uri or isinstance(url, Unset) or isinstance(uri, Unset):
        raise UnexpectedResponse("getFileUrlDeposit returned no depositUrl/uri", status_code=200)
    register_url_secrets(str(url))
    return Deposit(str(url), str(uri))


def start_failure(exc: LoopError, kind: str, uri: str | None) -> LoopError:
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


__all__ = ["StartRequest", "deposit_of", "request_id_of", "start_failure", "start_request"]
