"""The deposit area: ``getFileUrlDeposit`` hands out a signed URL served by the sandbox itself
(``PUT /__sandbox__/blob/{token}/{filename}``, header ``x-ms-blob-type: BlockBlob`` required like
Azure) and the matching URI ``{token}/{filename}`` that an import names.

Uploads are streamed to disk (never held in memory: a FEC can weigh a gigabyte) into a temporary
file renamed into place when complete, so an interrupted upload never leaves half a file behind.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import secrets
import time
import uuid
from collections.abc import AsyncIterable, Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from cegid_loop.sandbox.exceptions import ImportFailure
from cegid_loop.sandbox.store import Deposit, Store

BLOB_PREFIX = "/__sandbox__/blob/"
# Azure's limit for one Put Blob (5000 MiB): big FEC files pass, a runaway stream does not.
MAX_UPLOAD_BYTES = 5000 * 1024 * 1024
_WRITE_BUFFER = 1 << 20

Document = dict[str, Any]


@dataclass(frozen=True)
class BlobAnswer:
    status: int
    body: bytes
    content_type: str = "application/xml"


def _azure_error(status: int, code: str, message: str, extra: str = "") -> BlobAnswer:
    body = (
        f'<?xml version="1.0" encoding="utf-8"?><Error><Code>{code}</Code><Message>{message}</Message>'
        f"{extra}</Error>"
    ).encode()
    return BlobAnswer(status, body)


class DepositArea:
    def __init__(
        self, store: Store, *, clock: Callable[[], float] = time.time, max_bytes: int = MAX_UPLOAD_BYTES
    ) -> None:
        self.store = store
        self.clock = clock
        self.max_bytes = max_bytes
        secret = store.get_meta("blob-secret")
        if secret is None:  # persisted so that deposit URLs survive a restart with --db
            secret = secrets.token_hex(32)
            store.set_meta("blob-secret", secret)
        self._secret = bytes.fromhex(secret)

    def _sign(self, token: str, filename: str) -> str:
        mac = hmac.new(self._secret, f"{token}/{filename}".encode(), hashlib.sha256).digest()
        return base64.b64encode(mac).decode()

    def issue(self, firm: str, filename: str, base_url: str) -> Document:
        """Answer of getFileUrlDeposit: a signed PUT URL on the sandbox and the URI for imports."""
        name = filename.replace("/", "_").replace("\\", "_").strip() or "fichier.txt"
        token = str(uuid.uuid4())
        self.store.add_deposit(firm, token, name)
        expiry = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.clock() + 48 * 3600))
        sig = self._sign(token, name)
        url = (
            f"{base_url.rstrip('/')}{BLOB_PREFIX}{token}/{quote(name)}"
            f"?sv=2020-08-04&se={quote(expiry)}&sr=b&sp=cw&sig={quote(sig, safe='')}"
        )
        return {"depositUrl": url, "uri": f"{token}/{name}"}

    def check_upload(
        self, token: str, filename: str, sig: str | None, headers: Mapping[str, str]
    ) -> BlobAnswer | Deposit:
        """Everything an upload is refused for, decided before a byte of the body is read."""
        deposit = self.store.get_deposit(token)
        if deposit is None or deposit.filename != filename:
            return _azure_error(404, "BlobNotFound", "The specified blob does not exist.")
        if not sig or not hmac.compare_digest(sig, self._sign(token, filename)):
            return _azure_error(
                403,
                "AuthenticationFailed",
                "Server failed to authenticate the request. Make sure the value of Authorization header "
                "is formed correctly including the signature.",
            )
        if headers.get("x-ms-blob-type") != "BlockBlob":
            return _azure_error(
                400,
                "MissingRequiredHeader",
                "An HTTP header that's mandatory for this request is not specified.",
                "<HeaderName>x-ms-blob-type</HeaderName>",
            )
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            return self._too_large()
        return deposit

    def _too_large(self) -> BlobAnswer:
        return _azure_error(
            413, "RequestBodyTooLarge", f"The request body is too large and exceeds {self.max_bytes} bytes."
        )

    async def upload(
        self,
        token: str,
        filename: str,
        sig: str | None,
        headers: Mapping[str, str],
        chunks: AsyncIterable[bytes],
    ) -> BlobAnswer:
        """HTTP PUT of a file to a deposit URL (Azure Blob 'Put Blob' semantics, simplified)."""
        checked = self.check_upload(token, filename, sig, headers)
        if isinstance(checked, BlobAnswer):
            return checked
        target = checked.path
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".upload-{uuid.uuid4().hex}")
        size = 0
        try:
            with partial.open("wb", buffering=_WRITE_BUFFER) as out:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > self.max_bytes:
                        return self._too_large()
                    out.write(chunk)
            os.replace(partial, target)  # a new PUT replaces the blob, as on Azure
        except OSError as exc:
            return _azure_error(
                500, "InternalError", f"The server could not store the blob ({exc.strerror})."
            )
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
        self.store.set_deposit_size(token, size)
        return BlobAnswer(201, b"", "text/plain")

    def source(self, firm: str, uri: str | None, url: str | None) -> Deposit:
        """The uploaded file an import names by URI or by one of the sandbox's own deposit URLs."""
        token = None
        if uri:
            token = str(uri).split("/", 1)[0]
        elif url:
            path = urlsplit(str(url)).path
            if BLOB_PREFIX not in path:
                raise ImportFailure(
                    f"Le fichier n'a pas pu être téléchargé depuis l'URL {url} "
                    "(le bac à sable ne lit que ses propres URL de dépôt, issues de getFileUrlDeposit)."
                )
            token = unquote(path.split(BLOB_PREFIX, 1)[1]).split("/", 1)[0]
        deposit = self.store.get_deposit(token) if token else None
        if deposit is None or deposit.firm != firm:
            raise ImportFailure(f"Le fichier {uri or url} est introuvable dans l'espace de dépôt.")
        if deposit.size is None or not deposit.path.is_file():
            raise ImportFailure(
                f"Le fichier {deposit.filename} n'a pas été déposé (PUT sur l'URL de dépôt manquant)."
            )
        return deposit
