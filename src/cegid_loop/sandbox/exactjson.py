"""JSON with exact decimal numbers, as Loop's own storage keeps amounts (decimal columns, not doubles).

The sandbox reads the JSON import's body with :func:`loads` (``parse_float=Decimal``), so that an
entry balances exactly (``0.10 + 0.20 == 0.30``) and a 20-digit amount keeps its cents; the store keeps
documents with :func:`dumps` / :func:`loads`, and the answers are written with :func:`dumps`: an
amount imported is read back with the digits it was sent with. A body without a ``Decimal`` is
written byte for byte as ``json.dumps`` writes it.
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from typing import Any

# A Decimal becomes a placeholder string that json's C encoder writes as "\u0000<nonce><n>\u0000",
# then replaced by the number's text; the nonce is random per process (no stored text can carry it).
_NONCE = os.urandom(8).hex()
_PLACEHOLDER = re.compile('"\\\\u0000' + _NONCE + '([0-9]+)\\\\u0000"')


def loads(text: str | bytes) -> Any:
    """JSON, numbers with a fraction or an exponent as exact ``Decimal`` values."""
    return json.loads(text, parse_float=Decimal)


def dumps(value: Any, **options: Any) -> str:
    """``json.dumps`` (same options) writing each finite ``Decimal`` as a JSON number, exactly
    (``str(Decimal)`` is always a valid JSON number for a finite value)."""
    texts: list[str] = []

    def encode(obj: Any) -> Any:
        if isinstance(obj, Decimal) and obj.is_finite():
            texts.append(str(obj))
            return f"\x00{_NONCE}{len(texts) - 1}\x00"
        raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")

    text = json.dumps(value, default=encode, **options)
    if texts:
        text = _PLACEHOLDER.sub(lambda match: texts[int(match.group(1))], text)
    return text
