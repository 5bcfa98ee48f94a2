from enum import StrEnum
from typing import Any

# Members made for values read in another form (1 for "1") or not known yet (cegid-loop).
_FORMS: dict[tuple[Any, Any], "EcritureImportTypeLot"] = {}


class EcritureImportTypeLot(StrEnum):
    QUICKBOOKS = "4"
    RECONNAISSANCE_DE_FACTURE = "2"
    SAISIE_DE_TRESORERIE = "1"

    @classmethod
    def _missing_(cls, value: object) -> "EcritureImportTypeLot | None":
        # Tolerant reader: a code sent as a number (1 for "1") is its member, written back as it
        # came (quirk Q-CODED-FORMS); a value this client does not know yet is kept (UNKNOWN_<x>).
        wire = value
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return None
        found = _FORMS.get((value, wire))
        if found is None:
            known = cls._value2member_map_.get(value)
            member = str.__new__(cls, value)
            member._name_ = known._name_ if known is not None else f"UNKNOWN_{value}"
            member._value_ = value
            if wire is not value:
                member._wire_ = wire
            found = _FORMS.setdefault((value, wire), member)
        return found

    def __str__(self) -> str:
        return str(self.value)
