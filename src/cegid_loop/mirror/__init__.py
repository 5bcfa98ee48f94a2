"""A local SQLite mirror of a firm's reference data, kept up to date: ``Mirror`` (``cegid-loop mirror``).

    from cegid_loop import LoopClient
    from cegid_loop.mirror import Mirror

    with LoopClient() as loop, Mirror(loop, "firm.sqlite") as mirror:
        summary = mirror.run()          # every dossier the key can see; or mirror.run(["CEGID001"])
        for step in summary.steps:
            print(step.dossier, step.resource, step.created, step.modified, step.deleted)

Modules: ``scope`` (what is mirrored by default, and why), ``store`` (the database: records,
runs, steps, changes, one view per resource), ``run`` (the steps, their concurrency, resuming),
``summary`` (outcomes, progress events), ``lock`` (one mirror per database at a time).
Core only (httpx, attrs, stamina, stdlib): the command's progress bar lives in ``cegid_loop.cli``.
"""

from __future__ import annotations

from cegid_loop.mirror.lock import MirrorBusy
from cegid_loop.mirror.run import DEFAULT_CONCURRENCY, FirmListRefused, Mirror, OnProgress
from cegid_loop.mirror.scope import DEFAULT_RESOURCES, MIRRORABLE, check_resources
from cegid_loop.mirror.store import DEFAULT_MIRROR_PATH, MirrorStore
from cegid_loop.mirror.summary import EventKind, MirrorEvent, MirrorSummary, StepOutcome, StepStatus

__all__ = [
    "DEFAULT_CONCURRENCY",
    "DEFAULT_MIRROR_PATH",
    "DEFAULT_RESOURCES",
    "MIRRORABLE",
    "EventKind",
    "FirmListRefused",
    "Mirror",
    "MirrorBusy",
    "MirrorEvent",
    "MirrorStore",
    "MirrorSummary",
    "OnProgress",
    "StepOutcome",
    "StepStatus",
    "check_resources",
]
