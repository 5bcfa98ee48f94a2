"""A smoke test of an installed cegid-loop, run from outside any source tree (`nox -s build`).

It proves that what a pinned consumer gets from the wheel works on its own: the version identity,
the vendored definitions, the generated client, the facade and the sandbox shipped inside it.
``python -m cegid_loop.smoke`` prints one line per check and exits non-zero on the first failure.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> int:
    import cegid_loop
    from cegid_loop import LoopClient, spec
    from cegid_loop.sandbox.app import sandbox_sync_transport
    from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY

    checks: list[tuple[str, bool]] = []
    here = Path(cegid_loop.__file__).resolve()
    checks.append((f"imported from {here.parent}", "site-packages" in here.parts))
    checks.append(
        (f"version {cegid_loop.__version__}", cegid_loop.__version__.startswith(cegid_loop.__spec_version__))
    )
    checks.append(
        ("spec files shipped in the wheel", spec.spec_path(spec.EFFECTIVE_NAME).is_relative_to(here.parent))
    )
    transport = sandbox_sync_transport(import_step_seconds=0)
    with LoopClient(
        base_url="http://sandbox.invalid",
        subscription_key=DEMO_SUBSCRIPTION_KEY,
        api_key=DEMO_API_KEY,
        transport=transport,
    ) as loop:
        comptes = list(loop.comptes.iter("CEGID001"))
        checks.append((f"{len(comptes)} accounts listed through the in-process sandbox", len(comptes) > 10))
        journal = loop.journaux.find_one("CEGID001", filter='code=="ACH"')
        checks.append(("journal ACH read back with a typed model", getattr(journal, "code", None) == "ACH"))
    for label, ok in checks:
        print(f"{'ok ' if ok else 'FAIL'} {label}")
        if not ok:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
