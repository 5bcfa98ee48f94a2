"""The shared CLI pieces: error policy, cell rendering, table layout."""

from __future__ import annotations

import pytest
import typer

from cegid_loop.cli.failures import InputProblem, UsageProblem, cli_errors, one_line
from cegid_loop.cli.output import cell, table_columns
from cegid_loop.errors import NotFound


@pytest.mark.parametrize(
    ("error", "code", "text"),
    [
        (
            NotFound("GET /compte: no such dossier", status_code=404),
            1,
            "GET /compte: no such dossier (HTTP 404)",
        ),
        (UsageProblem("--take and --all exclude each other"), 2, "--take and --all exclude each other"),
        (InputProblem("data.json: not a JSON file"), 1, "data.json: not a JSON file"),
        (FileNotFoundError(2, "No such file or directory", "x.txt"), 1, "x.txt: No such file or directory"),
        (RuntimeError("boom\nsecond line"), 1, "unexpected RuntimeError: boom second line"),
    ],
)
def test_errors_become_one_line_and_an_exit_code(
    capsys: pytest.CaptureFixture[str], error: Exception, code: int, text: str
) -> None:
    with pytest.raises(typer.Exit) as info, cli_errors():
        raise error
    assert info.value.exit_code == code
    assert capsys.readouterr().err == f"cegid-loop: error: {text}\n"


def test_typer_errors_pass_through() -> None:
    with pytest.raises(typer.BadParameter), cli_errors():
        raise typer.BadParameter("typer formats it and exits 2")


def test_secrets_are_masked_in_error_lines(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit), cli_errors():
        raise UsageProblem("bad header X-ApiKey: abc:def")
    err = capsys.readouterr().err
    assert "abc:def" not in err and "X-ApiKey: ***" in err


def test_import_timeout_tells_how_to_resume() -> None:
    from cegid_loop.imports import _timeout

    error = _timeout("42", None, 60)
    assert "cegid-loop status 42 --wait" in one_line(error) and "do not start it again" in one_line(error)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (12.5, "12.5"),
        ({"objectId": "c1", "description": ["40100000"]}, "40100000"),
        ({"objectId": None, "description": [""]}, ""),
        (["a", "b"], "a, b"),
        ({"ville": "Lyon"}, '{"ville":"Lyon"}'),
    ],
)
def test_cell(value: object, text: str) -> None:
    assert cell(value) == text


def test_table_columns_put_content_first_and_identifiers_last() -> None:
    texts = [{"objectId": "1", "revisionId": "r", "numero": "601", "tva": "", "libelle": "Achats"}]
    assert table_columns(list(texts[0]), texts) == ["numero", "libelle", "objectId", "revisionId"]
