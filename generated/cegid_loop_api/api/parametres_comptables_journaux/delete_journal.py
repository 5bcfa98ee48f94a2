from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.apim_error import ApimError
from ...models.loop_error import LoopError
from ...types import UNSET, Response, bulk_parsing, loads, status_code_of, wire_text


def _get_kwargs(
    *,
    code_dossier: str,
    object_id: UUID,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["codeDossier"] = code_dossier

    json_object_id = wire_text(object_id)
    params["objectId"] = json_object_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/journal",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ApimError | LoopError | None:
    if response.status_code == 200:
        response_200 = loads(response.content)
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
) -> Response[Any | ApimError | LoopError]:
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
    code_dossier: str,
    object_id: UUID,
) -> Response[Any | ApimError | LoopError]:
    """Supprime un journal

     Deletes a journal of the dossier `codeDossier`. How the object to delete is identified is NOT
    documented:
    `objectId` as a query parameter is the reconstruction's inference. The response body is not
    documented (HTTP
    200 on success).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        object_id (UUID): objectId of the object to delete (inferred).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApimError | LoopError]
    """

    kwargs = _get_kwargs(
        code_dossier=code_dossier,
        object_id=object_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    code_dossier: str,
    object_id: UUID,
) -> Any | ApimError | LoopError | None:
    """Supprime un journal

     Deletes a journal of the dossier `codeDossier`. How the object to delete is identified is NOT
    documented:
    `objectId` as a query parameter is the reconstruction's inference. The response body is not
    documented (HTTP
    200 on success).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        object_id (UUID): objectId of the object to delete (inferred).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApimError | LoopError
    """

    return sync_detailed(
        client=client,
        code_dossier=code_dossier,
        object_id=object_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    code_dossier: str,
    object_id: UUID,
) -> Response[Any | ApimError | LoopError]:
    """Supprime un journal

     Deletes a journal of the dossier `codeDossier`. How the object to delete is identified is NOT
    documented:
    `objectId` as a query parameter is the reconstruction's inference. The response body is not
    documented (HTTP
    200 on success).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        object_id (UUID): objectId of the object to delete (inferred).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApimError | LoopError]
    """

    kwargs = _get_kwargs(
        code_dossier=code_dossier,
        object_id=object_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    code_dossier: str,
    object_id: UUID,
) -> Any | ApimError | LoopError | None:
    """Supprime un journal

     Deletes a journal of the dossier `codeDossier`. How the object to delete is identified is NOT
    documented:
    `objectId` as a query parameter is the reconstruction's inference. The response body is not
    documented (HTTP
    200 on success).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        object_id (UUID): objectId of the object to delete (inferred).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApimError | LoopError
    """

    return (
        await asyncio_detailed(
            client=client,
            code_dossier=code_dossier,
            object_id=object_id,
        )
    ).parsed
