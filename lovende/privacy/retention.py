"""When a closed course has outlived its retention period (SECURITY PRIV-04). Pure: no Django.

"Closed more than N months ago" is read strictly: a course that ended on 15 March with a 6-month
rule is kept through 15 September and goes from 16 September. A month back from the 31st lands on
the last day of a shorter month (31 August minus 6 months is 28 or 29 February).
"""

import calendar
import datetime


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months earlier, clamped to the end of a shorter month."""
    if months < 0:
        raise ValueError("months must not be negative")
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def cutoff(today: datetime.date, months: int) -> datetime.date:
    """Courses that ended before this day have been closed longer than ``months`` months."""
    return months_before(today, months)


def is_expired(end_date: datetime.date | None, months: int, today: datetime.date) -> bool:
    """True when a course that ended on ``end_date`` is past its retention period.

    A closed course without an end date is never expired: without the date nobody can say the
    period has run out, so it is kept and reported rather than guessed at.
    """
    return end_date is not None and end_date < cutoff(today, months)
