"""Does the client survive this body? Asked of the client itself, never assumed.

:class:`ClientReader` runs the typed facade method of the operation (``loop.comptes.list(...)``,
found through ``cegid_loop_api.facade.registry``) against an ``httpx.MockTransport`` that answers
with the body, so the whole reading path runs: the generated ``_parse_response``, the core's
error mapping, the facade's unwrapping of ``{"data": [...]}``. The answer is *lossless* when the
records the facade returns, written back with ``to_dict()``, equal the records of the body (for an
envelope, the list under ``data``): every record, every field, every value and its JSON type.

When it is not, the reader locates the culprits (the envelope, then each record alone, then each
field of a failing record alone) so that a report can say *where* the client gives up.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import httpx

from cegid_loop._redact import scrub
from cegid_loop.drift.validate import Path_, short

if TYPE_CHECKING:
    from cegid_loop_api.facade import LoopClient

LOSSLESS = "lossless"
LOSSY = "lossy"  # parsed, but what it writes back differs from what was sent
FAILED = "failed"  # the client raised
REJECTED = "rejected"  # the client raised OperationRejected (Loop's {"error": ...} with a 200)
NO_READER = "no-reader"  # the client has no method for the operation

_WRAPPED = re.compile(r"the answer does not match the API description \((.*)\)", re.DOTALL)
_MAX_RECORDS = 100  # a page is at most 100 records (Q-TAKE-CAP)
_DOSSIER = "CEGID001"
_BASE_URL = "http://drift-reader.invalid"


@dataclass(frozen=True)
class Culprit:
    """Where the client gives up: a path relative to the records (``(3, 'nature')``) or the object."""

    path: Path_
    kind: str  # FAILED or LOSSY
    error: str
    value: Any


@dataclass(frozen=True)
class ReadOutcome:
    kind: str
    error: str = ""
    where: Path_ = ()  # for LOSSY: the first value written back differently
    culprits: tuple[Culprit, ...] = ()

    @property
    def lossless(self) -> bool:
        return self.kind == LOSSLESS


# (operationId, HTTP status, JSON body) -> what the client made of it.
Reader = Callable[[str, int, Any], ReadOutcome]


def to_wire(value: Any) -> Any:
    """The JSON a parsed value writes back (models, lists of models, plain values)."""
    if isinstance(value, list):
        return [to_wire(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


def _same_number(a: Any, b: Any) -> bool:
    """One JSON number: ``1`` and ``1.0``; and a float and the Decimal the client read from the same
    text (amounts are read exactly, quirk Q-AMOUNT-DECIMAL; the evidence is decoded with floats)."""
    if isinstance(a, Decimal) is not isinstance(b, Decimal) and (
        isinstance(a, float) or isinstance(b, float)
    ):
        return float(a) == float(b)
    return bool(a == b)


def first_difference(sent: Any, back: Any, path: Path_ = ()) -> Path_ | None:
    """The first place where ``back`` is not ``sent`` as JSON: same types (``true`` is not ``1``,
    ``"2"`` is not ``2``; ``1`` and ``1.0`` are one JSON number), same keys, same items."""
    if isinstance(sent, bool) or isinstance(back, bool):
        return None if type(sent) is type(back) and sent == back else path
    if isinstance(sent, (int, float, Decimal)) and isinstance(back, (int, float, Decimal)):
        return None if _same_number(sent, back) else path
    if type(sent) is not type(back):
        return path
    if isinstance(sent, dict):
        for key in sorted(set(sent) | set(back), key=str):
            if key not in sent or key not in back:
                return (*path, key)
            found = first_difference(sent[key], back[key], (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(sent, list):
        for i, (a, b) in enumerate(zip(sent, back, strict=False)):
            found = first_difference(a, b, (*path, i))
            if found is not None:
                return found
        return None if len(sent) == len(back) else (*path, min(len(sent), len(back)))
    return None if sent == back else path


def _at(value: Any, path: Path_) -> Any:
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _records(result: Any, body: Any) -> Any:
    """What the facade's answer is compared with: the list under ``data`` when it unwrapped one."""
    if isinstance(result, list) and isinstance(body, Mapping) and isinstance(body.get("data"), list):
        return body["data"]
    return body


def _container(body: Any) -> tuple[list[Any] | None, Callable[[list[Any]], Any]]:
    if isinstance(body, list):
        return body, list
    if isinstance(body, dict) and isinstance(body.get("data"), list):
        return body["data"], lambda items: {**body, "data": items}
    return None, list


