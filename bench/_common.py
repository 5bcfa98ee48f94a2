"""What the benchmark scripts share: paths, medians, rows and tables, the machine, a loopback server.

A *row* is the dict that ``bench_fec.run`` already returns, plus the figure's id (``P1``...)::

    {"id": "P2", "bench": "decode", "name": ..., "value": 1.8, "unit": "x", "goal": "<= 2.0",
     "ok": True, "detail": ...}

``goal``/``ok`` are ``None`` for the figures that only give context (absolute times, the two sides of
a ratio). Every goal is a ratio of medians measured side by side in one run, never a timed test.
"""

from __future__ import annotations

import gc
import logging
import os
import platform
import socket
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SRC = ROOT / "src"
GENERATED = ROOT / "generated"
EFFECTIVE_SPEC = GENERATED / "openapi.effective.json"

Row = dict[str, Any]


def use_source_tree() -> None:
    """Import ``cegid_loop`` and ``cegid_loop_api`` from this checkout (also when not installed)."""
    for path in (GENERATED, SRC):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))


# -- measuring ----------------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(wall seconds, result) of one call."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def interleaved(count: int, sides: Sequence[str]) -> Iterable[tuple[int, str]]:
    """(round, side) pairs, the order of the sides rotated each round, so that a busy spell of the
    machine or a warming cache does not always favour the same side."""
    for n in range(count):
        shift = n % len(sides)
        for side in [*sides[shift:], *sides[:shift]]:
            yield n, side


def quiet_gc() -> None:
    """Collect the previous run's garbage before timing the next one."""
    gc.collect()


def row(
    fig: str,
    bench: str,
    name: str,
    value: float | None,
    unit: str,
    goal: str | None = None,
    ok: bool | None = None,
    detail: str = "",
) -> Row:
    return {
        "id": fig,
        "bench": bench,
        "name": name,
        "value": None if value is None else round(value, 3),
        "unit": unit,
        "goal": goal,
        "ok": ok,
        "detail": detail,
    }


# -- tables -------------------------------------------------------------------------------------------


def _value(r: Row) -> str:
    value = r["value"]
    if value is None:
        return "-"
    if isinstance(value, float) and abs(value) < 100:
        return f"{value:.2f}"
    return f"{value:,.0f}" if isinstance(value, (int, float)) else str(value)


def _holds(r: Row) -> str:
    return "" if r["ok"] is None else ("yes" if r["ok"] else "NO")


def format_table(rows: Sequence[Row]) -> str:
    width = max(len(r["name"]) for r in rows)
    lines = [f"{'':<3} {'measure':<{width}}  {'value':>9}  {'unit':<5} {'goal':<8} {'holds':<5}  detail"]
    for r in rows:
        lines.append(
            f"{r.get('id', ''):<3} {r['name']:<{width}}  {_value(r):>9}  {r['unit']:<5} "
            f"{r['goal'] or '':<8} {_holds(r):<5}  {r['detail']}"
        )
    return "\n".join(lines)


def markdown_table(rows: Sequence[Row]) -> str:
    lines = [
        "| | measure | value | unit | goal | holds | detail |",
        "|---|---|---:|---|---|---|---|",
    ]
    for r in rows:
        detail = str(r["detail"]).replace("|", "\\|")
        lines.append(
            f"| {r.get('id', '')} | {r['name']} | {_value(r)} | {r['unit']} | {r['goal'] or ''} "
            f"| {_holds(r)} | {detail} |"
        )
    return "\n".join(lines)


def report(rows: Sequence[Row], *, as_json: bool) -> None:
    """A script's output: its table, or its rows as one line of JSON for ``bench/run.py``."""
    if as_json:
        import json

        print(json.dumps(list(rows)))
    else:
        print(format_table(rows))


# -- the machine --------------------------------------------------------------------------------------


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or platform.machine(),
    )
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        usable = os.cpu_count() or 0
    ram = next(
        (
            f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
            for line in _read("/proc/meminfo").splitlines()
            if line.startswith("MemTotal:")
        ),
        "unknown",
    )
    os_name = next(
        (
            line.split("=", 1)[1].strip().strip('"')
            for line in _read("/etc/os-release").splitlines()
            if line.startswith("PRETTY_NAME=")
        ),
        "",
    )
    try:
        load = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except (AttributeError, OSError):
        load = "unknown"
    return {
        "CPU": cpu,
        "cores": f"{os.cpu_count()} logical, {usable} usable by this process",
        "RAM": ram,
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "OS": f"{os_name + ', ' if os_name else ''}{platform.system()} {platform.release()} "
        f"({platform.machine()})",
        "load average at start": load,
    }


