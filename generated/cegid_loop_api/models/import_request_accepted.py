from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    MISREAD,
    UNSET,
    Wire,
    case_aliases,
    extra_properties,
    misread,
    parse_uuid,
    wire_text,
)

T = TypeVar("T", bound="ImportRequestAccepted")
_KNOWN_KEYS = frozenset(
    {
        "accountingImportRequestId",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class ImportRequestAccepted:
    """An import request was accepted: poll getImportStatus with its id.

    Attributes:
        accounting_import_request_id (UUID): Id of the import request.
    """

    accounting_import_request_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        accounting_import_request_id = wire_text(self.accounting_import_request_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accountingImportRequestId": accounting_import_request_id,
            }
        )

        if self._wire is not None:
            return self._wire.restore(field_dict)
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        aliases: dict[str, str] | None = None
        unparsed: dict[str, Any] | None = None
        known_only = src_dict.keys() <= _KNOWN_KEYS
        if not known_only:
            src_dict, aliases = case_aliases(src_dict, _KNOWN_KEYS, _KNOWN_LOWER)
            known_only = aliases is not None and src_dict.keys() <= _KNOWN_KEYS
        get = src_dict.get
        try:
            accounting_import_request_id = parse_uuid(
                src_dict["accountingImportRequestId"]
            )

        except MISREAD as exc:
            if "accountingImportRequestId" not in src_dict:
                raise  # a required field absent: not this model (unions are told apart so)
            accounting_import_request_id = UNSET
            unparsed = misread(
                unparsed,
                "ImportRequestAccepted",
                "accountingImportRequestId",
                get("accountingImportRequestId", UNSET),
                exc,
            )

        import_request_accepted = cls(
            accounting_import_request_id,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        import_request_accepted.additional_properties = d
        if unparsed is not None or aliases is not None:
            import_request_accepted._wire = Wire(unparsed, aliases)
        return import_request_accepted

    @property
    def unparsed_fields(self) -> dict[str, Any]:
        """Values read that did not fit their field, by wire name, kept as given (written back as is)."""
        return dict(self._wire.unparsed) if self._wire is not None else {}

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
