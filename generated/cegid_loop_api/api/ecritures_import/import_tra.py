from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.apim_error import ApimError
from ...models.import_refused import ImportRefused
from ...models.import_request_accepted import ImportRequestAccepted
from ...models.import_tra_request import ImportTraRequest
from ...models.loop_error import LoopError
from ...types import Response, bulk_parsing, json_body, loads, status_code_of


def _get_kwargs(
    *,
    body: ImportTraRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/importTRA",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    if "json" in _kwargs:
        _kwargs["content"] = json_body(_kwargs.pop("json"))
    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApimError | ImportRefused | ImportRequestAccepted | LoopError | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> ImportRefused | ImportRequestAccepted:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = ImportRequestAccepted.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = ImportRefused.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(loads(response.content))

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
) -> Response[ApimError | ImportRefused | ImportRequestAccepted | LoopError]:
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
    body: ImportTraRequest,
) -> Response[ApimError | ImportRefused | ImportRequestAccepted | LoopError]:
    """Import des écritures au format TRA

     Asks Loop to import a TRA file. Modelled on importFEC (`codeIbs` + `URL` or `URI`).

    Args:
        body (ImportTraRequest): Body of POST /importTRA, modelled on the FEC body.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApimError | ImportRefused | ImportRequestAccepted | LoopError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ImportTraRequest,
) -> ApimError | ImportRefused | ImportRequestAccepted | LoopError | None:
    """Import des écritures au format TRA

     Asks Loop to import a TRA file. Modelled on importFEC (`codeIbs` + `URL` or `URI`).

    Args:
        body (ImportTraRequest): Body of POST /importTRA, modelled on the FEC body.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApimError | ImportRefused | ImportRequestAccepted | LoopError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ImportTraRequest,
) -> Response[ApimError | ImportRefused | ImportRequestAccepted | LoopError]:
    """Import des écritures au format TRA

     Asks Loop to import a TRA file. Modelled on importFEC (`codeIbs` + `URL` or `URI`).

    Args:
        body (ImportTraRequest): Body of POST /importTRA, modelled on the FEC body.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApimError | ImportRefused | ImportRequestAccepted | LoopError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ImportTraRequest,
) -> ApimError | ImportRefused | ImportRequestAccepted | LoopError | None:
    """Import des écritures au format TRA

     Asks Loop to import a TRA file. Modelled on importFEC (`codeIbs` + `URL` or `URI`).

    Args:
        body (ImportTraRequest): Body of POST /importTRA, modelled on the FEC body.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApimError | ImportRefused | ImportRequestAccepted | LoopError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