def versions(*names: str) -> str:
    from importlib import metadata

    out = []
    for name in names:
        try:
            out.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name} (not installed)")
    return ", ".join(out)


# -- a server on the loopback interface ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerThread:
    """An ASGI app served by uvicorn on 127.0.0.1 (a free port) in a daemon thread.

    ``with ServerThread(app) as url:`` starts it and stops it cleanly. No access log: writing one
    line per request would be measured too.
    """

    def __init__(self, app: Any, port: int | None = None) -> None:
        import uvicorn

        self.port = port or free_port()
        self.server = uvicorn.Server(
            uvicorn.Config(
                app,
                host="127.0.0.1",
                port=self.port,
                log_level="warning",
                access_log=False,
                lifespan="off",
                # Idle keep-alive connections stay open (uvicorn closes them after 5 s by default):
                # the pool's connections outlive a sequential walk, as they would with a gateway.
                timeout_keep_alive=300,
            )
        )
        self.thread = threading.Thread(target=self.server.run, name="bench-server", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 15.0) -> str:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError(f"the benchmark server did not start on {self.url}")
            time.sleep(0.01)
        return self.url

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# -- the sandbox, served by a child process -----------------------------------------------------------
# The server runs in its own process: in a thread of the measuring process it would take the GIL from
# the client in the middle of a call, and its own work would show up in the client's figures.

BENCH_DOSSIER = "BENCH01"


def seed_comptes(app: Any, count: int, dossier: str = BENCH_DOSSIER) -> list[str]:
    """Put ``count`` comptes into a new dossier of the sandbox's demo firm, straight through its store
    (one transaction: 10,000 records in about a second, where as many POSTs would take minutes).

    The documents have the shape of the sandbox's own demo comptes (``seed_data.PCG`` labels, unset
    references). Returns their objectIds in list order.
    """
    from cegid_loop.sandbox.app import sandbox_state
    from cegid_loop.sandbox.seed_data import PCG
    from cegid_loop.sandbox.serializer import reference

    state = sandbox_state(app)
    firm = state.auth.firms[0].id
    store = state.store
    ids: list[str] = []
    with store.transaction():
        store.add_dossier(firm, dossier)
        for n in range(count):
            numero, libelle, collectif, lettrable, pointable = PCG[n % len(PCG)]
            numero = f"{numero[:3]}{n:05d}"
            doc = store.insert(
                firm,
                dossier,
                "compte",
                {
                    "numero": numero,
                    "libelle": libelle,
                    "type": int(numero[0]),
                    "collectif": collectif,
                    "lettrable": lettrable,
                    "pointable": pointable,
                    "centralisable": numero.startswith(("40", "41")),
                    "analytique": numero.startswith(("6", "7")),
                    "ferme": False,
                    "compteContrepartie": reference(None),
                    "compteBanque": reference(None),
                    "tva": "",
                },
            )
            ids.append(str(doc["objectId"]))
    return ids


