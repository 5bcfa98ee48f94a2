"""The named GET operations of a resource (``loop.pointage.etat_releve_compte``...), for `list` and
`get`: which one a command line means, and the call. Everything comes from the generated registry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cegid_loop.cli.failures import UsageProblem

if TYPE_CHECKING:
    from cegid_loop._types import Operation, ResourceInfo

SLOTS = ("list", "get")
# Command-line option -> the API parameter it fills (an action takes it only if it has that parameter).
OPTIONS = {"--filter": "filter", "--sort": "sort", "--select": "select", "--take": "take"}


def read_actions(spec: ResourceInfo) -> list[Operation]:
    """The resource's GET operations other than its list and get."""
    return [op for op in spec.operations if op.method == "GET" and op.name not in SLOTS]


def pick(spec: ResourceInfo, name: str | None, slot: str) -> Operation | None:
    """The action ``--action name`` names; without it, the resource's only read when it has no
    ``slot`` (`list` for `cegid-loop list`, `get` or `list` for `cegid-loop get`); else None."""
    reads = read_actions(spec)
    names = " or ".join(op.name for op in reads) or "none"
    if name is not None:
        key = name.strip().lower().replace("-", "_")
        op = next((o for o in spec.operations if o.name == key), None)
        if op is None:
            raise UsageProblem(f"{spec.name} has no action {name!r} (its GET actions: {names})")
        if op.method != "GET":
            raise UsageProblem(
                f"{spec.name}.{op.name} is {op.method} {op.path}, not a read (its GET actions: {names})"
            )
        return op
    wanted = (slot,) if slot == "list" else SLOTS
    if any(s in spec.methods for s in wanted) or not reads:
        return None
    if len(reads) > 1:
        raise UsageProblem(f"{spec.name} has several reads: choose one with --action {names}")
    return reads[0]


def call(namespace: Any, op: Operation, dossier: str, given: Mapping[str, Any]) -> Any:
    """Run ``op`` with the dossier (if it takes one) and the options given (each must be one of its
    parameters); another required parameter cannot come from `list`/`get`."""
    missing = [p for p in op.required if p != "codeDossier"]
    if missing:
        raise UsageProblem(f"{op.label} needs {', '.join(missing)}, which `list`/`get` cannot pass")
    kwargs: dict[str, Any] = {}
    for option, value in given.items():
        if value is None:
            continue
        wire = OPTIONS[option]
        if wire not in op.parameters:
            raise UsageProblem(f"{op.resource} --action {op.name} takes no {option} ({op.label})")
        kwargs[wire] = value
    args = [dossier] if "codeDossier" in op.parameters else []
    return getattr(namespace, op.name)(*args, **kwargs)


def takes_dossier(op: Operation) -> bool:
    return "codeDossier" in op.parameters
