"""Danish CPR numbers: format, date and century. Pure functions, no Django.

Modulus 11 is deliberately not checked: CPR numbers that fail it have been issued since 2007.
The century follows from the seventh digit (CPR-kontoret's table).
"""

import datetime
import re
from dataclasses import dataclass

# ASCII digits only: to a Unicode pattern \d is any script's digit (e.g. Arabic-Indic "٠١٠٣..."),
# which int() reads, so such a number passed and was stored as typed (VAL-01).
CPR_PATTERN = re.compile(r"^(\d{2})(\d{2})(\d{2})-?(\d{4})$", re.ASCII)


class InvalidCpr(ValueError):
    """Raised with ``code`` = "format" or "date"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class CprInfo:
    number: str  # ten digits, no hyphen
    birth_date: datetime.date
    is_male: bool


def century(year_2: int, digit_7: int) -> int:
    """The century of a birth year from the two-digit year and the seventh digit."""
    if digit_7 <= 3:
        return 1900
    if digit_7 in (4, 9):
        return 2000 if year_2 <= 36 else 1900
    return 2000 if year_2 <= 57 else 1800


def parse(value: str) -> CprInfo:
    """Validate a CPR number ("DDMMYYXXXX" or "DDMMYY-XXXX") and read its birth date and sex."""
    match = CPR_PATTERN.match(value.strip())
    if not match:
        raise InvalidCpr("format")
    day, month, year_2, serial = match.groups()
    year = century(int(year_2), int(serial[0])) + int(year_2)
    try:
        birth_date = datetime.date(year, int(month), int(day))
    except ValueError:
        raise InvalidCpr("date") from None
    return CprInfo(
        number=day + month + year_2 + serial, birth_date=birth_date, is_male=int(serial[3]) % 2 == 1
    )


def mask(number: str) -> str:
    """Show the date part only: 010190-****."""
    return f"{number[:6]}-****"


def looks_like_cpr(text: str) -> bool:
    return bool(CPR_PATTERN.match(text.strip()))
