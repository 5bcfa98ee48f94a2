"""The facade and the fault matrix against the Loop sandbox, in process (no socket).

Every fault either ends in success after retries or in the right typed error; no import is
started twice; nothing sleeps for real (stamina testing mode, see conftest).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from cegid_loop import (
    APIConnectionError,
    AsyncLoopClient,
    AuthenticationError,
    F,
    ImportFailed,
    ImportNotConfirmed,
    LoopClient,
    LoopError,
    NotFound,
    RateLimited,
    RevisionConflict,
    ServerError,
    UnexpectedResponse,
)
from cegid_loop.imports import ImportState
from cegid_loop.sandbox.app import (
    create_app,
    sandbox_state,
    sandbox_sync_transport,
    sandbox_transport,
)
from cegid_loop.sandbox.auth import Firm

from .conftest import SECRETS, TEST_API_KEY, TEST_SUBSCRIPTION_KEY

BASE_URL = "http://sandbox.test/loop-api-publiques"
DOSSIER = "CEGID001"
FEC_HEADER = (
    "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\t"
    "PieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise"
)
# (CompteNum, CompteLib, CompAuxNum, CompAuxLib, Debit, Credit) of one balanced purchase entry
_LINES = (
    ("60100000", "Achats matieres", "", "", "100,00", "0,00"),
    ("44566000", "TVA deductible", "", "", "20,00", "0,00"),
    ("40100000", "Fournisseurs", "FOUR1", "Fournisseur Un", "0,00", "120,00"),
)
FEC_ROWS = tuple(
    "\t".join(
        (
            *("AC", "Achats", "1", "20240131", num, lib, aux, auxlib, "F001", "20240131", "Facture F001"),
            *(debit, credit, "", "", "20240131", "", ""),
        )
    )
    for num, lib, aux, auxlib, debit, credit in _LINES
)


class Clock:
    """Import timeline clock: each reading moves time on, so polling sees pending -> running -> done."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        self.now += 0.5
        return self.now


@pytest.fixture
def app() -> Any:
    return create_app(
        firms=[Firm(TEST_SUBSCRIPTION_KEY, TEST_API_KEY)], import_step_seconds=1.0, clock=Clock()
    )


@pytest.fixture
def loop(app: Any) -> Iterator[LoopClient]:
    transport = sandbox_sync_transport(app)
    with LoopClient(
        subscription_key=TEST_SUBSCRIPTION_KEY, api_key=TEST_API_KEY, base_url=BASE_URL, transport=transport
    ) as client:
        yield client
    transport.close()


@pytest.fixture
def fec_file(tmp_path: Path) -> Path:
    path = tmp_path / "123456789FEC20241231.txt"
    path.write_text("\r\n".join((FEC_HEADER, *FEC_ROWS)) + "\r\n", encoding="utf-8")
    return path


def faults(app: Any, *rules: dict[str, Any]) -> None:
    sandbox_state(app).faults.configure({"seed": 1, "rules": list(rules)})


def fired(app: Any) -> list[int]:
    return [rule["fired"] for rule in sandbox_state(app).faults.to_json()["rules"]]


def imports_of(app: Any) -> list[Any]:
    state = sandbox_state(app)
    return state.store.list_imports(state.auth.firms[0].id)


# -- facade ----------------------------------------------------------------------------------------


def test_iter_with_startswith_is_done_by_the_server(loop: LoopClient) -> None:
    everything = loop.comptes.list(DOSSIER)
    expected = [c.numero for c in everything if c.numero.startswith("6")]
    assert expected  # the demo plan has class-6 accounts
    got = [
        c.numero
        for c in loop.comptes.iter(DOSSIER, filter=F.numero.startswith("6"), page_size=4, concurrency=3)
    ]
    assert sorted(got) == sorted(expected)
    assert len(got) == len(set(got))


def test_iter_pages_through_everything_once(loop: LoopClient) -> None:
    ids = [c.object_id for c in loop.comptes.iter(DOSSIER, page_size=5)]
    assert len(ids) == len(set(ids)) == len(loop.comptes.list(DOSSIER))


def test_resources_from_the_spec(loop: LoopClient) -> None:
    assert loop.journaux.list(DOSSIER)
    assert loop.tiers_clients.list(DOSSIER) is not None
    assert loop.etablissements.list(DOSSIER) is not None
    assert loop.dossiers.get(DOSSIER).siren
    groupes = loop.groupes.list("cabinet")  # the list wrapped in {"data": [...]}
    assert isinstance(groupes, list) and groupes and groupes[0].code


