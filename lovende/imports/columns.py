"""The import file's columns and how a cell's text becomes a value. Pure, no Django.

The headers are Danish because the municipality's staff fill the file in; they are data, not UI
text, so they are not translated. ``Svar 1`` … ``Svar N`` hold a measurement's answers in the
order the instrument lists its questions.
"""

import datetime
import re

CPR = "CPR-nummer"
FIRST_NAME = "Fornavn"
LAST_NAME = "Efternavn"
GENDER = "Køn"
INTERVENTION = "Indsats"
UNIT = "Enhed"
START = "Startdato"
STATUS = "Status"
END = "Slutdato"
INSTRUMENT = "Måleredskab"
MEASURED_ON = "Måledato"
MAX_ANSWERS = 20
ANSWERS = [f"Svar {n}" for n in range(1, MAX_ANSWERS + 1)]

REQUIRED = [CPR, FIRST_NAME, LAST_NAME, GENDER, INTERVENTION, UNIT, START]
OPTIONAL = [STATUS, END, INSTRUMENT, MEASURED_ON, *ANSWERS]
KNOWN = REQUIRED + OPTIONAL

GENDERS = {"kvinde": "kvinde", "mand": "mand", "andet": "andet", "andet/uoplyst": "andet"}
STATUSES = ("venter", "aktiv", "afsluttet", "afbrudt")
CLOSED_STATUSES = ("afsluttet", "afbrudt")

_DAY_FIRST = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def canonical(header: str) -> str:
    """Headers match without regard to case or surrounding spaces."""
    return " ".join(header.split()).casefold()


KNOWN_BY_KEY = {canonical(name): name for name in KNOWN}


def parse_date(text: str) -> datetime.date:
    """dd-mm-åååå (also with . or /) or åååå-mm-dd; ValueError otherwise."""
    if match := _DAY_FIRST.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueError(text)
    return datetime.date(year, month, day)


def parse_number(text: str) -> float:
    """A score with decimal comma or point: "7,5" and "7.5" are both 7.5."""
    number = float(text.replace(",", ".", 1) if text.count(",") == 1 else text)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(text)
    return number
