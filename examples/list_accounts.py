"""List the chart of accounts of a dossier, filtered on the server.

    python examples/list_accounts.py                        # the in-process sandbox: no network, no keys
    python examples/list_accounts.py --class 4 --dossier CEGID003
    python examples/list_accounts.py --live --dossier CODE  # your Loop (LOOP_* variables)

With ``--live`` the settings come from LOOP_BASE_URL, LOOP_SUBSCRIPTION_KEY and LOOP_API_KEY: keys
belong in variables (or a secret store), never in a command line or in the code.
"""

from __future__ import annotations

import argparse
import sys

from cegid_loop import F, LoopClient, LoopError, Sort


def connect(live: bool) -> LoopClient:
    """Loop itself with ``--live`` (settings from the ``LOOP_*`` variables); otherwise a sandbox in
    this process, with its demo firm (dossiers CEGID001 and CEGID003) and demo keys."""
    if live:
        return LoopClient()
    from cegid_loop.sandbox import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY
    from cegid_loop.sandbox.app import sandbox_sync_transport

    return LoopClient(
        base_url="http://sandbox.localhost/loop-api-publiques",  # any name: nothing leaves the process
        subscription_key=DEMO_SUBSCRIPTION_KEY,
        api_key=DEMO_API_KEY,
        transport=sandbox_sync_transport(import_step_seconds=0),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="List the accounts of a dossier, filtered on the server.")
    parser.add_argument("--live", action="store_true", help="call Loop (LOOP_* variables), not the sandbox")
    parser.add_argument("--dossier", default="CEGID001", help="dossier code (default: CEGID001)")
    parser.add_argument("--class", dest="account_class", default="6", help="first digit(s) of the accounts")
    args = parser.parse_args(argv)

    try:
        with connect(args.live) as loop:
            dossier = loop.dossiers.get(args.dossier)
            print(f"dossier {args.dossier}, SIREN {dossier.siren}")
            count = 0
            # One filter on the server (numero >= "6" && numero < "7"), every page read lazily.
            for compte in loop.comptes.iter(
                args.dossier, filter=F.numero.startswith(args.account_class), sort=Sort("numero")
            ):
                print(f"  {compte.numero}  {compte.libelle}")
                count += 1
            print(f"{count} account(s) of class {args.account_class}")
    except LoopError as exc:  # every error of the client; its text never holds a key
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
