"""Export a big listing to CSV, page after page, in bounded memory.

    python examples/export_listing.py                          # sandbox: first adds 250 customers
    python examples/export_listing.py --live --dossier CODE    # your Loop (LOOP_* variables); reads only

``iter()`` asks for ``page_size`` records at a time (``skip``/``take``, at most 100), yields each
record once and stops after a short page; ``concurrency`` fetches pages ahead. A stable ``sort`` on
a unique field keeps skip/take pages consistent while the data changes.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import httpx

from cegid_loop import LoopClient, LoopError, Sort

FIELDS = ["code", "raisonSociale", "telephone", "objectId", "revisionId"]


class CountingTransport(httpx.BaseTransport):
    """Counts the HTTP requests sent (any transport can be wrapped so: metrics, logs, tests)."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def connect(live: bool, transport: CountingTransport) -> LoopClient:
    """Loop itself with ``--live`` (``LOOP_*`` variables), otherwise an in-process sandbox."""
    if live:
        return LoopClient(transport=transport)
    from cegid_loop.sandbox import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY

    return LoopClient(
        base_url="http://sandbox.localhost/loop-api-publiques",
        subscription_key=DEMO_SUBSCRIPTION_KEY,
        api_key=DEMO_API_KEY,
        transport=transport,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Export every customer of a dossier to CSV.")
    parser.add_argument("--live", action="store_true", help="call Loop (LOOP_* variables), not the sandbox")
    parser.add_argument("--dossier", default="CEGID001")
    parser.add_argument("--output", type=Path, default=Path("tiers-clients.csv"))
    parser.add_argument("--page-size", type=int, default=100)
    args = parser.parse_args(argv)

    if args.live:
        transport = CountingTransport(httpx.HTTPTransport())
    else:
        from cegid_loop.sandbox.app import sandbox_sync_transport

        transport = CountingTransport(sandbox_sync_transport(import_step_seconds=0))
    try:
        with connect(args.live, transport) as loop:
            if not args.live:  # something worth paging through
                for n in range(250):
                    loop.tiers_clients.create(
                        args.dossier, {"code": f"CL{n:05d}", "raisonSociale": f"Client {n}"}
                    )
            transport.requests = 0
            # --8<-- [start:export]
            with args.output.open("w", newline="", encoding="utf-8") as out:
                # Wire names; a field the record lacks is an empty cell (to_dict() leaves it out).
                writer = csv.DictWriter(out, FIELDS, restval="", extrasaction="ignore")
                writer.writeheader()
                rows = 0
                for tiers in loop.tiers_clients.iter(
                    args.dossier, sort=Sort("code"), page_size=args.page_size, concurrency=2
                ):
                    writer.writerow(tiers.to_dict())
                    rows += 1
            # --8<-- [end:export]
    except LoopError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{rows} customers written to {args.output} in {transport.requests} request(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