class ClientReader:
    """Reads bodies with the generated client (one in-memory ``LoopClient``, no network)."""

    def __init__(self) -> None:
        self._status = 200
        self._content = b""
        self._client: LoopClient | None = None
        self._calls: dict[str, tuple[str, Callable[[], Any]] | None] = {}

    # -- the client, answering from memory --

    def _serve(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            self._status, content=self._content, headers={"content-type": "application/json"}
        )

    def _loop(self) -> LoopClient:
        if self._client is None:
            from cegid_loop_api.facade import LoopClient

            # Placeholder keys (nothing is sent anywhere); no retries: one reading per body.
            self._client = LoopClient(
                base_url=_BASE_URL,
                subscription_key="drift-reader-placeholder-subscription",
                api_key="drift-reader-placeholder-key:drift-reader-placeholder-secret",
                max_retries=0,
                transport=httpx.MockTransport(self._serve),
            )
        return self._client

    def _call(self, operation_id: str) -> tuple[str, Callable[[], Any]] | None:
        """The facade method of the operation, with placeholder arguments (the answer is canned)."""
        if operation_id not in self._calls:
            from cegid_loop_api.facade.registry import OPERATIONS

            op = next((o for o in OPERATIONS if o.operation_id == operation_id), None)
            found: tuple[str, Callable[[], Any]] | None = None
            if op is not None:
                method = getattr(getattr(self._loop(), op.resource), op.name)
                args = {
                    p.name: _DOSSIER if p.name == "code_dossier" else "x"
                    for p in inspect.signature(method).parameters.values()
                    if p.default is inspect.Parameter.empty
                    and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                }
                found = (f"{op.label}: ", lambda: method(**args))
            self._calls[operation_id] = found
        return self._calls[operation_id]

    # -- reading --

    def __call__(self, operation_id: str, status: int, body: Any) -> ReadOutcome:
        call = self._call(operation_id)
        if call is None:
            return ReadOutcome(NO_READER, f"the client has no method for {operation_id}")
        outcome = self._read(call, status, body)
        if outcome.kind in (LOSSLESS, REJECTED):
            return outcome
        return replace(outcome, culprits=tuple(self._locate(call, status, body, outcome)))

    def _read(self, call: tuple[str, Callable[[], Any]], status: int, body: Any) -> ReadOutcome:
        from cegid_loop.errors import LoopError, OperationRejected

        prefix, method = call
        self._status = status
        self._content = json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            result = method()
        except OperationRejected as exc:
            return ReadOutcome(REJECTED, _message(exc.message, prefix))
        except LoopError as exc:
            return ReadOutcome(FAILED, _message(exc.message, prefix))
        except Exception as exc:  # the facade should map everything; say so if it did not
            return ReadOutcome(FAILED, scrub(f"{type(exc).__name__}: {exc}"))
        sent = _records(result, body)
        back = to_wire(result)
        where = first_difference(sent, back)
        if where is None:
            return ReadOutcome(LOSSLESS)
        shown = (
            "(absent)" if _missing(back, where) else json.dumps(short(_at(back, where)), ensure_ascii=False)
        )
        return ReadOutcome(LOSSY, scrub(f"written back as {shown}"), where)

    def _locate(
        self, call: tuple[str, Callable[[], Any]], status: int, body: Any, overall: ReadOutcome
    ) -> list[Culprit]:
        """The envelope, each record alone, then each field of a failing record alone."""
        items, wrap = _container(body)
        if items is None:
            if isinstance(body, dict):
                found = self._fields(call, status, body, lambda r: r, ())
                if found:
                    return found
            return [Culprit(overall.where, overall.kind, overall.error, short(_at(body, overall.where)))]
        found = []
        empty = self._read(call, status, wrap([]))
        if not empty.lossless:
            envelope = {k: v for k, v in body.items() if k != "data"} if isinstance(body, dict) else body
            found.append(Culprit((), empty.kind, f"the envelope: {empty.error}", short(envelope)))
            if not self._read(call, status, []).lossless:
                return found  # no list form the client reads: the records cannot be tried alone
            wrap = list
        for i, record in enumerate(items[:_MAX_RECORDS]):
            one = self._read(call, status, wrap([record]))
            if one.lossless:
                continue
            if one.kind == LOSSY:
                where = (i, *one.where[1:])
                found.append(Culprit(where, LOSSY, one.error, short(_at(items, where))))
                continue
            fields = (
                self._fields(call, status, record, lambda r: wrap([r]), (i,))
                if isinstance(record, dict)
                else []
            )
            found += fields or [Culprit((i,), one.kind, one.error, short(record))]
        return found

    def _fields(
        self,
        call: tuple[str, Callable[[], Any]],
        status: int,
        record: Mapping[str, Any],
        wrap: Callable[[dict[str, Any]], Any],
        prefix: Path_,
    ) -> list[Culprit]:
        found = []
        for key, value in record.items():
            alone = self._read(call, status, wrap({key: value}))
            if alone.lossless:
                continue
            path: Path_ = (*prefix, key)
            if alone.kind == LOSSY:  # `where` is inside the one-record list, or the object itself
                path = (*prefix, *alone.where[1:]) if prefix else alone.where
            found.append(Culprit(path, alone.kind, alone.error, short(value)))
        return found


def _missing(value: Any, path: Path_) -> bool:
    """Is there nothing at ``path`` (a key or an item that the written-back value lacks)?"""
    for part in path:
        if isinstance(value, dict):
            inside = part in value
        else:
            inside = isinstance(value, list) and isinstance(part, int) and part < len(value)
        if not inside:
            return True
        value = value[part]
    return False


def _message(message: str, prefix: str) -> str:
    """The parser's own error, without the operation (the report names it) and the core's wrapper."""
    text = message[len(prefix) :] if message.startswith(prefix) else message
    wrapped = _WRAPPED.fullmatch(text)
    return scrub(wrapped.group(1) if wrapped else text)


__all__ = [
    "FAILED",
    "LOSSLESS",
    "LOSSY",
    "NO_READER",
    "REJECTED",
    "ClientReader",
    "Culprit",
    "ReadOutcome",
    "Reader",
    "first_difference",
    "to_wire",
]
