"""Fault injection for reliability tests; off by default.

A configuration is a seed plus an ordered list of rules::

    {"seed": 7, "rules": [
        {"kind": "429", "path": "/compte", "method": "GET", "first": 2, "retry_after": 1},
        {"kind": "latency", "ms": 150, "rate": 0.5},
        {"kind": "503", "every": 3},
        {"kind": "drop", "operation": "listJournaux"},
        {"kind": "malformed"}, {"kind": "truncated"}]}

Kinds: ``latency`` (delay, then the normal answer: latency rules add up and never stop the
request), ``429`` (APIM's rate-limit answer with ``Retry-After``), ``503``, ``drop`` (connection
closed without any response), ``malformed`` (200 with a body that is not JSON), ``truncated``
(the real answer cut in half; Content-Length matches the cut body, so only the JSON is broken).

Matching: optional ``path`` (case-insensitive, exact, or a regex when it starts with ``^``),
``method``, ``operation`` (operationId). Triggering, per rule and counted over the requests the
rule matches: ``first`` N, ``every`` Nth, ``rate`` (probability from ``random.Random(seed)``);
none of them = every matching request. ``times`` caps how often a rule fires in total.
Faults apply to authenticated API calls only (never to /__sandbox__/ control endpoints).
"""

from __future__ import annotations

import random
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

KINDS = ("latency", "429", "503", "drop", "malformed", "truncated")

RATE_LIMIT_BODY_TEMPLATE = "Rate limit is exceeded. Try again in {seconds} seconds."
SERVICE_UNAVAILABLE_BODY = {"statusCode": 503, "message": "Service Unavailable"}
MALFORMED_BODY = b'{"objectId": "0f57181f-379e-44f5-9470-64680ed50bb5", "libelle": \'oops\', ]'


class FaultConfigError(ValueError):
    """A fault configuration that cannot be used (unknown kind, bad numbers...)."""


@dataclass
class FaultRule:
    kind: str
    path: str | None = None
    method: str | None = None
    operation: str | None = None
    rate: float | None = None
    every: int | None = None
    first: int | None = None
    times: int | None = None
    ms: int = 0
    retry_after: int = 1
    seen: int = field(default=0, compare=False)
    fired: int = field(default=0, compare=False)

    def matches(self, method: str, path: str, operation: str | None) -> bool:
        if self.method and self.method.upper() != method.upper():
            return False
        if self.operation and self.operation != operation:
            return False
        if self.path:
            if self.path.startswith("^"):
                return re.search(self.path, path, re.IGNORECASE) is not None
            return self.path.rstrip("/").lower() == path.rstrip("/").lower()
        return True

    def triggers(self, rng: random.Random) -> bool:
        self.seen += 1
        if self.times is not None and self.fired >= self.times:
            return False
        if self.first is not None and self.seen > self.first:
            return False
        if self.every is not None and self.seen % self.every != 0:
            return False
        if self.rate is not None and rng.random() >= self.rate:
            return False
        self.fired += 1
        return True

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for name in ("path", "method", "operation", "rate", "every", "first", "times"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.kind == "latency":
            out["ms"] = self.ms
        if self.kind == "429":
            out["retry_after"] = self.retry_after
        out["seen"], out["fired"] = self.seen, self.fired
        return out


def _int(raw: Mapping[str, Any], name: str, minimum: int) -> int | None:
    value = raw.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise FaultConfigError(f"{name} must be an integer >= {minimum}")
    return value


def parse_rule(raw: Mapping[str, Any]) -> FaultRule:
    if not isinstance(raw, Mapping):
        raise FaultConfigError("each rule must be a JSON object")
    kind = str(raw.get("kind", ""))
    if kind not in KINDS:
        raise FaultConfigError(f"unknown fault kind {kind!r}; expected one of {', '.join(KINDS)}")
    unknown = set(raw) - {
        "kind",
        "path",
        "method",
        "operation",
        "rate",
        "every",
        "first",
        "times",
        "ms",
        "retry_after",
    }
    if unknown:
        raise FaultConfigError(f"unknown rule field(s): {', '.join(sorted(unknown))}")
    rate = raw.get("rate")
    if rate is not None and (
        isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1
    ):
        raise FaultConfigError("rate must be a number between 0 and 1")
    for name in ("path", "method", "operation"):
        if raw.get(name) is not None and not isinstance(raw[name], str):
            raise FaultConfigError(f"{name} must be a string")
    path = raw.get("path")
    if isinstance(path, str) and path.startswith("^"):
        try:
            re.compile(path)
        except re.error as exc:
            raise FaultConfigError(f"path regex: {exc}") from exc
    return FaultRule(
        kind=kind,
        path=path,
        method=raw.get("method"),
        operation=raw.get("operation"),
        rate=None if rate is None else float(rate),
        every=_int(raw, "every", 1),
        first=_int(raw, "first", 0),
        times=_int(raw, "times", 0),
        ms=_int(raw, "ms", 0) or 0,
        retry_after=_int(raw, "retry_after", 0) if raw.get("retry_after") is not None else 1,  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class Decision:
    """What to do with one request: wait ``delay_ms``, then answer normally or with ``kind``."""

    delay_ms: int = 0
    kind: str | None = None
    retry_after: int = 1


class FaultInjector:
    def __init__(self, config: Mapping[str, Any] | None = None) -> None:
        self._lock = threading.Lock()
        self.seed: int = 0
        self.rules: list[FaultRule] = []
        self._rng = random.Random(0)
        if config:
            self.configure(config)

    def configure(self, config: Mapping[str, Any]) -> None:
        if not isinstance(config, Mapping):
            raise FaultConfigError("the fault configuration must be a JSON object")
        rules = config.get("rules", [])
        if not isinstance(rules, list):
            raise FaultConfigError("rules must be a list")
        seed = config.get("seed", 0)
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise FaultConfigError("seed must be an integer")
        parsed = [parse_rule(r) for r in rules]
        with self._lock:
            self.seed, self.rules, self._rng = seed, parsed, random.Random(seed)

    def clear(self) -> None:
        with self._lock:
            self.rules, self._rng = [], random.Random(self.seed)

    @property
    def active(self) -> bool:
        return bool(self.rules)

    def to_json(self) -> dict[str, Any]:
        with self._lock:
            return {"seed": self.seed, "rules": [r.to_json() for r in self.rules]}

    def decide(self, method: str, path: str, operation: str | None) -> Decision:
        delay, kind, retry_after = 0, None, 1
        with self._lock:
            for rule in self.rules:
                if kind is not None and rule.kind != "latency":
                    continue
                if not rule.matches(method, path, operation) or not rule.triggers(self._rng):
                    continue
                if rule.kind == "latency":
                    delay += rule.ms
                else:
                    kind, retry_after = rule.kind, rule.retry_after
        return Decision(delay, kind, retry_after)


def rate_limit_body(seconds: int) -> dict[str, Any]:
    return {"statusCode": 429, "message": RATE_LIMIT_BODY_TEMPLATE.format(seconds=seconds)}


def truncate(body: bytes) -> bytes:
    """Cut a JSON body so that it no longer parses (at least one byte is removed)."""
    if len(body) <= 1:
        return b"{"
    return body[: max(1, len(body) // 2)]
