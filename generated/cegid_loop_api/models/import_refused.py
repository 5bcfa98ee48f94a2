from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    MISREAD,
    UNSET,
    Wire,
    case_aliases,
    extra_properties,
    misread,
)

if TYPE_CHECKING:
    from ..models.import_refused_error import ImportRefusedError


T = TypeVar("T", bound="ImportRefused")
_KNOWN_KEYS = frozenset(
    {
        "error",
    }
)
# Field names as they may come in another case (quirk Q-FIELD-CASE).
_KNOWN_LOWER = {key.lower(): key for key in _KNOWN_KEYS}


@_attrs_define
class ImportRefused:
    """An import request was refused. Returned with HTTP 200. Messages listed on the JSON page:
    - Il n'y a pas de payload : la méthode est-elle bien en POST dans la requête ?
    - Le contexte est obligatoire sans l'option multiPeriode
    - Il n'y a pas d'écritures à importer (l'objet écritures est vide)
    - Les écritures doivent être présentées sous formes de tableau
    - Le tableau d'écritures doit comporter au moins deux lignes
    - Les dates du contexte doivent être au format ISO 'YYYY-MM-DDTHH:mm:ss.SSSZ'
    - La date du justificatif doit être au format ISO 'YYYY-MM-DDTHH:mm:ss.SSSZ'
    - Les dates de début et fin de cut-off doivent être renseignées ensemble
    - La date de début de cut-off doit être au format ISO 'YYYY-MM-DDTHH:mm:ss.SSSZ'
    - La date de fin de cut-off doit être au format ISO 'YYYY-MM-DDTHH:mm:ss.SSSZ'
    - Le numéro SIRET est invalide : il doit comporter 14 chiffres et respecter l'algorithme de Luhn sur
      l'écriture numéro {numeroEcriture}
    - Les SIRET des écritures doivent appartenir à la même entreprise (SIREN identique)
    - L'établissement correspondant au SIRET {SIRET} n'est pas reconnu pour le dossier {codeIBS}

    [3P] observed when the partner application is not activated on the dossier: "An error occurred during the JSON
    import request: The collaborator [identifier] does not have access to the folder [FOLDER_NAME]".

        Attributes:
            error (ImportRefusedError): The error.
    """

    error: ImportRefusedError
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # cegid-loop: how this object was spelt on the wire where it differs from the definition.
    _wire: Wire | None = _attrs_field(init=False, default=None, repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
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
            error = ImportRefusedError.from_dict(src_dict["error"])

        except MISREAD as exc:
            if "error" not in src_dict:
                raise  # a required field absent: not this model (unions are told apart so)
            error = UNSET
            unparsed = misread(
                unparsed, "ImportRefused", "error", get("error", UNSET), exc
            )

        import_refused = cls(
            error,
        )

        # Fast path (cegid-loop): read with get() and collect only the keys the spec does not name.
        d = {} if known_only else extra_properties(src_dict, _KNOWN_KEYS)

        import_refused.additional_properties = d
        if unparsed is not None or aliases is not None:
            import_refused._wire = Wire(unparsed, aliases)
        return import_refused

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


from ..models.import_refused_error import ImportRefusedError
