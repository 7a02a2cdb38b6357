"""A measure's run or control chart: the analysis, its Vega-Lite spec and its signals in words.
Pure functions, no Django.

``analyse`` maps the measure's settings to the SPC package (chart type, frozen baseline, phases,
multiply); ``chart_spec`` draws the result with the trials (PDSA cycles) as annotations; and
``signal_texts`` says what the signals mean, in sentences the caller's templates supply
translated, as the labels of the spec are.
"""

import datetime
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from lovende.analytics.spc import charts
from lovende.analytics.spc.charts import Chart, ChartOptions
from lovende.analytics.spc.direction import Direction, classify_signals
from lovende.improvement.series import Point

COLOURS = {"improvement": "#008139", "concern": "#b51d09", "neutral": "#e08a00"}
VALUE_COLOUR = "#004993"
CENTRE_COLOUR = "#5a5a5a"
LIMIT_COLOUR = "#8c8c8c"
TRIAL_COLOUR = "#6b4f9e"
TRIAL_BAND = "#ece6f5"
FONT = "IBM Plex Sans, system-ui, sans-serif"
MAX_DATES_NAMED = 4  # more signalling points are named by the first and the last

RATIO_TYPES = frozenset({"p", "pp", "u", "up"})
PROPORTION_TYPES = frozenset({"p", "pp"})
CONTROL_TYPES = frozenset({"i", "p", "pp", "u", "up", "c", "g", "t"})
COUNT_TYPES = frozenset({"p", "pp", "u", "up", "c", "g"})  # the value counts events: never < 0
DIRECTIONS = {"op": Direction.HIGHER_IS_BETTER, "ned": Direction.LOWER_IS_BETTER}


@dataclass(frozen=True)
class MeasureSettings:
    """What the analysis needs of a measure (``Measure``), without the model."""

    chart_type: str = "run"
    direction: str = ""  # "op", "ned" or "" (not given: signals are neither good nor bad)
    multiply: float = 1.0
    baseline_end: datetime.date | None = None
    phase_starts: tuple[datetime.date, ...] = ()


@dataclass(frozen=True)
class TrialMark:
    """A trial (PDSA cycle) drawn on the chart from its start to its end date."""

    number: int
    title: str
    start: datetime.date
    end: datetime.date


@dataclass(frozen=True)
class Signal:
    """A sigma or runs signal; ``verdict`` is improvement, concern or neutral (no direction)."""

    kind: str  # "sigma" or "runs"
    part: int  # 1-based
    point: int | None  # 1-based, for sigma signals
    side: int  # +1 above, −1 below
    verdict: str


Builder = Callable[[list, list, ChartOptions], Chart]
BUILDERS: dict[str, Builder] = {
    "run": lambda y, n, o: charts.run_chart(y, o, denominators=n if any(n) else None),
    "i": lambda y, n, o: charts.i_chart(_ratios(y, n), o),
    "p": lambda y, n, o: charts.p_chart(y, n, o),
    "pp": lambda y, n, o: charts.laney_p_chart(y, n, o),
    "u": lambda y, n, o: charts.u_chart(y, n, o),
    "up": lambda y, n, o: charts.laney_u_chart(y, n, o),
    "c": lambda y, n, o: charts.c_chart(_ratios(y, n), o),
    "g": lambda y, n, o: charts.g_chart(_ratios(y, n), o),
    "t": lambda y, n, o: charts.t_chart(_ratios(y, n), o),
}


def _ratios(values: list, denominators: list) -> list:
    return [Point(datetime.date.min, v, d).y for v, d in zip(values, denominators, strict=True)]


def chart_options(settings: MeasureSettings, periods: Sequence[datetime.date]) -> ChartOptions:
    """Dates to point numbers: the baseline ends with the last point on or before its date, and
    each phase ends with the last point before the next phase's first date.

    Dates outside the series are left out; phases override a frozen baseline, as in qicharts2.
    """
    count = len(periods)
    frozen = (
        sum(period <= settings.baseline_end for period in periods) if settings.baseline_end else 0
    )
    ends = sorted({sum(period < start for period in periods) for start in settings.phase_starts})
    return ChartOptions(
        freeze=frozen if 1 <= frozen <= count else None,
        parts=tuple(end for end in ends if 1 <= end < count),
        multiply=settings.multiply,
    )


