"""Vega-Lite specifications for survey results: pure functions, no Django.

Only results that may be shown reach these functions (survey_results decides); labels arrive
translated from the caller.
"""

from collections.abc import Mapping, Sequence

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
CONFIG = {"font": "IBM Plex Sans, system-ui, sans-serif", "view": {"stroke": None}}
# Disagree → agree, from red through grey to green (the DKFDS status colours).
VALUE_COLOURS = ["#b51d09", "#e38a7d", "#bfbfbf", "#7cbf96", "#008139"]
SELF_COLOUR, OTHERS_COLOUR = "#7a3e9d", "#004993"


def _mean_axis(title: str) -> dict:
    return {
        "type": "quantitative",
        "title": title,
        "scale": {"domain": [1, 5]},
        "axis": {"values": [1, 2, 3, 4, 5], "format": "d"},
    }


def trend_spec(rows: Sequence[Mapping[str, object]], labels: Mapping[str, str]) -> dict:
    """Mean per theme per round, one line per theme.

    ``rows``: {"round": label, "order": n, "theme": text, "mean": float}. ``labels``: round,
    mean, theme.
    """
    return {
        "$schema": SCHEMA,
        "width": "container",
        "height": 260,
        "data": {"values": list(rows)},
        "mark": {"type": "line", "point": {"filled": True, "size": 70}, "strokeWidth": 2},
        "encoding": {
            "x": {
                "field": "round",
                "type": "ordinal",
                "title": labels["round"],
                "sort": {"field": "order"},
                "axis": {"labelAngle": 0},
            },
            "y": {"field": "mean", **_mean_axis(labels["mean"])},
            "color": {
                "field": "theme",
                "type": "nominal",
                "title": labels["theme"],
                "legend": {"orient": "bottom", "columns": 2, "labelLimit": 400},
            },
            "tooltip": [
                {"field": "round", "title": labels["round"]},
                {"field": "theme", "title": labels["theme"]},
                {"field": "mean", "title": labels["mean"], "format": ".1f"},
            ],
        },
        "config": CONFIG,
    }


def distribution_spec(rows: Sequence[Mapping[str, object]], labels: Mapping[str, str]) -> dict:
    """Answers per statement as stacked bars, 1 (red) to 5 (green).

    ``rows``: {"statement": text, "order": n, "value": 1-5, "answers": count}. ``labels``:
    statement, answers, value, and "1".."5" for the legend.
    """
    legend = [labels[str(value)] for value in range(1, 6)]
    return {
        "$schema": SCHEMA,
        "width": "container",
        "height": {"step": 26},
        "data": {"values": [{**row, "label": legend[int(row["value"]) - 1]} for row in rows]},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {
                "field": "statement",
                "type": "nominal",
                "title": None,
                "sort": {"field": "order"},
                "axis": {"labelLimit": 480},
            },
            "x": {
                "field": "answers",
                "type": "quantitative",
                "stack": "normalize",
                "title": labels["answers"],
                "axis": {"format": "%"},
            },
            "color": {
                "field": "label",
                "type": "nominal",
                "title": labels["value"],
                "scale": {"domain": legend, "range": VALUE_COLOURS},
                "legend": {"orient": "bottom"},
            },
            "order": {"field": "value", "type": "quantitative"},
            "tooltip": [
                {"field": "statement", "title": labels["statement"]},
                {"field": "label", "title": labels["value"]},
                {"field": "answers", "title": labels["answers"]},
            ],
        },
        "config": CONFIG,
    }


def comparison_spec(rows: Sequence[Mapping[str, object]], labels: Mapping[str, str]) -> dict:
    """The leader's own view beside the others' mean, per item (dots on a 1–5 scale).

    ``rows``: {"statement": text, "order": n, "view": label, "value": float}. ``labels``:
    statement, value, view, self, others.
    """
    return {
        "$schema": SCHEMA,
        "width": "container",
        "height": {"step": 28},
        "data": {"values": list(rows)},
        "layer": [
            {
                "mark": {"type": "rule", "color": "#bfbfbf"},
                "encoding": {
                    "x": {"aggregate": "min", "field": "value"},
                    "x2": {"aggregate": "max", "field": "value"},
                },
            },
            {
                "mark": {"type": "point", "filled": True, "size": 110, "opacity": 1},
                "encoding": {
                    "color": {
                        "field": "view",
                        "type": "nominal",
                        "title": labels["view"],
                        "scale": {
                            "domain": [labels["self"], labels["others"]],
                            "range": [SELF_COLOUR, OTHERS_COLOUR],
                        },
                        "legend": {"orient": "bottom"},
                    },
                    "shape": {
                        "field": "view",
                        "type": "nominal",
                        "scale": {"domain": [labels["self"], labels["others"]]},
                    },
                    "tooltip": [
                        {"field": "statement", "title": labels["statement"]},
                        {"field": "view", "title": labels["view"]},
                        {"field": "value", "title": labels["value"], "format": ".1f"},
                    ],
                },
            },
        ],
        "encoding": {
            "y": {
                "field": "statement",
                "type": "nominal",
                "title": None,
                "sort": {"field": "order"},
                "axis": {"labelLimit": 480},
            },
            "x": {"field": "value", **_mean_axis(labels["value"])},
        },
        "config": CONFIG,
    }
