from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

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

T = TypeVar("T", bound="CodeTvaCollecte")
_KNOWN_KEYS = frozenset(
    {
        "Vente",
        "assuranceDeb",
        "transportDeb",
        "client",
        "douteux",
        "societe",
        "discountC",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class CodeTvaCollecte:
    """The VAT code's accounts ("collecte"): an object of account numbers by role. The page lists
    `Vente` 7, `assuranceDeb` 61, `transportDeb` 62, `client` 411, `douteux` 416, `societe` 512,
    `discountC` 665, then is cut: other keys land in additional properties.

        Attributes:
            vente (int | str | Unset): Account number (the page shows `7`; type not stated).
            assurance_deb (int | str | Unset): Account number (the page shows `61`; type not stated).
            transport_deb (int | str | Unset): Account number (the page shows `62`; type not stated).
            client (int | str | Unset): Account number (the page shows `411`; type not stated).
            douteux (int | str | Unset): Account number (the page shows `416`; type not stated).
            societe (int | str | Unset): Account number (the page shows `512`; type not stated).
            discount_c (int | str | Unset): Account number (the page shows `665`; type not stated).
    """

    vente: int | str | Unset = UNSET
    assurance_deb: int | str | Unset = UNSET
    transport_deb: int | str | Unset = UNSET
    client: int | str | Unset = UNSET
    douteux: int | str | Unset = UNSET
    societe: int | str | Unset = UNSET
    discount_c: int | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        vente: int | str | Unset
        if isinstance(self.vente, Unset):
            vente = UNSET
        else:
            vente = self.vente

        assurance_deb: int | str | Unset
        if isinstance(self.assurance_deb, Unset):
            assurance_deb = UNSET
        else:
            assurance_deb = self.assurance_deb

        transport_deb: int | str | Unset
        if isinstance(self.transport_deb, Unset):
            transport_deb = UNSET
        else:
            transport_deb = self.transport_deb

        client: int | str | Unset
        if isinstance(self.client, Unset):
            client = UNSET
        else:
            client = self.client

        douteux: int | str | Unset
        if isinstance(self.douteux, Unset):
            douteux = UNSET
        else:
            douteux = self.douteux

        societe: int | str | Unset
        if isinstance(self.societe, Unset):
            societe = UNSET
        else:
            societe = self.societe

        discount_c: int | str | Unset
        if isinstance(self.discount_c, Unset):
            discount_c = UNSET
        else:
            discount_c = self.discount_c

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if vente is not UNSET:
            field_dict["Vente"] = vente
        if assurance_deb is not UNSET:
            field_dict["assuranceDeb"] = assurance_deb
        if transport_deb is not UNSET:
            field_dict["transportDeb"] = transport_deb
        if client is not UNSET:
            field_dict["client"] = client
        if douteux is not UNSET:
            field_dict["douteux"] = douteux
        if societe is not UNSET:
            field_dict["societe"] = societe
        if discount_c is not UNSET:
            field_dict["discountC"] = discount_c

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
            vente: int | str | Unset = get("Vente", UNSET)

        except MISREAD as exc:
            vente = UNSET
            unparsed = misread(
                unparsed, "CodeTvaCollecte", "Vente", get("Vente", UNSET), exc
            )

        try:
            assurance_deb: int | str | Unset = get("assuranceDeb", UNSET)

        except MISREAD as exc:
            assurance_deb = UNSET
            unparsed = misread(
                unparsed,
                "CodeTvaCollecte",
                "assuranceDeb",
                get("assuranceDeb", UNSET),
                exc,
            )

        try:
            transport_deb: int | str | Unset = get("transportDeb", UNSET)

        except MISREAD as exc:
            transport_deb = UNSET
            unparsed = misread(
                unparsed,
                "CodeTvaCollecte",
                "transportDeb",
                get("transportDeb", UNSET),
                exc,
            )

        try:
            client: int | str | Unset = get("client", UNSET)

        except MISREAD as exc:
            client = UNSET
            unparsed = misread(
                unparsed, "CodeTvaCollecte", "client", get("client", UNSET), exc
            )

        try:
            douteux: int | str | Unset = get("douteux", UNSET)

        except MISREAD as exc:
            douteux = UNSET
            unparsed = misread(
                unparsed, "CodeTvaCollecte", "douteux", get("douteux", UNSET), exc
            )

        try:
            societe: int | str | Unset = get("societe", UNSET)

        except MISREAD as exc:
            societe = UNSET
            unparsed = misread(
                unparsed, "CodeTvaCollecte", "societe", get("societe", UNSET), exc
            )

        try:
            discount_c: int | str | Unset = get("discountC", UNSET)

        except MISREAD as exc:
            discount_c = UNSET
            unparsed = misread(
                unparsed, "CodeTvaCollecte", "discountC", get("discountC", UNSET), exc
            )

        code_tva_collecte = cls(
            vente,
            assurance_deb,
            transport_deb,
            client,
            douteux,
            societe,
            discount_c,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        code_tva_collecte.additional_properties = d
        if unparsed is not None or aliases is not None:
            code_tva_collecte._wire = Wire(unparsed, aliases)
        return code_tva_collecte

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