def analyse(settings: MeasureSettings, points: Sequence[Point]) -> Chart | None:
    """The chart of the points, or None when there is no value to draw."""
    if not any(p.value is not None for p in points):
        return None
    values = [p.value for p in points]
    denominators = [p.denominator for p in points]
    options = chart_options(settings, [p.period for p in points])
    return BUILDERS[settings.chart_type](values, denominators, options)


def find_signals(chart: Chart, direction: str) -> list[Signal]:
    """The chart's signals, judged by the measure's direction (neutral when it has none)."""
    judged = classify_signals(chart, DIRECTIONS.get(direction, Direction.HIGHER_IS_BETTER))
    return [
        Signal(s.kind, s.part, s.point, s.side, s.verdict.value if direction else "neutral")
        for s in judged
    ]


def _date(day: datetime.date) -> str:
    return day.strftime("%d-%m-%Y")


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _runs_label(chart: Chart, part: int, labels: Mapping[str, str]) -> str:
    runs = chart.parts[part - 1].runs
    if not runs.signal:
        return labels["no_runs"]
    found = []
    if runs.longest_run > runs.longest_run_max:
        found.append(labels["shift"])
    if runs.n_crossings < runs.n_crossings_min:
        found.append(labels["crossings"])
    return ", ".join(found)


def _rows(
    chart: Chart, points: Sequence[Point], signals: Sequence[Signal], labels: Mapping[str, str]
) -> list[dict]:
    verdicts = {s.point: s.verdict for s in signals if s.kind == "sigma"}
    rows = []
    for point, plotted in zip(points, chart.points, strict=True):
        rows.append(
            {
                "date": point.period.isoformat(),
                "label": _date(point.period),
                "y": _number(plotted.y),
                "cl": _number(plotted.centre),
                "lcl": _number(plotted.lcl),
                "ucl": _number(plotted.ucl),
                "part": plotted.part,
                "signal": labels[verdicts.get(plotted.number, "none")],
                "runs": _runs_label(chart, plotted.part, labels),
            }
        )
    return rows


def _x(labels: Mapping[str, str]) -> dict:
    return {
        "field": "date",
        "type": "temporal",
        "title": labels["date"],
        "scale": {"type": "utc"},
        # One tick a month at most: weekly values otherwise repeat each month's label.
        "axis": {
            "format": "%m-%Y",
            "labelAngle": 0,
            "tickCount": {"interval": "month", "step": 1},
            "labelOverlap": True,
        },
    }


def _only_part(part: int) -> list[dict]:
    return [{"filter": {"field": "part", "equal": part}}]


def _centre_layers(chart: Chart, signals: Sequence[Signal], labels: Mapping[str, str]) -> list:
    """One stepped line per part: solid grey, or dashed in the verdict's colour on a runs signal."""
    runs = {s.part: s.verdict for s in signals if s.kind == "runs"}
    layers = []
    for part in range(1, len(chart.parts) + 1):
        mark = {"type": "line", "interpolate": "step", "color": CENTRE_COLOUR, "strokeWidth": 1.5}
        if part in runs:
            mark.update(color=COLOURS[runs[part]], strokeDash=[6, 3], strokeWidth=2.5)
        layers.append(
            {
                "transform": _only_part(part),
                "mark": mark,
                "encoding": {
                    "y": {"field": "cl", "type": "quantitative"},
                    "tooltip": [
                        {"field": "cl", "type": "quantitative", "title": labels["centre"]},
                        {"field": "part", "type": "ordinal", "title": labels["phase"]},
                        {"field": "runs", "type": "nominal", "title": labels["runs"]},
                    ],
                },
            }
        )
    return layers


