"""P8 - `cegid-loop mirror` of a firm: a first run, then a second one with 1 % of the records changed.

    python bench/bench_mirror.py [--dossiers 10] [--records 1000] [--latency-ms 20]
                                 [--concurrency 1,4] [--changed 0.01]

A sandbox in a child process (uvicorn on 127.0.0.1) holds a firm of ``--dossiers`` dossiers of
``--records`` reference records each (accounts, third parties of the four types, journals,
analytics, periods, VAT codes, bank accounts, establishments: put straight into its store, no demo
data), listed by the firm's ``GET /dossierClient``; a latency fault delays every API call by
``--latency-ms``. For each ``--concurrency`` (resources read at once), a fresh mirror database:

- first run (``Mirror.run()``: the firm's dossier list, then every resource of every dossier);
- ``--changed`` of the records changed through the API (untimed, latency off): a third created,
  a third modified, a third deleted, spread over the dossiers;
- second run: it must report exactly those changes (by objectId), or the bench fails.

Figures: wall time, requests made (counted at the transport), records/s, per run; second / first
wall time; the speed-up of the highest concurrency over 1. No server-side change filter exists
(docs/guides/mirror.md), so a second run reads everything again: what it saves is writes, and
what it adds is one lookup per apparent deletion.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common
from _common import Row, interleaved, median, row

PREFIX = "BENCH"
# Records of each dossier, by sandbox collection (and tiers type): fractions of --records.
SHARES = (
    ("compte", None, 0.40),
    ("tiers", 0, 0.12),
    ("tiers", 1, 0.12),
    ("tiers", 2, 0.04),
    ("tiers", 4, 0.02),
    ("journal", None, 0.05),
    ("section", None, 0.10),
    ("axe", None, 0.01),
    ("periode", None, 0.06),
    ("tva", None, 0.03),
    ("comptebancaire", None, 0.02),
    ("etablissementcomplet", None, 0.02),
    ("etablissementjuridique", None, 0.01),
)


def _document(collection: str, tiers_type: int | None, n: int) -> dict[str, Any]:
    from cegid_loop.sandbox.serializer import reference

    code = f"{collection[:3].upper()}{n:05d}"
    if collection == "compte":
        return {
            "numero": f"{6 + n % 2}{n:07d}",
            "libelle": f"Compte {n}",
            "type": 6 + n % 2,
            "collectif": False,
            "lettrable": n % 3 == 0,
            "pointable": False,
            "centralisable": False,
            "analytique": True,
            "ferme": False,
            "compteContrepartie": reference(None),
            "compteBanque": reference(None),
            "tva": "",
        }
    if collection == "tiers":
        return {
            "code": f"T{tiers_type}{n:06d}",
            "type": tiers_type,
            "nature": "2",
            "raisonSociale": f"Société {n}",
            "nomUsuel": f"Société {n}",
            "lettrable": True,
            "compteContrepartie": reference(None),
            "telephone": f"04 78 {n % 100:02d} 12 34",
            "email": f"contact{n}@example.fr",
            "adr": {"adresse1": f"{n} rue de la République", "codePostal": "69002", "ville": "Lyon"},
            "rib": [],
            "actif": True,
            "soumisTva": True,
        }
    if collection == "journal":
        return {
            "code": code,
            "libelle": f"Journal {n}",
            "type": 1 + n % 8,
            "ferme": False,
            "saisieLibelle": 2,
        }
    if collection == "section":
        return {
            "code": code,
            "description": f"Section {n}",
            "ferme": False,
            "axe": {"objectId": None, "description": ""},
        }
    if collection == "periode":
        return {"code": code, "dateDebut": "2026-01-01", "dateFin": "2026-01-31", "cloturee": False}
    if collection == "tva":
        return {"code": code, "description": f"TVA {n}", "regime": 1 + n % 8, "collecte": {"client": 411}}
    return {"code": code, "libelle": f"{collection} {n}"}


def seed_firm(app: Any, dossiers: int, records: int) -> list[str]:
    """The firm's dossiers (dossierClient records in the cabinet, and their data), in one transaction."""
    from cegid_loop.sandbox.app import sandbox_state
    from cegid_loop.sandbox.store import CABINET

    state = sandbox_state(app)
    firm = state.auth.firms[0].id
    store = state.store
    codes = [f"{PREFIX}{d:02d}" for d in range(dossiers)]
    with store.transaction():
        store.add_dossier(firm, CABINET)
        for code in codes:
            store.add_dossier(firm, code)
            store.insert(
                firm, CABINET, "dossierclient", {"code": code, "libelle": f"Dossier {code}", "actif": True}
            )
            store.insert(firm, code, "dossiercomplet", {"siren": "", "formeJuridique": "SARL"})
            n = 0
            for collection, tiers_type, share in SHARES:
                for _ in range(round(records * share)):
                    store.insert(firm, code, collection, _document(collection, tiers_type, n))
                    n += 1
    return codes


