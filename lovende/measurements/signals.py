"""Signals a leader would ask about on one course: pure functions, no Django.

- no reliable improvement after N sessions of an outcome instrument,
- reliable deterioration,
- alliance (SRS) below its cutoff, or falling by a point or more since the last session,
- no measurement for a long time on an open course.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lovende.instruments import scoring

FALLING_ALLIANCE_STEP = 1.0  # FIT practice: a drop of one point or more since the last session


@dataclass(frozen=True)
class Series:
    """One instrument's scores on one course, oldest first."""

    name: str
    definition: Mapping
    points: Sequence[tuple[datetime.date, float]]

    @property
    def purpose(self) -> str:
        return self.definition.get("purpose", "outcome")


@dataclass(frozen=True)
class Signal:
    code: str  # no_improvement | deterioration | low_alliance | falling_alliance | no_measurement
    instrument: str = ""
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rules:
    sessions_without_improvement: int = 6
    days_without_measurement: int = 42


def course_signals(
    series: Sequence[Series],
    *,
    today: datetime.date,
    course_start: datetime.date,
    course_open: bool,
    rules: Rules = Rules(),
) -> list[Signal]:
    signals: list[Signal] = []
    for one in series:
        if len(one.points) and one.purpose == "outcome":
            signals += _outcome_signals(one, rules)
        if len(one.points) and one.purpose == "alliance":
            signals += _alliance_signals(one)
    if course_open:
        signals += _silence(series, today, course_start, rules)
    return signals


def _outcome_signals(one: Series, rules: Rules) -> list[Signal]:
    first, latest = one.points[0][1], one.points[-1][1]
    category = scoring.change_category(one.definition, first, latest)
    if category is None:
        return []
    if category == scoring.ChangeCategory.DETERIORATED:
        return [Signal("deterioration", one.name, {"first": first, "latest": latest})]
    if (
        category != scoring.ChangeCategory.IMPROVED
        and len(one.points) >= rules.sessions_without_improvement
    ):
        return [Signal("no_improvement", one.name, {"sessions": len(one.points)})]
    return []


def _alliance_signals(one: Series) -> list[Signal]:
    latest = one.points[-1][1]
    signals = []
    if scoring.in_clinical_range(one.definition, latest):
        cutoff = scoring.clinical_cutoff(one.definition)["value"]
        signals.append(Signal("low_alliance", one.name, {"latest": latest, "cutoff": cutoff}))
    if len(one.points) >= 2 and one.points[-2][1] - latest >= FALLING_ALLIANCE_STEP:
        signals.append(
            Signal("falling_alliance", one.name, {"previous": one.points[-2][1], "latest": latest})
        )
    return signals


def _silence(
    series: Sequence[Series], today: datetime.date, course_start: datetime.date, rules: Rules
) -> list[Signal]:
    dates = [point[0] for one in series for point in one.points]
    since = max(dates) if dates else course_start
    days = (today - since).days
    if days > rules.days_without_measurement:
        return [Signal("no_measurement", params={"days": days, "since": since})]
    return []
