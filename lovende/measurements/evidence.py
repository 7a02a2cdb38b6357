"""Which data support a professional assessment and which do not: pure, no Django.

Seed (Hæfte 2, §3.3): leaders ask which data support an assessment, and which do not. The
assessment states a direction; each outcome instrument's reliable-change category either agrees
with it or not. Instruments without a reliable-change rule, and alliance scales, are not weighed.
"""

from collections.abc import Sequence
from dataclasses import dataclass

EXPECTED = {"improving": "improved", "stable": "unchanged", "worsening": "deteriorated"}


@dataclass(frozen=True)
class Evidence:
    supporting: list[tuple[str, str]]  # (instrument, category)
    not_supporting: list[tuple[str, str]]


def weigh(direction: str, outcomes: Sequence[tuple[str, str, str]]) -> Evidence:
    """``outcomes``: (instrument name, purpose, category) per instrument on the course."""
    expected = EXPECTED[direction]
    weighed = [
        (name, category)
        for name, purpose, category in outcomes
        if purpose == "outcome" and category
    ]
    return Evidence(
        supporting=[(name, category) for name, category in weighed if category == expected],
        not_supporting=[(name, category) for name, category in weighed if category != expected],
    )
