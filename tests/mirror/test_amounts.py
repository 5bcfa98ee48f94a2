"""Amounts stay exact in the change state and the mirror: stored as JSON numbers with their digits."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import httpx

from cegid_loop import LoopClient
from cegid_loop.changes import ChangeTracker

BODY = (
    b'[{"objectId": "00000000-0000-4000-8000-000000000001", "revisionId": "0x1", "numero": "60100000",'
    b' "solde": 1234567890123456.78}]'
)


def _answer(request: httpx.Request) -> httpx.Response:
    if request.url.params.get("skip", "0") != "0":
        return httpx.Response(200, json=[])
    return httpx.Response(200, content=BODY, headers={"content-type": "application/json"})


def test_an_amount_is_saved_and_read_back_with_every_digit(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    with (
        LoopClient(
            base_url="http://loop.test",
            subscription_key="sub-1234",
            api_key="k:s-5678",
            transport=httpx.MockTransport(_answer),
        ) as loop,
        ChangeTracker(state) as tracker,
    ):
        changes = list(tracker.changes(loop.comptes, "CEGID001"))
        assert [c.kind.value for c in changes] == ["created"]
        saved = tracker.state.records("CEGID001", "comptes")
    assert saved[0]["solde"] == Decimal("1234567890123456.78")
    with sqlite3.connect(state) as db:
        (text,) = db.execute("SELECT body FROM records").fetchone()
    assert '"solde":1234567890123456.78' in text  # a JSON number, not a string, not a rounded float