def _serve(argv: list[str]) -> int:
    """Child process: the firm's sandbox on a loopback port until stdin closes."""
    parser = argparse.ArgumentParser(prog="bench_mirror.py serve")
    parser.add_argument("--dossiers", type=int, required=True)
    parser.add_argument("--records", type=int, required=True)
    args = parser.parse_args(argv)
    _common.use_source_tree()
    from cegid_loop.sandbox.app import create_app
    from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY, Firm

    app = create_app(firms=[Firm(DEMO_SUBSCRIPTION_KEY, DEMO_API_KEY, name="Bench", seed=False)])
    codes = seed_firm(app, args.dossiers, args.records)
    server = _common.ServerThread(app)
    print(json.dumps({"url": server.start(), "dossiers": codes}), flush=True)
    sys.stdin.read()
    server.stop()
    return 0


class Served:
    """``with Served(dossiers, records) as served:`` the child process; ``served.url``, ``.dossiers``."""

    def __init__(self, dossiers: int, records: int) -> None:
        self.args = ["--dossiers", str(dossiers), "--records", str(records)]
        self.url, self.dossiers, self._proc = "", [], None

    def __enter__(self) -> Served:
        path = os.pathsep.join([str(_common.GENERATED), str(_common.SRC), os.environ.get("PYTHONPATH", "")])
        command = [sys.executable, str(Path(__file__).resolve()), "serve", *self.args]
        self._proc = proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": path},
        )
        assert proc.stdout is not None
        ready = json.loads(proc.stdout.readline() or "{}")
        if "url" not in ready:
            raise RuntimeError(f"the sandbox process did not start (exit code {proc.wait(10)})")
        self.url, self.dossiers = ready["url"], ready["dossiers"]
        return self

    def latency(self, ms: int) -> None:
        import httpx

        rules = [{"kind": "latency", "ms": ms}] if ms else []
        headers = _common.sandbox_headers()
        httpx.post(
            f"{self.url}/__sandbox__/faults", json={"rules": rules}, headers=headers, timeout=30
        ).raise_for_status()

    def __exit__(self, *exc: object) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.stdin is not None:
            proc.stdin.close()
            proc.wait(15)


