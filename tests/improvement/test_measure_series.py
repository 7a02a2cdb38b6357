"""A measure's monthly series: months, denominators and small-cell suppression (pure), and the
query layer that reads them from the summaries kept at write time."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from lovende.citizens.models import Course
from lovende.improvement import aggregates, measures, series
from lovende.improvement.series import NO_DATA, SUPPRESSED, MonthlyCell, Point
from lovende.measurements import services as measurement_services
from tests.conftest import make_course
from tests.improvement.conftest import make_initiative
from tests.measurements.conftest import ors_answers

D = datetime.date
TODAY = D(2026, 6, 17)  # May is the last whole month
K = 5


def test_it_runs_from_the_first_data_month_to_the_last_whole_one():
    # The current month (June) is still filling up: it would look like a fall on the chart.
    assert series.months(D(2026, 2, 9), TODAY) == [
        D(2026, 2, 1), D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1)
    ]  # fmt: skip


def test_it_keeps_at_most_36_months():
    window = series.months(D(2019, 1, 1), TODAY)

    assert len(window) == series.MAX_MONTHS
    assert window[0] == D(2023, 6, 1)
    assert window[-1] == D(2026, 5, 1)


def test_it_has_no_months_without_data():
    assert series.months(None, TODAY) == []


def test_it_keeps_missing_months_as_missing_points():
    cells = [MonthlyCell(D(2026, 2, 1), 100.0, 10, 8), MonthlyCell(D(2026, 4, 1), 60.0, 6, 6)]

    points = series.mean_points(cells, TODAY, K)

    assert [p.period for p in points] == [D(2026, m, 1) for m in (2, 3, 4, 5)]
    assert [p.value for p in points] == [10.0, None, 10.0, None]
    assert points[1].reason == NO_DATA


def test_it_hides_a_mean_behind_fewer_than_k_courses():
    # covers SDC-01: a mean of 4 courses is a missing value with a reason, never a number
    cells = [MonthlyCell(D(2026, 4, 1), 80.0, 8, 4), MonthlyCell(D(2026, 5, 1), 50.0, 5, 5)]

    points = series.mean_points(cells, TODAY, K)

    assert points[0] == Point(D(2026, 4, 1), None, None, SUPPRESSED)
    assert points[1].value == 10.0


def test_it_never_hides_below_the_minimum_threshold_of_three():
    # covers SDC-01: k is never below 3, whatever is configured
    cells = [MonthlyCell(D(2026, 5, 1), 20.0, 2, 2)]

    assert series.mean_points(cells, TODAY, 1)[0].reason == SUPPRESSED


def test_it_counts_courses_active_in_each_month():
    window = [D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)]
    started = {D(2025, 6, 1): 4, D(2026, 2, 1): 3}  # by start month
    ended = {D(2026, 1, 1): 2, D(2026, 2, 1): 1}  # by end month; open courses have none

    active = series.active_by_month(window, started, ended)

    # January: 4 started before, the 2 ending in January were still active in it
    assert active == {D(2026, 1, 1): 4, D(2026, 2, 1): 5, D(2026, 3, 1): 4}


def test_it_hides_a_share_with_a_small_denominator_and_its_numerator():
    # covers SDC-01
    window = [D(2026, 4, 1), D(2026, 5, 1)]

    points = series.share_points(window, {D(2026, 4, 1): 2, D(2026, 5, 1): 3}, {
        D(2026, 4, 1): 4, D(2026, 5, 1): 6
    }, K)  # fmt: skip

    assert points[0] == Point(D(2026, 4, 1), None, None, SUPPRESSED)
    assert points[1] == Point(D(2026, 5, 1), 3.0, 6.0)
    assert points[1].y == 0.5


def test_it_gives_a_month_without_courses_no_value():
    points = series.share_points([D(2026, 5, 1)], {}, {}, K)

    assert points == [Point(D(2026, 5, 1), None, None, NO_DATA)]


def test_it_starts_the_measured_share_with_the_first_measured_month():
    measured = {D(2026, 3, 1): 5}
    started = {D(2025, 1, 1): 10}

    points = series.measured_share_points(measured, started, {}, TODAY, K)

    assert [(p.period, p.value, p.denominator) for p in points] == [
        (D(2026, 3, 1), 5.0, 10.0), (D(2026, 4, 1), 0.0, 10.0), (D(2026, 5, 1), 0.0, 10.0)
    ]  # fmt: skip


def test_it_reads_manual_values_as_they_are_in_date_order():
    rows = [(D(2026, 3, 1), 4.0, 10.0), (D(2026, 1, 15), 2.0, None)]

    assert series.manual_points(rows) == [
        Point(D(2026, 1, 15), 2.0, None), Point(D(2026, 3, 1), 4.0, 10.0)
    ]  # fmt: skip


# The query layer, on data made with the apps' own services


def next_month():
    """Read the series as from next month, so this month's data is in a whole month."""
    return series.add_months(timezone.localdate().replace(day=1), 1)


