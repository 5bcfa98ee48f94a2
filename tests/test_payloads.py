"""Contributed payloads (tests/payloads/, see CONTRIBUTING.md): every one is replayed through the
generated models and through the typed facade, and must come back losslessly (every record, every
field, every value with its JSON type).

Shapes the client does not read yet are listed in NOT_READ_YET with the reason. The marks are
strict: the day the reader handles one, its test passes, pytest reports XPASS as a failure, and
the line must go. The list only ever shrinks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cegid_loop.drift.client_read import LOSSLESS, ClientReader, first_difference
from cegid_loop.drift.evidence import MARKER, check_files, load_evidence
from tests.generated_support import operations, parse, to_wire

PAYLOADS = Path(__file__).resolve().parent / "payloads"
NOT_READ_YET: dict[
    str, str
] = {}  # emptied by the tolerant reader (Q-NULL-REFERENCE, Q-CODED-FORMS, Q-LIST-ENVELOPE)
OPERATIONS = {op["operationId"]: op for _, _, op in operations()}
READER = ClientReader()


def _payloads() -> list[Any]:
    out = []
    for path in sorted(PAYLOADS.glob("*.json")):
        reason = NOT_READ_YET.get(path.name)
        marks = [pytest.mark.xfail(strict=True, reason=f"not read yet: {reason}")] if reason else []
        out.append(pytest.param(path, marks=marks, id=path.stem))
    return out


def _records(parsed: Any, body: Any) -> Any:
    """What a list read is compared with: the list under ``data`` when the reader unwrapped it."""
    if isinstance(parsed, list) and isinstance(body, dict) and isinstance(body.get("data"), list):
        return body["data"]
    return body


@pytest.mark.parametrize("path", _payloads())
def test_the_payload_round_trips_through_the_models_and_the_facade(path: Path) -> None:
    evidence = load_evidence(path)
    parsed = parse(OPERATIONS[evidence.operation], evidence.body, evidence.status)
    assert first_difference(_records(parsed, evidence.body), to_wire(parsed)) is None, "generated models"
    outcome = READER(evidence.operation, evidence.status, evidence.body)
    assert outcome.kind == LOSSLESS, f"facade: {outcome}"


def test_the_payload_folder_is_seeded_and_every_file_is_evidence() -> None:
    files = sorted(PAYLOADS.glob("*.json"))
    assert len(files) >= 10
    for path in files:
        evidence = load_evidence(path)
        assert evidence.operation in OPERATIONS, path.name
        raw = path.read_text(encoding="utf-8")
        assert f'"{MARKER}": 1' in raw and '"source"' in raw and '"note"' in raw, path.name
    assert set(NOT_READ_YET) <= {p.name for p in files}, "an xfail names a payload that is gone"


def test_drift_check_reads_the_whole_folder() -> None:
    report = check_files([PAYLOADS])
    assert len(report.operations) == len(list(PAYLOADS.glob("*.json")))
    failed_reads = {
        f.operation.split("[")[-1].rstrip("]") for f in report.findings if f.kind.startswith("client-read")
    }
    assert failed_reads == set(NOT_READ_YET), (
        "drift check and the replay above agree on what the client reads"
    )
