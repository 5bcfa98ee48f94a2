"""The drifted profile: what a future Loop release could look like."""

from __future__ import annotations

import httpx

from cegid_loop.sandbox.app import create_app, sandbox_sync_transport
from cegid_loop.sandbox.profiles import (
    CHANGED_TYPE,
    DRIFTS,
    NEW_ENUM_VALUE,
    REMOVED_OPERATION,
    RENAMED_FIELD,
)
from cegid_loop.spec import load_effective

from .conftest import DEMO_HEADERS

D1 = {"codeDossier": "CEGID001"}


def client(profile: str) -> httpx.Client:
    app = create_app(profile=profile, import_step_seconds=0)
    return httpx.Client(
        transport=sandbox_sync_transport(app), base_url="http://sandbox.test", headers=DEMO_HEADERS
    )


def test_the_drifts_are_listed_once_and_name_real_operations() -> None:
    assert {d.kind for d in DRIFTS} == {RENAMED_FIELD, NEW_ENUM_VALUE, CHANGED_TYPE, REMOVED_OPERATION}
    paths = load_effective()["paths"]
    for drift in DRIFTS:
        assert drift.method.lower() in paths[drift.path], drift
        assert paths[drift.path][drift.method.lower()]["operationId"] == drift.operation
        assert drift.json_path.startswith("$")


def test_the_drifted_profile_shows_each_drift() -> None:
    with client("drifted") as drifted:
        [compte] = drifted.get("/compte", params={**D1, "filter": "numero == 60100000"}).json()
        assert (
            "libelle" not in compte and compte["intitule"] == "Achats non stockés de matières et fournitures"
        )
        assert compte["numero"] == 60100000  # changed type: integer
        types = {j["code"]: j["type"] for j in drifted.get("/journal", params=D1).json()}
        assert types["IA"] == 9  # new enum value
        journal = drifted.get("/journal", params={**D1, "filter": 'code=="OD"'}).json()[0]
        gone = drifted.delete("/journal", params={**D1, "objectId": journal["objectId"]})
        assert gone.status_code == 404 and gone.json() == {"statusCode": 404, "message": "Resource not found"}
        # writing in the new vocabulary works
        created = drifted.post(
            "/compte", params=D1, json={"numero": "62880000", "intitule": "Nouveau"}
        ).json()
        assert created["intitule"] == "Nouveau" and created["numero"] == 62880000


def test_the_normal_profile_shows_none_of_them() -> None:
    with client("normal") as normal:
        [compte] = normal.get("/compte", params={**D1, "filter": 'numero == "60100000"'}).json()
        assert "intitule" not in compte and compte["numero"] == "60100000"
        assert 9 not in {j["type"] for j in normal.get("/journal", params=D1).json()}
        journal = normal.get("/journal", params={**D1, "filter": 'code=="OD"'}).json()[0]
        assert normal.delete("/journal", params={**D1, "objectId": journal["objectId"]}).status_code == 200
