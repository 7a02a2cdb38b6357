import datetime

import pytest

from lovende.instruments import library
from lovende.measurements.signals import Rules, Series, course_signals

TODAY = datetime.date(2026, 6, 1)
START = datetime.date(2026, 1, 5)


def series(definition, *scores, every=7, start=START):
    return Series(
        definition["name"],
        definition,
        [(start + datetime.timedelta(days=every * i), s) for i, s in enumerate(scores)],
    )


def codes(signals):
    return sorted(s.code for s in signals)


DEFAULT_RULES = Rules()


def signals_for(*many, today=TODAY, open_=True, rules=DEFAULT_RULES):
    return course_signals(
        list(many), today=today, course_start=START, course_open=open_, rules=rules
    )


def test_it_flags_no_reliable_improvement_after_six_sessions():
    flat = series(library.ORS, 18, 19, 18.5, 20, 19, 21, start=TODAY - datetime.timedelta(days=35))

    assert codes(signals_for(flat)) == ["no_improvement"]


def test_it_waits_for_enough_sessions_before_flagging():
    flat = series(library.ORS, 18, 19, 18.5, 20, 19, start=TODAY - datetime.timedelta(days=28))

    assert signals_for(flat) == []


def test_it_follows_the_configured_number_of_sessions():
    flat = series(library.ORS, 18, 19, 18.5, start=TODAY - datetime.timedelta(days=14))

    assert codes(signals_for(flat, rules=Rules(sessions_without_improvement=3))) == [
        "no_improvement"
    ]


def test_it_flags_reliable_deterioration():
    falling = series(library.ORS, 28, 25, 22.5, start=TODAY - datetime.timedelta(days=14))

    assert codes(signals_for(falling)) == ["deterioration"]


def test_it_does_not_flag_an_improver():
    rising = series(library.ORS, 15, 17, 19, 21, 22, 24, start=TODAY - datetime.timedelta(days=35))

    assert signals_for(rising) == []


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ((38, 35.5), ["falling_alliance", "low_alliance"]),
        ((39, 38), ["falling_alliance"]),
        ((37, 37.5), []),
        ((35,), ["low_alliance"]),
    ],
)
def test_it_flags_low_and_falling_alliance(scores, expected):
    srs = series(library.SRS, *scores, start=TODAY - datetime.timedelta(days=7 * (len(scores) - 1)))

    assert codes(signals_for(srs)) == expected


def test_it_flags_a_long_silence_on_an_open_course_only():
    old = series(library.ORS, 20, 22, start=TODAY - datetime.timedelta(days=60))

    assert codes(signals_for(old)) == ["no_measurement"]
    assert signals_for(old, open_=False) == []


def test_it_counts_silence_from_the_start_when_nothing_was_measured():
    signal = signals_for(today=START + datetime.timedelta(days=43))[0]

    assert (signal.code, signal.params["days"]) == ("no_measurement", 43)
