from enum import IntEnum


class JournalType(IntEnum):
    ACHAT = 1
    OD = 2
    A_NOUVEAU = 3
    BANQUE = 4
    CAISSE = 5
    ECART_DE_CHANGE = 6
    REGULARISATION = 7
    VENTE = 8

    @classmethod
    def _missing_(cls, value: object) -> "JournalType | None":
        # Tolerant reader: a value this client does not know yet is kept, not rejected.
        if isinstance(value, int) and not isinstance(value, bool):
            member = int.__new__(cls, value)
            member._name_ = f"UNKNOWN_{value}"
            member._value_ = value
            return member
        return None

    def __str__(self) -> str:
        return str(self.value)