def _courses(by, intervention, unit, count, start):
    made = []
    for number in range(count):
        course = make_course(by, intervention, unit, "Barn", f"Nummer{number}")
        Course.objects.filter(pk=course.pk).update(start_date=start)
        course.refresh_from_db()
        made.append(course)
    return made


@pytest.fixture
def five_in_nord(mette, intervention, tree, ors):
    """Five courses in Nord measured with ORS this month and last month."""
    today = timezone.localdate()
    this_month = today.replace(day=1)
    last_month = series.add_months(this_month, -1)
    courses = _courses(mette, intervention, tree.nord, 5, series.add_months(this_month, -3))
    for course in courses:
        for day, score in ((last_month, 2), (this_month, 8)):
            measurement_services.record_measurement(
                by=mette,
                context=None,
                course=course,
                instrument=ors,
                answers=ors_answers(score, score, score, score),
                measured_on=day,
            )
    return courses


@override_settings(LOVENDE_MIN_CELL=5)
def test_it_derives_mean_and_measured_share_from_the_summaries(
    lars, intervention, ors, five_in_nord
):
    initiative = make_initiative(lars, intervention)
    mean = measures.create_measure(
        by=lars, initiative=initiative, name="ORS", kind="resultat", source="gennemsnit",
        instrument=ors, chart_type="run",
    )  # fmt: skip
    share = measures.create_measure(
        by=lars, initiative=initiative, name="Målt", kind="proces", source="maalt_andel",
        instrument=ors, chart_type="p",
    )  # fmt: skip

    found = aggregates.series_of(initiative, [mean, share], next_month())

    assert [p.value for p in found[mean.pk]] == [8.0, 32.0]
    assert [(p.value, p.denominator) for p in found[share.pk]] == [(5.0, 5.0), (5.0, 5.0)]


def _mean_measure(by, initiative, instrument):
    return measures.create_measure(
        by=by, initiative=initiative, name="ORS", kind="resultat", source="gennemsnit",
        instrument=instrument, chart_type="run",
    )  # fmt: skip


@override_settings(LOVENDE_MIN_CELL=6)
def test_it_hides_months_with_fewer_than_k_courses(lars, intervention, ors, tree, five_in_nord):
    # covers SDC-01: five courses behind each mean, k is six
    initiative = make_initiative(lars, intervention, unit=tree.nord)
    mean = _mean_measure(lars, initiative, ors)

    found = aggregates.series_of(initiative, [mean], next_month())

    assert [(p.value, p.reason) for p in found[mean.pk]] == [(None, SUPPRESSED)] * 2


def test_it_keeps_to_the_initiatives_unit(lars, intervention, ors, tree, five_in_nord):
    initiative = make_initiative(lars, intervention, unit=tree.syd)
    mean = _mean_measure(lars, initiative, ors)

    assert aggregates.series_of(initiative, [mean], next_month()) == {mean.pk: []}


@override_settings(LOVENDE_MIN_CELL=5)
def test_it_counts_improved_courses_by_their_end_month(lars, intervention, ors, five_in_nord):
    today = timezone.localdate()
    Course.objects.filter(pk__in=[c.pk for c in five_in_nord]).update(end_date=today)
    initiative = make_initiative(lars, intervention)
    improved = measures.create_measure(
        by=lars, initiative=initiative, name="Forbedret", kind="resultat",
        source="forbedret_andel", instrument=ors, chart_type="p",
    )  # fmt: skip

    found = aggregates.series_of(initiative, [improved], next_month())

    assert [(p.period, p.value, p.denominator) for p in found[improved.pk]] == [
        (today.replace(day=1), 5.0, 5.0)
    ]
