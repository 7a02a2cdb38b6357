"""Meeting dates from a forum's rhythm, and the month grid of the calendar view. Pure: no Django."""

import calendar
import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

MAX_MEETINGS_AT_ONCE = 26


class PastMeeting(ValueError):
    """A meeting to be planned starts before now."""


def meeting_starts(
    first: datetime.datetime, every_weeks: int, count: int, *, now: datetime.datetime
) -> list[datetime.datetime]:
    """``count`` start times, ``every_weeks`` apart, from ``first`` (which must not be past).

    ``first`` carries its local time zone (a ZoneInfo): adding weeks to an aware datetime keeps
    the wall-clock time, so a 9 o'clock meeting stays at 9 across daylight saving time.
    """
    if first.tzinfo is None or now.tzinfo is None:
        raise ValueError("meeting_starts needs aware datetimes")
    if every_weeks < 1 or count < 1:
        raise ValueError("every_weeks and count must be positive")
    if first < now:
        raise PastMeeting(first)
    return [first + datetime.timedelta(weeks=every_weeks * n) for n in range(count)]


def next_start(
    previous: datetime.datetime | None, every_weeks: int, *, now: datetime.datetime
) -> datetime.datetime:
    """A suggested start for the next meeting: one period after ``previous``, and in the future.

    Without a previous meeting: the next weekday at 9:00 local time.
    """
    if previous is None:
        day = now.date() + datetime.timedelta(days=1)
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        return datetime.datetime.combine(day, datetime.time(9), tzinfo=now.tzinfo)
    start = previous + datetime.timedelta(weeks=every_weeks)
    while start < now:
        start += datetime.timedelta(weeks=every_weeks)
    return start


@dataclass
class Day(Generic[T]):
    date: datetime.date
    in_month: bool
    items: list[T] = field(default_factory=list)


def month_weeks(
    year: int, month: int, items_by_day: Mapping[datetime.date, Sequence[T]]
) -> list[list[Day[T]]]:
    """The weeks (Monday first) covering ``month``, each day with its items."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [
        [Day(day, day.month == month, list(items_by_day.get(day, ()))) for day in week]
        for week in weeks
    ]


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    """The (year, month) ``by`` months away."""
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def parse_month(text: str | None) -> tuple[int, int] | None:
    """ "2026-05" as (2026, 5); None for anything else."""
    if not text:
        return None
    try:
        year, month = (int(part) for part in text.split("-"))
    except ValueError:
        return None
    if not (1 <= month <= 12 and datetime.MINYEAR < year < datetime.MAXYEAR):
        return None
    return year, month


def group_by_day(
    items: Iterable[T], day_of: Callable[[T], datetime.date]
) -> dict[datetime.date, list[T]]:
    """Items keyed by the day ``day_of`` gives each, in their order."""
    grouped: dict[datetime.date, list[T]] = {}
    for item in items:
        grouped.setdefault(day_of(item), []).append(item)
    return grouped
