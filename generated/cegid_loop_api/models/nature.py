from enum import StrEnum


class Nature(StrEnum):
    PERSONNE_MORALE = "2"
    PERSONNE_PHYSIQUE = "1"

    @classmethod
    def _missing_(cls, value: object) -> "Nature | None":
        # Tolerant reader: a value this client does not know yet is kept, not rejected.
        if isinstance(value, str):
            member = str.__new__(cls, value)
            member._name_ = f"UNKNOWN_{value}"
            member._value_ = value
            return member
        return None

    def __str__(self) -> str:
        return str(self.value)
