"""Uploads to the deposit URL are streamed: one Put Blob for a small file, Azure blocks for a large
one (each with its MD5, resumable), against the sandbox's Azure Blob emulation."""

from __future__ import annotations

import base64
import hashlib
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from cegid_loop import AsyncLoopClient, LoopClient
from cegid_loop import _upload as upload
from cegid_loop.errors import APIStatusError
from cegid_loop.fec.samples import demo_entries, write_fec
from cegid_loop.sandbox import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY
from cegid_loop.sandbox.app import create_app, sandbox_sync_transport, sandbox_transport

BASE = "http://sandbox.localhost/loop-api-publiques"


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of 4 KiB above 16 KiB, so that a small file takes the block path."""
    monkeypatch.setattr(upload, "SINGLE_PUT_MAX", 16 * 1024)
    monkeypatch.setattr(upload, "BLOCK_SIZE", 4 * 1024)


class Recorder(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport, fail_on: int | None = None) -> None:
        self.inner, self.fail_on, self.requests = inner, fail_on, []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if "comp=block&" in str(request.url) and self.fail_on is not None:
            blocks = sum(1 for r in self.requests if "comp=block&" in str(r.url))
            if blocks == self.fail_on:
                return httpx.Response(403, text="<Error><Code>AuthenticationFailed</Code></Error>")
        return self.inner.handle_request(request)

    def puts(self, part: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == "PUT" and part in str(r.url)]


def _big_fec(tmp_path: Path, copies: int) -> Path:
    entries = demo_entries()
    folder = tmp_path / "fec"
    folder.mkdir()
    return (
        write_fec(folder, "732829320", entries * copies)
        if copies > 1
        else write_fec(folder, "732829320", entries)
    )


@pytest.fixture
def app() -> object:
    return create_app(import_step_seconds=0)


def _client(transport: httpx.BaseTransport) -> LoopClient:
    return LoopClient(
        base_url=BASE, subscription_key=DEMO_SUBSCRIPTION_KEY, api_key=DEMO_API_KEY, transport=transport
    )


def test_a_small_file_is_one_put_with_its_md5(tmp_path: Path, app: object) -> None:
    fec = _big_fec(tmp_path, 1)
    recorder = Recorder(sandbox_sync_transport(app))  # type: ignore[arg-type]
    with _client(recorder) as loop:
        assert loop.imports.fec("CEGID001", fec, poll_interval=0.01).ok
    (put,) = recorder.puts("/blob/")
    assert put.headers["content-md5"] == base64.b64encode(hashlib.md5(fec.read_bytes()).digest()).decode()
    assert put.headers["content-length"] == str(fec.stat().st_size)


def test_a_large_file_goes_in_blocks_each_with_its_md5(
    tmp_path: Path, app: object, small_blocks: None
) -> None:
    fec = _big_fec(tmp_path, 40)
    size = fec.stat().st_size
    assert size > upload.SINGLE_PUT_MAX
    recorder = Recorder(sandbox_sync_transport(app))  # type: ignore[arg-type]
    with _client(recorder) as loop:
        result = loop.imports.fec("CEGID001", fec, poll_interval=0.01)
    assert result.ok and result.details["result"]["ecritures"] == 9 * 40
    blocks = recorder.puts("comp=block&")
    assert len(blocks) == -(-size // upload.BLOCK_SIZE)
    assert all(b.headers["content-md5"] == upload.md5_b64(b.content) for b in blocks)
    (commit,) = recorder.puts("comp=blocklist")
    assert commit.headers["x-ms-blob-content-md5"] == upload.md5_b64(fec.read_bytes())


def test_an_interrupted_block_upload_resumes_with_the_missing_blocks_only(
    tmp_path: Path, app: object, small_blocks: None
) -> None:
    fec = _big_fec(tmp_path, 40)
    total = -(-fec.stat().st_size // upload.BLOCK_SIZE)
    failing = Recorder(sandbox_sync_transport(app), fail_on=5)  # type: ignore[arg-type]
    with _client(failing) as loop:
        deposit = loop.imports.deposit_url(fec.name)
        url = str(deposit.deposit_url)
        with pytest.raises(APIStatusError):
            loop.imports._upload(url, fec)
    assert len(failing.puts("comp=block&")) == 5  # 4 stored, the 5th refused
    again = Recorder(sandbox_sync_transport(app))  # type: ignore[arg-type]
    with _client(again) as loop:
        loop.imports._upload(url, fec)
        started = loop.imports.start("fec", "CEGID001", str(deposit.uri))
        assert loop.imports.wait(started.import_request_id, poll_interval=0.01).ok
    assert len(again.puts("comp=block&")) == total - 4


def test_a_corrupted_block_or_blob_is_refused_by_the_storage(tmp_path: Path, app: object) -> None:
    fec = _big_fec(tmp_path, 1)
    with _client(sandbox_sync_transport(app)) as loop:  # type: ignore[arg-type]
        url = str(loop.imports.deposit_url(fec.name).deposit_url)
    with httpx.Client(transport=sandbox_sync_transport(app)) as http:  # type: ignore[arg-type]
        wrong = {"x-ms-blob-type": "BlockBlob", "Content-MD5": upload.md5_b64(b"other")}
        refused = http.put(url, content=fec.read_bytes(), headers=wrong)
        assert refused.status_code == 400 and b"Md5Mismatch" in refused.content
        block = upload.with_query(url, comp="block", blockid=base64.b64encode(b"000000-x").decode())
        refused = http.put(block, content=b"abc", headers={"Content-MD5": upload.md5_b64(b"abd")})
        assert refused.status_code == 400 and b"Md5Mismatch" in refused.content


def test_the_client_never_reads_the_whole_file(
    tmp_path: Path, app: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    fec = _big_fec(tmp_path, 1)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} read whole"))
    with _client(sandbox_sync_transport(app)) as loop:  # type: ignore[arg-type]
        assert loop.imports.fec("CEGID001", fec, poll_interval=0.01, validate=False).ok


async def test_async_blocks(tmp_path: Path, app: object, small_blocks: None) -> None:
    fec = _big_fec(tmp_path, 40)
    async with AsyncLoopClient(
        base_url=BASE,
        subscription_key=DEMO_SUBSCRIPTION_KEY,
        api_key=DEMO_API_KEY,
        transport=sandbox_transport(app),  # type: ignore[arg-type]
    ) as loop:
        result = await loop.imports.fec("CEGID001", fec, poll_interval=0.01)
    assert result.ok and result.details["result"]["ecritures"] == 9 * 40


def test_block_ids_are_fixed_length_and_follow_the_content(tmp_path: Path) -> None:
    one, other = tmp_path / "one", tmp_path / "other"
    one.write_bytes(b"x" * 10_000)
    other.write_bytes(b"x" * 5_000 + b"y" * 5_000)
    a, b = list(upload.iter_blocks(one, size=4096)), list(upload.iter_blocks(other, size=4096))
    assert len({len(base64.b64decode(block.id)) for block in a + b}) == 1
    assert a[0].id == b[0].id and a[1].id != b[1].id  # same bytes, same id; other bytes, another
    assert [(block.offset, block.length) for block in a] == [(0, 4096), (4096, 4096), (8192, 1808)]
    assert b"".join(b"".join(upload.iter_range(other, x.offset, x.length)) for x in b) == other.read_bytes()


@pytest.mark.parametrize("size", ["single put", "blocks"])
async def test_async_imports_never_read_the_file_on_the_event_loop(
    tmp_path: Path, app: object, monkeypatch: pytest.MonkeyPatch, size: str
) -> None:
    if size == "blocks":
        monkeypatch.setattr(upload, "SINGLE_PUT_MAX", 16 * 1024)
        monkeypatch.setattr(upload, "BLOCK_SIZE", 4 * 1024)
    fec = _big_fec(tmp_path, 40 if size == "blocks" else 1)
    loop_thread = threading.current_thread()
    reads: list[threading.Thread] = []
    real_open = Path.open

    def watched_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == fec:
            reads.append(threading.current_thread())
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", watched_open)
    async with AsyncLoopClient(
        base_url=BASE,
        subscription_key=DEMO_SUBSCRIPTION_KEY,
        api_key=DEMO_API_KEY,
        transport=sandbox_transport(app),  # type: ignore[arg-type]
    ) as loop:
        assert (await loop.imports.fec("CEGID001", fec, poll_interval=0.01)).ok
    assert reads, "the file was read"
    assert loop_thread not in reads  # validation, MD5s and chunks all in worker threads
