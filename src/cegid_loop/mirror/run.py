"""``Mirror``: keep a SQLite database of a firm's reference data up to date, resumably.

    from cegid_loop.mirror import Mirror

    with LoopClient() as loop, Mirror(loop, "firm.sqlite") as mirror:
        summary = mirror.run()                      # every dossier of the firm
        summary = mirror.run(["CEGID001"])          # or these
        print(summary.totals())

A run is a list of *steps*, one per resource of each dossier. Each step reads the resource
completely (:func:`cegid_loop.changes.read`: there is no server-side change filter), compares it with
the database and saves the records, the changes and the step's outcome in one transaction. Steps
are read ``concurrency`` at a time (threads sharing the client); the database is written by the
calling thread only.

Errors: a step that Loop refuses (404, 403, 400, 5xx, an answer the client cannot read) is recorded
as failed and the run goes on; an error that no other step would escape (bad keys, no connection,
rate limited past the retries) stops the run where it is, and so does an interruption: the next
run with the same plan resumes it. A finished run, failed steps or not, is closed.
"""

from __future__ import annotations

import concurrent.futures
import os
import time
from collections.abc import Callable, Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from cegid_loop._types import NOT_GIVEN
from cegid_loop.changes.reading import Deadline, Reading, ReadOptions, read
from cegid_loop.changes.records import Saved, changes_of, diff
from cegid_loop.errors import (
    APIStatusError,
    AuthenticationError,
    LoopError,
    RateLimited,
    UnexpectedResponse,
)
from cegid_loop.firm import CABINET, dossiers_from
from cegid_loop.mirror.lock import DatabaseLock
from cegid_loop.mirror.scope import DEFAULT_RESOURCES, FIRM_RESOURCE, check_resources
from cegid_loop.mirror.store import DEFAULT_MIRROR_PATH, MirrorStore, OpenRun, plan_text
from cegid_loop.mirror.summary import EventKind, MirrorEvent, MirrorSummary, StepOutcome, StepStatus
from cegid_loop.pagination import MAX_PAGE_SIZE

if TYPE_CHECKING:
    from cegid_loop_api.facade import LoopClient

Step = tuple[str, str]  # (dossier, resource)
OnProgress = Callable[[MirrorEvent], None]
DEFAULT_CONCURRENCY = 4


class FirmListRefused(LoopError):
    """The firm's dossier list could not be read (a key without the cabinet APIs, typically)."""


def step_failure(exc: BaseException) -> bool:
    """Is this error the step's own (record it, go on), or would every other step meet it too?"""
    if isinstance(exc, AuthenticationError | RateLimited):
        return False
    return isinstance(exc, APIStatusError | UnexpectedResponse)