def _limit_layers(chart: Chart, labels: Mapping[str, str]) -> list:
    if all(p.ucl is None and p.lcl is None for p in chart.points):
        return []
    mark = {"type": "line", "interpolate": "step", "color": LIMIT_COLOUR, "strokeDash": [4, 4]}
    return [
        {
            "transform": _only_part(part),
            "mark": mark,
            "encoding": {
                "y": {"field": field, "type": "quantitative"},
                "tooltip": [{"field": field, "type": "quantitative", "title": labels[field]}],
            },
        }
        for part in range(1, len(chart.parts) + 1)
        for field in ("ucl", "lcl")
    ]


def _value_layers(signals: Sequence[Signal], labels: Mapping[str, str]) -> list:
    shown = ["none", *sorted({s.verdict for s in signals if s.kind == "sigma"})]
    colours = {"none": VALUE_COLOUR, **COLOURS}
    tooltip = [
        {"field": "label", "type": "nominal", "title": labels["date"]},
        {"field": "y", "type": "quantitative", "title": labels["value"]},
        {"field": "cl", "type": "quantitative", "title": labels["centre"]},
        {"field": "signal", "type": "nominal", "title": labels["signal"]},
        {"field": "runs", "type": "nominal", "title": labels["runs"]},
    ]
    return [
        {
            "mark": {
                "type": "line",
                "color": VALUE_COLOUR,
                "strokeWidth": 1.5,
                "invalid": "break-paths-filter-domains",
            },
            "encoding": {
                "y": {
                    "field": "y",
                    "type": "quantitative",
                    "title": labels["value"],
                    "scale": {"zero": False},
                }
            },
        },
        {
            "mark": {"type": "point", "filled": True, "size": 60, "opacity": 1},
            "encoding": {
                "y": {"field": "y", "type": "quantitative"},
                "color": {
                    "field": "signal",
                    "type": "nominal",
                    "title": None,
                    "scale": {
                        "domain": [labels[v] for v in shown],
                        "range": [colours[v] for v in shown],
                    },
                    "legend": {"orient": "bottom", "labelLimit": 0},
                },
                "tooltip": tooltip,
            },
        },
    ]


def _trial_layers(trials: Sequence[TrialMark], labels: Mapping[str, str]) -> list:
    if not trials:
        return []
    values = [
        {
            "start": trial.start.isoformat(),
            "end": trial.end.isoformat(),
            "name": f"{labels['trial']} {trial.number}",
            "title": trial.title,
            "period": f"{_date(trial.start)} – {_date(trial.end)}",
        }
        for trial in trials
    ]
    tooltip = [
        {"field": "name", "type": "nominal", "title": labels["trial"]},
        {"field": "title", "type": "nominal", "title": " "},
        {"field": "period", "type": "nominal", "title": labels["period"]},
    ]
    x = {"field": "start", "type": "temporal"}
    return [
        {
            "data": {"values": values},
            "mark": {"type": "rect", "color": TRIAL_BAND, "opacity": 0.6},
            "encoding": {"x": x, "x2": {"field": "end"}, "tooltip": tooltip},
        },
        {
            "data": {"values": values},
            "mark": {"type": "rule", "color": TRIAL_COLOUR, "strokeWidth": 1.5},
            "encoding": {"x": x, "tooltip": tooltip},
        },
        {
            "data": {"values": values},
            "mark": {
                "type": "text",
                "color": TRIAL_COLOUR,
                "align": "left",
                "baseline": "top",
                "dx": 3,
                "dy": 2,
                "fontSize": 11,
            },
            "encoding": {"x": x, "y": {"value": 0}, "text": {"field": "name"}},
        },
    ]


def chart_spec(
    chart: Chart,
    points: Sequence[Point],
    signals: Sequence[Signal],
    trials: Sequence[TrialMark],
    labels: Mapping[str, str],
    *,
    height: int = 260,
) -> dict:
    """The chart as a Vega-Lite v6 spec: values, centre per phase, limits, signals and trials.

    ``labels``: date, value, centre, ucl, lcl, phase, signal, runs, no_runs, shift, crossings,
    none, improvement, concern, neutral, trial, period.
    """
    layers = [
        *_trial_layers(trials, labels),
        *_limit_layers(chart, labels),
        *_centre_layers(chart, signals, labels),
        *_value_layers(signals, labels),
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": "container",
        "height": height,
        "data": {"values": _rows(chart, points, signals, labels)},
        "encoding": {"x": _x(labels)},
        "layer": layers,
        "config": {"font": FONT, "view": {"stroke": None}},
    }


