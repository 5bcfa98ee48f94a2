"""``LoopClient`` and ``AsyncLoopClient``: the generated, typed facade (``cegid_loop_api.facade``)
over the hand-written core.

The classes are generated from the API map (one typed attribute per resource: ``loop.comptes``,
``loop.imports``...); everything they do besides naming lives in the core: what needs no I/O in
:mod:`cegid_loop._base_client`, the I/O written once in :mod:`cegid_loop._async` (the sync client's
code is generated from it into ``cegid_loop._sync``).
"""

from __future__ import annotations

from cegid_loop._base_client import LoopResponse
from cegid_loop_api.facade import AsyncLoopClient, LoopClient

__all__ = ["AsyncLoopClient", "LoopClient", "LoopResponse"]
