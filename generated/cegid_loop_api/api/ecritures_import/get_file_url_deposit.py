from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.apim_error import ApimError
from ...models.file_deposit import FileDeposit
from ...models.loop_error import LoopError
from ...types import UNSET, Response, bulk_parsing, loads, status_code_of


def _get_kwargs(
    *,
    filename: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["filename"] = filename

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/getFileUrlDeposit",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApimError | FileDeposit | LoopError | None:
    if response.status_code == 200:
        response_200 = FileDeposit.from_dict(loads(response.content))

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
) -> Response[ApimError | FileDeposit | LoopError]:
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
    filename: str,
) -> Response[ApimError | FileDeposit | LoopError]:
    """Restitution de l'URL de stockage

     URI mode (Azure Storage provided by Cegid Loop): returns an authenticated URL (`depositUrl`) to
    which the file
    is uploaded with an HTTP PUT (Azure also wants `x-ms-blob-type: BlockBlob`), and the `uri` (relative
    path of
    the deposited file) to pass as `URI` to importFEC / importTRA / importPerso. The page is ambiguous
    on whether
    both keys come back together: both are optional.

    Args:
        filename (str): File name with its extension.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApimError | FileDeposit | LoopError]
    """

    kwargs = _get_kwargs(
        filename=filename,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    filename: str,
) -> ApimError | FileDeposit | LoopError | None:
    """Restitution de l'URL de stockage

     URI mode (Azure Storage provided by Cegid Loop): returns an authenticated URL (`depositUrl`) to
    which the file
    is uploaded with an HTTP PUT (Azure also wants `x-ms-blob-type: BlockBlob`), and the `uri` (relative
    path of
    the deposited file) to pass as `URI` to importFEC / importTRA / importPerso. The page is ambiguous
    on whether
    both keys come back together: both are optional.

    Args:
        filename (str): File name with its extension.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApimError | FileDeposit | LoopError
    """

    return sync_detailed(
        client=client,
        filename=filename,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    filename: str,
) -> Response[ApimError | FileDeposit | LoopError]:
    """Restitution de l'URL de stockage

     URI mode (Azure Storage provided by Cegid Loop): returns an authenticated URL (`depositUrl`) to
    which the file
    is uploaded with an HTTP PUT (Azure also wants `x-ms-blob-type: BlockBlob`), and the `uri` (relative
    path of
    the deposited file) to pass as `URI` to importFEC / importTRA / importPerso. The page is ambiguous
    on whether
    both keys come back together: both are optional.

    Args:
        filename (str): File name with its extension.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApimError | FileDeposit | LoopError]
    """

    kwargs = _get_kwargs(
        filename=filename,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    filename: str,
) -> ApimError | FileDeposit | LoopError | None:
    """Restitution de l'URL de stockage

     URI mode (Azure Storage provided by Cegid Loop): returns an authenticated URL (`depositUrl`) to
    which the file
    is uploaded with an HTTP PUT (Azure also wants `x-ms-blob-type: BlockBlob`), and the `uri` (relative
    path of
    the deposited file) to pass as `URI` to importFEC / importTRA / importPerso. The page is ambiguous
    on whether
    both keys come back together: both are optional.

    Args:
        filename (str): File name with its extension.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApimError | FileDeposit | LoopError
    """

    return (
        await asyncio_detailed(
            client=client,
            filename=filename,
        )
    ).parsed
