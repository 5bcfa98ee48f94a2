from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    MISREAD,
    UNSET,
    Unset,
    Wire,
    case_aliases,
    extra_properties,
    misread,
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
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


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
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

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
        code_ibs = src_dict["codeIbs"]
        if type(code_ibs) is not str:
            unparsed = misread(
                unparsed, "ImportJsonRequest", "codeIbs", code_ibs, TypeError("not str")
            )
            code_ibs = UNSET

        try:
            data = ImportJsonData.from_dict(src_dict["data"])

        except MISREAD as exc:
            if "data" not in src_dict:
                raise  # a required field absent: not this model (unions are told apart so)
            data = UNSET
            unparsed = misread(
                unparsed, "ImportJsonRequest", "data", get("data", UNSET), exc
            )

        siret = get("SIRET", UNSET)
        if type(siret) is not str and siret is not UNSET:
            unparsed = misread(
                unparsed, "ImportJsonRequest", "SIRET", siret, TypeError("not str")
            )
            siret = UNSET

        import_json_request = cls(
            code_ibs,
            data,
            siret,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        import_json_request.additional_properties = d
        if unparsed is not None or aliases is not None:
            import_json_request._wire = Wire(unparsed, aliases)
        return import_json_request

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


from ..models.import_json_data import ImportJsonData