def test_crud_round_trip(loop: LoopClient) -> None:
    created = loop.comptes.create(DOSSIER, {"numero": "60110000", "libelle": "Achats test"})
    assert created.object_id and created.revision_id
    found = loop.comptes.find_one(DOSSIER, filter=F.numero == "60110000")
    assert found.object_id == created.object_id
    created.libelle = "Achats test modifiés"
    updated = loop.comptes.update(DOSSIER, created)
    assert updated.libelle == "Achats test modifiés" and updated.revision_id != created.revision_id
    with pytest.raises(RevisionConflict):
        loop.comptes.update(DOSSIER, created)
    loop.comptes.delete(DOSSIER, updated)
    with pytest.raises(NotFound):
        loop.comptes.delete(DOSSIER, updated)
    with pytest.raises(NotFound):
        loop.comptes.find_one(DOSSIER, filter=F.numero == "60110000")


def test_wrong_keys(app: Any) -> None:
    with (
        LoopClient(
            subscription_key=TEST_SUBSCRIPTION_KEY,
            api_key="pubkey-TEST-41d2:wrong-secret",
            base_url=BASE_URL,
            transport=sandbox_sync_transport(app),
        ) as loop,
        pytest.raises(AuthenticationError) as info,
    ):
        loop.comptes.list(DOSSIER)
    assert "API key" in info.value.message and info.value.status_code == 401


def test_fec_import_end_to_end(loop: LoopClient, app: Any, fec_file: Path) -> None:
    stages: list[str] = []
    result = loop.imports.fec(DOSSIER, fec_file, on_progress=lambda e: stages.append(e.stage))
    assert result.ok and result.state is ImportState.SUCCEEDED
    assert stages[:4] == ["validated", "deposit", "uploaded", "started"] and stages[-1] == "done"
    assert len(imports_of(app)) == 1
    history = loop.imports.history(DOSSIER)
    assert [str(h.accounting_import_request_id) for h in history] == [result.import_request_id]


def test_import_resumable(loop: LoopClient, fec_file: Path) -> None:
    started = loop.imports.fec(DOSSIER, fec_file, wait=False)
    assert loop.imports.status(started.import_request_id).state in (ImportState.PENDING, ImportState.RUNNING)
    assert loop.imports.wait(started.import_request_id).ok


def test_import_refused_by_loop(loop: LoopClient, app: Any, fec_file: Path) -> None:
    # Loop answers HTTP 200 {"error": {...}} for an unknown dossier: a typed ImportFailed.
    with pytest.raises(ImportFailed) as info:
        loop.imports.fec("NOPE999", fec_file)
    assert info.value.status_code == 200 and "NOPE999" in info.value.message
    assert not isinstance(info.value, ImportNotConfirmed)
    assert imports_of(app) == []


# -- fault matrix: reads ---------------------------------------------------------------------------

READ = {"operation": "listComptes"}


@pytest.mark.parametrize(
    "rule",
    [
        {"kind": "429", "first": 2, "retry_after": 1},
        {"kind": "503", "first": 2},
        {"kind": "drop", "first": 2},
        {"kind": "malformed", "first": 1},
        {"kind": "truncated", "first": 2},
    ],
    ids=lambda r: f"{r['kind']}x{r['first']}",
)
def test_read_recovers(loop: LoopClient, app: Any, rule: dict[str, Any]) -> None:
    faults(app, {**rule, **READ})
    assert loop.comptes.list(DOSSIER)
    assert fired(app) == [rule["first"]]


@pytest.mark.parametrize(
    ("rule", "error"),
    [
        ({"kind": "429", "retry_after": 1}, RateLimited),
        ({"kind": "503"}, ServerError),
        ({"kind": "drop"}, APIConnectionError),
        ({"kind": "malformed"}, UnexpectedResponse),
        ({"kind": "truncated"}, UnexpectedResponse),
    ],
    ids=lambda x: x["kind"] if isinstance(x, dict) else x.__name__,
)
def test_read_gives_up_typed(
    loop: LoopClient, app: Any, rule: dict[str, Any], error: type[LoopError]
) -> None:
    faults(app, {**rule, **READ})
    with pytest.raises(error):
        loop.comptes.list(DOSSIER)
    assert fired(app) == [3]  # bounded: 1 + max_retries


