"""A measure's chart: settings to the SPC package, the Vega-Lite spec, and the signals in words.
Pure: no database."""

import datetime
import json

import pytest

from lovende.improvement import measure_charts
from lovende.improvement.measure_charts import COLOURS, MeasureSettings, TrialMark
from lovende.improvement.measure_views import _labels, _texts
from lovende.improvement.series import Point, add_months

D = datetime.date
LOW = [3, 4, 3, 5, 4, 3, 4, 5, 3, 4]
HIGH = [8, 9, 8, 9, 10, 8, 9, 8, 9, 10]
TRIAL = TrialMark(1, "Mål ved hver session", D(2025, 10, 15), D(2025, 12, 15))


START = D(2025, 1, 1)


def monthly(values, start=START, denominators=None):
    denominators = denominators or [None] * len(values)
    return [
        Point(add_months(start, i), v, n)
        for i, (v, n) in enumerate(zip(values, denominators, strict=True))
    ]


def analysed(points, **settings):
    settings = MeasureSettings(**settings)
    chart = measure_charts.analyse(settings, points)
    return chart, measure_charts.find_signals(chart, settings.direction)


def test_it_finds_a_shift_after_a_trial_as_an_improvement_when_higher_is_better():
    points = monthly(LOW + HIGH)  # the trial starts before the 11th point

    chart, signals = analysed(points, chart_type="run", direction="op")

    assert [(s.kind, s.verdict) for s in signals] == [("runs", "improvement")]
    texts = measure_charts.signal_texts(chart, points, signals, _texts())
    assert texts[0] == (
        "Skift: 10 punkter i træk over midterlinjen – en forbedring. "
        "Flere end 7 i træk er et signal."
    )


def test_it_calls_the_same_shift_a_concern_when_lower_is_better():
    _chart, signals = analysed(monthly(LOW + HIGH), chart_type="run", direction="ned")

    assert [s.verdict for s in signals] == ["concern"]


def test_it_leaves_the_verdict_open_without_a_direction():
    _chart, signals = analysed(monthly(LOW + HIGH), chart_type="i")

    assert {s.verdict for s in signals} == {"neutral"}


def test_it_names_the_phase_of_a_shift():
    points = monthly(LOW + LOW + HIGH)

    chart, signals = analysed(
        points, chart_type="run", direction="op", phase_starts=(D(2025, 11, 1),)
    )

    assert len(chart.parts) == 2
    texts = measure_charts.signal_texts(chart, points, signals, _texts())
    assert texts[0].startswith(
        "Skift: 10 punkter i træk over midterlinjen i fase 2 – en forbedring."
    )
    assert texts[1].startswith(
        "For få krydsninger i fase 2: antallet af krydsninger af midterlinjen er 1,"
    )


def test_it_maps_the_baseline_date_to_the_last_point_on_or_before_it():
    periods = [p.period for p in monthly(LOW)]

    options = measure_charts.chart_options(MeasureSettings(baseline_end=D(2025, 6, 15)), periods)

    assert options.freeze == 6  # January to June


def test_it_maps_phase_dates_to_the_last_point_before_each_phase():
    periods = [p.period for p in monthly(LOW + HIGH)]

    options = measure_charts.chart_options(
        MeasureSettings(phase_starts=(D(2025, 11, 1), D(2026, 4, 10), D(2030, 1, 1))), periods
    )

    # November 2025 is point 11; April 2026 point 16; a date after the series is left out
    assert options.parts == (10, 16)


def test_it_leaves_out_a_baseline_before_the_first_point():
    periods = [p.period for p in monthly(LOW)]

    assert (
        measure_charts.chart_options(MeasureSettings(baseline_end=D(2020, 1, 1)), periods).freeze
        is None
    )


def test_it_multiplies_after_the_analysis():
    points = monthly([1, 2, 3, 4], denominators=[10, 10, 10, 10])

    chart, _signals = analysed(points, chart_type="p", multiply=100)

    assert [p.y for p in chart.points] == pytest.approx([10, 20, 30, 40])


def test_it_has_no_chart_without_values():
    points = [Point(D(2026, 1, 1), None, reason="suppressed")]

    assert measure_charts.analyse(MeasureSettings(), points) is None
    assert measure_charts.signal_texts(None, points, [], _texts()) == [
        "Ingen data endnu: diagrammet tegnes, når der er værdier."
    ]


def test_it_says_when_the_variation_is_random():
    points = monthly([5, 6, 4, 7, 5, 6, 4, 6, 5, 7, 4, 6])

    chart, signals = analysed(points, chart_type="run", direction="op")

    texts = measure_charts.signal_texts(chart, points, signals, _texts())
    assert signals == []
    assert texts[0] == "Ingen signaler: variationen er tilfældig (almindelig variation)."
    assert texts[1].startswith("Længste serie:")
    assert "signal ved flere end" in texts[1]
    assert "Krydsninger:" in texts[1]


