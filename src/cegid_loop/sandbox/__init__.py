"""The Loop sandbox: a stateful local emulator of the Cegid Loop public API (in the spirit of moto).

Start it in-process with :func:`cegid_loop.sandbox.app.create_app` (plus
:func:`cegid_loop.sandbox.app.sandbox_transport`), from the command line with ``cegid-loop sandbox``,
or from pytest with the ``loop_sandbox`` / ``loop_sandbox_server`` fixtures.
"""

from __future__ import annotations

from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY, Firm

__all__ = ["DEMO_API_KEY", "DEMO_SUBSCRIPTION_KEY", "Firm"]