def pages_stub(app: Any, latency_ms: int, dossier: str = BENCH_DOSSIER) -> Any:
    """An ASGI app that answers ``GET .../compte?skip=&take=`` with the same records as the sandbox,
    shaped by the sandbox's own serializer once at start, after ``latency_ms``: a server whose cost
    per page does not grow with the size of the collection. Only for the P4 diagnosis."""
    import asyncio
    import json
    from urllib.parse import parse_qs

    from cegid_loop.sandbox.app import sandbox_state

    state = sandbox_state(app)
    firm = state.auth.firms[0].id
    match = state.router.match("GET", "/compte")
    assert match is not None, "the sandbox has no GET /compte"
    op = match[0]
    items = [state.sandbox.wire(op, doc) for doc in state.store.documents(firm, dossier, "compte")]

    async def stub(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        status, body = 404, b'{"statusCode": 404, "message": "Resource not found"}'
        if scope["method"] == "GET" and scope["path"].rstrip("/").lower().endswith("/compte"):
            query = parse_qs(scope["query_string"].decode())
            skip = int(query.get("skip", ["0"])[0])
            take = min(100, int(query.get("take", ["100"])[0]))
            await asyncio.sleep(latency_ms / 1000)
            status = 200
            body = json.dumps(items[skip : skip + take], ensure_ascii=False).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    return stub


class SandboxProcess:
    """``with SandboxProcess(comptes=100) as sandbox:`` - a sandbox (``create_app``) holding a dossier
    ``BENCH01`` of ``comptes`` comptes, served by uvicorn on 127.0.0.1 in a child process.

    ``sandbox.url``, ``sandbox.ids`` (the objectIds, in list order), ``sandbox.set_faults(config)``
    (through the control endpoint ``POST /__sandbox__/faults``). ``stub_latency_ms`` serves
    :func:`pages_stub` instead of the sandbox.
    """

    def __init__(
        self, comptes: int, *, stub_latency_ms: int | None = None, import_step_seconds: float = 0.0
    ) -> None:
        self.comptes = comptes
        self.stub_latency_ms = stub_latency_ms
        self.import_step_seconds = import_step_seconds
        self.url = ""
        self.ids: list[str] = []
        self._proc: Any = None

    def __enter__(self) -> SandboxProcess:
        import json
        import subprocess

        command = [sys.executable, str(Path(__file__).resolve()), "serve", "--comptes", str(self.comptes)]
        if self.stub_latency_ms is not None:
            command += ["--stub-latency-ms", str(self.stub_latency_ms)]
        if self.import_step_seconds:  # > 0: imports are queued and settled later, as on Loop
            command += ["--import-step-seconds", str(self.import_step_seconds)]
        path = os.pathsep.join([str(GENERATED), str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])])
        self._proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": path},
        )
        line = self._proc.stdout.readline()
        if not line:
            self._proc.wait(timeout=10)
            raise RuntimeError(f"the sandbox process did not start (exit code {self._proc.returncode})")
        ready = json.loads(line)
        self.url, self.ids = ready["url"], ready["ids"]
        return self

    def set_faults(self, config: dict[str, Any]) -> None:
        import httpx

        response = httpx.post(
            f"{self.url}/__sandbox__/faults", json=config, headers=sandbox_headers(), timeout=30
        )
        response.raise_for_status()

    def __exit__(self, *exc: object) -> None:
        import subprocess

        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.stdin.close()  # the child stops its server when its stdin closes
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.terminate()
            proc.wait(timeout=5)
        proc.stdout.close()


class RetryCounter(logging.Handler):
    """Counts the facade's retries (``cegid_loop`` and ``stamina`` log records) during a measurement:
    a retried call waits, so a figure with retries in it is not the client's speed."""

    LOGGERS = ("cegid_loop", "stamina")

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.retries = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "retry" in record.getMessage().lower():
            self.retries += 1

    def __enter__(self) -> RetryCounter:
        for name in self.LOGGERS:
            logger = logging.getLogger(name)
            logger.addHandler(self)
            logger.setLevel(min(logger.getEffectiveLevel(), logging.INFO))
            logger.propagate = False
        return self

    def __exit__(self, *exc: object) -> None:
        for name in self.LOGGERS:
            logging.getLogger(name).removeHandler(self)


def sandbox_headers() -> dict[str, str]:
    from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY

    return {"Ocp-Apim-Subscription-Key": DEMO_SUBSCRIPTION_KEY, "X-ApiKey": DEMO_API_KEY}


def loop_client(base_url: str, timeout: float = 120.0) -> Any:
    """The facade on a served sandbox, with the demo firm's keys."""
    from cegid_loop import LoopClient
    from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY

    return LoopClient(
        base_url=base_url, subscription_key=DEMO_SUBSCRIPTION_KEY, api_key=DEMO_API_KEY, timeout=timeout
    )


def object_id_text(value: Any) -> str:
    """The objectId as received (the tolerant reader keeps the wire text of a UUID)."""
    return str(getattr(value, "wire", value))


def _serve(argv: list[str]) -> int:
    """Child process: ``python bench/_common.py serve --comptes N [--stub-latency-ms L]``."""
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="_common.py serve")
    parser.add_argument("--comptes", type=int, required=True)
    parser.add_argument("--stub-latency-ms", type=int, default=None)
    parser.add_argument("--import-step-seconds", type=float, default=0.0)
    args = parser.parse_args(argv)
    use_source_tree()
    from cegid_loop.sandbox.app import create_app

    app = create_app(import_step_seconds=args.import_step_seconds)
    ids = seed_comptes(app, args.comptes)
    served = app if args.stub_latency_ms is None else pages_stub(app, args.stub_latency_ms)
    server = ServerThread(served)
    url = server.start()
    print(json.dumps({"url": url, "ids": ids}), flush=True)
    sys.stdin.read()  # until the parent closes our stdin
    server.stop()
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] != ["serve"]:
        raise SystemExit("usage: python bench/_common.py serve --comptes N [--stub-latency-ms L]")
    raise SystemExit(_serve(sys.argv[2:]))
