"""Settings files: [tool.cegid-loop.validate] in pyproject.toml (discovered) or a --config file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cegid_loop.cli.app import app
from cegid_loop.fec import ConfigError, InvalidImportFile, ensure_valid, find_config, load_config

from .conftest import FecBuilder, clean_rows

runner = CliRunner()

PYPROJECT = """\
[project]
name = "books"

[tool.cegid-loop.validate]
warn = ["F1"]
ignore = ["C4"]
severities = { C5 = "error" }
strict = false
"""


def _f1_and_c5(fec: FecBuilder) -> Path:
    rows = clean_rows()
    rows[0]["EcritureDate"] = "2023-01-02"  # F1 error, line 2
    rows[2]["EcritureLet"] = "AA"  # C5 warning, line 4
    return fec(rows)


def test_load_pyproject_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(PYPROJECT)
    cfg = load_config(path)
    assert cfg.source == path and cfg.strict is False and cfg.rules is None
    assert cfg.severities == {"F1": "warning", "C4": "ignore", "C5": "error"}
    # Explicit settings win, rule by rule.
    merged = cfg.merged(severities={"F1": "error"}, strict=True)
    assert merged.severities == {"F1": "error", "C4": "ignore", "C5": "error"} and merged.strict is True


def test_other_file_may_use_top_level_keys(tmp_path: Path) -> None:
    path = tmp_path / "loop.toml"
    path.write_text('warn = "N1"\nrules = "all,-C6"\n[severities]\nB = "warning"\n')
    cfg = load_config(path)
    assert cfg.rules == "all,-C6" and cfg.severities["N1"] == "warning" and cfg.severities["B2"] == "warning"
    bare = tmp_path / "pyproject.toml"
    bare.write_text('[project]\nname = "x"\n')
    assert load_config(bare).severities == {}  # a pyproject.toml without the table sets nothing


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tool.cegid-loop.validate]\nwarnings = ['F1']\n", "unknown key(s) warnings"),
        ("[tool.cegid-loop.validate]\nwarn = 'F9'\n", "unknown rule 'F9'"),
        ("[tool.cegid-loop.validate]\nwarn = [1]\n", "warn must be a list of rule ids"),
        ("[tool.cegid-loop.validate]\nseverities = { N1 = 'loud' }\n", "unknown severity 'loud'"),
        ("[tool.cegid-loop.validate]\nstrict = 'yes'\n", "strict must be true or false"),
        ("[tool.cegid-loop.validate]\nrules = 'B9'\n", "unknown rule 'B9'"),
        ("[tool.cegid-loop.validate]\nwarn = ['N1']\nerror = ['N1']\n", "N1 is set to both"),
        ("[tool.cegid-loop]\nvalidate = 3\n", "must be a table"),
        ("[tool.cegid-loop.validate\nwarn = []\n", "not valid TOML"),
    ],
)
def test_bad_settings_name_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_unreadable_settings_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        load_config(tmp_path / "missing.toml")
    (tmp_path / "latin.toml").write_bytes(b"warn = ['\xe9']\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(tmp_path / "latin.toml")


def test_find_config_walks_up_to_the_closest_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "inner"\n')  # no table: skipped
    assert find_config(deep) == tmp_path / "pyproject.toml"
    (deep / "pyproject.toml").write_text("[broken\n")  # not ours (no mention of cegid-loop): skipped
    assert find_config(deep) == tmp_path / "pyproject.toml"
    (deep / "pyproject.toml").write_text("[tool.cegid-loop.validate\n")  # ours, broken: reported
    assert find_config(deep) == deep / "pyproject.toml"
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(deep / "pyproject.toml")


def test_cli_discovers_pyproject(fec: FecBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(_f1_and_c5(fec))
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(PYPROJECT)
    monkeypatch.chdir(project)
    found = runner.invoke(app, ["validate", path])
    assert found.exit_code == 1  # F1 demoted, but C5 promoted to an error by the file
    assert f"settings from {project / 'pyproject.toml'}" in found.output
    assert "C5=error" in found.output and "F1=warning" in found.output
    overridden = runner.invoke(app, ["validate", path, "--warn", "C5", "--json"])
    data = json.loads(overridden.stdout)
    assert overridden.exit_code == 0 and data["config"] == str(project / "pyproject.toml")
    assert data["severities"] == {"C4": "ignore", "C5": "warning", "F1": "warning"}
    assert runner.invoke(app, ["validate", path, "--no-config"]).exit_code == 1  # F1 is an error again


def test_cli_config_option_and_its_errors(fec: FecBuilder, tmp_path: Path) -> None:
    path = str(_f1_and_c5(fec))
    cfg = tmp_path / "loop.toml"
    cfg.write_text('warn = ["F1"]\n')
    assert runner.invoke(app, ["validate", path, "--config", str(cfg)]).exit_code == 0
    assert runner.invoke(app, ["validate", path, "--config", str(cfg), "--strict"]).exit_code == 1
    cfg.write_text('warn = ["F1"]\nstrict = true\n')
    assert runner.invoke(app, ["validate", path, "--config", str(cfg)]).exit_code == 1
    assert runner.invoke(app, ["validate", path, "--config", str(cfg), "--no-strict"]).exit_code == 0
    cfg.write_text("warn = [\n")
    bad = runner.invoke(app, ["validate", path, "--config", str(cfg)])
    assert bad.exit_code == 2 and len(bad.output.strip().splitlines()) == 1 and "not valid TOML" in bad.output
    as_json = runner.invoke(app, ["validate", path, "--config", str(cfg), "--json"])
    assert json.loads(as_json.stdout)["exit_code"] == 2


def test_ensure_valid_reads_settings(
    fec: FecBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = clean_rows()
    rows[0]["EcritureDate"] = "2023-01-02"  # F1 only
    path = fec(rows)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidImportFile):
        ensure_valid(path, "fec")  # no settings file anywhere above tmp_path
    (tmp_path / "pyproject.toml").write_text('[tool.cegid-loop.validate]\nwarn = ["F1"]\n')
    assert ensure_valid(path, "fec").ok  # discovered: the import code needs no change to honour it
    with pytest.raises(InvalidImportFile):
        ensure_valid(path, "fec", config=False)
    with pytest.raises(InvalidImportFile):
        ensure_valid(path, "fec", severities={"F1": "error"})  # explicit wins over the file
    other = tmp_path / "strict.toml"
    other.write_text("strict = true\n")
    assert ensure_valid(path, "fec", config=other, severities={"F1": "warning"}).ok is True
    (tmp_path / "pyproject.toml").write_text('[tool.cegid-loop.validate]\nwarn = ["F1", "Q"]\n')
    with pytest.raises(ConfigError, match="unknown rule 'Q'"):
        ensure_valid(path, "fec")
