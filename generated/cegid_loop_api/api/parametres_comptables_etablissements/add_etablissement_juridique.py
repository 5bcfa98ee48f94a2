from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.apim_error import ApimError
from ...models.etablissement_juridique import EtablissementJuridique
from ...models.loop_error import LoopError
from ...types import UNSET, Response, bulk_parsing, json_body, loads, status_code_of


def _get_kwargs(
    *,
    body: EtablissementJuridique,
    code_dossier: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["codeDossier"] = code_dossier

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/etablissementJuridique",
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
    body: EtablissementJuridique,
    code_dossier: str,
) -> Response[Any | ApimError | LoopError]:
    """Ajout d'un etablissementJuridique

     Adds a etablissementJuridique to the dossier `codeDossier`; the object is the JSON body. The
    response body is
    not documented (HTTP 200 on success).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        body (EtablissementJuridique): A legal establishment (établissement juridique) of the
            dossier.

            INFERRED minimal schema: no field list was found for this resource. Only `objectId`,
            `revisionId` are modelled
            (objectId/revisionId are on every Loop object); any other field returned lands in
            additional properties.

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
    body: EtablissementJuridique,
    code_dossier: str,
) -> Any | ApimError | LoopError | None:
    """Ajout d'un etablissementJuridique

     Adds a etablissementJuridique to the dossier `codeDossier`; the object is the JSON body. The
    response body is
    not documented (HTTP 200 on success).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        body (EtablissementJuridique): A legal establishment (établissement juridique) of the
            dossier.

            INFERRED minimal schema: no field list was found for this resource. Only `objectId`,
            `revisionId` are modelled
            (objectId/revisionId are on every Loop object); any other field returned lands in
            additional properties.

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
    body: EtablissementJuridique,
    code_dossier: str,
) -> Response[Any | ApimError | LoopError]:
    """Ajout d'un etablissementJuridique

     Adds a etablissementJuridique to the dossier `codeDossier`; the object is the JSON body. The
    response body is
    not documented (HTTP 200 on success).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        body (EtablissementJuridique): A legal establishment (établissement juridique) of the
            dossier.

            INFERRED minimal schema: no field list was found for this resource. Only `objectId`,
            `revisionId` are modelled
            (objectId/revisionId are on every Loop object); any other field returned lands in
            additional properties.

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
    body: EtablissementJuridique,
    code_dossier: str,
) -> Any | ApimError | LoopError | None:
    """Ajout d'un etablissementJuridique

     Adds a etablissementJuridique to the dossier `codeDossier`; the object is the JSON body. The
    response body is
    not documented (HTTP 200 on success).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        body (EtablissementJuridique): A legal establishment (établissement juridique) of the
            dossier.

            INFERRED minimal schema: no field list was found for this resource. Only `objectId`,
            `revisionId` are modelled
            (objectId/revisionId are on every Loop object); any other field returned lands in
            additional properties.

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
