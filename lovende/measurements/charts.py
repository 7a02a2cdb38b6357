"""Vega-Lite specifications for the course page: pure functions, no Django.

One chart definition serves the screen (vega-embed) and, later, paper (rendered to SVG).
Labels arrive translated from the caller.
"""

import datetime
from collections.abc import Mapping, Sequence

from lovende.instruments import scoring

COLOURS = {"improved": "#008139", "unchanged": "#5a5a5a", "deteriorated": "#b51d09"}


SESSION_TICKS = 12  # up to this many sessions, every session gets its own tick


def _session_axis(sessions: int) -> dict:
    """Whole sessions only: tickMinStep alone still let Vega put a tick at 1.5, labelled "2"."""
    axis: dict = {"tickMinStep": 1, "format": "d"}
    if sessions <= SESSION_TICKS:
        axis["values"] = list(range(1, max(sessions, 2) + 1))
    return axis


def progression_spec(
    definition: Mapping,
    points: Sequence[tuple[datetime.date, float]],
    labels: Mapping[str, str],
) -> dict:
    """Scores by session with the clinical range shaded and the reliable-change band around the start.

    ``labels``: session, score, date, clinical, band, improved, unchanged, deteriorated.
    """
    low, high = scoring.score_range(definition)
    first = points[0][1] if points else None
    values = [
        {
            "session": number,
            "date": day.strftime("%d-%m-%Y"),
            "score": score,
            "change": _category(definition, first, score),
        }
        for number, (day, score) in enumerate(points, start=1)
    ]
    layers = [*_bands(definition, first, low, high, labels), _line(), _points(labels)]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": "container",
        "height": 220,
        "data": {"values": values},
        "encoding": {
            "x": {
                "field": "session",
                "type": "quantitative",
                "title": labels["session"],
                "axis": _session_axis(len(values)),
                "scale": {"domain": [1, max(len(values), 2)], "padding": 14},
            },
            "y": {
                "field": "score",
                "type": "quantitative",
                "title": labels["score"],
                "scale": {"domain": [low, high]},
            },
        },
        "layer": layers,
        "config": {"font": "IBM Plex Sans, system-ui, sans-serif", "view": {"stroke": None}},
    }


def _category(definition: Mapping, first: float | None, score: float) -> str:
    category = scoring.change_category(definition, first, score) if first is not None else None
    return category.value if category else "unchanged"


def _bands(
    definition: Mapping, first: float | None, low: float, high: float, labels: Mapping[str, str]
) -> list[dict]:
    bands = []
    cutoff = scoring.clinical_cutoff(definition)
    if cutoff is not None:
        higher_better = definition["direction"] == "higher_better"
        y, y2 = (low, cutoff["value"]) if higher_better else (cutoff["value"], high)
        bands.append(_band(y, y2, "#f6d5d0", labels["clinical"]))
    threshold = scoring.reliable_change_threshold(definition)
    if threshold is not None and first is not None:
        bands.append(
            _band(
                max(low, first - threshold), min(high, first + threshold), "#e6e6e6", labels["band"]
            )
        )
    return bands


def _band(y: float, y2: float, colour: str, title: str) -> dict:
    return {
        "data": {"values": [{"y": y, "y2": y2, "what": title}]},
        "mark": {"type": "rect", "color": colour, "opacity": 0.7},
        "encoding": {
            "x": {"value": 0},
            "x2": {"value": "width"},
            "y": {"field": "y", "type": "quantitative"},
            "y2": {"field": "y2"},
            "tooltip": [{"field": "what", "type": "nominal", "title": " "}],
        },
    }


def _line() -> dict:
    return {"mark": {"type": "line", "color": "#004993", "strokeWidth": 2}}


def _points(labels: Mapping[str, str]) -> dict:
    return {
        "mark": {"type": "point", "filled": True, "size": 80},
        "encoding": {
            "color": {
                "field": "change",
                "type": "nominal",
                "title": None,
                "scale": {"domain": list(COLOURS), "range": list(COLOURS.values())},
                "legend": {"orient": "bottom", "labelExpr": _legend_expr(labels)},
            },
            "shape": {
                "field": "change",
                "type": "nominal",
                "scale": {
                    "domain": list(COLOURS),
                    "range": ["triangle-up", "circle", "triangle-down"],
                },
                "legend": None,
            },
            "tooltip": [
                {"field": "session", "type": "quantitative", "title": labels["session"]},
                {"field": "date", "type": "nominal", "title": labels["date"]},
                {"field": "score", "type": "quantitative", "title": labels["score"]},
            ],
        },
    }


def _legend_expr(labels: Mapping[str, str]) -> str:
    improved, unchanged, deteriorated = (
        labels[k].replace("'", "’") for k in ("improved", "unchanged", "deteriorated")
    )
    return f"datum.label == 'improved' ? '{improved}' : datum.label == 'deteriorated' ? '{deteriorated}' : '{unchanged}'"
