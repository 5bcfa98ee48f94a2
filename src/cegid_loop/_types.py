"""Types shared by the run-time core and the generated facade (``cegid_loop_api.facade``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeAlias, final

import httpx

# What a JSON document can be, for answers the definition leaves untyped.
JSON: TypeAlias = "dict[str, JSON] | list[JSON] | str | int | float | bool | None"

Timeout: TypeAlias = float | httpx.Timeout | None
Headers: TypeAlias = Mapping[str, str]
Query: TypeAlias = Mapping[str, str | int | float | bool | None]
# ``select``: a comma-separated string or a sequence of field names.
Select: TypeAlias = str | Sequence[str] | None

Provenance: TypeAlias = Literal["documented", "partial", "inferred", "official"]


@final
class NotGiven:
    """The default of an option that was not passed (``None`` can be a meaningful value, e.g. no
    timeout), as in openai-python."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


@dataclass(frozen=True)
class Operation:
    """One operation of the API as the generated facade knows it (no spec is read at run time)."""

    method: str
    path: str
    operation_id: str
    resource: str
    name: str  # the facade method
    tag: str = ""
    summary: str = ""
    provenance: Provenance = "official"
    provenance_note: str = ""
    parameters: tuple[str, ...] = ()  # query and path parameters, as the API spells them
    required: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """``GET /compte (listComptes)``: how messages name the operation."""
        return f"{self.method} {self.path} ({self.operation_id})"

    @property
    def qualified_name(self) -> str:
        return f"{self.resource}.{self.name}"


@dataclass(frozen=True)
class ResourceInfo:
    """A resource of the facade (``loop.<name>``) and its operations, for the CLI and the docs."""

    name: str
    class_name: str
    operations: tuple[Operation, ...] = field(default_factory=tuple)

    @property
    def path(self) -> str:
        return self.operations[0].path if self.operations else ""

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(op.name for op in self.operations)

    def operation(self, name: str) -> Operation | None:
        return next((op for op in self.operations if op.name == name), None)


@dataclass(frozen=True)
class RequestOptions:
    """Per-call options, from the keyword arguments every facade method takes."""

    timeout: Timeout | NotGiven = NOT_GIVEN
    extra_headers: Headers | None = None
    extra_query: Query | None = None
    deadline: float | NotGiven | None = NOT_GIVEN


DEFAULT_OPTIONS = RequestOptions()

__all__ = [
    "DEFAULT_OPTIONS",
    "JSON",
    "NOT_GIVEN",
    "Headers",
    "NotGiven",
    "Operation",
    "Provenance",
    "Query",
    "RequestOptions",
    "ResourceInfo",
    "Select",
    "Timeout",
]
