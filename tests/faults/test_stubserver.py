"""The stub server itself, driven with plain httpx: each behaviour happens as programmed."""

from __future__ import annotations

import itertools
import json
import socket
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.faults.behaviours import _crc32_of_zeros
from tests.faults.conftest import StubFactory
from tests.faults.stubserver import (
    Close,
    Drip,
    Empty,
    GzipBomb,
    Hang,
    Html,
    Json,
    Redirect,
    ResetMidBody,
    Respond,
    StubServer,
    gzip_bomb,
)

pytestmark = pytest.mark.timeout(60)


def test_json_answer_and_what_is_recorded(stub_server: StubServer) -> None:
    stub_server.add("/compte", Json({"items": [{"id": 1}]}, headers={"X-Request-Id": "r-1"}))
    with httpx.Client(base_url=stub_server.base_url) as client:
        r = client.post(
            "/compte?codeDossier=D1&codeDossier=D2&skip=", json={"a": 1}, headers={"x-apikey": "K"}
        )
    assert r.status_code == 200 and r.json() == {"items": [{"id": 1}]}
    assert r.headers["content-type"] == "application/json" and r.headers["x-request-id"] == "r-1"
    (req,) = stub_server.requests
    assert (req.method, req.path, req.query, req.version) == (
        "POST",
        "/compte",
        "codeDossier=D1&codeDossier=D2&skip=",
        "HTTP/1.1",
    )
    assert req.params == {"codeDossier": ["D1", "D2"], "skip": [""]}
    assert req.header("X-APIKEY") == "K" and req.json() == {"a": 1} and req.answered_with == "Json"
    assert req.target == "/compte?codeDossier=D1&codeDossier=D2&skip="


def test_sequence_three_503_then_200(stub_server: StubServer) -> None:
    stub_server.sequence(
        "/importFec", (3, Respond(503, b"busy", headers={"Retry-After": "7"})), Json({"id": "42"})
    )
    with httpx.Client(base_url=stub_server.base_url) as client:
        answers = [client.post("/importFec", content=b"{}") for _ in range(5)]
    assert [a.status_code for a in answers] == [503, 503, 503, 200, 200]
    assert answers[0].headers["retry-after"] == "7" and answers[0].content == b"busy"
    assert answers[4].json() == {"id": "42"}
    assert len(stub_server.requests_to("/importFec", method="POST")) == 5
    assert {r.connection for r in stub_server.requests} == {1}  # one keep-alive connection throughout


def test_times_methods_wildcard_and_unprogrammed(stub_server: StubServer) -> None:
    stub_server.add("/x", Json("once"), times=1, method="GET")
    stub_server.add("/x", Json("posted"), method="POST")
    stub_server.add("*", Json("anything else"), method="DELETE")
    with httpx.Client(base_url=stub_server.base_url) as client:
        assert client.get("/x").json() == "once"
        exhausted = client.get("/x")
        assert exhausted.status_code == 404 and "ran out after 1 request" in exhausted.json()["stub"]
        assert client.post("/x").json() == "posted"
        assert client.delete("/y").json() == "anything else"
        missing = client.get("/nowhere")
        assert missing.status_code == 404 and missing.json() == {
            "stub": "nothing programmed for GET /nowhere"
        }
    with pytest.raises(ValueError, match="times must be at least 1"):
        stub_server.add("/x", Empty(), times=0)
    stub_server.reset()
    assert stub_server.requests == []


@pytest.mark.parametrize(
    ("status", "headers", "reason"),
    [
        (429, {"Retry-After": "2"}, "Too Many Requests"),
        (520, {"CF-RAY": "abc"}, "Unknown"),
        (503, {}, "Service Unavailable"),
    ],
)
def test_arbitrary_status(stub_server: StubServer, status: int, headers: dict[str, str], reason: str) -> None:
    stub_server.add("/s", Respond(status, b'{"error": "x"}', headers))
    r = httpx.get(stub_server.url("/s"))
    assert r.status_code == status and r.reason_phrase == reason and r.content == b'{"error": "x"}'
    for name, value in headers.items():
        assert r.headers[name] == value


