from enum import StrEnum


class EcritureImportTypeMouvement(StrEnum):
    BROUILLARD = "7"
    BUDGET = "6"
    GENERALE = "1"
    INITIAL = "5"
    PREVISIONNELLE = "2"
    PROJET = "4"
    SIMULATION = "3"

    @classmethod
    def _missing_(cls, value: object) -> "EcritureImportTypeMouvement | None":
        # Tolerant reader: a value this client does not know yet is kept, not rejected.
        if isinstance(value, str):
            member = str.__new__(cls, value)
            member._name_ = f"UNKNOWN_{value}"
            member._value_ = value
            return member
        return None

    def __str__(self) -> str:
        return str(self.value)