# -- fault matrix: imports -------------------------------------------------------------------------

START = {"operation": "importFec"}


def test_import_start_429_is_retried_and_started_once(loop: LoopClient, app: Any, fec_file: Path) -> None:
    faults(app, {"kind": "429", "first": 2, "retry_after": 1, **START})
    assert loop.imports.fec(DOSSIER, fec_file).ok
    assert len(imports_of(app)) == 1


@pytest.mark.parametrize(
    ("kind", "reached_loop"),
    [("503", False), ("drop", False), ("malformed", True), ("truncated", True)],
)
def test_import_start_is_never_replayed(
    loop: LoopClient, app: Any, fec_file: Path, kind: str, reached_loop: bool
) -> None:
    faults(app, {"kind": kind, "first": 1, **START})
    with pytest.raises(ImportNotConfirmed) as info:
        loop.imports.fec(DOSSIER, fec_file)
    assert fired(app) == [1]
    assert sandbox_state(app).faults.to_json()["rules"][0]["seen"] == 1  # one start request, not two
    assert len(imports_of(app)) == (1 if reached_loop else 0)
    assert info.value.uri


@pytest.mark.parametrize("kind", ["429", "503", "drop", "malformed", "truncated"])
def test_idempotent_import_steps_recover(loop: LoopClient, app: Any, fec_file: Path, kind: str) -> None:
    extra = {"retry_after": 1} if kind == "429" else {}
    faults(
        app,
        {"kind": kind, "first": 1, "operation": "getFileUrlDeposit", **extra},
        {"kind": kind, "first": 2, "operation": "getImportStatus", **extra},
    )
    assert loop.imports.fec(DOSSIER, fec_file).ok
    assert fired(app) == [1, 2]
    assert len(imports_of(app)) == 1


def test_random_faults_everywhere_never_double_import(loop: LoopClient, app: Any, fec_file: Path) -> None:
    faults(app, {"kind": "503", "rate": 0.3, "method": "GET"}, {"kind": "429", "rate": 0.3, "retry_after": 1})
    outcomes: list[str] = []
    for _ in range(6):
        try:
            loop.imports.fec(DOSSIER, fec_file)
            outcomes.append("ok")
        except LoopError as exc:
            outcomes.append(type(exc).__name__)
    started_by_client = outcomes.count("ok")
    assert started_by_client >= 1
    assert len(imports_of(app)) >= started_by_client  # every success is one import, none doubled
    assert len(imports_of(app)) <= len(outcomes)


# -- async -----------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_async_facade_and_import(app: Any, fec_file: Path) -> None:
    faults(app, {"kind": "503", "first": 1, **READ}, {"kind": "429", "first": 1, "retry_after": 1, **START})
    async with AsyncLoopClient(
        subscription_key=TEST_SUBSCRIPTION_KEY,
        api_key=TEST_API_KEY,
        base_url=BASE_URL,
        transport=sandbox_transport(app),
    ) as loop:
        numeros = [c.numero async for c in loop.comptes.iter(DOSSIER, page_size=5, concurrency=4)]
        assert len(numeros) == len(set(numeros)) == len(await loop.comptes.list(DOSSIER))
        result = await loop.imports.fec(DOSSIER, fec_file)
        assert result.ok
    assert len(imports_of(app)) == 1


# -- secrets ---------------------------------------------------------------------------------------


def test_no_secret_anywhere_under_faults(
    loop: LoopClient, app: Any, fec_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    faults(app, {"kind": "503", "every": 2}, {"kind": "drop", "every": 5}, {"kind": "truncated", "every": 7})
    texts: list[str] = [repr(loop), repr(loop.config)]
    for _ in range(3):
        calls: list[Callable[[], object]] = [
            lambda: loop.comptes.list(DOSSIER),
            lambda: loop.imports.fec(DOSSIER, fec_file),
            lambda: loop.comptes.update(DOSSIER, {"objectId": "00000000-0000-0000-0000-000000000000"}),
        ]
        for call in calls:
            try:
                texts.append(repr(call()))
            except LoopError as exc:
                texts += [str(exc), repr(exc), str(vars(exc))]
    texts += [str(vars(r)) for r in caplog.records] + [r.getMessage() for r in caplog.records]
    assert len(caplog.records) > 10
    for text in texts:
        for secret in SECRETS:
            assert secret not in text
