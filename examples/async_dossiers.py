"""Walk every dossier of the firm with the async client, several calls in flight at once.

    python examples/async_dossiers.py                 # sandbox: the demo firm's two dossiers
    python examples/async_dossiers.py --live          # your Loop (LOOP_* variables); reads only

``dossiers_clients`` lists the firm's client dossiers (cabinet resources are read with the dossier
code ``cabinet``); for each of them three listings run at once, and at most ``--parallel``
dossiers are read at the same time, to stay well within the gateway's rate limit (a 429 is retried
after its ``Retry-After`` anyway).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import AsyncIterator
from typing import TypeVar

from cegid_loop import AsyncLoopClient, LoopError

T = TypeVar("T")


def connect(live: bool) -> AsyncLoopClient:
    """Loop itself with ``--live`` (``LOOP_*`` variables), otherwise an in-process sandbox."""
    if live:
        return AsyncLoopClient()
    from cegid_loop.sandbox import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY
    from cegid_loop.sandbox.app import sandbox_transport

    return AsyncLoopClient(
        base_url="http://sandbox.localhost/loop-api-publiques",
        subscription_key=DEMO_SUBSCRIPTION_KEY,
        api_key=DEMO_API_KEY,
        transport=sandbox_transport(import_step_seconds=0),
    )


async def collect(records: AsyncIterator[T]) -> list[T]:
    return [record async for record in records]


async def summary(loop: AsyncLoopClient, code: str, slots: asyncio.Semaphore) -> tuple[str, int, int, int]:
    async with slots:  # at most --parallel dossiers at once, three calls each
        comptes, journaux, clients = await asyncio.gather(
            collect(loop.comptes.iter(code)),  # every page
            loop.journaux.list(code),  # one page (at most 100) is enough for journals
            collect(loop.tiers_clients.iter(code)),
        )
    return code, len(comptes), len(journaux), len(clients)


async def main(live: bool, parallel: int) -> int:
    try:
        async with connect(live) as loop:
            # A field the answer lacks is UNSET, not a str: keep the dossiers that have a code.
            codes = [d.code async for d in loop.dossiers_clients.iter("cabinet") if isinstance(d.code, str)]
            slots = asyncio.Semaphore(parallel)
            rows = await asyncio.gather(*(summary(loop, code, slots) for code in codes))
    except LoopError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{'dossier':<10} {'comptes':>8} {'journaux':>9} {'clients':>8}")
    for code, comptes, journaux, clients in rows:
        print(f"{code:<10} {comptes:>8} {journaux:>9} {clients:>8}")
    print(f"{len(rows)} dossier(s)")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Count records in every dossier of the firm.")
    parser.add_argument("--live", action="store_true", help="call Loop (LOOP_* variables), not the sandbox")
    parser.add_argument("--parallel", type=int, default=4, help="dossiers read at the same time")
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.live, args.parallel)))
