from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    extra_properties,
    parse_uuid,
    wire_text,
)

T = TypeVar("T", bound="ImportRequestAccepted")
_KNOWN_KEYS = frozenset(
    {
        "accountingImportRequestId",
    }
)


@_attrs_define
class ImportRequestAccepted:
    """An import request was accepted: poll getImportStatus with its id.

    Attributes:
        accounting_import_request_id (UUID): Id of the import request.
    """

    accounting_import_request_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accounting_import_request_id = wire_text(self.accounting_import_request_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accountingImportRequestId": accounting_import_request_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        get = src_dict.get
        accounting_import_request_id = parse_uuid(src_dict["accountingImportRequestId"])

        import_request_accepted = cls(
            accounting_import_request_id,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = (
            {}
            if src_dict.keys() <= _KNOWN_KEYS
            else extra_properties(src_dict, _KNOWN_KEYS)
        )

        import_request_accepted.additional_properties = d
        return import_request_accepted

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
