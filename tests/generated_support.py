"""Helpers to drive the generated package from a spec operation (tests only)."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

import httpx
from openapi_python_client.strings import snake_case

from cegid_loop.definition import Definition
from cegid_loop_api.client import Client
from cegid_loop_api.types import Unset


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) of every operation of the effective spec."""
    return [
        (op.path, op.method.lower(), dict(op.node))
        for op in Definition.effective().operations
        if op.operation_id
    ]


def module_of(operation: dict[str, Any]) -> ModuleType:
    tag = snake_case(operation["tags"][0])
    return importlib.import_module(f"cegid_loop_api.api.{tag}.{snake_case(operation['operationId'])}")


def parse(operation: dict[str, Any], payload: Any, status: int = 200) -> Any:
    """What the generated endpoint makes of ``payload`` sent back with ``status``."""
    response = httpx.Response(status, json=payload)
    client = Client(base_url="http://loop.invalid")
    return module_of(operation)._parse_response(client=client, response=response)


def to_wire(value: Any) -> Any:
    """The JSON a parsed value writes back (models, lists of models, plain values)."""
    if isinstance(value, list):
        return [to_wire(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    assert not isinstance(value, Unset)
    return value
