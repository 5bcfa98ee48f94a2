from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    extra_properties,
)

if TYPE_CHECKING:
    from ..models.import_json_data import ImportJsonData


T = TypeVar("T", bound="ImportJsonRequest")
_KNOWN_KEYS = frozenset(
    {
        "codeIbs",
        "data",
        "SIRET",
    }
)


@_attrs_define
class ImportJsonRequest:
    """Body of POST /importJson (JSON, UTF-8).

    Attributes:
        code_ibs (str): Code du dossier dans Loop.
        data (ImportJsonData): `data` of an importJson body.
        siret (str | Unset): SIRET (14 digits). Only in the inte version of the page.
    """

    code_ibs: str
    data: ImportJsonData
    siret: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code_ibs = self.code_ibs

        data = self.data.to_dict()

        siret = self.siret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "codeIbs": code_ibs,
                "data": data,
            }
        )
        if siret is not UNSET:
            field_dict["SIRET"] = siret

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        get = src_dict.get
        code_ibs = src_dict["codeIbs"]

        data = ImportJsonData.from_dict(src_dict["data"])

        siret = get("SIRET", UNSET)

        import_json_request = cls(
            code_ibs,
            data,
            siret,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = (
            {}
            if src_dict.keys() <= _KNOWN_KEYS
            else extra_properties(src_dict, _KNOWN_KEYS)
        )

        import_json_request.additional_properties = d
        return import_json_request

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


from ..models.import_json_data import ImportJsonData