def test_empty_and_html_200(stub_server: StubServer) -> None:
    stub_server.add("/empty", Empty())
    stub_server.add("/html", Html("<html>maintenance</html>"))
    empty = httpx.get(stub_server.url("/empty"))
    assert empty.status_code == 200 and empty.content == b"" and empty.headers["content-length"] == "0"
    with pytest.raises(json.JSONDecodeError):
        empty.json()
    html = httpx.get(stub_server.url("/html"))
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    with pytest.raises(json.JSONDecodeError):
        html.json()


def test_drip_sends_one_byte_at_a_time(stub_server: StubServer) -> None:
    stub_server.add("/drip", Drip(b"abcde", interval=0.15))
    arrivals: list[tuple[float, bytes]] = []
    start = time.monotonic()
    with httpx.stream("GET", stub_server.url("/drip"), timeout=5) as r:
        assert r.headers["content-length"] == "5"  # the headers come at once
        header_time = time.monotonic() - start
        arrivals.extend((time.monotonic() - start, chunk) for chunk in r.iter_raw())
    assert header_time < 0.15
    assert b"".join(c for _, c in arrivals) == b"abcde" and len(arrivals) == 5
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(arrivals)]
    assert all(g > 0.1 for g in gaps), gaps
    with pytest.raises(httpx.ReadTimeout):  # a read timeout below the interval trips
        httpx.get(stub_server.url("/drip"), timeout=httpx.Timeout(5, read=0.05))


def test_hang_without_answer(stub_server: StubServer) -> None:
    stub_server.add("/hang", Hang())
    start = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(stub_server.url("/hang"), content=b"payload", timeout=httpx.Timeout(5, read=0.3))
    assert 0.3 <= time.monotonic() - start < 2
    (req,) = stub_server.wait_for(1)
    assert req.body == b"payload" and req.answered_with == "Hang"


def test_hang_after_headers(stub_server: StubServer) -> None:
    stub_server.add("/hang", Hang(after_headers=True, content_length=10))
    with httpx.stream("GET", stub_server.url("/hang"), timeout=httpx.Timeout(5, read=0.3)) as r:
        assert r.status_code == 200 and r.headers["content-length"] == "10"
        with pytest.raises(httpx.ReadTimeout):
            r.read()


@pytest.mark.parametrize(("rst", "error"), [(True, httpx.ReadError), (False, httpx.RemoteProtocolError)])
def test_reset_mid_body(stub_server: StubServer, rst: bool, error: type[Exception]) -> None:
    body = b"x" * 10_000
    stub_server.add("/rst", ResetMidBody(body, fraction=0.5, rst=rst))
    received = bytearray()
    with pytest.raises(error), httpx.stream("GET", stub_server.url("/rst"), timeout=5) as r:
        assert r.headers["content-length"] == "10000"
        for chunk in r.iter_raw():
            received += chunk
    assert len(received) == 5000


def test_close_without_answer(stub_server: StubServer) -> None:
    stub_server.add("/close", Close())
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        httpx.get(stub_server.url("/close"))


def test_redirect_to_another_host_shows_where_keys_go(stub_server_factory: StubFactory) -> None:
    api, elsewhere = stub_server_factory(), stub_server_factory()
    elsewhere.add("/landing", Json({"stolen": True}))
    api.add("/compte", Redirect(elsewhere.url("/landing"), status=307))
    keys = {"Ocp-Apim-Subscription-Key": "sub-key", "x-apikey": "api-key", "Authorization": "Bearer t"}
    not_followed = httpx.get(api.url("/compte"), headers=keys)
    assert not_followed.status_code == 307 and not_followed.headers["location"] == elsewhere.url("/landing")
    assert elsewhere.requests == []
    # A client that follows: the record shows what reached the other host. httpx drops Authorization
    # across origins but keeps custom key headers: exactly what the fault suite must catch.
    followed = httpx.get(api.url("/compte"), headers=keys, follow_redirects=True)
    assert followed.json() == {"stolen": True}
    (leak,) = elsewhere.requests
    assert leak.header("Authorization") is None and leak.header("x-apikey") == "api-key"


