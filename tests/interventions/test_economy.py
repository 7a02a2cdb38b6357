"""Cost per course and its year, worked out by hand (pure functions, no database)."""

import datetime

import pytest

from lovende.interventions.economy import active_in, cost_per_course, default_year, year_range

K = 5


def test_it_divides_the_years_expenses_by_the_active_courses():
    found = cost_per_course(1_000_000, courses=8, citizens=8, k=K)

    assert found.value == 125_000


def test_it_counts_a_citizen_with_two_courses_once_for_suppression_but_twice_as_courses():
    # 6 courses held by 4 citizens: the courses divide, the 4 citizens decide suppression
    hidden = cost_per_course(600_000, courses=6, citizens=4, k=K)
    shown = cost_per_course(600_000, courses=6, citizens=5, k=K)

    assert hidden.hidden
    assert hidden.value is None
    assert shown.value == 100_000


def test_it_hides_the_figure_behind_fewer_than_k_citizens():
    # covers SDC-01: 90,000 kr. over 3 citizens would price their help
    found = cost_per_course(90_000, courses=3, citizens=3, k=K)

    assert found.hidden
    assert found.value is None


def test_it_never_goes_below_the_minimum_threshold_of_3():
    assert cost_per_course(100, courses=2, citizens=2, k=1).hidden


def test_it_has_no_value_without_recorded_expenses():
    found = cost_per_course(None, courses=20, citizens=20, k=K)

    assert found.amount is None
    assert found.value is None
    assert not found.hidden


def test_it_does_not_divide_by_zero_when_no_course_was_active():
    found = cost_per_course(500_000, courses=0, citizens=0, k=K)

    assert not found.hidden
    assert found.value is None


@pytest.mark.parametrize(
    ("start", "end", "active"),
    [
        ("2025-01-06", None, True),  # open
        ("2023-05-01", "2025-01-01", True),  # ends on the year's first day
        ("2025-12-31", None, True),  # starts on its last day
        ("2024-03-01", "2024-12-31", False),  # ended the year before
        ("2026-01-01", None, False),  # starts the year after
        ("2020-01-01", "2030-01-01", True),  # spans the whole year
    ],
)
def test_it_counts_a_course_active_at_some_time_in_the_year(start, end, active):
    end_date = datetime.date.fromisoformat(end) if end else None

    assert active_in(2025, datetime.date.fromisoformat(start), end_date) is active


def test_it_defaults_to_the_last_complete_year_with_expenses():
    assert default_year([2023, 2025, 2026], this_year=2026) == 2025


def test_it_falls_back_to_the_latest_year_when_none_is_complete():
    assert default_year([2026, 2027], this_year=2026) == 2027


def test_it_has_no_default_without_expenses():
    assert default_year([], this_year=2026) is None


def test_it_allows_years_from_the_minimum_to_next_year():
    allowed = year_range(2026, 2000)

    assert (allowed.start, allowed.stop - 1) == (2000, 2027)
