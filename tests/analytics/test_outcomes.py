"""Outcome figures for groups of courses, checked against figures worked out by hand."""

import datetime

import pytest

from lovende.analytics.outcomes import (
    CourseRow,
    Settings,
    age_band,
    change_bin,
    change_steps,
    cube_of,
    figures,
    report,
    tree_cells,
    unit_key,
)
from lovende.analytics.suppression import Cell

TODAY = datetime.date(2026, 6, 1)
NORD, SYD, DEPT = 3, 4, 2
SETTINGS = Settings(k=3, today=TODAY, recent_days=42, steps=[5, 10, 15])


def days_ago(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


def row(
    citizen, unit, gender, status, n=0, change=None, category="", start=None, now=None, ago=None
):
    return CourseRow(
        citizen=citizen, unit=unit, gender=gender, age_band="6-12", professional_group="Familie",
        intervention=1, start_date=datetime.date(2026, 1, 5), status=status, measurements=n,
        change=change, category=category, clinical_at_start=start, clinical_now=now,
        latest_on=days_ago(ago) if ago is not None else None,
    )  # fmt: skip


# Eight courses worked through by hand (see the assertions for the arithmetic).
ROWS = [
    row(1, NORD, "kvinde", "aktiv", 3, 6, "improved", True, False, 10),
    row(2, NORD, "kvinde", "aktiv", 2, 1, "unchanged", True, True, 50),
    row(3, NORD, "mand", "aktiv", 1, 0, "unchanged", True, True, 5),
    row(4, NORD, "mand", "afsluttet", 4, -7, "deteriorated", False, True, 100),
    row(5, SYD, "kvinde", "aktiv"),
    row(6, SYD, "mand", "aktiv", 5, 12, "improved", True, False, 1),
    row(7, SYD, "kvinde", "afsluttet", 3, 5, "improved", True, False, 30),
    row(8, SYD, "andet", "venter"),
]


def test_it_counts_citizens_courses_and_active_courses():
    result = figures(ROWS, SETTINGS)

    assert (result.citizens, result.courses, result.active) == (8, 8, 5)


def test_it_computes_measurement_completion_over_active_courses():
    # active: 1, 2, 3, 5, 6; two or more measurements: 1, 2, 6; within 42 days: 1, 3, 6
    result = figures(ROWS, SETTINGS)

    assert result.share("measured_twice") == 60.0
    assert result.share("measured_recently") == 60.0


def test_it_computes_reliable_change_over_courses_with_two_measurements():
    # outcome courses: 1, 2, 4, 6, 7 — improved 1, 6, 7; unchanged 2; deteriorated 4
    result = figures(ROWS, SETTINGS)

    assert result.outcome_courses == 5
    assert [result.share(c) for c in ("improved", "unchanged", "deteriorated")] == [60, 20, 20]


def test_it_computes_the_clinical_range_at_start_and_now():
    # at start: 1, 2, 6, 7 of 5; now: 2, 4 of 5
    result = figures(ROWS, SETTINGS)

    assert result.share("clinical_at_start") == 80.0
    assert result.share("clinical_now") == 40.0


def test_it_bins_the_change_symmetrically_around_zero():
    # +6 and +5 in [5, 10), +1 in (-5, 5), -7 in (-10, -5], +12 in [10, 15)
    result = figures(ROWS, SETTINGS)

    assert result.bins == [0, 0, 1, 1, 2, 1, 0]
    assert result.bin_shares()[4] == 40.0


def test_it_counts_a_change_of_exactly_one_step_as_leaving_the_middle():
    assert [change_bin(c, [5, 10]) for c in (-10, -5, -4.9, 0, 4.9, 5, 10)] == [0, 1, 2, 2, 2, 3, 4]


def test_it_gives_no_share_and_no_error_for_an_empty_group():
    result = figures([], SETTINGS)

    assert result.citizens == 0
    assert result.share("improved") is None
    assert result.share("measured_twice") is None


def test_it_hides_a_small_gender_and_the_next_smallest_too():
    # kvinde 4, mand 3, andet 1 (k = 3): andet is small, so mand is hidden too; total 8 stays
    result = report(ROWS, lambda r: r.gender, SETTINGS)

    cells = {g.key: g.cells["citizens"] for g in result.groups}
    assert cells["kvinde"].value == 4
    assert cells["mand"].hidden
    assert cells["andet"].hidden
    assert result.total.cells["citizens"].value == 8


def test_it_hides_outcomes_of_both_units_when_one_has_too_few_measured():
    # measured twice: Nord 1, 2, 4 and Syd 6, 7 — Syd is small, Nord hides with it; total 5 shows
    result = report(ROWS, lambda r: r.unit, SETTINGS)

    nord, syd = result.groups
    assert nord.shows("citizens")
    assert syd.shows("citizens")
    assert not nord.shows("outcome")
    assert not syd.shows("outcome")
    assert result.total.shows("outcome")


def test_it_hides_every_group_when_the_total_is_decided_hidden():
    decided = dict.fromkeys(("citizens", "active", "outcome", "alliance"), Cell(None))

    result = report(ROWS, lambda r: r.gender, SETTINGS, total_cells=decided)

    assert all(g.hidden for g in result.groups)
    assert result.total.hidden


def test_it_keeps_a_unit_hidden_in_the_tree_whatever_the_filter():
    # department 2 over Nord 3 and Syd 4; Syd's 2 outcome citizens hide Nord's 3 too
    parents = {DEPT: None, NORD: DEPT, SYD: DEPT}

    cells = tree_cells(ROWS, parents, k=3)

    assert cells[("total", SYD)]["outcome"].hidden
    assert cells[("total", NORD)]["outcome"].hidden
    assert cells[("total", DEPT)]["outcome"].value == 5
    assert cells[("total", None)]["citizens"].value == 8


def test_it_groups_units_by_the_child_unit_they_lie_under():
    parents = {DEPT: None, NORD: DEPT, SYD: DEPT}
    key = unit_key(DEPT, parents)

    assert key(NORD) == ("total", NORD)
    assert key(SYD) == ("total", SYD)
    assert key(DEPT) == ("direct", DEPT)
    assert unit_key(None, parents)(NORD) == ("total", DEPT)


@pytest.mark.parametrize(
    ("birth", "on", "band"),
    [
        (datetime.date(2020, 6, 2), datetime.date(2026, 6, 1), "0-5"),
        (datetime.date(2020, 6, 1), datetime.date(2026, 6, 1), "6-12"),
        (datetime.date(2008, 6, 2), datetime.date(2026, 6, 1), "13-17"),
        (datetime.date(1961, 1, 1), datetime.date(2026, 6, 1), "65+"),
    ],
)
def test_it_puts_ages_in_bands_on_the_start_date(birth, on, band):
    assert age_band(birth, on) == band


def test_it_cuts_change_in_steps_of_the_reliable_change_threshold():
    assert change_steps(5, 0, 40) == [5, 10, 15]
    assert change_steps(None, 0, 40) == [10, 20, 30]


def test_it_hides_every_figure_of_a_group_whose_citizens_are_hidden():
    # mand is hidden as the complement of andet, so its outcomes hide too, whatever their count
    result = report(ROWS, lambda r: r.gender, SETTINGS)

    mand = next(g for g in result.groups if g.key == "mand")
    assert all(cell.hidden for base, cell in mand.cells.items() if mand.figures.base_citizens[base])


def test_a_cube_counts_each_citizen_once_over_any_union_of_cells():
    # citizen 1 also has a closed course in Syd: two courses, one citizen, in the department
    rows = [*ROWS, row(1, SYD, "kvinde", "afsluttet", 2, 3, "unchanged", True, True, 60)]
    cube = cube_of(rows, lambda r: (r.unit, r.gender), SETTINGS)

    by_unit = cube.group(lambda cell: cell[0])
    whole = cube.group(lambda cell: "all")["all"]
    women = cube.group(lambda cell: cell[1])["kvinde"]

    assert by_unit[NORD].citizens == figures(rows[:4], SETTINGS).citizens == 4
    assert by_unit[SYD].citizens == 5
    assert whole.citizens == figures(rows, SETTINGS).citizens == 8  # not 9
    assert whole.base_citizens["outcome"] == figures(rows, SETTINGS).base_citizens["outcome"] == 5
    assert women.citizens == 4  # citizens 1, 2, 5, 7
    assert whole.courses == 9


def test_a_cube_counts_the_tree_as_the_rows_do():
    rows = [*ROWS, row(1, SYD, "kvinde", "afsluttet", 2, 3, "unchanged", True, True, 60)]
    parents = {DEPT: None, NORD: DEPT, SYD: DEPT}

    counts = cube_of(rows, lambda r: (r.unit,), SETTINGS).tree(parents)

    assert counts[("total", DEPT)]["citizens"] == 8
    assert counts[("total", None)]["citizens"] == 8
    assert counts[("direct", SYD)]["citizens"] == 5
    assert counts[("total", NORD)]["outcome"] == 3
