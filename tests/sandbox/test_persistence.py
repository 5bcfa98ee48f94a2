"""SQLite: the data survives a restart; the revision counter never goes back."""

from __future__ import annotations

from pathlib import Path

import httpx

from cegid_loop.sandbox.app import create_app, sandbox_sync_transport
from cegid_loop.sandbox.store import Store, format_revision

from .conftest import DEMO_HEADERS

D1 = {"codeDossier": "CEGID001"}


def client_for(db: Path) -> httpx.Client:
    app = create_app(db_path=db, import_step_seconds=0)
    return httpx.Client(
        transport=sandbox_sync_transport(app), base_url="http://sandbox.test", headers=DEMO_HEADERS
    )


def test_data_survives_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "loop.sqlite"
    with client_for(db) as first:
        created = first.post("/compte", params=D1, json={"numero": "62880000", "libelle": "Persisté"}).json()
        ach = first.get("/journal", params={**D1, "filter": 'code=="ACH"'}).json()[0]
        assert first.delete("/journal", params={**D1, "objectId": ach["objectId"]}).status_code == 200
        deposit = first.get("/getFileUrlDeposit", params={"filename": "x.tra"}).json()
        first.put(deposit["depositUrl"], content=b"TRA", headers={"x-ms-blob-type": "BlockBlob"})
    assert db.is_file()
    with client_for(db) as second:  # a new app on the same file: no re-seeding, same rows
        [again] = second.get("/compte", params={**D1, "filter": 'numero=="62880000"'}).json()
        assert again == created
        assert second.get("/journal", params={**D1, "filter": 'code=="ACH"'}).json() == []
        modified = second.put("/compte", params=D1, json={**again, "libelle": "Modifié"}).json()
        assert int(modified["revisionId"], 16) > int(created["revisionId"], 16)
        # a deposit URL issued before the restart still works, and so does an import of it
        request = second.post("/importTRA", json={"codeIbs": "CEGID001", "URI": deposit["uri"]}).json()
        status = second.get("/getImportStatus", params=request).json()
        assert status["statusLabel"] == "done"


def test_store_basics(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite")
    doc = store.insert("f", "D", "c", {"a": 1})
    assert doc["revisionId"] == format_revision(4097)
    updated = store.update("f", "D", "c", {**doc, "a": 2})
    assert updated is not None and updated["a"] == 2
    assert store.get("g", "D", "c", doc["objectId"]) is None  # another firm sees nothing
    store.close()
    reopened = Store(tmp_path / "s.sqlite")
    again = reopened.get("f", "D", "c", doc["objectId"])
    assert again is not None and again["a"] == 2
    assert reopened.next_revision() == format_revision(4099)
