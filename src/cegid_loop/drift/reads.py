"""Which operations of the definition ``drift live`` reads, and with what: the list and single
GETs (the operations themselves are the definition model's, :class:`DefinedOperation`)."""

from __future__ import annotations

from cegid_loop.definition import DefinedOperation

CABINET_TAG = "parametres_cabinet"
READ_METHOD = "GET"


def is_cabinet(op: DefinedOperation) -> bool:
    """A cabinet API: read with ``codeDossier=cabinet`` (Q-CABINET-DOSSIER)."""
    return CABINET_TAG in op.tags


def is_read(op: DefinedOperation) -> bool:
    """List GETs and single GETs: GETs scoped by a dossier, or GETs that return a list (the
    definition model's decision) and need no query parameter."""
    if op.method != READ_METHOD:
        return False
    if "codeDossier" in op.names("query"):
        return True
    return op.returns_list and not op.required_names("query")


def example_value(op: DefinedOperation, name: str) -> str | None:
    """The documented example of query parameter ``name`` (to call an operation that requires it)."""
    parameter = op.parameter(name, "query")
    example = parameter.example if parameter is not None else None
    return None if example is None else str(example)


__all__ = ["CABINET_TAG", "READ_METHOD", "example_value", "is_cabinet", "is_read"]
