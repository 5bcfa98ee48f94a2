from enum import IntEnum


class ActiviteMissionCalage(IntEnum):
    FISCAL_YEAR = 1
    CALENDAR_YEAR = 2
    POST_FISCAL_YEAR = 3

    @classmethod
    def _missing_(cls, value: object) -> "ActiviteMissionCalage | None":
        # Tolerant reader: a value this client does not know yet is kept, not rejected.
        if isinstance(value, int) and not isinstance(value, bool):
            member = int.__new__(cls, value)
            member._name_ = f"UNKNOWN_{value}"
            member._value_ = value
            return member
        return None

    def __str__(self) -> str:
        return str(self.value)
