"""What a command line user expects: exit 2 for what cannot run, no escape codes where they do not
belong, the library's log from LOOP_LOG, one line naming the extra that is missing, and the one
command tree with the connection options declared once."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cegid_loop import _logs
from cegid_loop.cli.app import app, build_app
from cegid_loop.cli.options import ApiCommand
from tests.cli.conftest import Run, error_line

ROOT = Path(__file__).resolve().parents[2]
ESCAPE = re.compile(r"\x1b\[")


def _escapes(*args: str, **env: str) -> bool:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return bool(ESCAPE.search(result.output))


@pytest.mark.parametrize(
    "args",
    [
        ("get", "dossiers", "-d", "CEGID001", "--sandbox"),  # a bold "field" column
        ("resources",),
    ],
)
def test_no_color_means_no_escape_code_at_all(args: tuple[str, ...]) -> None:
    # FORCE_COLOR makes rich treat the test's pipe as a terminal: without NO_COLOR, styles appear,
    # so the check below is not vacuous.
    assert _escapes(*args, FORCE_COLOR="1", NO_COLOR="")
    assert not _escapes(*args, FORCE_COLOR="1", NO_COLOR="1")
    assert not _escapes(*args, FORCE_COLOR="1", TERM="dumb")


def test_a_pipe_gets_no_escape_code() -> None:
    assert not _escapes("get", "dossiers", "-d", "CEGID001", "--sandbox")


def test_missing_keys_exit_2(run: Run) -> None:
    result = run("list", "comptes", "-d", "CEGID001")
    assert result.exit_code == 2
    assert "missing subscription key" in error_line(result)


def test_an_unknown_loop_log_value_exits_2(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOOP_LOG", "loud")
    result = run("list", "comptes", "-d", "CEGID001", "--sandbox")
    assert result.exit_code == 2
    assert "LOOP_LOG='loud': expected one of info, debug" in error_line(result)


def _child(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LOOP_")}
    path = os.pathsep.join([str(ROOT / "src"), str(ROOT / "generated"), str(ROOT)])
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "PYTHONPATH": path, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_loop_log_debug_prints_the_requests_with_the_keys_masked() -> None:
    code = (
        "import httpx\n"
        "from cegid_loop import LoopClient\n"
        "def answer(request):\n"
        "    return httpx.Response(200, json=[{'numero': '1', 'libelle': request.headers['X-ApiKey']}])\n"
        "with LoopClient(base_url='http://loop.test', subscription_key='sub-LOG-7f3e2a',\n"
        "                api_key='key-LOG-1b2c:secret-LOG-9d8e',\n"
        "                transport=httpx.MockTransport(answer)) as loop:\n"
        "    loop.comptes.list('CEGID001')\n"
        "    import logging; logging.getLogger('cegid_loop').info('echo %s', 'secret-LOG-9d8e')\n"
    )
    quiet = _child(code)
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == ""  # nothing without LOOP_LOG
    loud = _child(code, LOOP_LOG="debug")
    assert loud.returncode == 0, loud.stderr
    assert "GET /compte (listComptes) -> 200" in loud.stderr
    assert "HTTP Request: GET http://loop.test/compte" in loud.stderr  # httpx's own line, at debug
    assert "echo ***" in loud.stderr
    assert "sub-LOG-7f3e2a" not in loud.stderr and "secret-LOG-9d8e" not in loud.stderr


def test_loop_log_info_leaves_the_http_stack_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _logs.level_from_env({"LOOP_LOG": "INFO"}) == logging.INFO
    assert _logs.level_from_env({}) is None
    code = (
        "import httpx\n"
        "from cegid_loop import LoopClient\n"
        "with LoopClient(base_url='http://loop.test', subscription_key='s-1234', api_key='k:s-5678',\n"
        "                transport=httpx.MockTransport(lambda r: httpx.Response(200, json=[]))) as loop:\n"
        "    loop.comptes.list('CEGID001')\n"
    )
    info = _child(code, LOOP_LOG="info")
    assert info.returncode == 0, info.stderr
    assert "HTTP Request" not in info.stderr


def test_without_the_sandbox_extra_sandbox_commands_name_it() -> None:
    code = (
        "import sys; sys.modules['starlette'] = None\n"
        "sys.argv = ['cegid-loop', 'list', 'comptes', '-d', 'CEGID001', '--sandbox']\n"
        "from cegid_loop.cli import main; main()\n"
    )
    result = _child(code)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (
        "cegid-loop: error: this command needs the sandbox extra (starlette is not installed): "
        "pip install 'cegid-loop[sandbox]'"
    )


def test_without_the_cli_extra_the_command_names_it() -> None:
    code = "import sys; sys.modules['typer'] = None\nfrom cegid_loop.cli import main; main()\n"
    result = _child(code)
    assert result.returncode == 2, result.stderr
    assert "needs the cli extra (typer is not installed): pip install 'cegid-loop[cli]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_command_that_talks_to_loop_has_the_connection_options_once() -> None:
    import typer.main

    group = typer.main.get_group(build_app())
    api_commands: list[str] = []

    def walk(command: object, path: str) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}".strip())
        if isinstance(command, ApiCommand):
            api_commands.append(path)
            names = [opt for p in command.params for opt in getattr(p, "opts", [])]
            for option in ("--base-url", "--subscription-key", "--api-key", "--sandbox", "--sandbox-db"):
                assert names.count(option) == 1, (path, option)

    walk(group, "")
    assert sorted(api_commands) == ["get", "import", "imports history", "list", "mirror", "status"]


def test_import_stages_under_no_color_are_plain_lines(fec_file: Path) -> None:
    args = ["import", "fec", str(fec_file), "-d", "CEGID001", "--sandbox"]
    forced = CliRunner().invoke(app, args, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert forced.exit_code == 0 and ESCAPE.search(forced.stderr)  # a progress bar on a "terminal"
    plain = CliRunner().invoke(app, args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert plain.exit_code == 0, plain.output
    assert not ESCAPE.search(plain.output)
    assert "✓ upload" in plain.stderr
