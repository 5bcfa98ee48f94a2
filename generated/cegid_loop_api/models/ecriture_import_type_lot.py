from enum import StrEnum


class EcritureImportTypeLot(StrEnum):
    QUICKBOOKS = "4"
    RECONNAISSANCE_DE_FACTURE = "2"
    SAISIE_DE_TRESORERIE = "1"

    @classmethod
    def _missing_(cls, value: object) -> "EcritureImportTypeLot | None":
        # Tolerant reader: a value this client does not know yet is kept, not rejected.
        if isinstance(value, str):
            member = str.__new__(cls, value)
            member._name_ = f"UNKNOWN_{value}"
            member._value_ = value
            return member
        return None

    def __str__(self) -> str:
        return str(self.value)
