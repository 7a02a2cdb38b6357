"""Entering a measure's values: the pasted block's parser and the all-or-nothing service."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from lovende.improvement import measures
from lovende.improvement.measures import ValueRow
from lovende.improvement.models import MeasureValue
from tests.improvement.conftest import make_initiative

D = datetime.date


def messages_of(error: ValidationError) -> list[str]:
    return list(error.messages)


def test_it_reads_dates_both_ways_and_decimal_commas():
    rows = measures.parse_values("31-01-2026;12,5\n2026-02-28;3;40\n")

    assert rows == [
        ValueRow(D(2026, 1, 31), 12.5, None, line=1),
        ValueRow(D(2026, 2, 28), 3.0, 40.0, line=2),
    ]


def test_it_reads_tabs_from_a_spreadsheet_and_skips_a_heading_and_blank_lines():
    rows = measures.parse_values("Dato\tVærdi\n\n01.03.2026\t7\n")

    assert rows == [ValueRow(D(2026, 3, 1), 7.0, None, line=3)]


def test_it_names_every_wrong_line_in_danish():
    text = "31-01-2026;12\nhej;3\n31-02-2026;4\n01-04-2026;fire\n01-05-2026;1;2;3\n31-01-2026;9"

    with pytest.raises(ValidationError) as error:
        measures.parse_values(text)

    assert messages_of(error.value) == [
        "Linje 2: «hej» er ikke en dato. Skriv fx 31-01-2026 eller 2026-01-31.",
        "Linje 3: datoen 31-02-2026 findes ikke.",
        "Linje 4: «fire» er ikke et tal.",
        "Linje 5: skriv dato;værdi eller dato;tæller;nævner – linjen har 4 felter.",
        "Linje 6: datoen 31-01-2026 står også i linje 1.",
    ]


def test_it_wants_at_least_one_line():
    with pytest.raises(ValidationError) as error:
        measures.parse_values("\n  \n")

    assert messages_of(error.value) == ["Indsæt mindst én linje med dato og værdi."]


def test_it_refuses_infinity():
    with pytest.raises(ValidationError):
        measures.parse_values("01-01-2026;inf")


@pytest.fixture
def share(lars, intervention):
    initiative = make_initiative(lars, intervention)
    return measures.create_measure(
        by=lars, initiative=initiative, name="Andel målt", kind="proces", chart_type="p"
    )


def test_it_saves_nothing_when_one_row_is_wrong(lars, share):
    rows = measures.parse_values("01-01-2026;3;10\n01-02-2026;12;10\n01-03-2026;4")

    with pytest.raises(ValidationError) as error:
        measures.set_values(by=lars, measure=share, rows=rows)

    assert messages_of(error.value) == [
        "Linje 2: tælleren (12) er større end nævneren (10); en andel er højst 1.",
        "Linje 3: et P-kort (andele) skal have en nævner: skriv dato;tæller;nævner.",
    ]
    assert not MeasureValue.objects.exists()


def test_it_replaces_the_value_of_a_date_already_entered(lars, share):
    measures.add_value(by=lars, measure=share, period=D(2026, 1, 1), value=3, denominator=10)

    measures.set_values(
        by=lars, measure=share, rows=measures.parse_values("01-01-2026;4;10\n01-02-2026;5;10")
    )

    assert list(share.values.values_list("period", "value")) == [
        (D(2026, 1, 1), 4.0),
        (D(2026, 2, 1), 5.0),
    ]


def test_it_refuses_a_zero_denominator_and_a_future_date(lars, share):
    future = datetime.date.today() + datetime.timedelta(days=40)  # noqa: DTZ011

    with pytest.raises(ValidationError) as error:
        measures.set_values(
            by=lars,
            measure=share,
            rows=[ValueRow(D(2026, 1, 1), 1, 0, line=1), ValueRow(future, 1, 2, line=2)],
        )

    assert messages_of(error.value)[0] == "Linje 1: nævneren skal være over 0."
    assert "ligger i fremtiden" in messages_of(error.value)[1]


def test_a_single_value_has_no_line_number(lars, share):
    with pytest.raises(ValidationError) as error:
        measures.add_value(by=lars, measure=share, period=D(2026, 1, 1), value=2)

    assert messages_of(error.value) == [
        "Et P-kort (andele) skal have en nævner: skriv dato;tæller;nævner."
    ]


def test_it_enters_no_values_for_a_derived_measure(lars, intervention, ors):
    initiative = make_initiative(lars, intervention)
    derived = measures.create_measure(
        by=lars, initiative=initiative, name="ORS", kind="resultat", source="gennemsnit",
        instrument=ors,
    )  # fmt: skip

    with pytest.raises(ValidationError):
        measures.add_value(by=lars, measure=derived, period=D(2026, 1, 1), value=2)
