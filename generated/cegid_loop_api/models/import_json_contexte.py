from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    Wire,
    case_aliases,
    extra_properties,
    misread,
)

T = TypeVar("T", bound="ImportJsonContexte")
_KNOWN_KEYS = frozenset(
    {
        "from",
        "to",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class ImportJsonContexte:
    """Period of the imported entries.

    Attributes:
        from_ (str | Unset): Start, ISO 'YYYY-MM-DDTHH:mm:ss.SSSZ'.
        to (str | Unset): End, ISO 'YYYY-MM-DDTHH:mm:ss.SSSZ'.
    """

    from_: str | Unset = UNSET
    to: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_

        to = self.to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if from_ is not UNSET:
            field_dict["from"] = from_
        if to is not UNSET:
            field_dict["to"] = to

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
        from_ = get("from", UNSET)
        if type(from_) is not str and from_ is not UNSET:
            unparsed = misread(
                unparsed, "ImportJsonContexte", "from", from_, TypeError("not str")
            )
            from_ = UNSET

        to = get("to", UNSET)
        if type(to) is not str and to is not UNSET:
            unparsed = misread(
                unparsed, "ImportJsonContexte", "to", to, TypeError("not str")
            )
            to = UNSET

        import_json_contexte = cls(
            from_,
            to,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        import_json_contexte.additional_properties = d
        if unparsed is not None or aliases is not None:
            import_json_contexte._wire = Wire(unparsed, aliases)
        return import_json_contexte

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
