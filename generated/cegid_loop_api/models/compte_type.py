from enum import IntEnum


class CompteType(IntEnum):
    TYPE_1 = 1
    TYPE_2 = 2
    TYPE_3 = 3
    TYPE_4 = 4
    TYPE_5 = 5
    TYPE_6 = 6
    TYPE_7 = 7

    @classmethod
    def _missing_(cls, value: object) -> "CompteType | None":
        # Tolerant reader: a value this client does not know yet is kept, not rejected.
        if isinstance(value, int) and not isinstance(value, bool):
            member = int.__new__(cls, value)
            member._name_ = f"UNKNOWN_{value}"
            member._value_ = value
            return member
        return None

    def __str__(self) -> str:
        return str(self.value)
