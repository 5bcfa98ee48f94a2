from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

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
    parse_uuid,
    wire_text,
)

if TYPE_CHECKING:
    from ..models.import_json_options_comptes_rules_item import (
        ImportJsonOptionsComptesRulesItem,
    )


T = TypeVar("T", bound="ImportJsonOptions")
_KNOWN_KEYS = frozenset(
    {
        "separatorDecimal",
        "formatDate",
        "multiPeriode",
        "failOnUnbalanced",
        "createNewJournaux",
        "createNewComptes",
        "createNewTiers",
        "defaultJournalId",
        "sortLines",
        "comptesRules",
        "newFolio",
        "balanceAuto",
        "aNouveaux",
        "defaultCompte",
        "createPieceRef",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class ImportJsonOptions:
    """Options of an importJson request.

    Attributes:
        separator_decimal (str | Unset): Decimal separator of amounts.
        format_date (str | Unset): Date format ("AAAA-MM-JJThh:mm:ss.nnnZ" in the list, "YYYY-MM-DDTHH:mm:ss.SSSZ" in
            the example).
        multi_periode (bool | Unset): true: entries allowed on all open periods (current and next fiscal year); false:
            only the last open period.
        fail_on_unbalanced (bool | Unset): Raise an error on unbalanced entry groups.
        create_new_journaux (bool | Unset): Create the journal when unknown.
        create_new_comptes (bool | Unset): Create the account when unknown.
        create_new_tiers (bool | Unset): Create the tiers when unknown; if false the entry uses the waiting (attente)
            tiers. Default: True.
        default_journal_id (None | Unset | UUID): Default journal (uuid). Default null.
        sort_lines (bool | Unset): Sort the lines. Default: False.
        comptes_rules (list[ImportJsonOptionsComptesRulesItem] | Unset): Account mapping rules (by root or by account
            range); item structure not documented. Default null.
        new_folio (bool | Unset): Create a new group (folio). Default: False.
        balance_auto (bool | Unset): Automatic balancing. Default: True.
        a_nouveaux (bool | Unset): Handle opening balances (à-nouveaux). Default: True.
        default_compte (None | Unset | UUID): Account (uuid) used when "createNewCompte" (sic, the option is
            createNewComptes) is false. Default null.
        create_piece_ref (bool | Unset): Create the piece reference when no piece is found. Default: False.
    """

    separator_decimal: str | Unset = UNSET
    format_date: str | Unset = UNSET
    multi_periode: bool | Unset = UNSET
    fail_on_unbalanced: bool | Unset = UNSET
    create_new_journaux: bool | Unset = UNSET
    create_new_comptes: bool | Unset = UNSET
    create_new_tiers: bool | Unset = True
    default_journal_id: None | Unset | UUID = UNSET
    sort_lines: bool | Unset = False
    comptes_rules: list[ImportJsonOptionsComptesRulesItem] | Unset = UNSET
    new_folio: bool | Unset = False
    balance_auto: bool | Unset = True
    a_nouveaux: bool | Unset = True
    default_compte: None | Unset | UUID = UNSET
    create_piece_ref: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        separator_decimal = self.separator_decimal

        format_date = self.format_date

        multi_periode = self.multi_periode

        fail_on_unbalanced = self.fail_on_unbalanced

        create_new_journaux = self.create_new_journaux

        create_new_comptes = self.create_new_comptes

        create_new_tiers = self.create_new_tiers

        default_journal_id: None | str | Unset
        if isinstance(self.default_journal_id, Unset):
            default_journal_id = UNSET
        elif isinstance(self.default_journal_id, UUID):
            default_journal_id = wire_text(self.default_journal_id)
        else:
            default_journal_id = self.default_journal_id

        sort_lines = self.sort_lines

        comptes_rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.comptes_rules, Unset):
            comptes_rules = []
            for comptes_rules_item_data in self.comptes_rules:
                comptes_rules_item = comptes_rules_item_data.to_dict()
                comptes_rules.append(comptes_rules_item)

        new_folio = self.new_folio

        balance_auto = self.balance_auto

        a_nouveaux = self.a_nouveaux

        default_compte: None | str | Unset
        if isinstance(self.default_compte, Unset):
            default_compte = UNSET
        elif isinstance(self.default_compte, UUID):
            default_compte = wire_text(self.default_compte)
        else:
            default_compte = self.default_compte

        create_piece_ref = self.create_piece_ref

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if separator_decimal is not UNSET:
            field_dict["separatorDecimal"] = separator_decimal
        if format_date is not UNSET:
            field_dict["formatDate"] = format_date
        if multi_periode is not UNSET:
            field_dict["multiPeriode"] = multi_periode
        if fail_on_unbalanced is not UNSET:
            field_dict["failOnUnbalanced"] = fail_on_unbalanced
        if create_new_journaux is not UNSET:
            field_dict["createNewJournaux"] = create_new_journaux
        if create_new_comptes is not UNSET:
            field_dict["createNewComptes"] = create_new_comptes
        if create_new_tiers is not UNSET:
            field_dict["createNewTiers"] = create_new_tiers
        if default_journal_id is not UNSET:
            field_dict["defaultJournalId"] = default_journal_id
        if sort_lines is not UNSET:
            field_dict["sortLines"] = sort_lines
        if comptes_rules is not UNSET:
            field_dict["comptesRules"] = comptes_rules
        if new_folio is not UNSET:
            field_dict["newFolio"] = new_folio
        if balance_auto is not UNSET:
            field_dict["balanceAuto"] = balance_auto
        if a_nouveaux is not UNSET:
            field_dict["aNouveaux"] = a_nouveaux
        if default_compte is not UNSET:
            field_dict["defaultCompte"] = default_compte
        if create_piece_ref is not UNSET:
            field_dict["createPieceRef"] = create_piece_ref

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
        separator_decimal = get("separatorDecimal", UNSET)
        if type(separator_decimal) is not str and separator_decimal is not UNSET:
            unparsed = misread(
                unparsed,
                "ImportJsonOptions",
                "separatorDecimal",
                separator_decimal,
                TypeError("not str"),
            )
            separator_decimal = UNSET

        format_date = get("formatDate", UNSET)
        if type(format_date) is not str and format_date is not UNSET:
            unparsed = misread(
                unparsed,
                "ImportJsonOptions",
                "formatDate",
                format_date,
                TypeError("not str"),
            )
            format_date = UNSET

        multi_periode = get("multiPeriode", UNSET)
        if type(multi_periode) is not bool and multi_periode is not UNSET:
            unparsed = misread(
                unparsed,
                "ImportJsonOptions",
                "multiPeriode",
                multi_periode,
                TypeError("not bool"),
            )
            multi_periode = UNSET

        fail_on_unbalanced = get("failOnUnbalanced", UNSET)
        if type(fail_on_unbalanced) is not bool and fail_on_unbalanced is not UNSET:
            unparsed = misread(
                unparsed,
                "ImportJsonOptions",
                "failOnUnbalanced",
                fail_on_unbalanced,
                TypeError("not bool"),
            )
            fail_on_unbalanced = UNSET

        create_new_journaux = get("createNewJournaux", UNSET)
        if type(create_new_journaux) is not bool and create_new_journaux is not UNSET:
            unparsed = misread(
                unparsed,
                "ImportJsonOptions",
                "createNewJournaux",
                create_new_journaux,
                TypeError("not bool"),
            )
            create_new_journaux = UNSET

        create_new_comptes = get("createNewComptes", UNSET)
        if type(create_new_comptes) is not bool and create_new_comptes is not UNSET:
            unparsed = misread(
                unparsed,
                "ImportJsonOptions",
                "createNewComptes",
                create_new_comptes,
                TypeError("not bool"),
            )
            create_new_comptes = UNSET

        create_new_tiers = get("createNewTiers", UNSET)
        if type(create_new_tiers) is not bool and create_new_tiers is not UNSET:
            unparsed = misread(
                unparsed,
                "ImportJsonOptions",
                "createNewTiers",
                create_new_tiers,
                TypeError("not bool"),
            )
            create_new_tiers = UNSET

        try:
            _default_journal_id_value = get("defaultJournalId", UNSET)
            default_journal_id: None | Unset | UUID
            if _default_journal_id_value is None or _default_journal_id_value is UNSET:
                default_journal_id = _default_journal_id_value
            else:
                if not isinstance(_default_journal_id_value, str):
                    raise TypeError(
                        f"{type(_default_journal_id_value).__name__} is not a UUID"
                    )
                default_journal_id_type_0 = parse_uuid(_default_journal_id_value)

                default_journal_id = default_journal_id_type_0

        except MISREAD as exc:
            default_journal_id = UNSET
            unparsed = misread(
                unparsed,
                "ImportJsonOptions",
                "defaultJournalId",
                get("defaultJournalId", UNSET),
                exc,
            )

        sort_lines = get("sortLines", UNSET)
        if type(sort_lines) is not bool and sort_lines is not UNSET:
            unparsed = misread(
                unparsed,
                "ImportJsonOptions",
                "sortLines",
                sort_lines,
                TypeError("not bool"),
            )
            sort_lines = UNSET

        try:
            _comptes_rules = get("comptesRules", UNSET)
            comptes_rules: list[ImportJsonOptionsComptesRulesItem] | Unset = UNSET
            if _comptes_rules is not UNSET:
                if type(_comptes_rules) is not list:
                    raise TypeError(
                        f"expected an array, got {type(_comptes_rules).__name__}"
                    )
                comptes_rules = []
                for comptes_rules_item_data in _comptes_rules:
                    comptes_rules_item = ImportJsonOptionsComptesRulesItem.from_dict(
                        comptes_rules_item_data
                    )

                    comptes_rules.append(comptes_rules_item)

        except MISREAD as exc:
            comptes_rules = UNSET
            unparsed = misread(
                unparsed,
                "ImportJsonOptions",
                "comptesRules",
                get("comptesRules", UNSET),
                exc,
            )

        new_folio = get("newFolio", UNSET)
        if type(new_folio) is not bool and new_folio is not UNSET:
            unparsed = misread(
                unparsed,
                "ImportJsonOptions",
                "newFolio",
                new_folio,
                TypeError("not bool"),
            )
            new_folio = UNSET

        balance_auto = get("balanceAuto", UNSET)
        if type(balance_auto) is not bool and balance_auto is not UNSET:
            unparsed = misread(
                unparsed,
                "ImportJsonOptions",
                "balanceAuto",
                balance_auto,
                TypeError("not bool"),
            )
            balance_auto = UNSET

        a_nouveaux = get("aNouveaux", UNSET)
        if type(a_nouveaux) is not bool and a_nouveaux is not UNSET:
            unparsed = misread(
                unparsed,
                "ImportJsonOptions",
                "aNouveaux",
                a_nouveaux,
                TypeError("not bool"),
            )
            a_nouveaux = UNSET

        try:
            _default_compte_value = get("defaultCompte", UNSET)
            default_compte: None | Unset | UUID
            if _default_compte_value is None or _default_compte_value is UNSET:
                default_compte = _default_compte_value
            else:
                if not isinstance(_default_compte_value, str):
                    raise TypeError(
                        f"{type(_default_compte_value).__name__} is not a UUID"
                    )
                default_compte_type_0 = parse_uuid(_default_compte_value)

                default_compte = default_compte_type_0

        except MISREAD as exc:
            default_compte = UNSET
            unparsed = misread(
                unparsed,
                "ImportJsonOptions",
                "defaultCompte",
                get("defaultCompte", UNSET),
                exc,
            )

        create_piece_ref = get("createPieceRef", UNSET)
        if type(create_piece_ref) is not bool and create_piece_ref is not UNSET:
            unparsed = misread(
                unparsed,
                "ImportJsonOptions",
                "createPieceRef",
                create_piece_ref,
                TypeError("not bool"),
            )
            create_piece_ref = UNSET

        import_json_options = cls(
            separator_decimal,
            format_date,
            multi_periode,
            fail_on_unbalanced,
            create_new_journaux,
            create_new_comptes,
            create_new_tiers,
            default_journal_id,
            sort_lines,
            comptes_rules,
            new_folio,
            balance_auto,
            a_nouveaux,
            default_compte,
            create_piece_ref,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        import_json_options.additional_properties = d
        if unparsed is not None or aliases is not None:
            import_json_options._wire = Wire(unparsed, aliases)
        return import_json_options

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


from ..models.import_json_options_comptes_rules_item import (
    ImportJsonOptionsComptesRulesItem,
)
