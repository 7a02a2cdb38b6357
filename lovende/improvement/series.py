"""A measure's time series, from monthly counts to points, with small-cell suppression. Pure, no
Django.

The query layer (``improvement/aggregates.py``) reads the summaries kept at write time and hands
their rows to these functions, so the rules (which months, which denominator, when to hide a
point) are tested without a database. A derived point whose denominator, or whose number of
courses behind a mean, lies below k becomes a missing value with a reason, never a number
(SECURITY SDC-01).
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from lovende.analytics.suppression import suppress

MAX_MONTHS = 36  # the charts show at most the last three years

# Why a point has no value
NO_DATA = "no_data"  # nothing was measured, or the denominator is zero
SUPPRESSED = "suppressed"  # fewer than k courses behind it (SDC-01)


@dataclass(frozen=True)
class Point:
    """One point of a series: for shares and rates ``value`` is the numerator."""

    period: datetime.date
    value: float | None
    denominator: float | None = None
    reason: str = ""  # NO_DATA or SUPPRESSED when value is None

    @property
    def y(self) -> float | None:
        """What the chart plots before it multiplies: the ratio when there is a denominator."""
        if self.value is None or self.denominator is None:
            return self.value
        return self.value / self.denominator if self.denominator else None


@dataclass(frozen=True)
class MonthlyCell:
    """One instrument's monthly scores summed over the cells in scope (``MonthlyScores``)."""

    month: datetime.date
    score_sum: float
    measurements: int
    courses: int


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def last_whole_month(today: datetime.date) -> datetime.date:
    """The month before today's: the current month is still filling up and would look like a
    fall (or a rise) on the chart every month until its end."""
    return add_months(first_of_month(today), -1)


def window_start(today: datetime.date) -> datetime.date:
    """The first month a chart may show: 35 months before the last whole one."""
    return add_months(last_whole_month(today), -(MAX_MONTHS - 1))


def months(first: datetime.date | None, today: datetime.date) -> list[datetime.date]:
    """Every month from the first month with data to the last whole one, at most ``MAX_MONTHS``."""
    current = last_whole_month(today)
    if first is None or first_of_month(first) > current:
        return []
    month = max(first_of_month(first), window_start(today))
    result = []
    while month <= current:
        result.append(month)
        month = add_months(month, 1)
    return result


def _hidden(count: int, k: int) -> bool:
    return suppress(count, k).hidden


def mean_points(cells: Iterable[MonthlyCell], today: datetime.date, k: int) -> list[Point]:
    """The mean score per month; a month with fewer than k courses measured is hidden."""
    by_month = {cell.month: cell for cell in cells if cell.measurements}
    points = []
    for month in months(min(by_month, default=None), today):
        cell = by_month.get(month)
        if cell is None:
            points.append(Point(month, None, reason=NO_DATA))
        elif _hidden(cell.courses, k):
            points.append(Point(month, None, reason=SUPPRESSED))
        else:
            points.append(Point(month, cell.score_sum / cell.measurements))
    return points


def active_by_month(
    window: Sequence[datetime.date],
    started: Mapping[datetime.date, int],
    ended: Mapping[datetime.date, int],
) -> dict[datetime.date, int]:
    """Courses active in each month of ``window`` from counts per start month and end month.

    A course is active in a month when it started by the month's end and has not ended before
    its first day: the courses started up to and including the month, less those that ended in
    an earlier month. Open courses have no end month. Two grouped counts, whatever the window.
    """
    result = {}
    for month in window:
        began = sum(n for start, n in started.items() if start <= month)
        closed = sum(n for end, n in ended.items() if end < month)
        result[month] = began - closed
    return result


def share_points(
    window: Sequence[datetime.date],
    numerators: Mapping[datetime.date, int],
    denominators: Mapping[datetime.date, int],
    k: int,
) -> list[Point]:
    """A share per month: a zero denominator is no data, one below k is hidden with its numerator.

    A numerator can never exceed its denominator in a share: where counts taken at different
    moments disagree, the share is capped at 1 rather than drawn above it.
    """
    points = []
    for month in window:
        denominator = denominators.get(month, 0)
        if denominator == 0:
            points.append(Point(month, None, reason=NO_DATA))
        elif _hidden(denominator, k):
            points.append(Point(month, None, reason=SUPPRESSED))
        else:
            numerator = min(numerators.get(month, 0), denominator)
            points.append(Point(month, float(numerator), float(denominator)))
    return points


def measured_share_points(
    measured: Mapping[datetime.date, int],
    started: Mapping[datetime.date, int],
    ended: Mapping[datetime.date, int],
    today: datetime.date,
    k: int,
) -> list[Point]:
    """Share of the courses active in a month that had at least one measurement in it.

    ``measured``: courses measured per month; ``started`` and ``ended``: courses per start month
    and per end month. The months start with the first month anything was measured.
    """
    window = months(min((m for m, n in measured.items() if n), default=None), today)
    return share_points(window, measured, active_by_month(window, started, ended), k)


def improved_share_points(
    improved: Mapping[datetime.date, int],
    judged: Mapping[datetime.date, int],
    today: datetime.date,
    k: int,
) -> list[Point]:
    """Share of the courses ended in a month whose outcome was reliably improved."""
    window = months(min((m for m, n in judged.items() if n), default=None), today)
    return share_points(window, improved, judged, k)


def manual_points(rows: Iterable[tuple[datetime.date, float, float | None]]) -> list[Point]:
    """Hand-entered values as they are, one point each, in date order (no months filled in)."""
    return [Point(period, value, denominator) for period, value, denominator in sorted(rows)]
