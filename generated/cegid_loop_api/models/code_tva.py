from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.code_tva_regime import CodeTvaRegime
from ..types import (
    MISREAD,
    UNSET,
    Unset,
    Wire,
    case_aliases,
    coded_value,
    exact_code,
    extra_properties,
    misread,
    parse_uuid,
    wire_text,
)

if TYPE_CHECKING:
    from ..models.code_tva_collecte import CodeTvaCollecte


T = TypeVar("T", bound="CodeTva")
_KNOWN_KEYS = frozenset(
    {
        "objectId",
        "revisionId",
        "code",
        "description",
        "regime",
        "collecte",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class CodeTva:
    """A VAT code of the dossier ("code TVA", page "Paramétrage des codes TVA"). The field table is cut inside
    `collecte`; any other field returned lands in additional properties.

        Attributes:
            object_id (UUID | Unset): ID (UUID), code unique. Documented `string($uuid)`.
            revision_id (str | Unset): ID (UUID) de la révision. Documented `string($uuid)`; every example on the pages is a
                0x-prefixed hex
                rowversion such as "0x0000000000017ED5" (see README, Known disagreements).
            code (str | Unset): Code of the VAT code.
            description (str | Unset): Label ("Libellé du tva" on the page).
            regime (CodeTvaRegime | Unset): VAT regime: 1 Normal, 2 Exonéré, 3 Autoliquidation biens intra-communautaire, 4
                Export, 5 Corse,
                6 DOM, 7 Auto-liquidation sous-traitance, 8 Autoliquidation prestations intra-communautaire. The
                base type is not stated: integer codes, like the other coded fields on the wire (inferred).
            collecte (CodeTvaCollecte | Unset): The VAT code's accounts ("collecte"): an object of account numbers by role.
                The page lists
                `Vente` 7, `assuranceDeb` 61, `transportDeb` 62, `client` 411, `douteux` 416, `societe` 512,
                `discountC` 665, then is cut: other keys land in additional properties.
    """

    object_id: UUID | Unset = UNSET
    revision_id: str | Unset = UNSET
    code: str | Unset = UNSET
    description: str | Unset = UNSET
    regime: CodeTvaRegime | Unset = UNSET
    collecte: CodeTvaCollecte | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        object_id: str | Unset = UNSET
        if not isinstance(self.object_id, Unset):
            object_id = wire_text(self.object_id)

        revision_id = self.revision_id

        code = self.code

        description = self.description

        regime: int | Unset = UNSET
        if not isinstance(self.regime, Unset):
            regime = coded_value(self.regime)

        collecte: dict[str, Any] | Unset = UNSET
        if not isinstance(self.collecte, Unset):
            collecte = self.collecte.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if object_id is not UNSET:
            field_dict["objectId"] = object_id
        if revision_id is not UNSET:
            field_dict["revisionId"] = revision_id
        if code is not UNSET:
            field_dict["code"] = code
        if description is not UNSET:
            field_dict["description"] = description
        if regime is not UNSET:
            field_dict["regime"] = regime
        if collecte is not UNSET:
            field_dict["collecte"] = collecte

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
            _object_id = get("objectId", UNSET)
            object_id: UUID | Unset
            if _object_id is UNSET:
                object_id = UNSET
            else:
                object_id = parse_uuid(_object_id)

        except MISREAD as exc:
            object_id = UNSET
            unparsed = misread(
                unparsed, "CodeTva", "objectId", get("objectId", UNSET), exc
            )

        revision_id = get("revisionId", UNSET)
        if type(revision_id) is not str and revision_id is not UNSET:
            unparsed = misread(
                unparsed, "CodeTva", "revisionId", revision_id, TypeError("not str")
            )
            revision_id = UNSET

        code = get("code", UNSET)
        if type(code) is not str and code is not UNSET:
            unparsed = misread(unparsed, "CodeTva", "code", code, TypeError("not str"))
            code = UNSET

        description = get("description", UNSET)
        if type(description) is not str and description is not UNSET:
            unparsed = misread(
                unparsed, "CodeTva", "description", description, TypeError("not str")
            )
            description = UNSET

        try:
            _regime = get("regime", UNSET)
            regime: CodeTvaRegime | Unset
            if _regime is UNSET:
                regime = UNSET
            else:
                regime = (
                    _m
                    if (
                        _m := CodeTvaRegime._value2member_map_.get(_regime)
                        if type(_regime) is int
                        else None
                    )
                    is not None
                    else CodeTvaRegime(exact_code(_regime))
                )

        except MISREAD as exc:
            regime = UNSET
            unparsed = misread(unparsed, "CodeTva", "regime", get("regime", UNSET), exc)

        try:
            _collecte = get("collecte", UNSET)
            collecte: CodeTvaCollecte | Unset
            if _collecte is UNSET:
                collecte = UNSET
            else:
                collecte = CodeTvaCollecte.from_dict(_collecte)

        except MISREAD as exc:
            collecte = UNSET
            unparsed = misread(
                unparsed, "CodeTva", "collecte", get("collecte", UNSET), exc
            )

        code_tva = cls(
            object_id,
            revision_id,
            code,
            description,
            regime,
            collecte,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        code_tva.additional_properties = d
        if unparsed is not None or aliases is not None:
            code_tva._wire = Wire(unparsed, aliases)
        return code_tva

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


from ..models.code_tva_collecte import CodeTvaCollecte
