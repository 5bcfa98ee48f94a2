"""Contains some shared types for properties"""

import datetime
from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar
from uuid import UUID

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus | int
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


# --- cegid-loop tolerant reader (overrides/templates/types.py.jinja) -------------------------------
# The real Loop API sends values that break their declared format (ids that are not UUIDs, dates in
# another shape) and status codes outside the IANA list (e.g. 520 from a CDN). Parsing must never
# crash on them and writing a value back must give exactly the text that was read.


class WireUUID(UUID):
    """A UUID that remembers the exact text it was read from (case included)."""

    __slots__ = ("wire",)


class WireDate(datetime.date):
    """A date that remembers the exact text it was read from."""

    __slots__ = ("wire",)


class WireDateTime(datetime.datetime):
    """A datetime that remembers the exact text it was read from (e.g. ``.000Z``)."""

    __slots__ = ("wire",)


def parse_uuid(value: Any) -> Any:
    """A ``WireUUID``, or the value as given when it is not a UUID (quirk Q-OBJECTID-NOT-UUID)."""
    try:
        parsed = WireUUID(value)
    except (TypeError, ValueError, AttributeError):
        return value
    object.__setattr__(parsed, "wire", value)
    return parsed


def parse_date(value: Any) -> Any:
    """A ``WireDate``, or the value as given when it is not an ISO date."""
    try:
        parsed = WireDate.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    parsed.wire = value
    return parsed


def parse_datetime(value: Any) -> Any:
    """A ``WireDateTime``, or the value as given when it is not an ISO date-time."""
    try:
        parsed = WireDateTime.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    parsed.wire = value
    return parsed


def wire_text(value: Any) -> Any:
    """The JSON text of a uuid/date/date-time value: what was read, else its canonical form."""
    wire = getattr(value, "wire", None)
    if isinstance(wire, str):
        return wire
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


def status_code_of(code: int) -> HTTPStatus | int:
    """``HTTPStatus`` when the code is a registered one, else the plain int (quirk Q-NON-IANA-STATUS)."""
    try:
        return HTTPStatus(code)
    except ValueError:
        return code


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "WireDate",
    "WireDateTime",
    "WireUUID",
    "parse_date",
    "parse_datetime",
    "parse_uuid",
    "status_code_of",
    "wire_text",
]
