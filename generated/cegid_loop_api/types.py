"""Contains some shared types for properties"""

import contextlib
import datetime
import gc
import json
import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from decimal import Decimal
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar
from uuid import UUID, SafeUUID

from attrs import define


class Unset:
    """A field the answer did not carry (as opposed to ``None``, a field sent as ``null``)."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


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


# -- the tolerant reader (cegid-loop) ---------------------------------------------------------------
# What reading a model tolerates, field by field: a value of another type than the definition says
# is kept as given (quirk Q-ANY-VALUE), never allowed to fail the page it came in.
MISREAD = (TypeError, ValueError, AttributeError, KeyError, IndexError)
_reader_log = logging.getLogger("cegid_loop.reader")
_reported: set[tuple[str, str]] = set()


class Wire:
    """How a model was spelt on the wire where that differs from the definition: values that did
    not fit their field (kept as given), and field names read in another case. ``to_dict`` writes
    them back exactly as read."""

    __slots__ = ("aliases", "unparsed")

    def __init__(
        self, unparsed: dict[str, Any] | None, aliases: dict[str, str] | None
    ) -> None:
        self.unparsed = unparsed or {}
        self.aliases = aliases or {}

    def restore(self, field_dict: dict[str, Any]) -> dict[str, Any]:
        field_dict.update(self.unparsed)
        if not self.aliases:
            return field_dict
        return {self.aliases.get(key, key): value for key, value in field_dict.items()}


def misread(
    unparsed: dict[str, Any] | None,
    model: str,
    key: str,
    value: Any,
    exc: BaseException,
) -> dict[str, Any]:
    """Record a value that does not fit its field (once per model and field, a warning in the log)."""
    if unparsed is None:
        unparsed = {}
    unparsed[key] = value
    if (model, key) not in _reported:
        _reported.add((model, key))
        _reader_log.warning(
            "%s.%s: %.80r does not fit the definition (%s: %s); kept as given (unparsed_fields)",
            model,
            key,
            value,
            type(exc).__name__,
            exc,
        )
    return unparsed


def case_aliases(
    src_dict: Mapping[str, Any], known: frozenset[str], lower: Mapping[str, str]
) -> tuple[Mapping[str, Any], dict[str, str] | None]:
    """A field spelt in another case (``raisonsociale`` for ``raisonSociale``, quirk Q-FIELD-CASE)
    read as the field it is; the spelling is returned, to be written back."""
    renamed: dict[str, Any] | None = None
    aliases: dict[str, str] | None = None
    for key in src_dict:
        if key in known:
            continue
        canonical = lower.get(key.lower())
        if canonical is None or canonical in src_dict:
            continue
        if renamed is None:
            renamed, aliases = dict(src_dict), {}
        renamed[canonical] = renamed.pop(key)
        aliases[canonical] = key  # type: ignore[index]
    return (renamed if renamed is not None else src_dict), aliases


ENVELOPE_KEYS = ("data", "items", "value", "results", "records")


class Envelope(list[T]):
    """A page of records that came wrapped in an object: the records, and ``envelope``, the other
    keys of that object (``{"count": 2}``), kept."""

    envelope: dict[str, Any]

    def __init__(self, items: list[T], envelope: dict[str, Any]) -> None:
        super().__init__(items)
        self.envelope = envelope


def records_of(data: Any) -> tuple[list[Any], dict[str, Any] | None]:
    """The records of a list answer: a bare array, or the array an envelope object holds (quirk
    Q-LIST-ENVELOPE: ``{"data": [...], "count": n}`` on /groupe and, by evidence, possibly elsewhere)."""
    if isinstance(data, list):
        return data, None
    if isinstance(data, dict):
        arrays = [key for key, value in data.items() if isinstance(value, list)]
        key = next(
            (k for k in ENVELOPE_KEYS if k in arrays),
            arrays[0] if len(arrays) == 1 else None,
        )
        if key is not None:
            return data[key], {k: v for k, v in data.items() if k != key}
    raise TypeError(
        f"expected a list of records, or an object holding one; got {type(data).__name__}"
    )


def envelope_body(body: Any) -> tuple[Any, str | None]:
    """The body of an envelope model (``{"data": [...]}``) with its array under ``data``: a bare
    array is wrapped, an array under another key (``results``...) moved; that key is returned, so
    that the model writes it back as read."""
    if isinstance(body, list):
        return {"data": body}, None
    if isinstance(body, dict) and not isinstance(body.get("data"), list):
        records, envelope = records_of(body)
        key = next(k for k, v in body.items() if v is records)
        return {**envelope, "data": records}, key
    return body, None


def respell(model: Any, canonical: str, key: str | None) -> Any:
    """Let ``model`` write field ``canonical`` back under ``key``, the name it was read under."""
    if key is not None:
        if model._wire is None:
            model._wire = Wire(None, {canonical: key})
        else:
            model._wire.aliases[canonical] = key
    return model


def with_envelope(items: list[T], envelope: dict[str, Any] | None) -> list[T]:
    return items if envelope is None else Envelope(items, envelope)


def exact_code(value: Any) -> Any:
    """A code is an int or a str (not a bool, not a float that equals an int): else ValueError,
    and the model keeps the value as given."""
    if type(value) is int or type(value) is str:
        return value
    raise ValueError(f"{value!r} is not a code (an integer or a string)")


def coded_value(member: Any) -> Any:
    """An enum member's value as it came on the wire (``"2"`` stays ``"2"``, quirk Q-CODED-FORMS)."""
    return member.__dict__.get("_wire_", member._value_)


