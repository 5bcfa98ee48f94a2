from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.apim_error import ApimError
from ...models.compte import Compte
from ...models.loop_error import LoopError
from ...types import UNSET, Response, bulk_parsing, json_body, loads, status_code_of


def _get_kwargs(
    *,
    body: Compte,
    code_dossier: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["codeDossier"] = code_dossier

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/compte",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    if "json" in _kwargs:
        _kwargs["content"] = json_body(_kwargs.pop("json"))
    _kwargs["headers"] = headers
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
    body: Compte,
    code_dossier: str,
) -> Response[Any | ApimError | LoopError]:
    """Modification d'un compte

     Modifies a compte of the dossier `codeDossier`; the modified object is the JSON body and must carry
    its
    `objectId` and `revisionId`. The response body is not documented (HTTP 200 on success).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        body (Compte): A general account (plan des comptes généraux) of the dossier. Fields as
            documented by Compte.html (fr) and
            ParametreComptable.html (en), plus `description` and the `compteContrepartie` reference
            seen only in the
            example.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApimError | LoopError]
    """

    kwargs = _get_kwargs(
        body=body,
        code_dossier=code_dossier,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: Compte,
    code_dossier: str,
) -> Any | ApimError | LoopError | None:
    """Modification d'un compte

     Modifies a compte of the dossier `codeDossier`; the modified object is the JSON body and must carry
    its
    `objectId` and `revisionId`. The response body is not documented (HTTP 200 on success).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        body (Compte): A general account (plan des comptes généraux) of the dossier. Fields as
            documented by Compte.html (fr) and
            ParametreComptable.html (en), plus `description` and the `compteContrepartie` reference
            seen only in the
            example.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApimError | LoopError
    """

    return sync_detailed(
        client=client,
        body=body,
        code_dossier=code_dossier,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: Compte,
    code_dossier: str,
) -> Response[Any | ApimError | LoopError]:
    """Modification d'un compte

     Modifies a compte of the dossier `codeDossier`; the modified object is the JSON body and must carry
    its
    `objectId` and `revisionId`. The response body is not documented (HTTP 200 on success).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        body (Compte): A general account (plan des comptes généraux) of the dossier. Fields as
            documented by Compte.html (fr) and
            ParametreComptable.html (en), plus `description` and the `compteContrepartie` reference
            seen only in the
            example.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApimError | LoopError]
    """

    kwargs = _get_kwargs(
        body=body,
        code_dossier=code_dossier,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: Compte,
    code_dossier: str,
) -> Any | ApimError | LoopError | None:
    """Modification d'un compte

     Modifies a compte of the dossier `codeDossier`; the modified object is the JSON body and must carry
    its
    `objectId` and `revisionId`. The response body is not documented (HTTP 200 on success).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        body (Compte): A general account (plan des comptes généraux) of the dossier. Fields as
            documented by Compte.html (fr) and
            ParametreComptable.html (en), plus `description` and the `compteContrepartie` reference
            seen only in the
            example.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApimError | LoopError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            code_dossier=code_dossier,
        )
    ).parsed
