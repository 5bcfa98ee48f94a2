from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.apim_error import ApimError
from ...models.etat_releve_compte import EtatReleveCompte
from ...models.loop_error import LoopError
from ...types import UNSET, Response, bulk_parsing, loads, status_code_of


def _get_kwargs(
    *,
    code_dossier: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["codeDossier"] = code_dossier

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/initPointage/etatReleveCompte",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApimError | EtatReleveCompte | LoopError | None:
    if response.status_code == 200:
        response_200 = EtatReleveCompte.from_dict(loads(response.content))

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
) -> Response[ApimError | EtatReleveCompte | LoopError]:
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
) -> Response[ApimError | EtatReleveCompte | LoopError]:
    """get_initPointage_etatReleveCompte

     Bank reconciliation (pointage) initialisation: state of the bank statement ("état de relevé") of an
    account.
    Only the catalogue title is known, and it is cut on the portal ("get_initPointage_etatReleveC…").

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApimError | EtatReleveCompte | LoopError]
    """

    kwargs = _get_kwargs(
        code_dossier=code_dossier,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    code_dossier: str,
) -> ApimError | EtatReleveCompte | LoopError | None:
    """get_initPointage_etatReleveCompte

     Bank reconciliation (pointage) initialisation: state of the bank statement ("état de relevé") of an
    account.
    Only the catalogue title is known, and it is cut on the portal ("get_initPointage_etatReleveC…").

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApimError | EtatReleveCompte | LoopError
    """

    return sync_detailed(
        client=client,
        code_dossier=code_dossier,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    code_dossier: str,
) -> Response[ApimError | EtatReleveCompte | LoopError]:
    """get_initPointage_etatReleveCompte

     Bank reconciliation (pointage) initialisation: state of the bank statement ("état de relevé") of an
    account.
    Only the catalogue title is known, and it is cut on the portal ("get_initPointage_etatReleveC…").

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApimError | EtatReleveCompte | LoopError]
    """

    kwargs = _get_kwargs(
        code_dossier=code_dossier,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    code_dossier: str,
) -> ApimError | EtatReleveCompte | LoopError | None:
    """get_initPointage_etatReleveCompte

     Bank reconciliation (pointage) initialisation: state of the bank statement ("état de relevé") of an
    account.
    Only the catalogue title is known, and it is cut on the portal ("get_initPointage_etatReleveC…").

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApimError | EtatReleveCompte | LoopError
    """

    return (
        await asyncio_detailed(
            client=client,
            code_dossier=code_dossier,
        )
    ).parsed