# -- money: exact decimals (cegid-loop) -----------------------------------------------------------------
# Amounts are Decimal (fields marked `format: decimal` in the effective definition): response bodies
# are parsed with json's parse_float=Decimal, so no digit is lost on the way in, and request bodies are
# encoded with the exact text of each Decimal, a JSON number (never a rounded float, never a string).


class WireDecimal(Decimal):
    """A Decimal read from a JSON value of the other kind than its field's (a numeric string in a
    number field, quirk Q-AMOUNT-FORMS; a number in a decimal-as-string field): ``wire`` is that
    value, written back as it came. Arithmetic gives plain Decimals (written canonically)."""

    __slots__ = ("wire",)


_DECIMAL_TEXT = re.compile(
    r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?"
)


def _decimal_of_text(value: str) -> Decimal:
    # Strict: digits with one "." or "," (separatorDecimal), an optional exponent; no spaces,
    # underscores, thousands separators, NaN or Infinity (Decimal() itself takes all of those).
    if not _DECIMAL_TEXT.fullmatch(value):
        raise ValueError(f"{value[:40]!r} is not a decimal number")
    return Decimal(value.replace(",", "."))


def _wire_decimal(number: Decimal, wire: Any) -> WireDecimal:
    parsed = WireDecimal(number)
    parsed.wire = wire
    return parsed


def parse_decimal(value: Any) -> Decimal:
    """An amount (a field carried as a JSON number): a Decimal from a decimal number (parsed exactly,
    see ``loads``), an integer, a float (by its shortest repr) or a numeric string (remembered, quirk
    Q-AMOUNT-FORMS); ``TypeError``/``ValueError`` otherwise (a bool, an object, NaN...), and the model
    keeps the value as given (Q-ANY-VALUE)."""
    kind = type(value)
    if kind is Decimal:
        if value.is_finite():
            return value
        raise ValueError(f"{value!r} is not a finite amount")
    if kind is int:
        return Decimal(value)
    if kind is float:
        if value - value == 0:  # finite
            return Decimal(repr(value))
        raise ValueError(f"{value!r} is not a finite amount")
    if kind is str:
        return _wire_decimal(_decimal_of_text(value), value)
    if kind is WireDecimal:
        return value
    raise TypeError(f"{kind.__name__} is not an amount")


def parse_decimal_text(value: Any) -> Decimal:
    """A decimal carried as a JSON string (``currencyRate: "1.0"``): read exactly, and written back
    as the text it came in (or as the number it came as)."""
    if type(value) is str:
        return _wire_decimal(_decimal_of_text(value), value)
    if type(value) is WireDecimal:
        return value
    number = parse_decimal(value)
    return _wire_decimal(number, value)


