"""Anhøj's runs analysis and the run chart on small series computed by hand."""

import pytest

from lovende.analytics.spc import charts
from lovende.analytics.spc.runs import analyse_runs, crossings_limit, longest_run_limit


def test_it_ignores_points_on_the_centre_when_all_are_on_it():
    runs = analyse_runs([5, 5, 5], [5, 5, 5])

    assert (runs.n_obs, runs.n_useful) == (3, 0)
    assert runs.longest_run is runs.n_crossings is runs.longest_run_max is None
    assert runs.n_crossings_min is None
    assert not runs.signal


def test_it_counts_missing_values_as_observed_but_not_useful():
    runs = analyse_runs([None, None], [1.0, 1.0])

    assert (runs.n_obs, runs.n_useful, runs.signal) == (2, 0, False)


def test_it_analyses_a_single_point():
    # n = 1: log2(1) = 0, so the run limit is 3; Binomial(0, ½) is always 0 crossings.
    runs = analyse_runs([3.0], [1.0])

    assert (runs.n_useful, runs.longest_run, runs.n_crossings) == (1, 1, 0)
    assert (runs.longest_run_max, runs.n_crossings_min, runs.signal) == (3, 0, False)


def test_it_lets_points_on_the_centre_neither_break_nor_extend_a_run():
    runs = analyse_runs([2, 2, 1, 2, 2, 0], [1] * 6)

    assert (runs.n_useful, runs.longest_run, runs.n_crossings) == (5, 4, 1)


def test_it_signals_too_few_crossings_and_names_the_side_of_the_longest_run():
    # 8 below, 8 above: 1 crossing, and Binomial(15, ½) puts the 5th percentile at 4.
    runs = analyse_runs([0] * 8 + [2] * 8, [1] * 16)

    assert (runs.longest_run, runs.longest_run_max, runs.n_crossings) == (8, 7, 1)
    assert runs.n_crossings_min == 4
    assert runs.signal
    assert runs.longest_run_side == 1  # a tie goes to the latest run


@pytest.mark.parametrize(
    ("n_useful", "longest", "crossings"),
    # qicharts2 vignette Appendix 2 (n = 10, 24, 100); qicharts v1 runcharts vignette (n = 22);
    # the sciencetrends.com crossrun article (n = 13, crossings 3), README §1.
    [(10, 6, 2), (13, 7, 3), (22, 7, 7), (24, 8, 8), (100, 10, 41)],
)
def test_it_uses_the_published_critical_values(n_useful, longest, crossings):
    assert longest_run_limit(n_useful) == longest
    assert crossings_limit(n_useful) == crossings


def test_it_takes_the_run_chart_median_from_the_frozen_baseline():
    chart = charts.run_chart(list(range(1, 11)), charts.ChartOptions(freeze=5))
    runs = chart.parts[0].runs

    assert {point.centre for point in chart.points} == {3}
    # Point 3 lies on the median: 2 below, 7 above, over all 10 points despite the freeze.
    assert (runs.n_obs, runs.n_useful, runs.longest_run, runs.n_crossings) == (10, 9, 7, 1)
    assert (runs.longest_run_max, runs.n_crossings_min, runs.signal) == (6, 2, True)
    assert all(point.lcl is point.ucl is None for point in chart.points)


def test_it_gives_each_part_its_own_median_and_leaves_excluded_points_out():
    options = charts.ChartOptions(parts=(3,), exclude=frozenset({6}))
    chart = charts.run_chart([1, 2, 4, 10, 12, 100], options)

    assert [point.centre for point in chart.points] == [2, 2, 2, 11, 11, 11]
    assert [(part.first, part.last, part.runs.n_obs) for part in chart.parts] == [
        (1, 3, 3),
        (4, 6, 2),
    ]


def test_it_plots_a_run_chart_of_ratios_with_missing_denominators_as_gaps():
    chart = charts.run_chart([1, 2, 3], charts.ChartOptions(), denominators=[2, 0, 4])

    assert [point.y for point in chart.points] == [0.5, None, 0.75]
    assert chart.points[0].centre == 0.625


def test_it_leaves_the_limits_missing_when_screening_keeps_no_moving_range():
    # All moving ranges are 0 and none is < 3.267·0, so qicharts2 has no limits (README §5.3).
    screened = charts.i_chart([4, 4, 4, 4])
    unscreened = charts.i_chart([4, 4, 4, 4], charts.ChartOptions(screen_moving_ranges=False))

    assert screened.points[0].lcl is screened.points[0].ucl is None
    assert (unscreened.points[0].lcl, unscreened.points[0].ucl) == (4, 4)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (charts.ChartOptions(freeze=9), "freeze"),
        (charts.ChartOptions(parts=(3, 2)), "parts"),
        (charts.ChartOptions(parts=(4,)), "parts"),
        (charts.ChartOptions(exclude=frozenset({0})), "excluded"),
    ],
)
def test_it_rejects_point_numbers_that_do_not_exist(options, message):
    with pytest.raises(ValueError, match=message):
        charts.run_chart([1, 2, 3, 4], options)


def test_it_refuses_a_t_chart_with_a_time_of_zero():
    with pytest.raises(ValueError, match="above zero"):
        charts.t_chart([3.0, 0.0, 5.0])