class Mirror:
    """A mirror database and the client that fills it. Not thread-safe; one run at a time per file
    (an exclusive lock on ``FILE.lock``; :class:`~cegid_loop.mirror.lock.MirrorBusy` otherwise)."""

    def __init__(
        self,
        loop: LoopClient,
        db: str | os.PathLike[str] = DEFAULT_MIRROR_PATH,
        *,
        resources: Sequence[str] = DEFAULT_RESOURCES,
        concurrency: int = DEFAULT_CONCURRENCY,
        page_size: int = MAX_PAGE_SIZE,
        deadline: Deadline = NOT_GIVEN,
        on_progress: OnProgress | None = None,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be >= 1")
        self.loop = loop
        self.resources = check_resources(resources)
        self.concurrency = concurrency
        self.options = ReadOptions(page_size=page_size, deadline=deadline)
        self.on_progress = on_progress or (lambda event: None)
        self.store = MirrorStore(db)

    # -- one step -------------------------------------------------------------------------------

    def _read(self, step: Step, known: dict[str, Saved]) -> Reading:
        dossier, resource = step
        return read(
            getattr(self.loop, resource), dossier, known, self.options, label=f"{resource} of {dossier}"
        )

    def _save(self, run: OpenRun, step: Step, known: dict[str, Saved], reading: Reading) -> StepOutcome:
        dossier, resource = step
        delta = diff(known, reading.seen)
        keys = [saved.key for saved, _ in delta.modified] + [saved.key for saved in delta.deleted]
        changes = changes_of(dossier, resource, delta, self.store.state.bodies(dossier, resource, keys))
        outcome = StepOutcome(
            dossier,
            resource,
            StepStatus.DONE,
            records=len(reading.seen),
            created=len(delta.created),
            modified=len(delta.modified),
            deleted=len(delta.deleted),
            looked_up=reading.looked_up,
            reads=reading.reads,
        )
        self.store.save_step(run.id, outcome, delta, changes)
        return outcome

    def _fail(self, run: OpenRun, step: Step, exc: BaseException) -> StepOutcome:
        outcome = StepOutcome(step[0], step[1], StepStatus.FAILED, error=f"{type(exc).__name__}: {exc}")
        self.store.fail_step(run.id, outcome)
        return outcome

    # -- the run --------------------------------------------------------------------------------

    def _firm_step(self, run: OpenRun) -> StepOutcome | None:
        """The firm's dossier list, read as the first step of a firm-wide run (None: saved already,
        by the run this one resumes)."""
        step = (CABINET, FIRM_RESOURCE)
        if step in run.done:
            return None
        known = self.store.state.saved(*step)
        try:
            reading = read(self.loop.dossiers_clients, CABINET, known, self.options, label="dossiers_clients")
        except APIStatusError as exc:
            if not step_failure(exc):  # bad keys, rate limited: nothing to do with the cabinet API
                raise
            raise FirmListRefused(
                f"the firm's dossier list (GET /dossierClient?codeDossier=cabinet, a cabinet API) "
                f"was refused: {exc}; mirror named dossiers instead",
                status_code=exc.status_code,
            ) from None
        return self._save(run, step, known, reading)

    def _steps(self, dossiers: Sequence[str]) -> list[Step]:
        return [(dossier, resource) for dossier in dossiers for resource in self.resources]

    def _execute(self, run: OpenRun, steps: list[Step], done: int, total: int) -> None:
        """Read ``steps`` with up to ``concurrency`` in flight; save each as it arrives."""
        pending: Iterator[Step] = iter(steps)
        fatal: BaseException | None = None
        with concurrent.futures.ThreadPoolExecutor(
            self.concurrency, thread_name_prefix="loop-mirror"
        ) as pool:
            flying: dict[concurrent.futures.Future[Reading], tuple[Step, dict[str, Saved]]] = {}

            def submit() -> None:
                for step in pending:
                    known = self.store.state.saved(*step)
                    flying[pool.submit(self._read, step, known)] = (step, known)
                    if len(flying) >= self.concurrency:
                        return

            try:
                submit()
                while flying:
                    finished, _ = concurrent.futures.wait(
                        flying, return_when=concurrent.futures.FIRST_COMPLETED
                    )
                    for future in finished:
                        step, known = flying.pop(future)
                        exc = future.exception()
                        if exc is None:
                            outcome = self._save(run, step, known, future.result())
                        elif step_failure(exc):
                            outcome = self._fail(run, step, exc)
                        else:
                            fatal = fatal or exc
                            continue
                        done += 1
                        self.on_progress(
                            MirrorEvent(EventKind.STEP, run.id, done, total, run.resumed, outcome)
                        )
                    if fatal is None:
                        submit()
            finally:
                for future in flying:  # an interruption: what is not running yet never starts
                    future.cancel()
        if fatal is not None:
            raise fatal

    def run(self, dossiers: Sequence[str] | None = None, *, restart: bool = False) -> MirrorSummary:
        """Mirror ``dossiers`` (every dossier of the firm when ``None``). Resumes the interrupted run
        with the same dossiers and resources unless ``restart``."""
        started = time.monotonic()
        with DatabaseLock(self.store.path):
            run = self.store.open_run(plan_text(dossiers, self.resources), restart=restart)
            self.on_progress(MirrorEvent(EventKind.STARTED, run.id, len(run.done), 0, run.resumed))
            summary = MirrorSummary(run.id, self.store.path, run.resumed, [], self.resources)
            firm_step = None
            if dossiers is None:
                firm_step = self._firm_step(run)
                firm = dossiers_from(self.store.records(CABINET, FIRM_RESOURCE))
                codes, summary.skipped = firm.codes, firm.skipped
                summary.not_listed = [d for d in self.store.mirrored_dossiers() if d not in set(codes)]
            else:
                codes = list(dict.fromkeys(dossiers))
            summary.dossiers = codes
            steps = self._steps(codes)
            todo = [step for step in steps if step not in run.done]
            total = len(steps) + (dossiers is None)
            done = total - len(todo)
            self.on_progress(MirrorEvent(EventKind.PLANNED, run.id, done, total, run.resumed))
            if firm_step is not None:  # shown once the total is known
                self.on_progress(MirrorEvent(EventKind.STEP, run.id, 1, total, run.resumed, firm_step))
            self._execute(run, todo, done, total)
            self.store.finish_run(run.id)
            order = {step: n for n, step in enumerate([(CABINET, FIRM_RESOURCE), *steps])}
            summary.steps = sorted(
                self.store.steps(run.id), key=lambda s: order.get((s.dossier, s.resource), -1)
            )
        summary.elapsed = time.monotonic() - started
        return summary

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Mirror:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


__all__ = ["DEFAULT_CONCURRENCY", "FirmListRefused", "Mirror", "OnProgress", "step_failure"]
