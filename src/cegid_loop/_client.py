"""``LoopClient`` and ``AsyncLoopClient``: the generated, typed facade (``cegid_loop_api.facade``)
over the hand-written core (:mod:`cegid_loop._base_client`).

The classes are generated from the API map (one typed attribute per resource: ``loop.comptes``,
``loop.imports``...); everything they do besides naming lives in the core.
"""

from __future__ import annotations

from cegid_loop._base_client import LoopResponse
from cegid_loop_api.facade import AsyncLoopClient, LoopClient

__all__ = ["AsyncLoopClient", "LoopClient", "LoopResponse"]
