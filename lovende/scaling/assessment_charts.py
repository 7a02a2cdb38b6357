"""The promising-practice profile as a Vega-Lite spec: pure functions, no Django.

One horizontal bar per element for the assessment, coloured by its place on the scale, with the
previous assessment's score as a black mark on the bar, so a leader reads at once where the
intervention stands and what moved. Labels arrive translated from the caller.
"""

from collections.abc import Mapping, Sequence

from lovende.scaling.promising import MAX_SCORE, SCALE, ProfileRow

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
CONFIG = {"font": "IBM Plex Sans, system-ui, sans-serif", "view": {"stroke": None}}
# Not in place → in place, from red through orange to green (DKFDS status colours).
SCORE_COLOURS = ["#b51d09", "#a35200", "#4f7f2a", "#006b2f"]
PREVIOUS_COLOUR = "#1a1a1a"


def profile_rows(
    rows: Sequence[ProfileRow], names: Mapping[str, str], labels: Mapping[str, str]
) -> list[dict]:
    """The chart's data: one row per element, named and labelled in the reader's language.

    ``labels``: "1".."4", the scale's values as the legend says them.
    """
    return [
        {
            "element": names[row.key],
            "order": order,
            "score": row.score,
            "label": labels[str(row.score)] if row.score is not None else None,
            "previous": row.previous,
            "previous_label": labels[str(row.previous)] if row.previous is not None else None,
        }
        for order, row in enumerate(rows)
    ]


def profile_spec(rows: Sequence[Mapping[str, object]], labels: Mapping[str, str]) -> dict:
    """Bars for the scores (1–4), a black mark for the previous assessment's score.

    ``rows``: from ``profile_rows``. ``labels``: element, score, previous, and "1".."4" for the
    scale's legend. A missing score or previous score is left out (Vega-Lite filters nulls).
    """
    legend = [labels[str(value)] for value, _name in SCALE]
    has_previous = any(row["previous"] is not None for row in rows)
    layers: list[dict] = [
        {
            "mark": {"type": "bar", "height": {"band": 0.7}},
            "encoding": {
                "x": {
                    "field": "score",
                    "type": "quantitative",
                    "title": labels["score"],
                    "scale": {"domain": [0, MAX_SCORE]},
                    "axis": {"values": [1, 2, 3, 4], "format": "d", "grid": True},
                },
                "color": {
                    "field": "label",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": legend, "range": SCORE_COLOURS},
                    "legend": None,  # the page shows the scale in HTML, which wraps on a phone
                },
                "tooltip": [
                    {"field": "element", "title": labels["element"]},
                    {"field": "label", "title": labels["score"]},
                    {"field": "previous_label", "title": labels["previous"]},
                ],
            },
        }
    ]
    if has_previous:
        layers.append(
            {
                "mark": {"type": "tick", "color": PREVIOUS_COLOUR, "thickness": 3},
                "encoding": {
                    "x": {"field": "previous", "type": "quantitative"},
                    "tooltip": [
                        {"field": "element", "title": labels["element"]},
                        {"field": "previous_label", "title": labels["previous"]},
                    ],
                },
            }
        )
    return {
        "$schema": SCHEMA,
        "width": "container",
        "height": {"step": 32},
        "data": {"values": list(rows)},
        "encoding": {
            "y": {
                "field": "element",
                "type": "nominal",
                "title": None,
                "sort": [row["element"] for row in rows],
                "axis": {"labelLimit": 260, "labelFontSize": 13},
            }
        },
        "layer": layers,
        "config": CONFIG,
    }
