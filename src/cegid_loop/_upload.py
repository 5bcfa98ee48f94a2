"""Uploading a file to the storage deposit URL (Azure Blob), streamed from disk.

Memory does not grow with the file: a gigabyte FEC is read in chunks, never whole.

- Up to :data:`SINGLE_PUT_MAX`, one *Put Blob*: the MD5 is computed in a first streaming pass (the
  header must precede the body), then the file is streamed as the request body.
- Larger files go as *blocks* (Azure's Put Block / Put Block List): :data:`BLOCK_SIZE` at a time,
  each with its own ``Content-MD5`` (a first read of the block's range computes it, then the range
  is streamed: a block is never held in memory either), then the list with
  ``x-ms-blob-content-md5`` of the whole file. A block id encodes the block's index and its MD5, so an
  upload that was interrupted resumes by asking the storage which blocks it already holds
  (*Get Block List*, uncommitted) and sending only the others, without ever mixing blocks of two
  versions of a file.

This module only plans and encodes; the clients send (sync and async differ only there).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from xml.etree import ElementTree

SINGLE_PUT_MAX = 16 * 1024 * 1024
BLOCK_SIZE = 8 * 1024 * 1024
CHUNK = 1024 * 1024
BLOB_TYPE = {"x-ms-blob-type": "BlockBlob"}


def md5_b64(data: bytes) -> str:
    return base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode("ascii")


def file_md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    for chunk in iter_file(path):
        digest.update(chunk)
    return base64.b64encode(digest.digest()).decode("ascii")


def iter_file(path: Path, size: int = CHUNK) -> Iterator[bytes]:
    with path.open("rb") as stream:
        while chunk := stream.read(size):
            yield chunk


@dataclass(frozen=True)
class Block:
    """A range of the file, sent as one Put Block; never held in memory (see :func:`iter_range`)."""

    index: int
    offset: int
    length: int
    md5: str  # base64, for Content-MD5
    hexdigest: str

    @property
    def id(self) -> str:
        """Base64 of a fixed-length text (Azure wants every id of a blob the same length)."""
        return base64.b64encode(f"{self.index:06d}-{self.hexdigest[:20]}".encode("ascii")).decode("ascii")


class WholeFileMd5:
    """The whole file's MD5, fed chunk by chunk."""

    def __init__(self) -> None:
        self._digest = hashlib.md5(usedforsecurity=False)

    def add(self, data: bytes) -> None:
        self._digest.update(data)

    def b64(self) -> str:
        return base64.b64encode(self._digest.digest()).decode("ascii")


def iter_blocks(path: Path, whole: WholeFileMd5 | None = None, size: int | None = None) -> Iterator[Block]:
    """The file's blocks, their MD5s computed by reading each range once (fed to ``whole`` too)."""
    block_size = size or BLOCK_SIZE
    with path.open("rb") as stream:
        offset, index = 0, 0
        while True:
            digest, length = hashlib.md5(usedforsecurity=False), 0
            while length < block_size and (chunk := stream.read(min(CHUNK, block_size - length))):
                digest.update(chunk)
                if whole is not None:
                    whole.add(chunk)
                length += len(chunk)
            if not length:
                return
            md5 = base64.b64encode(digest.digest()).decode("ascii")
            yield Block(index, offset, length, md5, digest.hexdigest())
            offset, index = offset + length, index + 1


def iter_range(path: Path, offset: int, length: int, size: int = CHUNK) -> Iterator[bytes]:
    """``length`` bytes of the file from ``offset``, a chunk at a time (a block's request body)."""
    with path.open("rb") as stream:
        stream.seek(offset)
        left = length
        while left and (chunk := stream.read(min(size, left))):
            left -= len(chunk)
            yield chunk


def with_query(url: str, **params: str) -> str:
    """``url`` with more query parameters (the SAS signature and its siblings kept as they are)."""
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query, keep_blank_values=True), *params.items()]
    return urlunsplit(parts._replace(query=urlencode(query)))


def block_list_xml(ids: list[str]) -> bytes:
    latest = "".join(f"<Latest>{block_id}</Latest>" for block_id in ids)
    return f'<?xml version="1.0" encoding="utf-8"?><BlockList>{latest}</BlockList>'.encode()


def uncommitted_ids(xml: bytes) -> set[str]:
    """The ids of a Get Block List answer's uncommitted blocks (an unreadable answer: none)."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return set()
    return {name.text for name in root.iterfind("./UncommittedBlocks/Block/Name") if name.text}


__all__ = [
    "BLOB_TYPE",
    "BLOCK_SIZE",
    "SINGLE_PUT_MAX",
    "Block",
    "WholeFileMd5",
    "block_list_xml",
    "file_md5",
    "iter_blocks",
    "iter_file",
    "iter_range",
    "md5_b64",
    "uncommitted_ids",
    "with_query",
]
