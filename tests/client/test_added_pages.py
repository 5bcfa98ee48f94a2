"""The operations of facts.md §6 (Tva.html, Engagement.html, Mission.html) through the typed facade,
against the sandbox in process: what the definition says of them is what a user gets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from cegid_loop import BadRequest, F, LoopClient, NotFound
from cegid_loop.sandbox.app import create_app, sandbox_sync_transport
from cegid_loop.sandbox.auth import Firm
from cegid_loop_api.models import ActiviteMissionCalage, CodeTva, CodeTvaRegime

from .conftest import TEST_API_KEY, TEST_SUBSCRIPTION_KEY

BASE_URL = "http://sandbox.test/loop-api-publiques"
KEYS = {"Ocp-Apim-Subscription-Key": TEST_SUBSCRIPTION_KEY, "X-ApiKey": TEST_API_KEY}


@pytest.fixture
def app() -> Any:
    return create_app(firms=[Firm(TEST_SUBSCRIPTION_KEY, TEST_API_KEY)], import_step_seconds=0)


@pytest.fixture
def loop(app: Any) -> Iterator[LoopClient]:
    transport = sandbox_sync_transport(app)
    with LoopClient(
        subscription_key=TEST_SUBSCRIPTION_KEY, api_key=TEST_API_KEY, base_url=BASE_URL, transport=transport
    ) as client:
        yield client


def raw_get(app: Any, path: str, **query: str) -> httpx.Response:
    with httpx.Client(transport=sandbox_sync_transport(app), base_url="http://sandbox.test") as client:
        return client.get(path, params=query, headers=KEYS)


def test_codes_tva_are_listed_with_their_regime_and_collecte(loop: LoopClient) -> None:
    codes = loop.codes_tva.list("CEGID001")
    assert [c.code for c in codes] == ["N20", "R55", "EXO", "AIC"]
    normal = codes[0]
    assert isinstance(normal, CodeTva) and normal.description == "TVA normale 20 %"
    assert normal.regime is CodeTvaRegime.NORMAL
    assert codes[3].regime is CodeTvaRegime.AUTOLIQUIDATION_BIENS_INTRACOMMUNAUTAIRE
    assert normal.collecte.client == 411 and normal.collecte.societe == 512  # Tva.html's values
    assert [c.code for c in loop.codes_tva.list("CEGID001", filter=F["regime"] == 2)] == ["EXO"]


def test_codes_tva_writes_at_the_moved_path(loop: LoopClient) -> None:
    created = loop.codes_tva.create("CEGID001", {"code": "EXP", "description": "Export", "regime": 4})
    assert created is not None and created.regime is CodeTvaRegime.EXPORT
    created.description = "Export hors UE"
    updated = loop.codes_tva.update("CEGID001", created)
    assert updated is not None and updated.description == "Export hors UE"
    loop.codes_tva.delete("CEGID001", updated)
    with pytest.raises(NotFound):
        loop.codes_tva.find_one("CEGID001", filter=F["code"] == "EXP")


def test_the_inferred_taux_tva_is_gone(loop: LoopClient, app: Any) -> None:
    assert not hasattr(loop, "taux_tva")
    answer = raw_get(app, "/tauxTva", codeDossier="CEGID001")
    assert answer.status_code == 404 and answer.json()["message"] == "Resource not found"


def test_engagements_carry_the_fields_of_engagement_html(loop: LoopClient) -> None:
    engagements = loop.engagements.list("cabinet")
    assert {e.code_ibs for e in engagements} == {"CEGID001", "CEGID003"}
    (one,) = loop.engagements.list("cabinet", filter=F["codeIBS"] == "CEGID003")  # the page's example
    entity = loop.dossiers_clients.find_one("cabinet", filter=F["code"] == "CEGID003")
    assert one.entite_ibs_id == str(entity.object_id) and one.entite == entity.libelle
    assert one.profit_center and one.maitre_dossier and one.date_debut and one.date_fin


def test_activites_mission_are_read_with_their_mandatory_filter(loop: LoopClient) -> None:
    letter = loop.engagements.list("cabinet", filter=F["codeIBS"] == "CEGID001")[0]
    services = loop.activites_mission.list("CEGID001", F["lettreMissionId"] == str(letter.object_id))
    assert services and {s.lettre_mission_id for s in services} == {letter.object_id}
    assert {s.calage for s in services} <= set(ActiviteMissionCalage)
    assert all(len(s.decalage) == 3 and len(s.quantite) == 18 for s in services)
    assert services[0].libelle == "Tenue de la comptabilité"  # "Libelle", capital L on the wire


def test_activites_mission_without_a_filter_is_refused(loop: LoopClient, app: Any) -> None:
    answer = raw_get(app, "/giActivitesMission", codeDossier="cabinet")
    assert answer.status_code == 400
    assert answer.json()["errors"] == [{"field": "filter", "message": "le paramètre filter est obligatoire"}]
    with pytest.raises(BadRequest) as blank:  # a blank filter is no filter: refused too
        loop.activites_mission.list("cabinet", "")
    assert "filter" in str(blank.value)
