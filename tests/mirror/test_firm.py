"""firm_dossiers: every dossier the key can see, typed; records that cannot be addressed set aside."""

from __future__ import annotations

from cegid_loop import AsyncLoopClient, LoopClient
from cegid_loop.firm import FirmDossier, afirm_dossiers, dossiers_from, firm_dossiers


def test_the_demo_firm_has_two_dossiers(loop_client: LoopClient) -> None:
    dossiers = firm_dossiers(loop_client)
    assert dossiers.codes == ["CEGID001", "CEGID003"]
    assert dossiers[0].libelle == "Boulangerie Martin" and dossiers[0].object_id
    assert dossiers.skipped == []
    # each code addresses the dossier's own resources
    assert all(loop_client.journaux.list(d.code) for d in dossiers)


def test_a_dossier_created_through_the_api_is_listed(loop_client: LoopClient) -> None:
    loop_client.dossiers_clients.create("cabinet", {"code": "CEGID009", "libelle": "Nouveau dossier"})
    dossiers = firm_dossiers(loop_client)
    assert dossiers.codes == ["CEGID001", "CEGID003", "CEGID009"]
    assert loop_client.comptes.list("CEGID009") == []


async def test_async(async_loop_client: AsyncLoopClient) -> None:
    assert (await afirm_dossiers(async_loop_client)).codes == ["CEGID001", "CEGID003"]


def test_records_that_cannot_be_addressed_are_set_aside_with_the_reason() -> None:
    records = [
        {"objectId": "a", "code": " CEGID001 ", "libelle": "Un"},
        {"objectId": "b", "libelle": "sans code"},
        {"objectId": "c", "code": "", "libelle": "code vide"},
        {"objectId": "d", "code": "cabinet"},
        {"objectId": "e", "code": "CEGID001", "libelle": "doublon"},
        {"objectId": 7, "code": 42},
    ]
    dossiers = dossiers_from(records)
    assert dossiers == [FirmDossier("CEGID001", "Un", "a", records[0])]
    assert [why for _, why in dossiers.skipped] == [
        "no dossier code",
        "no dossier code",
        "'cabinet' names the firm, not a dossier",
        "dossier CEGID001 listed twice",
        "no dossier code",
    ]
    assert [body["objectId"] for body, _ in dossiers.skipped] == ["b", "c", "d", "e", 7]


def test_the_library_part_needs_only_the_core() -> None:
    """changes, firm and mirror import nothing of the extras (typer, rich, the sandbox's starlette...):
    in a fresh interpreter where importing them fails, as in a core-only install (httpx copes: it
    imports rich only for its own command line, when it can)."""
    import subprocess
    import sys

    code = """
import importlib.abc, sys
EXTRAS = {"typer", "rich", "click", "starlette", "uvicorn", "jsonschema", "yaml"}
class NoExtras(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in EXTRAS:
            raise ModuleNotFoundError(name)
sys.meta_path.insert(0, NoExtras())
import cegid_loop.changes, cegid_loop.firm, cegid_loop.mirror
from cegid_loop.changes import ChangeTracker
from cegid_loop.mirror import Mirror
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "ok", done.stderr
