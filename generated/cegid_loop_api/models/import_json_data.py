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
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


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
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

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
            _contexte = get("contexte", UNSET)
            contexte: ImportJsonContexte | Unset
            if _contexte is UNSET:
                contexte = UNSET
            else:
                contexte = ImportJsonContexte.from_dict(_contexte)

        except MISREAD as exc:
            contexte = UNSET
            unparsed = misread(
                unparsed, "ImportJsonData", "contexte", get("contexte", UNSET), exc
            )

        try:
            _options = get("options", UNSET)
            options: ImportJsonOptions | Unset
            if _options is UNSET:
                options = UNSET
            else:
                options = ImportJsonOptions.from_dict(_options)

        except MISREAD as exc:
            options = UNSET
            unparsed = misread(
                unparsed, "ImportJsonData", "options", get("options", UNSET), exc
            )

        try:
            _ecritures = get("ecritures", UNSET)
            ecritures: list[EcritureImport] | Unset = UNSET
            if _ecritures is not UNSET:
                if type(_ecritures) is not list:
                    raise TypeError(
                        f"expected an array, got {type(_ecritures).__name__}"
                    )
                ecritures = []
                for ecritures_item_data in _ecritures:
                    ecritures_item = EcritureImport.from_dict(ecritures_item_data)

                    ecritures.append(ecritures_item)

        except MISREAD as exc:
            ecritures = UNSET
            unparsed = misread(
                unparsed, "ImportJsonData", "ecritures", get("ecritures", UNSET), exc
            )

        import_json_data = cls(
            contexte,
            options,
            ecritures,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        import_json_data.additional_properties = d
        if unparsed is not None or aliases is not None:
            import_json_data._wire = Wire(unparsed, aliases)
        return import_json_data

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


from ..models.ecriture_import import EcritureImport
from ..models.import_json_contexte import ImportJsonContexte
from ..models.import_json_options import ImportJsonOptions