def test_gzip_bomb_is_small_on_the_wire_and_huge_inflated(stub_server: StubServer) -> None:
    stub_server.add("/bomb", GzipBomb())  # 2 GiB inflated
    inflated = 0
    with httpx.stream("GET", stub_server.url("/bomb"), timeout=10) as r:
        assert r.headers["content-encoding"] == "gzip"
        wire = int(r.headers["content-length"])
        assert wire < 4_000_000  # about 1/1000 of what it inflates to
        for chunk in r.iter_bytes():  # httpx inflates as it reads; stop well before 2 GiB
            assert not chunk.strip(b"\0")
            inflated += len(chunk)
            if inflated >= 64 << 20:
                break
    assert inflated >= 64 << 20
    header, block, repeat, tail = gzip_bomb(2 << 30)
    assert len(header) + len(block) * repeat + len(tail) == wire
    assert tail[-4:] == (2 << 30 & 0xFFFFFFFF).to_bytes(4, "little")  # ISIZE: 2 GiB mod 2^32


def test_gzip_bomb_is_a_valid_gzip_stream() -> None:
    size = (3 << 20) + 12345  # small enough to inflate whole: zlib checks the CRC and the length
    header, block, repeat, tail = gzip_bomb(size)
    data = zlib.decompress(header + block * repeat + tail, wbits=31)
    assert len(data) == size and not data.strip(b"\0")
    assert all(_crc32_of_zeros(n) == zlib.crc32(bytes(n)) for n in (0, 1, 7, 4096, 65537))


def test_chunked_upload_and_bad_requests(stub_server: StubServer) -> None:
    stub_server.add("/up", Json("ok"))
    with httpx.Client(base_url=stub_server.base_url) as client:
        r = client.post("/up", content=iter([b"part1-", b"part2"]))  # a generator: chunked encoding
    assert r.json() == "ok" and stub_server.requests[0].body == b"part1-part2"
    assert stub_server.requests[0].header("Transfer-Encoding") == "chunked"
    for raw, status in (
        (b"NONSENSE\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nbad header\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n", 413),
        (b"GET / HTTP/1.1\r\nX: " + b"a" * 70_000, 431),
    ):
        with socket.create_connection(("127.0.0.1", stub_server.port), timeout=5) as sock:
            sock.sendall(raw)
            assert sock.recv(100).startswith(f"HTTP/1.1 {status} ".encode()), raw[:30]


def test_concurrent_clients_are_counted_exactly(stub_server: StubServer) -> None:
    stub_server.sequence("/n", (7, Respond(503)), Json("ok"))
    limits = httpx.Limits(max_connections=8)
    with httpx.Client(base_url=stub_server.base_url, limits=limits) as client, ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda _: client.get("/n").status_code, range(40)))
    assert statuses.count(503) == 7 and statuses.count(200) == 33
    assert len(stub_server.requests_to("/n")) == 40
    assert [r.answered_with for r in stub_server.requests].count("Respond") == 7


def test_close_is_prompt_and_leaves_no_thread() -> None:
    server = StubServer().start()
    server.add("/hang", Hang())
    server.add("/drip", Drip(b"x" * 1000, interval=1))
    errors: list[BaseException] = []

    def call(path: str) -> None:
        try:
            httpx.get(server.url(path), timeout=30)
        except httpx.HTTPError as exc:
            errors.append(exc)

    clients = [threading.Thread(target=call, args=(p,)) for p in ("/hang", "/drip", "/hang")]
    for t in clients:
        t.start()
    server.wait_for(3)
    start = time.monotonic()
    server.close()
    assert time.monotonic() - start < 2 and server.threads() == []
    for t in clients:
        t.join(5)
    assert len(errors) == 3  # each client saw its connection end, none waited for its 30 s timeout
    assert not [t for t in threading.enumerate() if t.name.startswith(f"stubserver-{server.port}-")]
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.url("/hang"), timeout=2)
    server.close()  # closing twice is harmless


def test_idle_client_is_dropped_after_io_timeout() -> None:
    with (
        StubServer(io_timeout=0.3) as server,
        socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock,
    ):
        sock.sendall(b"GET / HTTP/1.1\r\n")  # never finishes its request
        start = time.monotonic()
        assert sock.recv(10) == b""  # the server gave up and closed
        assert time.monotonic() - start < 2