def test_it_tells_when_there_are_too_few_points():
    points = monthly([5, 6, 4, 7])

    chart, signals = analysed(points, chart_type="run")

    assert (
        "Kun 4 brugbare punkter"
        in measure_charts.signal_texts(chart, points, signals, _texts())[-1]
    )


def test_it_describes_a_point_outside_the_limits():
    points = monthly([5, 5, 6, 5, 4, 5, 6, 5, 4, 5, 6, 5, 40])

    chart, signals = analysed(points, chart_type="i", direction="ned")

    texts = measure_charts.signal_texts(chart, points, signals, _texts())
    assert (
        "Punkt uden for kontrolgrænserne: 01-01-2026 ligger over den øvre kontrolgrænse – "
        "en forværring." in texts
    )


def test_it_names_many_points_outside_the_limits_in_one_sentence():
    points = monthly([5, 5, 6, 5, 4, 5, 6, 5, 4, 5, 6, 5, 40, 41, 39, 42, 40, 38])

    chart, signals = analysed(points, chart_type="i", direction="op", baseline_end=D(2025, 12, 1))

    sigma = [text for text in measure_charts.signal_texts(chart, points, signals, _texts())
             if "kontrolgrænserne" in text]  # fmt: skip
    assert sigma == [
        "6 punkter uden for kontrolgrænserne ligger over den øvre kontrolgrænse – en forbedring: "
        "01-01-2026, …, 01-06-2026."
    ]


def spec_of(points, trials=(), **settings):
    chart, signals = analysed(points, **settings)
    return measure_charts.chart_spec(chart, points, signals, list(trials), _labels())


def test_the_spec_draws_each_trial_as_a_rule_with_its_label_and_band():
    spec = spec_of(monthly(LOW + HIGH), [TRIAL], chart_type="run", direction="op")

    rules = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    bands = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rect"]
    assert rules[0]["data"]["values"][0]["start"] == "2025-10-15"
    assert rules[0]["data"]["values"][0]["name"] == "Afprøvning 1"
    assert bands[0]["data"]["values"][0]["period"] == "15-10-2025 – 15-12-2025"


def test_the_spec_dashes_and_colours_the_centre_line_of_a_phase_with_a_runs_signal():
    spec = spec_of(monthly(LOW + HIGH), chart_type="run", direction="op")

    centre = [
        layer for layer in spec["layer"] if layer["encoding"].get("y", {}).get("field") == "cl"
    ]
    assert centre[0]["mark"]["color"] == COLOURS["improvement"]
    assert centre[0]["mark"]["strokeDash"] == [6, 3]
    assert {row["runs"] for row in spec["data"]["values"]} == {"Skift, For få krydsninger"}


def test_the_spec_colours_signal_points_by_verdict_with_a_legend():
    points = monthly([5, 5, 6, 5, 4, 5, 6, 5, 4, 5, 6, 5, 40])

    spec = spec_of(points, chart_type="i", direction="op")

    dots = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    scale = dots["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True))["Forbedring"] == "#008139"
    assert spec["data"]["values"][-1]["signal"] == "Forbedring"
    assert spec["data"]["values"][-1]["label"] == "01-01-2026"
    assert "legend" in dots["encoding"]["color"]


def test_the_spec_draws_dashed_control_limits_only_on_control_charts():
    run = spec_of(monthly(LOW), chart_type="run")
    control = spec_of(monthly(LOW), chart_type="i")

    def limit_fields(spec):
        return {
            layer["encoding"]["y"]["field"]
            for layer in spec["layer"]
            if layer["mark"].get("strokeDash") == [4, 4]
        }

    assert limit_fields(run) == set()
    assert limit_fields(control) == {"ucl", "lcl"}


def test_the_spec_is_vega_lite_6_without_expressions():
    spec = spec_of(monthly(LOW + HIGH), [TRIAL], chart_type="p", direction="op")
    text = json.dumps(spec)

    assert spec["$schema"].endswith("/v6.json")
    assert spec["width"] == "container"
    assert "IBM Plex Sans" in spec["config"]["font"]
    assert "expr" not in text
    assert "calculate" not in text


def test_it_handles_missing_months_in_the_spec():
    points = monthly([4, 5, None, 6, 5], denominators=[10, 10, None, 10, 10])

    spec = spec_of(points, chart_type="p")

    assert spec["data"]["values"][2]["y"] is None