def _counting_client(url: str) -> tuple[Any, list[int]]:
    import httpx

    from cegid_loop import LoopClient
    from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY

    count = [0, 0]  # requests, of which lookups (a filter)

    class Counting(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            count[0] += 1
            count[1] += "filter" in request.url.params
            return super().handle_request(request)

    transport = Counting(limits=httpx.Limits(max_connections=32, max_keepalive_connections=32))
    loop = LoopClient(
        base_url=url, subscription_key=DEMO_SUBSCRIPTION_KEY, api_key=DEMO_API_KEY, transport=transport
    )
    return loop, count


_NEW_NUMEROS = itertools.count()


def _warm_up(loop: Any, dossier: str) -> None:
    """Connection, and the modules of every resource imported, before the clock starts."""
    from cegid_loop.mirror import DEFAULT_RESOURCES

    for name in DEFAULT_RESOURCES:
        getattr(loop, name).list(dossier, take=1)
    loop.dossiers_clients.list("cabinet", take=1)


def change_some(loop: Any, dossiers: list[str], fraction: float, records: int) -> set[tuple[str, str, str]]:
    """``fraction`` of the records changed through the API: (kind, dossier, objectId) of each."""
    per_dossier = max(3, round(records * fraction))
    made: set[tuple[str, str, str]] = set()
    for code in dossiers:
        comptes = loop.comptes.list(code, take=100)
        kinds = ["created", "modified", "deleted"] * per_dossier
        for n, kind in enumerate(kinds[:per_dossier]):
            if kind == "created":
                numero = f"8{next(_NEW_NUMEROS):07d}"  # unique across calls: a numero is a unique key
                new = loop.comptes.create(code, {"numero": numero, "libelle": f"Nouveau {n}"})
                made.add((kind, code, str(new.to_dict()["objectId"])))
            elif kind == "modified":
                record = comptes[n]
                record.libelle = f"Modifié {n}"
                loop.comptes.update(code, record)
                made.add((kind, code, str(record.to_dict()["objectId"])))
            else:
                loop.comptes.delete(code, comptes[n])
                made.add((kind, code, str(comptes[n].to_dict()["objectId"])))
    return made


def measure(
    served: Served, concurrency: int, fraction: float, records: int, latency_ms: int
) -> dict[str, Any]:
    """Both runs on a fresh database; the changes in between are made without latency (untimed)."""
    from cegid_loop.mirror import Mirror

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "mirror.sqlite"
        for name in ("first", "second"):
            if name == "second":
                served.latency(0)
                with _counting_client(served.url)[0] as loop:
                    expected = change_some(loop, served.dossiers, fraction, records)
            served.latency(latency_ms)
            loop, count = _counting_client(served.url)
            with loop, Mirror(loop, db, concurrency=concurrency) as mirror:
                _warm_up(loop, served.dossiers[0])
                count[:] = [0, 0]
                started = time.perf_counter()
                summary = mirror.run()
                wall = time.perf_counter() - started
                changes = mirror.store.changes(summary.run_id)
            if summary.failed:
                raise AssertionError(f"{name} run: failed steps {summary.failed[:3]}")
            if name == "second":
                got = {(c["kind"], c["dossier"], c["objectId"]) for c in changes}
                if got != expected:
                    raise AssertionError(
                        f"second run reported {len(got)} changes for {len(expected)} made: "
                        f"{len(got - expected)} not made, {len(expected - got)} missed"
                    )
            out[name] = {
                "wall": wall,
                "requests": count[0],
                "lookups": count[1],
                "records": summary.totals()["records"],
                "changes": len(changes),
            }
    return out


def run(
    dossiers: int = 10,
    records: int = 1000,
    latency_ms: int = 20,
    concurrencies: tuple[int, ...] = (1, 4),
    fraction: float = 0.01,
    repeat: int = 1,
) -> list[Row]:
    """Medians over ``repeat`` rounds, the concurrencies alternated within each."""
    _common.use_source_tree()
    results: dict[int, list[dict[str, Any]]] = {c: [] for c in concurrencies}
    with Served(dossiers, records) as served:
        for _, concurrency in interleaved(repeat, [str(c) for c in concurrencies]):
            results[int(concurrency)].append(measure(served, int(concurrency), fraction, records, latency_ms))
    rows: list[Row] = []
    first_walls: dict[int, float] = {}
    for concurrency, rounds in results.items():
        walls = {name: median([r[name]["wall"] for r in rounds]) for name in ("first", "second")}
        first_walls[concurrency] = walls["first"]
        for name, label in (("first", "first run"), ("second", f"second run, {fraction:.0%} changed")):
            last = rounds[-1][name]
            rows.append(
                row(
                    "P8",
                    "mirror",
                    f"concurrency {concurrency}: {label}",
                    walls[name],
                    "s",
                    detail=f"{last['requests']} requests ({last['lookups']} lookups by objectId), "
                    f"{last['records']:,} records, {last['records'] / walls[name]:,.0f} records/s, "
                    f"{last['changes']:,} changes reported; median of {len(rounds)}",
                )
            )
        first, second = rounds[-1]["first"], rounds[-1]["second"]
        rows.append(
            row(
                "P8",
                "mirror",
                f"concurrency {concurrency}: second / first",
                walls["second"] / walls["first"],
                "x",
                detail=f"requests {second['requests']} / {first['requests']}: every record read again, "
                "plus one lookup per apparent deletion; exactly the changes made were reported",
            )
        )
    if len(first_walls) > 1:
        low, high = min(first_walls), max(first_walls)
        rows.append(
            row(
                "P8",
                "mirror",
                f"first run, concurrency {high} vs {low}",
                first_walls[low] / first_walls[high],
                "x",
                detail=f"{dossiers} dossiers x {records:,} records, {latency_ms} ms latency per call",
            )
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=10)
    parser.add_argument("--records", type=int, default=1000, help="reference records per dossier")
    parser.add_argument("--latency-ms", type=int, default=20)
    parser.add_argument("--concurrency", default="1,4", help="resources read at once, comma-separated")
    parser.add_argument("--changed", type=float, default=0.01, help="fraction changed before the second run")
    parser.add_argument("--repeat", type=int, default=1, help="rounds (medians), concurrencies alternated")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (for bench/run.py)")
    args = parser.parse_args()
    concurrencies = tuple(int(c) for c in args.concurrency.split(","))
    rows = run(args.dossiers, args.records, args.latency_ms, concurrencies, args.changed, args.repeat)
    _common.report(rows, as_json=args.json)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        raise SystemExit(_serve(sys.argv[2:]))
    raise SystemExit(main())
