from enum import IntEnum
from typing import Any

# Members made for values read in another form ("2" for 2) or not known yet (cegid-loop).
_FORMS: dict[tuple[Any, Any], "CodeTvaRegime"] = {}


class CodeTvaRegime(IntEnum):
    NORMAL = 1
    EXONERE = 2
    AUTOLIQUIDATION_BIENS_INTRACOMMUNAUTAIRE = 3
    EXPORT = 4
    CORSE = 5
    DOM = 6
    AUTOLIQUIDATION_SOUS_TRAITANCE = 7
    AUTOLIQUIDATION_PRESTATIONS_INTRACOMMUNAUTAIRE = 8

    @classmethod
    def _missing_(cls, value: object) -> "CodeTvaRegime | None":
        # Tolerant reader: a code sent as a numeric string ("2") is its member, written back as it
        # came (quirk Q-CODED-FORMS); a value this client does not know yet is kept (UNKNOWN_<n>).
        wire = value
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        found = _FORMS.get((value, wire))
        if found is None:
            known = cls._value2member_map_.get(value)
            member = int.__new__(cls, value)
            member._name_ = known._name_ if known is not None else f"UNKNOWN_{value}"
            member._value_ = value
            if wire is not value:
                member._wire_ = wire
            found = _FORMS.setdefault((value, wire), member)
        return found

    def __str__(self) -> str:
        return str(self.value)
