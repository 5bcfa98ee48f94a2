from enum import IntEnum


class EcritureImportModePaiement(IntEnum):
    AUCUN = 1
    ESPECES = 2
    CHEQUE = 3
    CARTE_BANCAIRE = 4
    VIREMENT = 5
    PRELEVEMENT = 6
    TIP = 7
    LCR_BOR = 8
    LCR_MAGNETIQUE = 9
    TRAITE = 10
    TELEREGLEMENT = 11

    @classmethod
    def _missing_(cls, value: object) -> "EcritureImportModePaiement | None":
        # Tolerant reader: a value this client does not know yet is kept, not rejected.
        if isinstance(value, int) and not isinstance(value, bool):
            member = int.__new__(cls, value)
            member._name_ = f"UNKNOWN_{value}"
            member._value_ = value
            return member
        return None

    def __str__(self) -> str:
        return str(self.value)
