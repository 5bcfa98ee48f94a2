"""POST/PUT/DELETE: validation against the spec, fresh ids and revisions, optimistic concurrency."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx

D1 = {"codeDossier": "CEGID001"}
HEX = re.compile(r"^0x[0-9A-F]{16}$")


def one(client: httpx.Client, path: str, flt: str, params: dict[str, str] = D1) -> dict[str, Any]:
    rows = client.get(path, params={**params, "filter": flt}).json()
    assert len(rows) == 1, rows
    return dict(rows[0])


def test_add_gives_a_fresh_uuid4_and_a_hex_revision(client: httpx.Client) -> None:
    response = client.post(
        "/compte",
        params=D1,
        json={
            "objectId": "00000000-0000-4000-8000-000000000000",
            "revisionId": "0x0000000000000001",
            "numero": "62880000",
            "libelle": "Autres services",
            "type": 6,
            "lettrable": False,
        },
    )
    assert response.status_code == 200
    created = response.json()
    assert created["objectId"] != "00000000-0000-4000-8000-000000000000"
    assert uuid.UUID(created["objectId"]).version == 4
    assert HEX.match(created["revisionId"]) and created["revisionId"] != "0x0000000000000001"
    assert created["type"] == 6
    assert created["description"] == ["62880000"]
    assert created["compteContrepartie"] == {"objectId": None, "description": [""]}
    assert one(client, "/compte", 'numero == "62880000"') == created


def test_revisions_grow_on_every_write(client: httpx.Client) -> None:
    first = client.post("/journal", params=D1, json={"code": "EXT", "libelle": "Extourne", "type": 2}).json()
    second = client.put("/journal", params=D1, json={**first, "libelle": "Extournes"}).json()
    third = client.put("/journal", params=D1, json={**second, "ferme": True}).json()
    revisions = [int(x["revisionId"], 16) for x in (first, second, third)]
    assert revisions == sorted(revisions) and len(set(revisions)) == 3
    assert third["libelle"] == "Extournes" and third["ferme"] is True
    assert first["objectId"] == second["objectId"] == third["objectId"]


def test_a_stale_revision_is_refused_and_nothing_is_overwritten(client: httpx.Client) -> None:
    compte = one(client, "/compte", 'numero == "62600000"')
    fresh = client.put("/compte", params=D1, json={**compte, "libelle": "Télécommunications"})
    assert fresh.status_code == 200
    stale = client.put("/compte", params=D1, json={**compte, "libelle": "Écrasé"})
    assert stale.status_code == 409
    body = stale.json()
    assert body["errors"][0]["field"] == "revisionId"
    assert body["errors"][0]["currentRevisionId"] == fresh.json()["revisionId"]
    assert compte["revisionId"] in body["message"]
    after = one(client, "/compte", 'numero == "62600000"')
    assert after["libelle"] == "Télécommunications" and after["revisionId"] == fresh.json()["revisionId"]


def test_put_requires_objectid_and_revisionid(client: httpx.Client) -> None:
    compte = one(client, "/compte", 'numero == "62600000"')
    response = client.put("/compte", params=D1, json={"objectId": compte["objectId"], "libelle": "x"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "revisionId"
    unknown = client.put(
        "/compte", params=D1, json={"objectId": str(uuid.uuid4()), "revisionId": compte["revisionId"]}
    )
    assert unknown.status_code == 404


def test_bodies_are_validated_against_the_spec(client: httpx.Client) -> None:
    response = client.post("/compte", params=D1, json={"numero": 60100000, "libelle": "x"})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "numero", "message": "60100000 is not of type 'string'"}]
    response = client.post("/journal", params=D1, json={"code": "X", "type": 12})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "type"
    response = client.post(
        "/compte", params=D1, content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Le corps de la requête n'est pas un JSON valide"
    assert client.post("/compte", params=D1).status_code == 400  # required body
    # the documented typo `application-json` is accepted
    ok = client.post(
        "/compte",
        params=D1,
        content=b'{"numero": "62880000", "libelle": "x"}',
        headers={"Content-Type": "application-json"},
    )
    assert ok.status_code == 200


def test_duplicates_are_a_conflict(client: httpx.Client) -> None:
    response = client.post("/compte", params=D1, json={"numero": "60100000", "libelle": "doublon"})
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "numero"
    assert len(client.get("/compte", params={**D1, "filter": 'numero=="60100000"'}).json()) == 1


def test_delete(client: httpx.Client) -> None:
    journal = one(client, "/journal", 'code == "CAI"')
    response = client.delete("/journal", params={**D1, "objectId": journal["objectId"]})
    assert response.status_code == 200
    assert response.json()["code"] == "CAI"
    assert client.get("/journal", params={**D1, "filter": 'code == "CAI"'}).json() == []
    again = client.delete("/journal", params={**D1, "objectId": journal["objectId"]})
    assert again.status_code == 404
    assert client.delete("/journal", params={**D1, "objectId": "not-a-uuid"}).status_code == 400


def test_a_dossier_is_only_its_own(client: httpx.Client) -> None:
    created = client.post("/compte", params=D1, json={"numero": "62880000", "libelle": "x"}).json()
    d3 = {"codeDossier": "CEGID003"}
    assert client.get("/compte", params={**d3, "filter": 'numero == "62880000"'}).json() == []
    assert client.delete("/compte", params={**d3, "objectId": created["objectId"]}).status_code == 404


def test_tiers_paths_impose_their_type(client: httpx.Client) -> None:
    created = client.post(
        "/tiersfournisseur", params=D1, json={"code": "FNEW", "raisonSociale": "Nouveau", "type": 0}
    ).json()
    assert created["type"] == 1
    assert one(client, "/tiersfournisseur", 'code == "FNEW"')["objectId"] == created["objectId"]
    assert client.get("/tiersclient", params={**D1, "filter": 'code == "FNEW"'}).json() == []
    # a client's PUT path cannot reach a supplier
    response = client.put(
        "/tiersclient", params=D1, json={"objectId": created["objectId"], "revisionId": created["revisionId"]}
    )
    assert response.status_code == 404


def test_dossier_complet_put_envelope(client: httpx.Client) -> None:
    current = client.get("/DossierComplet", params=D1).json()
    response = client.put("/DossierComplet", params=D1, json={**current, "formeJuridique": "SAS"})
    assert response.status_code == 200
    body = response.json()
    assert body["errors"] == [] and body["success"][0]["formeJuridique"] == "SAS"
    assert body["success"][0]["revisionId"] != current["revisionId"]
    # a business error is reported inside the envelope, with HTTP 200, and nothing changes
    bad = client.put("/DossierComplet", params=D1, json={**body["success"][0], "siren": "123456789"})
    assert bad.status_code == 200
    assert bad.json()["success"] == [] and "Luhn" in bad.json()["errors"][0]["message"]
    stale = client.put("/DossierComplet", params=D1, json={**current, "formeJuridique": "SA"})
    assert stale.status_code == 200 and stale.json()["errors"][0]["message"].startswith("La révision")
    assert client.get("/DossierComplet", params=D1).json()["formeJuridique"] == "SAS"
    # the example body of the page is an array: accepted too
    latest = client.get("/DossierComplet", params=D1).json()
    as_array = client.put("/DossierComplet", params=D1, json=[{**latest, "siren": ""}])
    assert as_array.status_code == 200 and as_array.json()["success"][0]["siren"] == ""


def test_a_new_dossier_client_opens_a_dossier(client: httpx.Client) -> None:
    cabinet = {"codeDossier": "cabinet"}
    assert client.get("/compte", params={"codeDossier": "NEW001"}).status_code == 404
    created = client.post(
        "/dossierClient", params=cabinet, json={"code": "NEW001", "libelle": "Nouveau client"}
    )
    assert created.status_code == 200
    assert client.get("/compte", params={"codeDossier": "NEW001"}).json() == []
    assert client.get("/DossierComplet", params={"codeDossier": "NEW001"}).json()["siren"] == ""
    assert client.post("/dossierClient", params=cabinet, json={"code": "NEW001"}).status_code == 409


def test_partial_init_finds_the_dossier_by_its_entity_id(client: httpx.Client) -> None:
    entity = client.get("/DossierComplet", params=D1).json()
    response = client.post(
        "/partialInit", json={"key": entity["objectId"], "subscriptionId": "7324343829320"}
    )
    assert response.status_code == 200
    assert response.json() == {
        "message": "L'initialisation partielle du dossier CEGID001 - domaine LOOP - a débuté",
        "domain": "LOOP",
        "codeIbs": "CEGID001",
    }
    unknown = client.post(
        "/partialInit", json={"key": str(uuid.uuid4()), "subscriptionId": "1", "numberOfDays": 2}
    )
    assert unknown.status_code == 404


def test_each_missing_property_is_named_in_the_400(client: httpx.Client) -> None:
    """One error per missing property, each naming its own (Prism found `key` named for both)."""
    both = client.post("/partialInit", json={})
    assert both.status_code == 400
    assert [e["field"] for e in both.json()["errors"]] == ["key", "subscriptionId"]
    only = client.post("/partialInit", json={"key": "e12a5703-ef8e-48da-8a21-699af50aae80"})
    assert only.json()["errors"] == [
        {"field": "subscriptionId", "message": "'subscriptionId' is a required property"}
    ]


def test_a_sandbox_bug_is_a_json_500_not_a_crash(loop_sandbox: Any, monkeypatch: Any) -> None:
    def broken(call: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(loop_sandbox.state.sandbox, "handle", broken)
    response = loop_sandbox.client().get("/compte", params=D1)
    assert response.status_code == 500
    assert response.json() == {"message": "Erreur interne du bac à sable.", "errors": []}
