"""Small-cell suppression for aggregates above citizen level (SECURITY SDC-01). Pure, no Django.

A count of citizens below the threshold k (but above zero) is never shown. This module is the one
function every screen, export and API calls, so they cannot disagree.
"""

from dataclasses import dataclass

MIN_THRESHOLD = (
    3  # Danmarks Statistik never publishes cells below 3; configurable k never goes lower
)


@dataclass(frozen=True)
class Cell:
    """A shown or hidden count. ``value`` is None when suppressed."""

    value: int | None

    @property
    def hidden(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return "<k" if self.value is None else str(self.value)


def suppress(count: int, k: int) -> Cell:
    """Hide a count of 1..k-1; zero and k or more are shown."""
    k = max(k, MIN_THRESHOLD)
    return Cell(None if 0 < count < k else count)
