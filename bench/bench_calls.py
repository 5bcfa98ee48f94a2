"""P1 - call overhead of the facade.

    python bench/bench_calls.py [--calls 200] [--warmup 20]

One sandbox served by uvicorn on 127.0.0.1 (a free port, in a child process, so that the server
never competes with the client for the GIL) holds a dossier of exactly 100 comptes. The same
GET ``/compte?codeDossier=BENCH01&take=100`` is made two ways, alternately (A B, B A, ...), after a
warm-up:

- A: ``loop.comptes.list("BENCH01", take=100)`` - the facade: retries wrapper, auth, the generated
  ``sync_detailed``, 100 ``Compte`` models, the error checks;
- B: ``httpx.Client.get(...)`` with the same two headers, then ``json.loads`` of the body;
- C: B, then the same 100 ``Compte.from_dict`` models (context: what the facade costs beyond the
  models it builds, i.e. its call machinery).

Figure: median(A) / median(B). Goal: <= 1.10. The server's own time is in both sides; the absolute
medians and their difference (the facade's cost per call) are printed too, and the CPU time this
process spends per call on each side (``time.process_time``: the client's own work, which a busy
machine does not inflate as much as the wall time).
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

import _common
from _common import Row, interleaved, median, row

GOAL = 1.10
PAGE = 100


def run(calls: int = 200, warmup: int = 20) -> list[Row]:
    _common.use_source_tree()
    import httpx

    params = {"codeDossier": _common.BENCH_DOSSIER, "take": str(PAGE)}
    with _common.SandboxProcess(comptes=PAGE) as sandbox:
        url, ids = sandbox.url, sandbox.ids
        raw = httpx.Client(base_url=url, headers=_common.sandbox_headers(), timeout=60.0)
        loop = _common.loop_client(url, timeout=60.0)
        try:

            def facade() -> list[Any]:
                result: list[Any] = loop.comptes.list(_common.BENCH_DOSSIER, take=PAGE)
                return result

            def plain() -> list[Any]:
                response = raw.get("/compte", params=params)
                response.raise_for_status()
                result: list[Any] = json.loads(response.content)
                return result

            from cegid_loop_api.models import Compte
            from cegid_loop_api.types import loads

            def modelled() -> list[Any]:
                response = raw.get("/compte", params=params)
                response.raise_for_status()
                return [Compte.from_dict(record) for record in loads(response.content)]

            # Same records every way, or the comparison means nothing.
            a, b, m = facade(), plain(), modelled()
            assert [_common.object_id_text(c.object_id) for c in a] == ids, "facade: wrong page"
            assert [c["objectId"] for c in b] == ids, "httpx: wrong page"
            assert [_common.object_id_text(c.object_id) for c in m] == ids, "httpx + models: wrong page"

            sides = {"facade": facade, "httpx": plain, "models": modelled}
            for _ in range(warmup):
                for fn in sides.values():
                    fn()
            times: dict[str, list[float]] = {name: [] for name in sides}
            cpu: dict[str, float] = dict.fromkeys(sides, 0.0)
            started = time.perf_counter()
            with _common.RetryCounter() as counter:
                for _, name in interleaved(calls, list(sides)):
                    c, t = time.process_time(), time.perf_counter()
                    result = sides[name]()
                    times[name].append(time.perf_counter() - t)
                    cpu[name] += time.process_time() - c
                    assert len(result) == PAGE
            elapsed = time.perf_counter() - started
        finally:
            loop.close()
            raw.close()

    fa, pl, mo = median(times["facade"]), median(times["httpx"]), median(times["models"])
    ratio = fa / pl
    return [
        row(
            "P1",
            "calls",
            "facade loop.comptes.list (100 comptes)",
            fa * 1000,
            "ms",
            detail=f"median of {calls} calls over loopback, p90 {_p90(times['facade']) * 1000:.2f} ms",
        ),
        row(
            "P1",
            "calls",
            "raw httpx GET + json.loads",
            pl * 1000,
            "ms",
            detail=f"median of {calls} calls, same URL and server, p90 {_p90(times['httpx']) * 1000:.2f} ms",
        ),
        row(
            "P1",
            "calls",
            "facade / raw httpx (call overhead)",
            ratio,
            "x",
            f"<= {GOAL}",
            ratio <= GOAL,
            f"facade costs {(fa - pl) * 1000:+.2f} ms a call (models included); client CPU a call: "
            f"facade {cpu['facade'] / calls * 1000:.2f} ms, httpx {cpu['httpx'] / calls * 1000:.2f} ms; "
            f"calls alternated, {elapsed:.0f}s, {counter.retries} retries",
        ),
        row(
            "P1",
            "calls",
            "raw httpx GET + the same 100 Compte models",
            mo * 1000,
            "ms",
            detail=f"median of {calls} calls, alternated with the two above; client CPU a call "
            f"{cpu['models'] / calls * 1000:.2f} ms",
        ),
        row(
            "P1",
            "calls",
            "facade / (raw httpx + the same models)",
            fa / mo,
            "x",
            detail="context, not the goal: the facade's call machinery alone costs "
            f"{(fa - mo) * 1000:+.2f} ms a call; the models cost {(mo - pl) * 1000:+.2f} ms of the "
            f"{(fa - pl) * 1000:+.2f} ms above",
        ),
    ]


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=200, help="timed calls of each side")
    parser.add_argument("--warmup", type=int, default=20, help="untimed calls of each side first")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (for bench/run.py)")
    args = parser.parse_args()
    _common.report(run(args.calls, args.warmup), as_json=args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
