from enum import IntEnum


class EtablissementCompletType(IntEnum):
    PRINCIPAL_SIEGE_SOCIAL = 1
    SECONDAIRE = 2
    PRINCIPAL = 3
    SIEGE_SOCIAL = 4

    @classmethod
    def _missing_(cls, value: object) -> "EtablissementCompletType | None":
        # Tolerant reader: a value this client does not know yet is kept, not rejected.
        if isinstance(value, int) and not isinstance(value, bool):
            member = int.__new__(cls, value)
            member._name_ = f"UNKNOWN_{value}"
            member._value_ = value
            return member
        return None

    def __str__(self) -> str:
        return str(self.value)
