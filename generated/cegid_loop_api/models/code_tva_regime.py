from enum import IntEnum


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
        # Tolerant reader: a value this client does not know yet is kept, not rejected.
        if isinstance(value, int) and not isinstance(value, bool):
            member = int.__new__(cls, value)
            member._name_ = f"UNKNOWN_{value}"
            member._value_ = value
            return member
        return None

    def __str__(self) -> str:
        return str(self.value)
