"""The deposit area: ``getFileUrlDeposit`` hands out a signed URL served by the sandbox itself
(``/__sandbox__/blob/{token}/{filename}``) and the matching URI ``{token}/{filename}`` that an
import names. The URL speaks Azure Blob's dialect, as much of it as an upload needs:

- ``PUT`` (*Put Blob*): the whole file, header ``x-ms-blob-type: BlockBlob`` required;
- ``PUT ?comp=block&blockid=ID`` (*Put Block*): one block, kept uncommitted;
- ``GET ?comp=blocklist&blocklisttype=uncommitted|committed|all`` (*Get Block List*);
- ``PUT ?comp=blocklist`` (*Put Block List*): the blob made of the listed blocks, in order.

``Content-MD5`` (of a body) and ``x-ms-blob-content-md5`` (of the whole blob, on the list) are
checked when sent, and a mismatch refused (``400 Md5Mismatch``), as Azure does: a corrupted upload
never becomes a deposit. Everything is streamed to disk (never held in memory: a FEC can weigh a
gigabyte) into temporary files renamed into place when complete, so an interrupted upload never
leaves half a file behind.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import secrets
import shutil
import time
import uuid
from collections.abc import AsyncIterable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit
from xml.etree import ElementTree

from cegid_loop.sandbox.exceptions import ImportFailure
from cegid_loop.sandbox.store import Store, StoredDeposit

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


def _md5_mismatch() -> BlobAnswer:
    return _azure_error(
        400,
        "Md5Mismatch",
        "The MD5 value specified in the request did not match with the MD5 value calculated by the server.",
    )


def _valid_block_id(block_id: str) -> bool:
    try:
        raw = base64.b64decode(block_id, validate=True)
    except ValueError:
        return False
    return 0 < len(raw) <= 64


def _block_file(block_id: str) -> str:
    return base64.urlsafe_b64encode(base64.b64decode(block_id)).decode()


def _block_id(file_name: str) -> str:
    return base64.b64encode(base64.urlsafe_b64decode(file_name)).decode()


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
        self,
        token: str,
        filename: str,
        sig: str | None,
        headers: Mapping[str, str],
        *,
        block_operation: bool = False,
    ) -> BlobAnswer | StoredDeposit:
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
        if not block_operation and headers.get("x-ms-blob-type") != "BlockBlob":
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

    async def handle(
        self,
        method: str,
        token: str,
        filename: str,
        query: Mapping[str, str],
        headers: Mapping[str, str],
        chunks: AsyncIterable[bytes],
    ) -> BlobAnswer:
        """One request to a deposit URL, by Azure Blob operation."""
        comp = query.get("comp")
        block = comp == "block"
        checked = self.check_upload(
            token, filename, query.get("sig"), headers, block_operation=comp is not None
        )
        if isinstance(checked, BlobAnswer):
            return checked
        if method == "GET" and comp == "blocklist":
            return self._block_list(checked, query.get("blocklisttype", "committed"))
        if method != "PUT" or comp not in (None, "block", "blocklist"):
            return _azure_error(
                400, "UnsupportedHttpVerb", "The resource doesn't support the specified verb."
            )
        if block:
            block_id = query.get("blockid", "")
            if not _valid_block_id(block_id):
                return _azure_error(
                    400,
                    "InvalidQueryParameterValue",
                    "Value for one of the query parameters specified in the request URI is invalid.",
                    "<QueryParameterName>blockid</QueryParameterName>",
                )
            return await self._store_body(
                chunks, self._blocks(checked) / _block_file(block_id), headers.get("content-md5")
            )
        if comp == "blocklist":
            return await self._commit(checked, chunks, headers.get("x-ms-blob-content-md5"))
        answer = await self._store_body(chunks, checked.path, headers.get("content-md5"))
        if answer.status == 201:
            self.store.set_deposit_size(token, checked.path.stat().st_size)
        return answer

    async def upload(
        self,
        token: str,
        filename: str,
        sig: str | None,
        headers: Mapping[str, str],
        chunks: AsyncIterable[bytes],
    ) -> BlobAnswer:
        """HTTP PUT of a whole file to a deposit URL (Azure Blob 'Put Blob')."""
        return await self.handle("PUT", token, filename, {"sig": sig or ""}, headers, chunks)

    def _blocks(self, deposit: StoredDeposit) -> Path:
        return deposit.path.with_name(f".blocks-{deposit.path.name}")

    async def _store_body(self, chunks: AsyncIterable[bytes], target: Path, md5: str | None) -> BlobAnswer:
        """Stream a request body into ``target`` (replaced only when complete and its MD5 right)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".upload-{uuid.uuid4().hex}")
        digest = hashlib.md5(usedforsecurity=False)
        size = 0
        try:
            with partial.open("wb", buffering=_WRITE_BUFFER) as out:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > self.max_bytes:
                        return self._too_large()
                    digest.update(chunk)
                    out.write(chunk)
            if md5 is not None and base64.b64encode(digest.digest()).decode() != md5.strip():
                return _md5_mismatch()
            os.replace(partial, target)  # a new PUT replaces the blob, as on Azure
        except OSError as exc:
            return _azure_error(
                500, "InternalError", f"The server could not store the blob ({exc.strerror})."
            )
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
        return BlobAnswer(201, b"", "text/plain")

    def _block_list(self, deposit: StoredDeposit, which: str) -> BlobAnswer:
        blocks = self._blocks(deposit)
        names = sorted(blocks.iterdir()) if blocks.is_dir() else []
        uncommitted = "".join(
            f"<Block><Name>{_block_id(p.name)}</Name><Size>{p.stat().st_size}</Size></Block>" for p in names
        )
        committed = ""
        if deposit.size is not None and deposit.path.is_file():
            name = base64.b64encode(b"committed").decode()
            committed = f"<Block><Name>{name}</Name><Size>{deposit.size}</Size></Block>"
        body = '<?xml version="1.0" encoding="utf-8"?><BlockList>'
        if which in ("committed", "all"):
            body += f"<CommittedBlocks>{committed}</CommittedBlocks>"
        if which in ("uncommitted", "all"):
            body += f"<UncommittedBlocks>{uncommitted}</UncommittedBlocks>"
        return BlobAnswer(200, (body + "</BlockList>").encode())

    async def _commit(
        self, deposit: StoredDeposit, chunks: AsyncIterable[bytes], md5: str | None
    ) -> BlobAnswer:
        """Put Block List: the blob becomes the listed blocks, in order; they are then discarded."""
        body = b""
        async for chunk in chunks:
            body += chunk
            if len(body) > 10 * 1024 * 1024:
                return self._too_large()
        try:
            ids = [
                e.text or ""
                for e in ElementTree.fromstring(body)
                if e.tag in ("Latest", "Uncommitted", "Committed")
            ]
        except ElementTree.ParseError:
            return _azure_error(400, "InvalidXmlDocument", "XML specified is not syntactically valid.")
        blocks = self._blocks(deposit)
        parts = [blocks / _block_file(i) if _valid_block_id(i) else None for i in ids]
        if not ids or any(p is None or not p.is_file() for p in parts):
            return _azure_error(400, "InvalidBlockList", "The specified block list is invalid.")
        partial = deposit.path.with_name(f".commit-{uuid.uuid4().hex}")
        digest = hashlib.md5(usedforsecurity=False)
        try:
            with partial.open("wb", buffering=_WRITE_BUFFER) as out:
                for part in parts:
                    assert part is not None
                    with part.open("rb") as source:
                        while chunk := source.read(_WRITE_BUFFER):
                            digest.update(chunk)
                            out.write(chunk)
            if md5 is not None and base64.b64encode(digest.digest()).decode() != md5.strip():
                return _md5_mismatch()
            os.replace(partial, deposit.path)
        except OSError as exc:
            return _azure_error(
                500, "InternalError", f"The server could not store the blob ({exc.strerror})."
            )
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
        shutil.rmtree(blocks, ignore_errors=True)
        self.store.set_deposit_size(deposit.token, deposit.path.stat().st_size)
        return BlobAnswer(201, b"", "text/plain")

    def source(self, firm: str, uri: str | None, url: str | None) -> StoredDeposit:
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
