import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lovende.citizens import cpr


def build(birth: datetime.date, serial_tail: int) -> str:
    """A CPR number for ``birth`` whose seventh digit gives the right century."""
    if birth.year < 1900:
        digit_7 = 5
    elif birth.year < 2000:
        digit_7 = 0 if birth.year < 1937 else 4
    else:
        digit_7 = 4 if birth.year <= 2036 else 5
    return f"{birth:%d%m%y}{digit_7}{serial_tail:03d}"


@given(
    birth=st.dates(min_value=datetime.date(1858, 1, 1), max_value=datetime.date(2036, 12, 31)),
    serial_tail=st.integers(0, 999),
)
def test_it_accepts_every_valid_date_and_reads_it_back(birth, serial_tail):
    # covers VAL-01: valid dates in all centuries, with no modulus-11 check
    number = build(birth, serial_tail)

    info = cpr.parse(number)

    assert info.birth_date == birth
    assert info.is_male == (serial_tail % 2 == 1)


def test_it_accepts_a_number_that_fails_modulus_11():
    # 010190-0001: weights 4,3,2,7,6,5,4,3,2,1 sum to 22, not divisible by 11
    assert cpr.parse("010190-0001").birth_date == datetime.date(1990, 1, 1)


@pytest.mark.parametrize(
    "value", ["310290-1234", "300290-1234", "320190-1234", "001390-1234", "000190-1234"]
)
def test_it_rejects_impossible_dates(value):
    with pytest.raises(cpr.InvalidCpr) as error:
        cpr.parse(value)

    assert error.value.code == "date"


@pytest.mark.parametrize(
    "value", ["", "12345", "0101901234x", "01-01-90-1234", "abcdefghij", "01019012345"]
)
def test_it_rejects_malformed_numbers(value):
    with pytest.raises(cpr.InvalidCpr) as error:
        cpr.parse(value)

    assert error.value.code == "format"


@pytest.mark.parametrize(
    ("year_2", "digit_7", "century"),
    [
        (99, 0, 1900),
        (36, 4, 2000),
        (37, 4, 1900),
        (57, 5, 2000),
        (58, 8, 1800),
        (36, 9, 2000),
        (37, 9, 1900),
    ],
)
def test_it_derives_the_century_from_the_seventh_digit(year_2, digit_7, century):
    assert cpr.century(year_2, digit_7) == century


def test_it_masks_the_serial_number():
    assert cpr.mask("0101901234") == "010190-****"
