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
    from ..models.ecriture_import import EcritureImport
    from ..models.import_json_contexte import ImportJsonContexte
    from ..models.import_json_options import ImportJsonOptions


T = TypeVar("T", bound="ImportJsonData")
_KNOWN_KEYS = frozenset(
    {
        "contexte",
        "options",
        "ecritures",
    }
)


@_attrs_define
class ImportJsonData:
    """`data` of an importJson body.

    Attributes:
        contexte (ImportJsonContexte | Unset): Period of the imported entries.
        options (ImportJsonOptions | Unset): Options of an importJson request.
        ecritures (list[EcritureImport] | Unset): One object per entry LINE; at least two lines.
    """

    contexte: ImportJsonContexte | Unset = UNSET
    options: ImportJsonOptions | Unset = UNSET
    ecritures: list[EcritureImport] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contexte: dict[str, Any] | Unset = UNSET
        if not isinstance(self.contexte, Unset):
            contexte = self.contexte.to_dict()

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        ecritures: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.ecritures, Unset):
            ecritures = []
            for ecritures_item_data in self.ecritures:
                ecritures_item = ecritures_item_data.to_dict()
                ecritures.append(ecritures_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if contexte is not UNSET:
            field_dict["contexte"] = contexte
        if options is not UNSET:
            field_dict["options"] = options
        if ecritures is not UNSET:
            field_dict["ecritures"] = ecritures

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        get = src_dict.get
        _contexte = get("contexte", UNSET)
        contexte: ImportJsonContexte | Unset
        if _contexte is UNSET:
            contexte = UNSET
        else:
            contexte = ImportJsonContexte.from_dict(_contexte)

        _options = get("options", UNSET)
        options: ImportJsonOptions | Unset
        if _options is UNSET:
            options = UNSET
        else:
            options = ImportJsonOptions.from_dict(_options)

        _ecritures = get("ecritures", UNSET)
        ecritures: list[EcritureImport] | Unset = UNSET
        if _ecritures is not UNSET:
            ecritures = []
            for ecritures_item_data in _ecritures:
                ecritures_item = EcritureImport.from_dict(ecritures_item_data)

                ecritures.append(ecritures_item)

        import_json_data = cls(
            contexte,
            options,
            ecritures,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = (
            {}
            if src_dict.keys() <= _KNOWN_KEYS
            else extra_properties(src_dict, _KNOWN_KEYS)
        )

        import_json_data.additional_properties = d
        return import_json_data

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


from ..models.ecriture_import import EcritureImport
from ..models.import_json_contexte import ImportJsonContexte
from ..models.import_json_options import ImportJsonOptions