def is_decimal_like(value: Any) -> bool:
    """What ``parse_decimal`` may take (a union tries the amount form first)."""
    return type(value) in (Decimal, int, float, str, WireDecimal)


def decimal_json(value: Any) -> Any:
    """An amount for ``to_dict``: the Decimal itself (``json_dumps`` writes its exact digits as a JSON
    number), or the value as read when it came as a string."""
    if type(value) is WireDecimal:
        return value.wire
    return value


def decimal_json_text(value: Any) -> Any:
    """A decimal-as-string for ``to_dict``: as read, else its digits as a string (``"1.0837"``)."""
    if type(value) is WireDecimal:
        return value.wire
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def as_float(value: Any) -> Any:
    """A ``number`` field that is not money: a float (a decimal read exactly is rounded to the float
    json would have given), an int kept as it came; ``TypeError`` otherwise (Q-ANY-VALUE)."""
    kind = type(value)
    if kind is float or kind is int:
        return value
    if kind is Decimal:
        return float(value)
    raise TypeError(f"{kind.__name__} is not a number")


_EXACT_DECODER = json.JSONDecoder(parse_float=Decimal)


def loads(content: bytes | str) -> Any:
    """A JSON body, every number with a fraction or an exponent as an exact ``Decimal`` (integers
    stay ``int``). Same input rules as ``json.loads`` (UTF-8/16/32, a BOM on bytes)."""
    if isinstance(content, (bytes, bytearray)):
        content = content.decode(json.detect_encoding(content), "surrogatepass")
    return _EXACT_DECODER.decode(content)


# A Decimal becomes a placeholder string that json's C encoder writes (`"\u0000<nonce><n>\u0000"`),
# then the placeholder is replaced by the number's digits. The nonce is random per process: no text
# that was not produced here can look like a placeholder.
_NONCE = os.urandom(8).hex()
_PLACEHOLDER = re.compile('"\\\\u0000' + _NONCE + '([0-9]+)\\\\u0000"')


def json_dumps(
    value: Any, *, default: Callable[[Any], Any] | None = None, **options: Any
) -> str:
    """``json.dumps`` that writes a ``Decimal`` as a JSON number with its exact digits, in positional
    notation (``Decimal("0.10")`` -> ``0.10``, ``Decimal("1E+3")`` -> ``1000``); NaN and infinities
    raise ``ValueError``. Other options are ``json.dumps``'s; ``default`` is called for other types."""
    texts: list[str] = []

    def encode(obj: Any) -> Any:
        if isinstance(obj, Decimal):
            if not obj.is_finite():
                raise ValueError(f"{obj!r} is not a JSON number")
            texts.append(format(obj, "f"))
            return f"\x00{_NONCE}{len(texts) - 1}\x00"
        if default is not None:
            return default(obj)
        raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")

    text = json.dumps(value, default=encode, **options)
    if texts:
        text = _PLACEHOLDER.sub(lambda match: texts[int(match.group(1))], text)
    return text


def json_body(value: Any) -> bytes:
    """A request body: what httpx's ``json=`` sends (compact, UTF-8, no NaN), Decimals exact."""
    return json_dumps(
        value, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def status_code_of(code: int) -> HTTPStatus | int:
    """``HTTPStatus`` when the code is a registered one, else the plain int (quirk Q-NON-IANA-STATUS)."""
    try:
        return HTTPStatus(code)
    except ValueError:
        return code


__all__ = [
    "ENVELOPE_KEYS",
    "MISREAD",
    "UNSET",
    "Envelope",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "Wire",
    "WireDate",
    "WireDateTime",
    "WireDecimal",
    "WireUUID",
    "as_float",
    "bulk_parsing",
    "case_aliases",
    "coded_value",
    "decimal_json",
    "decimal_json_text",
    "envelope_body",
    "exact_code",
    "extra_properties",
    "is_decimal_like",
    "json_body",
    "json_dumps",
    "loads",
    "misread",
    "parse_date",
    "parse_datetime",
    "parse_decimal",
    "parse_decimal_text",
    "parse_uuid",
    "records_of",
    "respell",
    "status_code_of",
    "wire_text",
    "with_envelope",
]
