from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.apim_error import ApimError
from ...models.import_status import ImportStatus
from ...models.loop_error import LoopError
from ...types import UNSET, Response, bulk_parsing, loads, status_code_of, wire_text


def _get_kwargs(
    *,
    accounting_import_request_id: UUID,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_accounting_import_request_id = wire_text(accounting_import_request_id)
    params["accountingImportRequestId"] = json_accounting_import_request_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/getImportStatus",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApimError | ImportStatus | LoopError | None:
    if response.status_code == 200:
        response_200 = ImportStatus.from_dict(loads(response.content))

        return response_200

    if response.status_code == 400:
        response_400 = LoopError.from_dict(loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ApimError.from_dict(loads(response.content))

        return response_401

    if response.status_code == 403:
        response_403 = ApimError.from_dict(loads(response.content))

        return response_403

    if response.status_code == 404:
        response_404 = ApimError.from_dict(loads(response.content))

        return response_404

    if response.status_code == 429:
        response_429 = ApimError.from_dict(loads(response.content))

        return response_429

    if response.status_code == 500:
        response_500 = LoopError.from_dict(loads(response.content))

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApimError | ImportStatus | LoopError]:
    with bulk_parsing(len(response.content)):
        parsed = _parse_response(client=client, response=response)
    return Response(
        status_code=status_code_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    accounting_import_request_id: UUID,
) -> Response[ApimError | ImportStatus | LoopError]:
    """Recherche le statut d'import

     Returns the processing status of an import request (`accountingImportRequestId` from importFEC /
    importTRA /
    importPerso / importJson). Status values are NOT confirmed: the JSON page speaks of 10 (en attente),
    20 (en
    cours) and 25+ (end of processing); third-party code reads 1 en attente, 2 en cours, 3 terminé avec
    succès, 4
    terminé en erreur.

    Args:
        accounting_import_request_id (UUID): Id returned by the import call.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApimError | ImportStatus | LoopError]
    """

    kwargs = _get_kwargs(
        accounting_import_request_id=accounting_import_request_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    accounting_import_request_id: UUID,
) -> ApimError | ImportStatus | LoopError | None:
    """Recherche le statut d'import

     Returns the processing status of an import request (`accountingImportRequestId` from importFEC /
    importTRA /
    importPerso / importJson). Status values are NOT confirmed: the JSON page speaks of 10 (en attente),
    20 (en
    cours) and 25+ (end of processing); third-party code reads 1 en attente, 2 en cours, 3 terminé avec
    succès, 4
    terminé en erreur.

    Args:
        accounting_import_request_id (UUID): Id returned by the import call.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApimError | ImportStatus | LoopError
    """

    return sync_detailed(
        client=client,
        accounting_import_request_id=accounting_import_request_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    accounting_import_request_id: UUID,
) -> Response[ApimError | ImportStatus | LoopError]:
    """Recherche le statut d'import

     Returns the processing status of an import request (`accountingImportRequestId` from importFEC /
    importTRA /
    importPerso / importJson). Status values are NOT confirmed: the JSON page speaks of 10 (en attente),
    20 (en
    cours) and 25+ (end of processing); third-party code reads 1 en attente, 2 en cours, 3 terminé avec
    succès, 4
    terminé en erreur.

    Args:
        accounting_import_request_id (UUID): Id returned by the import call.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApimError | ImportStatus | LoopError]
    """

    kwargs = _get_kwargs(
        accounting_import_request_id=accounting_import_request_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    accounting_import_request_id: UUID,
) -> ApimError | ImportStatus | LoopError | None:
    """Recherche le statut d'import

     Returns the processing status of an import request (`accountingImportRequestId` from importFEC /
    importTRA /
    importPerso / importJson). Status values are NOT confirmed: the JSON page speaks of 10 (en attente),
    20 (en
    cours) and 25+ (end of processing); third-party code reads 1 en attente, 2 en cours, 3 terminé avec
    succès, 4
    terminé en erreur.

    Args:
        accounting_import_request_id (UUID): Id returned by the import call.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApimError | ImportStatus | LoopError
    """

    return (
        await asyncio_detailed(
            client=client,
            accounting_import_request_id=accounting_import_request_id,
        )
    ).parsed
