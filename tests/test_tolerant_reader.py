"""Tolerant reader: a response the server really sends never crashes parsing, and nothing is lost."""

from __future__ import annotations

import asyncio
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from cegid_loop_api.api.ecritures_import import get_import_status
from cegid_loop_api.api.parametres_comptables import list_comptes
from cegid_loop_api.client import Client
from cegid_loop_api.models import Compte, Journal, JournalType, Reference
from cegid_loop_api.types import WireUUID, parse_date, parse_datetime, parse_uuid, wire_text

COMPTE: dict[str, Any] = {
    "objectId": "0f57181f-379e-44f5-9470-64680ed50bb5",
    "revisionId": "0x0000000000017ED5",
    "description": ["60100000"],
    "numero": "60100000",
    "libelle": "Achats non stockés de matières et fournitures",
    "type": 6,
    "collectif": False,
    "compteContrepartie": {"objectId": None, "description": [""]},
}


def _client(status: int, content: bytes) -> Client:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=content))
    return Client(base_url="http://loop.invalid", httpx_args={"transport": transport})


def test_unknown_fields_are_kept_and_written_back() -> None:
    payload = {**COMPTE, "nouveauChamp": {"a": [1, 2]}, "SIRET": "123"}
    compte = Compte.from_dict(payload)
    assert compte["nouveauChamp"] == {"a": [1, 2]}
    assert compte.to_dict() == payload


def test_an_unknown_enum_value_is_kept_not_rejected() -> None:
    journal = Journal.from_dict({"code": "ACH", "type": 9})
    assert journal.type_ == 9 and journal.type_.name == "UNKNOWN_9"
    assert isinstance(journal.type_, JournalType)
    assert journal.to_dict() == {"code": "ACH", "type": 9}
    assert JournalType(8) is JournalType.VENTE  # known values are still the real members


def test_an_id_that_is_not_a_uuid_is_kept_as_given() -> None:
    payload = {"objectId": "ABC-123", "description": ["x"]}
    reference = Reference.from_dict(payload)
    assert reference.object_id == "ABC-123"
    assert reference.to_dict() == payload
    assert parse_uuid("") == ""


def test_a_uuid_is_typed_and_written_back_with_its_original_case() -> None:
    upper = "0F57181F-379E-44F5-9470-64680ED50BB5"
    parsed = parse_uuid(upper)
    assert isinstance(parsed, UUID) and isinstance(parsed, WireUUID)
    assert parsed == UUID(upper.lower())
    assert wire_text(parsed) == upper
    assert Reference.from_dict({"objectId": upper}).to_dict() == {"objectId": upper}


def test_dates_that_break_their_format_are_kept_and_good_ones_write_back_exactly() -> None:
    assert parse_date("2024-05-10T00:00:00") == "2024-05-10T00:00:00"
    assert parse_datetime("10/05/2024") == "10/05/2024"
    stamp = parse_datetime("2026-01-15T00:00:00.000Z")
    assert stamp.year == 2026 and stamp.tzinfo is not None
    assert wire_text(stamp) == "2026-01-15T00:00:00.000Z"
    assert wire_text(parse_date("2026-01-15")) == "2026-01-15"


def test_an_empty_reference_reads_as_null_and_writes_back_exactly() -> None:
    compte = Compte.from_dict(COMPTE)
    assert compte.compte_contrepartie.object_id is None
    assert compte.to_dict()["compteContrepartie"] == {"objectId": None, "description": [""]}


def test_a_non_iana_status_is_a_plain_int_not_a_value_error() -> None:
    response = list_comptes.sync_detailed(client=_client(520, b"origin error"), code_dossier="CEGID001")
    assert response.status_code == 520 and response.parsed is None
    ok = list_comptes.sync_detailed(client=_client(200, b"[]"), code_dossier="CEGID001")
    assert ok.status_code is HTTPStatus.OK and ok.parsed == []


def test_the_async_path_is_tolerant_too() -> None:
    async def call() -> Any:
        return await get_import_status.asyncio_detailed(
            client=_client(599, b""), accounting_import_request_id="ca85671e-6f98-4c2e-b075-c5cd9fea57ed"
        )

    assert asyncio.run(call()).status_code == 599


def test_a_list_with_a_description_string_and_an_array_both_parse() -> None:
    # Q-DESCRIPTION-SHAPE: the same property is an array on compte and a string on section.
    assert Compte.from_dict({"description": "60100000"}).to_dict() == {"description": "60100000"}
    assert Compte.from_dict({"description": ["60100000"]}).to_dict() == {"description": ["60100000"]}
