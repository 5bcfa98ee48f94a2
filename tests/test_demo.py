"""The README's main job: `python -m cegid_loop.sandbox.demo` runs every step against a real HTTP sandbox."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cegid_loop.fec import validate_file
from cegid_loop.sandbox import demo


def test_demo_runs_every_step(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LOOP_BASE_URL", "LOOP_SUBSCRIPTION_KEY", "LOOP_API_KEY"):
        monkeypatch.setenv(name, "must-not-be-used")  # the demo's own settings win
    monkeypatch.setenv("COLUMNS", "160")
    code = demo.main(["--import-step-seconds", "0.05"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert re.search(r"Loop sandbox on http://127\.0\.0\.1:\d+/loop-api-publiques", out)
    assert "All 10 steps gave the expected result" in out
    assert "✗" not in out
    for line in (
        "44 accounts, read in pages of 20",
        'filter: numero >= "6" && numero < "7"',
        "supplier FPAPETERIELYON (Papeterie Lyonnaise) stored and read back",
        "refused: RevisionConflict (HTTP 409)",
        "732829320FEC20241231.txt: 9 lines, 0 error(s), 0 warning(s)",
        "✓ 9 entry lines imported",
        "3 accounts, journals AC and VE, tiers CCAFEDESARTS, FGARAGECENTRAL, FIMPRIMERIEROSE",
        "InvalidImportFile, and 0 requests reached the server",
    ):
        assert line in out
    assert re.findall(r"✓ (validate|deposit|upload|start|poll)\n", out) == [
        "validate", "deposit", "upload", "start", "poll",
    ]  # fmt: skip
    for secret in ("demo-secret", "demo-subscription-key", "must-not-be-used"):
        assert secret not in out


def test_demo_fec_files(tmp_path: Path) -> None:
    good = demo.write_fec(tmp_path, "732829320", demo.demo_entries())
    assert validate_file(good).ok
    (tmp_path / "bad").mkdir()
    bad = demo.write_fec(tmp_path / "bad", "732829320", demo.unbalanced(demo.demo_entries()))
    result = validate_file(bad)
    assert not result.ok and {"B2", "B3"} <= set(result.counts)


def test_a_failed_step_makes_the_demo_exit_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # An import that is not refused any more must be reported, not glossed over.
    monkeypatch.setattr(demo, "unbalanced", lambda lines: list(lines))
    monkeypatch.setenv("COLUMNS", "160")
    code = demo.main(["--import-step-seconds", "0"])
    out = capsys.readouterr().out
    assert code == 1
    assert "steps failed:" in out and "the unbalanced FEC file was imported" in out
    assert "All 10 steps" not in out
