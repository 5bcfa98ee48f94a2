"""What a user's type checker sees: ``mypy --strict`` over code written against the installed
packages (found through the install, as in a user's project, so ``py.typed`` is what makes it work)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import httpx
import pytest
from mypy import api as mypy_api

from cegid_loop import LoopClient

GOOD = """
from cegid_loop import AsyncLoopClient, LoopClient, F
from cegid_loop_api.models import Compte


def sync_user(loop: LoopClient) -> None:
    reveal_type(loop.comptes.list("CEGID001", filter=F.numero.startswith("6"), take=5))
    for compte in loop.comptes.iter("CEGID001", concurrency=4):
        reveal_type(compte)
    reveal_type(loop.comptes.find_one("CEGID001", filter='numero == "1"'))
    reveal_type(loop.dossiers.get("CEGID001"))
    reveal_type(loop.tiers_fournisseurs.create("CEGID001", {"code": "F1"}))
    reveal_type(loop.comptes.delete("CEGID001", "00000000-0000-0000-0000-000000000000"))
    reveal_type(loop.imports.fec("CEGID001", "FEC.txt"))
    reveal_type(loop.imports.fec("CEGID001", "FEC.txt", wait=False))
    reveal_type(loop.imports.history("CEGID001"))
    reveal_type(loop.comptes.with_raw_response.list("CEGID001"))
    fast = loop.with_options(timeout=5, max_retries=0)
    reveal_type(fast)
    fast.comptes.list("CEGID001", timeout=2.5, extra_headers={"x-trace": "1"}, extra_query={"a": 1})
    first: Compte = loop.comptes.list("CEGID001")[0]
    print(first.numero)


async def async_user(loop: AsyncLoopClient) -> None:
    reveal_type(await loop.comptes.list("CEGID001"))
    async for compte in loop.comptes.iter("CEGID001"):
        reveal_type(compte)
    reveal_type(await loop.imports.wait("id"))
"""

GOOD_TYPES = [
    "list[cegid_loop_api.models.compte.Compte]",
    "cegid_loop_api.models.compte.Compte",
    "cegid_loop_api.models.compte.Compte",
    "cegid_loop_api.models.dossier_complet.DossierComplet",
    "cegid_loop_api.models.tiers.Tiers | None",  # the four tiers paths share the Tiers schema
    "None",
    "cegid_loop.imports.ImportResult",
    "cegid_loop.imports.ImportStarted",
    "list[cegid_loop_api.models.import_status.ImportStatus]",
    "cegid_loop._base_client.LoopResponse[list[cegid_loop_api.models.compte.Compte]]",
    "cegid_loop_api.facade._client.LoopClient",
    "list[cegid_loop_api.models.compte.Compte]",
    "cegid_loop_api.models.compte.Compte",
    "cegid_loop.imports.ImportResult",
]

BAD = """
from cegid_loop import LoopClient


def mistakes(loop: LoopClient) -> None:
    loop.comptez.list("CEGID001")
    loop.comptes.gett("CEGID001")
    loop.comptes.list("CEGID001", filtre='numero == "1"')
    lu = loop.dossiers.get("CEGID001")
    print(lu.sirne)
    loop.comptes.list(42)
    loop.imports.fec("CEGID001", "FEC.txt", nonsense=True)
    loop.with_options(timeout="fast")
"""

BAD_ERRORS = [
    (6, '"LoopClient" has no attribute "comptez"'),
    (7, '"Comptes" has no attribute "gett"'),
    (8, 'Unexpected keyword argument "filtre" for "list" of "Comptes"'),
    (10, '"DossierComplet" has no attribute "sirne"'),
    (11, 'Argument 1 to "list" of "Comptes" has incompatible type "int"'),
    (12, 'Unexpected keyword argument "nonsense" for overloaded function "fec" of "Imports"'),
    (12, 'No overload variant of "fec" of "Imports" matches argument types'),
    (13, 'Argument "timeout" to "with_options" of "SyncAPIClient" has incompatible type "str"'),
]


def _mypy(tmp_path: Path, code: str) -> str:
    source = tmp_path / "user_code.py"
    source.write_text(textwrap.dedent(code), encoding="utf-8")
    out, err, _ = mypy_api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / ".mypy_cache"), str(source)]
    )
    return out + err


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    base = tmp_path_factory.mktemp("typing")
    (base / "good").mkdir()
    (base / "bad").mkdir()
    return _mypy(base / "good", GOOD), _mypy(base / "bad", BAD)


def test_the_facade_types_what_users_write(outputs: tuple[str, str]) -> None:
    good, _ = outputs
    revealed = re.findall(r'Revealed type is "(.*)"', good)
    assert revealed == GOOD_TYPES, good
    assert " error: " not in good, good  # strict: no Any leaks, every call is typed


def test_mistakes_are_type_errors(outputs: tuple[str, str]) -> None:
    _, bad = outputs
    errors = [(int(line), text) for line, text in re.findall(r"user_code\.py:(\d+): error: (.*)", bad)]
    for line, expected in BAD_ERRORS:
        assert any(found_line == line and expected in text for found_line, text in errors), (expected, bad)
    assert len(errors) == len(BAD_ERRORS), bad


def test_a_wrong_keyword_at_run_time_names_the_method() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[]))
    with LoopClient(
        base_url="http://loop.invalid", subscription_key="s", api_key="k:s", transport=transport
    ) as loop:
        with pytest.raises(TypeError, match=r"Comptes\.list\(\) got an unexpected keyword argument 'filtre'"):
            loop.comptes.list("CEGID001", filtre="x")  # type: ignore[call-arg]
        with pytest.raises(
            TypeError, match=r"Imports\.fec\(\) got unexpected keyword argument\(s\) 'nonsense'"
        ):
            loop.imports.fec("CEGID001", "FEC.txt", nonsense=True)  # type: ignore[call-overload]
        with pytest.raises(AttributeError, match="comptez"):
            loop.comptez  # type: ignore[attr-defined]  # noqa: B018