def _side(side: int, texts: Mapping[str, str]) -> str:
    return texts["above"] if side > 0 else texts["below"]


def _phase(part: int, chart: Chart, texts: Mapping[str, str]) -> str:
    return texts["in_phase"] % {"part": part} if len(chart.parts) > 1 else ""


def _runs_texts(chart: Chart, signal: Signal, texts: Mapping[str, str]) -> list[str]:
    runs = chart.parts[signal.part - 1].runs
    found = []
    common = {"phase": _phase(signal.part, chart, texts), "verdict": texts[signal.verdict]}
    if runs.longest_run > runs.longest_run_max:
        found.append(
            texts["shift"]
            % {
                **common,
                "run": runs.longest_run,
                "max": runs.longest_run_max,
                "side": _side(signal.side, texts),
            }
        )
    if runs.n_crossings < runs.n_crossings_min:
        found.append(
            texts["crossings"]
            % {**common, "crossings": runs.n_crossings, "min": runs.n_crossings_min}
        )
    return found


def _sigma_texts(
    signals: Sequence[Signal], points: Sequence[Point], texts: Mapping[str, str]
) -> list[str]:
    """One sentence per side of the limits: ten points above the upper limit are one finding."""
    by_side: dict[tuple[int, str], list[Signal]] = {}
    for signal in signals:
        by_side.setdefault((signal.side, signal.verdict), []).append(signal)
    found = []
    for (side, verdict), group in by_side.items():
        dates = [_date(points[s.point - 1].period) for s in group]
        names = {
            "side": texts["above_limit"] if side > 0 else texts["below_limit"],
            "verdict": texts[verdict],
        }
        if len(dates) == 1:
            found.append(texts["sigma"] % {**names, "date": dates[0]})
            continue
        shown = dates if len(dates) <= MAX_DATES_NAMED else [dates[0], "…", dates[-1]]
        found.append(texts["sigmas"] % {**names, "count": len(dates), "dates": ", ".join(shown)})
    return found


def _calm_texts(chart: Chart, texts: Mapping[str, str]) -> list[str]:
    found = [texts["no_signals"]]
    for number, part in enumerate(chart.parts, start=1):
        runs = part.runs
        if runs.longest_run is None:
            continue
        found.append(
            texts["counts"]
            % {
                "phase": _phase(number, chart, texts),
                "run": runs.longest_run,
                "max": runs.longest_run_max,
                "crossings": runs.n_crossings,
                "min": runs.n_crossings_min,
            }
        )
    return found


FEW_POINTS = 10  # below this many useful points the runs rules rarely find anything


def signal_texts(
    chart: Chart | None,
    points: Sequence[Point],
    signals: Sequence[Signal],
    texts: Mapping[str, str],
) -> list[str]:
    """What the chart says, in sentences: the signals first, or that the variation is random.

    ``texts`` holds translated templates: no_data, shift, crossings, sigma, no_signals, counts,
    few_points, in_phase, above, below, sigmas, above_limit, below_limit, improvement, concern, neutral.
    """
    if chart is None:
        return [texts["no_data"]]
    found = [text for s in signals if s.kind == "runs" for text in _runs_texts(chart, s, texts)]
    found += _sigma_texts([s for s in signals if s.kind == "sigma"], points, texts)
    if not found:
        found = _calm_texts(chart, texts)
    useful = sum(part.runs.n_useful for part in chart.parts)
    if useful < FEW_POINTS:
        found.append(texts["few_points"] % {"count": useful, "min": FEW_POINTS})
    return [_tidy(text) for text in found]


def _tidy(text: str) -> str:
    """One space between words, none before punctuation: an empty phase leaves a gap."""
    return re.sub(r" ([,.:;)])", r"\1", " ".join(text.split()))
