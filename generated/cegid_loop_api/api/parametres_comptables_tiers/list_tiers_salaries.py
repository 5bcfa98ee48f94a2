from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.apim_error import ApimError
from ...models.loop_error import LoopError
from ...models.tiers import Tiers
from ...types import (
    UNSET,
    Response,
    Unset,
    bulk_parsing,
    loads,
    records_of,
    status_code_of,
    with_envelope,
)


def _get_kwargs(
    *,
    code_dossier: str,
    filter_: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    skip: int | Unset = UNSET,
    take: int | Unset = UNSET,
    select: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["codeDossier"] = code_dossier

    params["filter"] = filter_

    params["sort"] = sort

    params["skip"] = skip

    params["take"] = take

    params["select"] = select

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/tierssalarie",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApimError | LoopError | list[Tiers] | None:
    if response.status_code == 200:
        _records, _envelope = records_of(loads(response.content))
        response_200 = []
        _response_200 = _records
        if type(_response_200) is not list:
            raise TypeError(f"expected an array, got {type(_response_200).__name__}")
        for response_200_item_data in _response_200:
            response_200_item = Tiers.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return with_envelope(response_200, _envelope)
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
) -> Response[ApimError | LoopError | list[Tiers]]:
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
    filter_: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    skip: int | Unset = UNSET,
    take: int | Unset = UNSET,
    select: str | Unset = UNSET,
) -> Response[ApimError | LoopError | list[Tiers]]:
    """Retourne une liste de tiersSalarie

     Returns the tiersSalarie objects of the dossier (query `codeDossier`), filtered/sorted/paged by the
    common
    query parameters. Response: a bare JSON array.

    The page's paths are all `/tierssalarie`.

    Objects of this resource have `type` = 2 (Tiers Salarié).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        filter_ (str | Unset): Filter expression, JavaScript notation (e.g. `code=="ACH"`).
        sort (str | Unset): Sort fields separated by `&&`, `:desc` for descending.
        skip (int | Unset): Number of items to skip.
        take (int | Unset): Max number of items; at most 100 on /EcritureComptable, cap elsewhere
            undocumented.
        select (str | Unset): Fields to return.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApimError | LoopError | list[Tiers]]
    """

    kwargs = _get_kwargs(
        code_dossier=code_dossier,
        filter_=filter_,
        sort=sort,
        skip=skip,
        take=take,
        select=select,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    code_dossier: str,
    filter_: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    skip: int | Unset = UNSET,
    take: int | Unset = UNSET,
    select: str | Unset = UNSET,
) -> ApimError | LoopError | list[Tiers] | None:
    """Retourne une liste de tiersSalarie

     Returns the tiersSalarie objects of the dossier (query `codeDossier`), filtered/sorted/paged by the
    common
    query parameters. Response: a bare JSON array.

    The page's paths are all `/tierssalarie`.

    Objects of this resource have `type` = 2 (Tiers Salarié).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        filter_ (str | Unset): Filter expression, JavaScript notation (e.g. `code=="ACH"`).
        sort (str | Unset): Sort fields separated by `&&`, `:desc` for descending.
        skip (int | Unset): Number of items to skip.
        take (int | Unset): Max number of items; at most 100 on /EcritureComptable, cap elsewhere
            undocumented.
        select (str | Unset): Fields to return.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApimError | LoopError | list[Tiers]
    """

    return sync_detailed(
        client=client,
        code_dossier=code_dossier,
        filter_=filter_,
        sort=sort,
        skip=skip,
        take=take,
        select=select,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    code_dossier: str,
    filter_: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    skip: int | Unset = UNSET,
    take: int | Unset = UNSET,
    select: str | Unset = UNSET,
) -> Response[ApimError | LoopError | list[Tiers]]:
    """Retourne une liste de tiersSalarie

     Returns the tiersSalarie objects of the dossier (query `codeDossier`), filtered/sorted/paged by the
    common
    query parameters. Response: a bare JSON array.

    The page's paths are all `/tierssalarie`.

    Objects of this resource have `type` = 2 (Tiers Salarié).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        filter_ (str | Unset): Filter expression, JavaScript notation (e.g. `code=="ACH"`).
        sort (str | Unset): Sort fields separated by `&&`, `:desc` for descending.
        skip (int | Unset): Number of items to skip.
        take (int | Unset): Max number of items; at most 100 on /EcritureComptable, cap elsewhere
            undocumented.
        select (str | Unset): Fields to return.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApimError | LoopError | list[Tiers]]
    """

    kwargs = _get_kwargs(
        code_dossier=code_dossier,
        filter_=filter_,
        sort=sort,
        skip=skip,
        take=take,
        select=select,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    code_dossier: str,
    filter_: str | Unset = UNSET,
    sort: str | Unset = UNSET,
    skip: int | Unset = UNSET,
    take: int | Unset = UNSET,
    select: str | Unset = UNSET,
) -> ApimError | LoopError | list[Tiers] | None:
    """Retourne une liste de tiersSalarie

     Returns the tiersSalarie objects of the dossier (query `codeDossier`), filtered/sorted/paged by the
    common
    query parameters. Response: a bare JSON array.

    The page's paths are all `/tierssalarie`.

    Objects of this resource have `type` = 2 (Tiers Salarié).

    Args:
        code_dossier (str): Dossier code (e.g. CEGID003), or `cabinet` for the cabinet APIs.
        filter_ (str | Unset): Filter expression, JavaScript notation (e.g. `code=="ACH"`).
        sort (str | Unset): Sort fields separated by `&&`, `:desc` for descending.
        skip (int | Unset): Number of items to skip.
        take (int | Unset): Max number of items; at most 100 on /EcritureComptable, cap elsewhere
            undocumented.
        select (str | Unset): Fields to return.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApimError | LoopError | list[Tiers]
    """

    return (
        await asyncio_detailed(
            client=client,
            code_dossier=code_dossier,
            filter_=filter_,
            sort=sort,
            skip=skip,
            take=take,
            select=select,
        )
    ).parsed
