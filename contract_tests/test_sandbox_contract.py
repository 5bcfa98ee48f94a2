"""Schemathesis over every operation of the sandbox's own definition (the effective one plus what the
sandbox answers beyond it, ``cegid_loop.sandbox.definition``), against the in-process sandbox (ASGI).

Phases examples, coverage and fuzzing; positive and negative data; every standard check but
``unsupported_method`` (see schemathesis.toml and TUNING.md). Deterministic: fixed seed, derandomized
Hypothesis, no example database. The stateful phase is test_sandbox_stateful.py.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Ok

from cegid_loop.sandbox.app import create_app
from cegid_loop.sandbox.auth import DEMO_API_KEY, DEMO_SUBSCRIPTION_KEY
from contract_tests.links import contract_config, contract_spec

CONFIG = contract_config(DEMO_SUBSCRIPTION_KEY, DEMO_API_KEY)
EXPECTED_OPERATIONS = 101
AUTH = {"Ocp-Apim-Subscription-Key": DEMO_SUBSCRIPTION_KEY, "X-ApiKey": DEMO_API_KEY}

schema = schemathesis.openapi.from_dict(contract_spec(), config=CONFIG)
schema.app = create_app(import_step_seconds=0)


@schema.parametrize()
def test_operation_conforms(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate()


def test_every_operation_of_the_spec_is_tested() -> None:
    operations = [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]
    assert len(operations) == EXPECTED_OPERATIONS
    assert len({op.label for op in operations}) == EXPECTED_OPERATIONS


def _careless(app: Any) -> Any:
    """A Loop that lets anyone in: it puts the demo keys on every request itself."""

    async def careless(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            others = [
                h for h in scope["headers"] if h[0].lower() not in (b"ocp-apim-subscription-key", b"x-apikey")
            ]
            scope = {
                **scope,
                "headers": [*others, *((k.lower().encode(), v.encode()) for k, v in AUTH.items())],
            }
        await app(scope, receive, send)

    return careless


@pytest.mark.parametrize(
    ("app", "failure"),
    [
        (create_app(profile="drifted", import_step_seconds=0), "Response violates schema"),
        (_careless(create_app(import_step_seconds=0)), "API accepts requests without authentication"),
    ],
    ids=["drifted-body", "ignored-auth"],
)
def test_the_suite_can_fail(app: Any, failure: str) -> None:
    other = schemathesis.openapi.from_dict(contract_spec(), config=CONFIG)
    other.app = app
    case = other.find_operation_by_id("listJournaux").Case(query={"codeDossier": "CEGID001"})
    with pytest.raises(FailureGroup) as caught:
        case.call_and_validate(headers=AUTH)
    assert [getattr(e, "title", "") for e in caught.value.exceptions] == [failure]
