"""Signals read as improvement or concern, by which way is better for the measure."""

from lovende.analytics.spc import charts
from lovende.analytics.spc.direction import Direction, Verdict, classify_signals

# Screened I chart from the spc4hc book (chapter "Screened I chart"): point 15 (28) is above
# the UCL of about 27.6, and no runs signal.
BOOK_VALUES = [18, 16, 8, 9, 10, 11, 26, 14, 15, 14, 18, 19, 18, 11, 28, 20, 16, 17, 12, 13, 24]
BOOK_VALUES += [16, 15, 11]


def test_it_calls_a_point_above_the_limit_an_improvement_when_higher_is_better():
    signals = classify_signals(charts.i_chart(BOOK_VALUES), Direction.HIGHER_IS_BETTER)

    assert [(s.kind, s.point, s.side, s.verdict) for s in signals] == [
        ("sigma", 15, 1, Verdict.IMPROVEMENT)
    ]


def test_it_calls_the_same_point_a_concern_when_lower_is_better():
    signals = classify_signals(charts.i_chart(BOOK_VALUES), Direction.LOWER_IS_BETTER)

    assert [s.verdict for s in signals] == [Verdict.CONCERN]


def test_it_gives_a_runs_signal_the_side_of_the_longest_run():
    # Median 3 (the 3s lie on it and are dropped): 4 points above, then 6 below. One crossing
    # is fewer than the 2 that 10 useful points need, and the longest run is the low one.
    chart = charts.run_chart([10, 11, 12, 13, 1, 2, 3, 1, 2, 3, 1, 2, 3])

    signals = classify_signals(chart, Direction.HIGHER_IS_BETTER)

    assert [(s.kind, s.part, s.side, s.verdict) for s in signals] == [
        ("runs", 1, -1, Verdict.CONCERN)
    ]


def test_it_gives_a_point_below_the_lower_limit_the_lower_side():
    chart = charts.c_chart([20, 22, 19, 21, 20, 18, 22, 21, 1, 20])

    signals = classify_signals(chart, Direction.LOWER_IS_BETTER)

    assert [(s.point, s.side, s.verdict) for s in signals] == [(9, -1, Verdict.IMPROVEMENT)]
