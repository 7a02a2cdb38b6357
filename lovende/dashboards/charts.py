"""Vega-Lite specifications for the dashboards: pure functions, no Django.

Every chart draws only figures that survived suppression: the callers pass shown values, so a
hidden group is simply absent from the chart (the table beside it says why). Labels arrive
translated from the caller.
"""

from collections.abc import Mapping, Sequence

from lovende.measurements.charts import COLOURS

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
CONFIG = {"font": "IBM Plex Sans, system-ui, sans-serif", "view": {"stroke": None}}
SERIES = ["#004993", "#b35c00", "#008139", "#7b3f99", "#5a5a5a", "#b51d09", "#0a7e8c"]


def _spec(values: list[dict], height: int, **body: object) -> dict:
    return {
        "$schema": SCHEMA,
        "width": "container",
        "height": height,
        "data": {"values": values},
        "config": CONFIG,
        **body,
    }


def category_bars(
    rows: Sequence[tuple[str, Mapping[str, float]]], labels: Mapping[str, str]
) -> dict:
    """Stacked bars of reliably improved / unchanged / deteriorated (per cent) per group.

    ``rows``: (group label, {category: share}). ``labels``: share, group and one per category.
    """
    order = {category: index for index, category in enumerate(COLOURS)}
    values = [
        {
            "group": group,
            "category": labels[category],
            "order": order[category],
            "share": shares[category],
        }
        for group, shares in rows
        for category in COLOURS
    ]
    return _spec(
        values,
        max(60, 34 * len(rows)),
        mark={"type": "bar", "tooltip": True},
        encoding={
            "y": {"field": "group", "type": "nominal", "title": None, "sort": None},
            "x": {
                "field": "share",
                "type": "quantitative",
                "stack": "zero",
                "title": labels["share"],
                "scale": {"domain": [0, 100]},
            },
            "color": {
                "field": "category",
                "type": "nominal",
                "title": None,
                "scale": {
                    "domain": [labels[c] for c in COLOURS],
                    "range": list(COLOURS.values()),
                },
                "legend": {"orient": "bottom"},
            },
            "order": {"field": "order", "type": "quantitative"},
        },
    )


def change_histogram(bins: Sequence[tuple[str, float, str]], labels: Mapping[str, str]) -> dict:
    """The distribution of change: share of courses (per cent) per bin, coloured by direction.

    ``bins``: (bin label, share, category the bin lies in) from the most negative change up.
    """
    values = [
        {"bin": label, "share": share, "category": labels[category], "order": index}
        for index, (label, share, category) in enumerate(bins)
    ]
    return _spec(
        values,
        200,
        mark={"type": "bar", "tooltip": True},
        encoding={
            "x": {
                "field": "bin",
                "type": "ordinal",
                "title": labels["change"],
                "sort": {"field": "order"},
                "axis": {"labelAngle": 0},
            },
            "y": {"field": "share", "type": "quantitative", "title": labels["share"]},
            "color": {
                "field": "category",
                "type": "nominal",
                "title": None,
                "scale": {
                    "domain": [labels[c] for c in COLOURS],
                    "range": list(COLOURS.values()),
                },
                "legend": {"orient": "bottom"},
            },
        },
    )


def alliance_line(
    points: Sequence[tuple[str, float]],
    cutoff: float | None,
    score_range: tuple[float, float],
    labels: Mapping[str, str],
) -> dict:
    """Mean alliance score (SRS) by month, with the instrument's cutoff as a dashed rule."""
    values = [{"month": month, "mean": round(mean, 1)} for month, mean in points]
    low, high = score_range
    layers: list[dict] = [
        {"mark": {"type": "line", "color": SERIES[0], "strokeWidth": 2}},
        {"mark": {"type": "point", "filled": True, "size": 60, "color": SERIES[0]}},
    ]
    if cutoff is not None:
        layers.append(
            {
                "data": {"values": [{"cutoff": cutoff, "what": labels["cutoff"]}]},
                "mark": {"type": "rule", "color": COLOURS["deteriorated"], "strokeDash": [4, 4]},
                "encoding": {
                    # no month: the rule spans the chart (inheriting x drew nothing)
                    "x": None,
                    "y": {"field": "cutoff", "type": "quantitative"},
                    "tooltip": [{"field": "what", "type": "nominal", "title": " "}],
                    "description": {"field": "what", "type": "nominal"},  # its accessible name
                },
            }
        )
    return _spec(
        values,
        200,
        encoding={
            "x": {
                "field": "month",
                "type": "temporal",
                "timeUnit": "yearmonth",
                "title": labels["month"],
            },
            "y": {
                "field": "mean",
                "type": "quantitative",
                "title": labels["mean"],
                "scale": {"domain": [max(low, (cutoff or low) - 10), high]},
            },
            "tooltip": [
                {"field": "month", "type": "temporal", "timeUnit": "yearmonth"},
                {"field": "mean", "type": "quantitative", "title": labels["mean"]},
            ],
        },
        layer=layers,
    )


def trend_lines(
    points: Sequence[tuple[str, str, float]], labels: Mapping[str, str], percent: bool
) -> dict:
    """One line per series (an intervention) over periods (half-years): (period, series, value)."""
    values = [
        {"period": period, "series": series, "value": value} for period, series, value in points
    ]
    y: dict = {"field": "value", "type": "quantitative", "title": labels["value"]}
    if percent:
        y["scale"] = {"domain": [0, 100]}
    return _spec(
        values,
        220,
        mark={"type": "line", "point": True, "tooltip": True},
        encoding={
            "x": {
                "field": "period",
                "type": "ordinal",
                "title": labels["period"],
                "axis": {"labelAngle": 0},
            },
            "y": y,
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {"range": SERIES},
                "legend": {"orient": "bottom", "columns": 2, "labelLimit": 320},
            },
        },
    )
