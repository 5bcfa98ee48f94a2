"""``drift live``: what a Loop server really answers, checked against the documented definition.

Read-only: every list GET and single GET of the definition is called with the dossier code
(``cabinet`` for the cabinet APIs); each answer goes through :class:`.verdicts.BodyChecker` (the
same verdicts ``drift check`` gives offline) and, with ``save_bodies``, is saved as evidence
(:mod:`.evidence`, redacted by :mod:`.redact`). APIM's own 404 on an operation the definition has
means "operation gone".

Write operations are not called unless ``probe_operations`` is set: then each is sent once with no
query parameter and no body, a request Loop must refuse (no dossier, no object), only to tell an
operation that exists from APIM's 404.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from cegid_loop._redact import scrub
from cegid_loop._retry import RetryPolicy
from cegid_loop.config import LoopConfig, Secret
from cegid_loop.definition import DefinedOperation
from cegid_loop.drift.client_read import Reader
from cegid_loop.drift.errors import LiveCheckError
from cegid_loop.drift.evidence import answer_of, save_answer
from cegid_loop.drift.http import LiveHttp
from cegid_loop.drift.reads import READ_METHOD, example_value, is_cabinet, is_read
from cegid_loop.drift.report import ERROR, INFO, Report
from cegid_loop.drift.tally import Tally, quirk_statuses
from cegid_loop.drift.verdicts import BodyChecker, Definitions, gone, is_apim_404

DEFAULT_DOSSIER = "CEGID001"
CABINET = "cabinet"


@dataclass(frozen=True)
class LiveTarget:
    base_url: str
    subscription_key: Secret
    api_key: Secret
    dossier: str = DEFAULT_DOSSIER


@dataclass(frozen=True)
class LiveOptions:
    take: int = 25  # page size asked on lists (keeps the volume read from a real Loop small)
    probe_operations: bool = False
    timeout: float = 30.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)  # the client's own defaults
    save_bodies: Path | None = None  # one evidence file per operation, redacted


class LiveChecker:
    """``upstream``, ``effective``, ``overlay``, ``catalogue_text`` replace the vendored definitions
    (``upstream`` is the documented one: ``load_normalized()``); ``reader`` replaces the client's
    parser (:class:`~cegid_loop.drift.client_read.ClientReader`), for definitions it was not
    generated from; ``sleep`` is what waits between retries."""

    def __init__(
        self,
        target: LiveTarget,
        options: LiveOptions | None = None,
        *,
        upstream: Mapping[str, Any] | None = None,
        effective: Mapping[str, Any] | None = None,
        overlay: Mapping[str, Any] | None = None,
        catalogue_text: str | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        reader: Reader | None = None,
    ) -> None:
        self.target = target
        self.options = options or LiveOptions()
        definitions = Definitions.load(
            documented=upstream, effective=effective, overlay=overlay, catalogue_text=catalogue_text
        )
        self.checker = BodyChecker(definitions, reader)
        self.config = LoopConfig(
            subscription_key=target.subscription_key,
            api_key=target.api_key,
            base_url=target.base_url,
            timeout=httpx.Timeout(self.options.timeout, connect=min(self.options.timeout, 10.0)),
            retry=self.options.retry,
        )
        self.transport = transport
        self.sleep = sleep
        self.tally = Tally()

    def run(self) -> Report:
        ops = self.checker.operations
        reads = [op for op in ops if is_read(op)]
        skipped: dict[str, str] = {}
        checked: list[str] = []
        answered = 0
        with LiveHttp(self.config, transport=self.transport, sleep=self.sleep) as http:
            for op in ops:
                if op in reads:
                    params = self._params(op)
                    if params is None:
                        skipped[op.label] = "a required query parameter has no example value"
                        continue
                    checked.append(op.label)
                    answered += self._check_read(http, op, params)
                elif op.method != READ_METHOD and self.options.probe_operations:
                    checked.append(op.label)
                    self._probe(http, op)
                elif op.method != READ_METHOD:
                    skipped[op.label] = (
                        "write operation: not called (--probe-operations checks that it exists)"
                    )
                else:
                    skipped[op.label] = "not a resource read (it would create or need a server-side object)"
        if reads and not answered:
            first = next((f for f in self.tally.rows.values() if f.verdict in (ERROR, INFO)), None)
            raise LiveCheckError(
                "nothing could be checked: no read answered 2xx"
                + (f" (first answer: {first.new})" if first else "")
            )
        return self._report(checked, skipped)

    def _params(self, op: DefinedOperation) -> dict[str, str] | None:
        params: dict[str, str] = {}
        names = op.names("query")
        if "codeDossier" in names:
            params["codeDossier"] = CABINET if is_cabinet(op) else self.target.dossier
        if "take" in names:
            params["take"] = str(self.options.take)
        for name in op.required_names("query"):
            if name not in params:
                value = example_value(op, name)
                if value is None:
                    return None
                params[name] = value
        return params

    def _save(self, op: DefinedOperation, response: httpx.Response) -> None:
        if self.options.save_bodies is not None:
            save_answer(self.options.save_bodies, op, response)

    def _probe(self, http: LiveHttp, op: DefinedOperation) -> None:
        response = http.send(op.method, op.path, {})
        self._save(op, response)
        if is_apim_404(answer_of(response)):
            self.tally.add(gone(op))

    def _check_read(self, http: LiveHttp, op: DefinedOperation, params: Mapping[str, str]) -> int:
        response = http.send(op.method, op.path, params)
        self._save(op, response)
        if response.status_code == 401:
            raise LiveCheckError(
                f"{op.label}: the target refused the credentials (HTTP 401): {scrub(response.text[:200])}"
            )
        answer = answer_of(response)
        self.tally.extend(self.checker.check_answer(op, answer))
        return 1 if 200 <= answer.status < 300 and not is_apim_404(answer) else 0

    def _report(self, checked: list[str], skipped: dict[str, str]) -> Report:
        findings = self.tally.findings
        documented = self.checker.documented.info
        subject = {
            "base URL": self.target.base_url,
            "dossier": self.target.dossier,
            "upstream definition": f"{documented.get('version')}",
            "operations checked": len(checked),
            "write operations": "probed for existence" if self.options.probe_operations else "not called",
        }
        if self.options.save_bodies is not None:
            subject["bodies saved in"] = str(self.options.save_bodies)
        return Report(
            command="live",
            title="Live API drift (cegid-loop drift live)",
            subject=subject,
            findings=findings,
            operations=checked,
            skipped=skipped,
            quirks=quirk_statuses(self.checker.catalogue, findings, self.checker.seen),
            notes=self.checker.notes,
        )


def check_live(target: LiveTarget, options: LiveOptions | None = None, **kwargs: Any) -> Report:
    """Run every read-only check against ``target`` (see :class:`LiveChecker` for the keywords)."""
    return LiveChecker(target, options, **kwargs).run()


__all__ = ["CABINET", "DEFAULT_DOSSIER", "LiveChecker", "LiveOptions", "LiveTarget", "check_live"]
