"""Cost per course: what an intervention cost in a year over the courses active that year. Pure.

The expenses are recorded for the whole intervention, so they are divided by every course that
was active at some time in the year, in all its units. The figure is shown only when the courses
belong to at least k distinct citizens (SDC-01): a cost per course over two citizens would tell
the reader roughly what those two citizens' help cost.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from lovende.analytics.suppression import suppress


@dataclass(frozen=True)
class CostPerCourse:
    amount: int | None  # the year's expenses; None when none are recorded
    courses: int
    hidden: bool = False  # fewer than k citizens behind the courses

    @property
    def value(self) -> float | None:
        """Kroner per course, or None when hidden, not recorded or without courses."""
        if self.hidden or self.amount is None or self.courses == 0:
            return None
        return self.amount / self.courses


def cost_per_course(amount: int | None, courses: int, citizens: int, k: int) -> CostPerCourse:
    """Divide the year's expenses by its active courses, hiding it behind fewer than k citizens."""
    return CostPerCourse(amount, courses, hidden=suppress(citizens, k).hidden)


def active_in(year: int, start: datetime.date, end: datetime.date | None) -> bool:
    """True when a course that ran from ``start`` to ``end`` (open when None) touched ``year``."""
    return start <= datetime.date(year, 12, 31) and (
        end is None or end >= datetime.date(year, 1, 1)
    )


def default_year(recorded: Iterable[int], this_year: int) -> int | None:
    """The last complete year with recorded expenses; the latest recorded year if none is complete."""
    years = set(recorded)
    complete = [year for year in years if year < this_year]
    if complete:
        return max(complete)
    return max(years, default=None)


def year_range(this_year: int, minimum: int) -> range:
    """The years expenses may be recorded for: from ``minimum`` up to and including next year."""
    return range(minimum, this_year + 2)
