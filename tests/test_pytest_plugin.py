"""The pytest fixtures users get with the package, run as a user's own test suite would run them."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

USER_TESTS = """
import pytest
from cegid_loop import AsyncLoopClient, LoopClient


def test_sync(loop_client, loop_sandbox):
    assert isinstance(loop_client, LoopClient)
    assert loop_client.journaux.find_one("CEGID001", filter='code=="ACH"').code == "ACH"
    # The sandbox behind the client is the test's own: faults set on it reach the client.
    loop_sandbox.set_faults({"rules": [{"kind": "503", "path": "/compte", "first": 1}]})
    with pytest.raises(Exception, match="503"):
        loop_client.with_options(max_retries=0).comptes.list("CEGID001")
    assert len(loop_client.comptes.list("CEGID001", take=3)) == 3


async def test_async(async_loop_client):
    assert isinstance(async_loop_client, AsyncLoopClient)
    comptes = await async_loop_client.comptes.list("CEGID001", take=2)
    assert len(comptes) == 2


def test_server(loop_sandbox_server):
    with loop_sandbox_server.loop_client() as loop:
        assert loop.dossiers.get("CEGID001").siren == "732829320"
"""


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    pytester.makepyfile(test_user=USER_TESTS)
    # The plugin is what the package's entry point loads; -p names it for the inner run either way.
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "-o", "asyncio_mode=auto", *args)


def test_the_fixtures_hand_back_configured_clients(pytester: pytest.Pytester) -> None:
    result = _run(pytester)
    result.assert_outcomes(passed=3)


def test_without_the_sandbox_extra_a_fixture_says_what_to_install(pytester: pytest.Pytester) -> None:
    # starlette made unimportable, as in a core-only install: the plugin still loads (pytest starts,
    # a test without fixtures passes) and each fixture test fails with the line to run.
    pytester.makeconftest("import sys\nsys.modules['starlette'] = None\n")
    pytester.makepyfile(test_plain="def test_plain():\n    assert True\n")
    result = _run(pytester)
    result.assert_outcomes(passed=1, errors=3)
    # One error block a fixture test, each saying what to install (the short summary may repeat the
    # line, truncated or not, depending on the terminal width: only the blocks are counted).
    message = (
        "the cegid-loop sandbox fixtures need the sandbox extra (starlette is not installed): "
        "pip install 'cegid-loop[sandbox]'"
    )
    assert result.stdout.lines.count(message) == 3
    assert "Traceback" not in result.stdout.str() and "During handling" not in result.stdout.str()


def test_without_pytest_asyncio_the_async_fixture_names_it(pytester: pytest.Pytester) -> None:
    # A pytest_asyncio that cannot be imported, first on the path (python -m puts the cwd there).
    pytester.makepyfile(pytest_asyncio="raise ModuleNotFoundError(\"No module named 'pytest_asyncio'\")")
    pytester.makepyfile(test_user="def test_a(async_loop_client):\n    pass\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:asyncio")
    result.assert_outcomes(errors=1)
    assert "async_loop_client fixture needs pytest-asyncio: pip install pytest-asyncio" in result.stdout.str()
