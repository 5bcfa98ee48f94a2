"""Contains some shared types for properties"""

import contextlib
import datetime
import gc
from collections.abc import Iterator, Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar
from uuid import UUID, SafeUUID

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


# The slots of a WireUUID, written through their descriptors: object.__setattr__ looks the name up in
# the class first, and SafeUUID.unknown is an enum attribute lookup each time.
_new_object = object.__new__
_set_uuid_int = UUID.__dict__["int"].__set__
_set_uuid_is_safe = UUID.__dict__["is_safe"].__set__
_set_uuid_wire = WireUUID.__dict__["wire"].__set__
_SAFE_UNKNOWN = SafeUUID.unknown


def parse_uuid(value: Any) -> Any:
    """A ``WireUUID``, or the value as given when it is not a UUID (quirk Q-OBJECTID-NOT-UUID)."""
    # The canonical 8-4-4-4-12 form is decoded here directly: uuid.UUID's parser costs more than
    # decoding the rest of a record. Anything else goes through uuid.UUID (braces, urn:, no dashes).
    if (
        type(value) is str
        and len(value) == 36
        and value[8] == value[13] == value[18] == value[23] == "-"
    ):
        digits = value.replace("-", "")
        if len(digits) == 32:
            try:
                number = int(digits, 16)
            except ValueError:
                return value
            parsed = _new_object(WireUUID)
            _set_uuid_int(parsed, number)
            _set_uuid_is_safe(parsed, _SAFE_UNKNOWN)
            _set_uuid_wire(parsed, value)
            return parsed
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


def extra_properties(
    src_dict: Mapping[str, Any], known: frozenset[str]
) -> dict[str, Any]:
    """The members of ``src_dict`` that the model does not name, in their order (usually none)."""
    if src_dict.keys() <= known:
        return {}
    return {key: value for key, value in src_dict.items() if key not in known}


@contextlib.contextmanager
def bulk_parsing(size: int) -> Iterator[None]:
    """Pause the cyclic garbage collector while a large body becomes models.

    Building 100,000 models allocates millions of objects, none of them garbage; each allocation
    threshold crossed would scan them all again. Small bodies are left alone.
    """
    if size < 65536 or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


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
    "bulk_parsing",
    "extra_properties",
    "parse_date",
    "parse_datetime",
    "parse_uuid",
    "status_code_of",
    "wire_text",
]
