"""Results of an anonymous survey round from its counters: pure functions, no Django.

The disclosure rules (SDC-02) live here, in one place for the page, the chart and the export:

- nothing is shown for a round that is still open (watching results change between two answers
  would tell what one person answered) or that has fewer than ``threshold`` respondents;
- a 360° round shows the employees' and the fellow leaders' view apart only when *each* group
  has at least ``threshold`` respondents; otherwise only the two together. Never one group
  alone, because the whole minus that group would give the other.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

VALUES = (1, 2, 3, 4, 5)
ALL = ""  # the respondent group of everyone together
TOP = 3  # strengths and areas to develop shown


class Hidden:
    """Why a round shows no results."""

    OPEN = "open"
    TOO_FEW = "too_few"


@dataclass(frozen=True)
class Item:
    id: int
    theme: str
    text: str
    reflection: bool = False


@dataclass(frozen=True)
class StatementResult:
    item: Item
    counts: tuple[int, ...]  # answers with the value 1, 2, 3, 4, 5

    @property
    def answers(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        total = self.answers
        if not total:
            return None
        return sum(value * count for value, count in zip(VALUES, self.counts, strict=True)) / total


@dataclass(frozen=True)
class ThemeResult:
    theme: str
    statements: list[StatementResult]

    @property
    def mean(self) -> float | None:
        counts = [sum(column) for column in zip(*(s.counts for s in self.statements), strict=True)]
        return StatementResult(Item(0, self.theme, ""), tuple(counts)).mean if counts else None


@dataclass(frozen=True)
class GroupResult:
    group: str
    respondents: int
    themes: list[ThemeResult]

    @property
    def statements(self) -> list[StatementResult]:
        return [statement for theme in self.themes for statement in theme.statements]


@dataclass(frozen=True)
class RoundResult:
    hidden: str | None  # Hidden.OPEN, Hidden.TOO_FEW, or None when shown
    groups: list[GroupResult] = field(default_factory=list)  # everyone first, then the split

    @property
    def shown(self) -> bool:
        return self.hidden is None

    @property
    def overall(self) -> GroupResult | None:
        return self.groups[0] if self.groups else None

    @property
    def respondents(self) -> int | None:
        return self.overall.respondents if self.overall else None


def shown_groups(respondents: Mapping[str, int], threshold: int) -> list[str]:
    """The respondent groups whose results may be shown: everyone, and the split only whole."""
    total = sum(respondents.values())
    if total < threshold:
        return []
    split = [group for group in respondents if group != ALL]
    if len(split) > 1 and all(respondents[group] >= threshold for group in split):
        return [ALL, *split]
    return [ALL]


def summarise(
    items: Sequence[Item],
    tallies: Mapping[tuple[int, str, int], int],
    respondents: Mapping[str, int],
    threshold: int,
    *,
    closed: bool,
) -> RoundResult:
    """Distributions and means per theme and statement, or why they are hidden.

    ``tallies`` maps (item id, group, value) to a count; ``respondents`` maps group to count.
    """
    if not closed:
        return RoundResult(Hidden.OPEN)
    groups = shown_groups(respondents, threshold)
    if not groups:
        return RoundResult(Hidden.TOO_FEW)
    return RoundResult(
        None,
        [
            GroupResult(
                group,
                sum(respondents.values()) if group == ALL else respondents[group],
                _themes(items, tallies, None if group == ALL else group),
            )
            for group in groups
        ],
    )


def _themes(
    items: Sequence[Item], tallies: Mapping[tuple[int, str, int], int], group: str | None
) -> list[ThemeResult]:
    groups = {key[1] for key in tallies} if group is None else {group}
    themes: dict[str, list[StatementResult]] = {}
    for item in items:
        counts = tuple(
            sum(tallies.get((item.id, each, value), 0) for each in groups) for value in VALUES
        )
        themes.setdefault(item.theme, []).append(StatementResult(item, counts))
    return [ThemeResult(theme, statements) for theme, statements in themes.items()]


def strengths_and_areas(
    statements: Iterable[StatementResult],
) -> tuple[list[StatementResult], list[StatementResult]]:
    """The highest and the lowest means: at most three each, and a strength always scores
    above every area to develop (equal means are neither)."""
    ranked = sorted((s for s in statements if s.mean is not None), key=lambda s: -(s.mean or 0))
    count = min(TOP, len(ranked) // 2)
    if not count:
        return [], []
    top, bottom = ranked[:count], ranked[-count:]
    strengths = [s for s in top if (s.mean or 0) > (bottom[0].mean or 0)]
    areas = [s for s in reversed(bottom) if (s.mean or 0) < (top[-1].mean or 0)]
    return strengths, areas
