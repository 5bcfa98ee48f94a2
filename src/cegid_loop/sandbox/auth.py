"""Authentication as the Azure API Management gateway in front of Loop does it (apim.md).

Two headers on every call: ``Ocp-Apim-Subscription-Key`` (checked by the gateway) and ``X-ApiKey``
(``KEY:SECRET``, checked by Loop behind it). A firm is identified by its key pair; several firms
may share one subscription key (one partner subscription, several firms' Loop keys).

Bodies: the two subscription-key answers are APIM's own, verbatim (apim.md). What Loop answers on a
missing or wrong ``X-ApiKey`` is not documented; the sandbox answers 401 with the same
``{statusCode, message}`` shape — **inferred**, see quirk Q-APIKEY-401 in serializer.py.
Keys never appear in a body or a log line.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SUBSCRIPTION_HEADER = "ocp-apim-subscription-key"
API_KEY_HEADER = "x-apikey"

DEMO_SUBSCRIPTION_KEY = "demo-subscription-key"
DEMO_API_KEY = "demo-key:demo-secret"

MISSING_SUBSCRIPTION_BODY = {
    "statusCode": 401,
    "message": "Access denied due to missing subscription key. "
    "Make sure to include subscription key when making requests to an API.",
}
INVALID_SUBSCRIPTION_BODY = {
    "statusCode": 401,
    "message": "Access denied due to invalid subscription key. "
    "Make sure to provide a valid key for an active subscription.",
}
MISSING_API_KEY_BODY = {
    "statusCode": 401,
    "message": "Access denied due to missing API key. Send header X-ApiKey: KEY:SECRET.",
}
INVALID_API_KEY_BODY = {
    "statusCode": 401,
    "message": "Access denied due to invalid API key. "
    "Check the X-ApiKey header (KEY:SECRET) and that the key is activated in LoopHub.",
}


@dataclass(frozen=True)
class Firm:
    """An accounting firm (cabinet) of the sandbox and the key pair that opens it.

    ``seed`` tells whether a fresh store is filled with the demo data for this firm.
    ``id`` names the firm's rows in the store; by default it is derived from the key pair, so a
    restart with ``--db`` and the same keys finds the same data (and the keys are not stored).
    """

    subscription_key: str
    api_key: str
    name: str = "Cabinet de démonstration"
    seed: bool = True
    firm_id: str = field(default="")

    @property
    def id(self) -> str:
        if self.firm_id:
            return self.firm_id
        digest = hashlib.sha256(f"{self.subscription_key}\0{self.api_key}".encode()).hexdigest()
        return f"firm-{digest[:16]}"

    def __repr__(self) -> str:  # never show the keys
        return f"Firm(id={self.id!r}, name={self.name!r})"


def demo_firm() -> Firm:
    return Firm(DEMO_SUBSCRIPTION_KEY, DEMO_API_KEY)


@dataclass(frozen=True)
class AuthFailure:
    status: int
    body: Mapping[str, Any]


class Authenticator:
    def __init__(self, firms: Sequence[Firm]) -> None:
        if not firms:
            raise ValueError("the sandbox needs at least one firm")
        self.firms = list(firms)

    def add(self, firm: Firm) -> None:
        self.firms.append(firm)

    def authenticate(self, headers: Mapping[str, str]) -> Firm | AuthFailure:
        """``headers`` with lower-case names. Constant-time comparisons: keys are secrets."""
        sub = headers.get(SUBSCRIPTION_HEADER)
        if not sub:
            return AuthFailure(401, MISSING_SUBSCRIPTION_BODY)
        candidates = [f for f in self.firms if hmac.compare_digest(f.subscription_key.encode(), sub.encode())]
        if not candidates:
            return AuthFailure(401, INVALID_SUBSCRIPTION_BODY)
        api_key = headers.get(API_KEY_HEADER)
        if not api_key:
            return AuthFailure(401, MISSING_API_KEY_BODY)
        for firm in candidates:
            if hmac.compare_digest(firm.api_key.encode(), api_key.encode()):
                return firm
        return AuthFailure(401, INVALID_API_KEY_BODY)


def lower_headers(raw: Sequence[tuple[bytes, bytes]]) -> dict[str, str]:
    """ASGI headers → {lower-case name: value} (latin-1, as HTTP/1.1 allows)."""
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in raw}
