"""The per-course outcome summary as a pure function of the measurements (no Django).

Recomputing from the raw measurements is the definition of "right"; the service stores its result
in the same transaction as every write, and tests compare the stored row with a recompute.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lovende.instruments import scoring


@dataclass(frozen=True)
class Point:
    measured_on: datetime.date
    order: int  # ties on the same day: the one recorded first comes first
    score: float


@dataclass(frozen=True)
class Outcome:
    count: int
    first_score: float
    first_on: datetime.date
    latest_score: float
    latest_on: datetime.date
    change: float
    category: str  # "" when the instrument defines no reliable change
    clinical_at_start: bool | None
    clinical_now: bool | None


def summarise(points: Sequence[Point], definition: Mapping) -> Outcome | None:
    """First versus latest, judged by ``definition`` (the latest measurement's version)."""
    if not points:
        return None
    ordered = sorted(points, key=lambda p: (p.measured_on, p.order))
    first, latest = ordered[0], ordered[-1]
    category = scoring.change_category(definition, first.score, latest.score)
    return Outcome(
        count=len(ordered),
        first_score=first.score,
        first_on=first.measured_on,
        latest_score=latest.score,
        latest_on=latest.measured_on,
        change=round(latest.score - first.score, 4),
        category=category.value if category else "",
        clinical_at_start=scoring.in_clinical_range(definition, first.score),
        clinical_now=scoring.in_clinical_range(definition, latest.score),
    )
