"""Outcome figures for groups of courses, with small-cell suppression. Pure, no Django.

The definition is ``figures`` over plain rows, one per course, carrying the course's attributes
and its outcome summary for one instrument (``OutcomeSummary``: number of measurements, change,
reliable-change category, clinical range at start and now). The dashboards get the same figures
counted by the database as a ``Cube`` (cells that add up, plus the few courses of citizens with
more than one course), and every page, pack, Excel file and API answer is suppressed by
``report_of`` and ``tree_cells_of``, so they cannot disagree.

Figures per group:
- citizens (distinct), courses, active courses;
- measurement completion: the share of active courses with at least two measurements of the
  instrument, and the share measured within the last ``recent_days`` days;
- outcomes over the courses with at least two measurements (a change needs two): the shares
  reliably improved / unchanged / deteriorated, in the clinical range at start and now, and the
  distribution of change in bins;
- citizen feedback: the mean latest alliance score (SRS) and the share below its cutoff.

Suppression (SECURITY SDC-01), after every filter: four counts of citizens decide what a group
may show — all its citizens (the group itself), its citizens in active courses (completion), its
citizens with two measurements (outcomes) and those with an alliance score (feedback). Each
count runs through ``margins`` with the group's total, so a small group hides its figures, and enough other groups hide theirs that the
small one cannot be computed from the total. Within a shown group, shares are shown whole: the
rule is about how many citizens stand behind a figure, not about each category's count.
"""

import datetime
import itertools
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from lovende.analytics.margins import suppress_linked
from lovende.analytics.suppression import Cell, suppress

ACTIVE = "aktiv"  # Course.Status.ACTIVE; waiting courses have not started measuring yet
CATEGORIES = ("improved", "unchanged", "deteriorated")
BASES = ("citizens", "active", "outcome", "alliance")  # counts of citizens that gate figures
AGE_BANDS = ((0, 5), (6, 12), (13, 17), (18, 24), (25, 39), (40, 64), (65, None))


@dataclass(frozen=True)
class CourseRow:
    """One course with its outcome summary for the chosen instrument (none: ``measurements=0``)."""

    citizen: int
    unit: int
    gender: str
    age_band: str
    professional_group: str
    intervention: int
    start_date: datetime.date
    status: str
    measurements: int = 0
    change: float | None = None
    category: str = ""
    clinical_at_start: bool | None = None
    clinical_now: bool | None = None
    latest_on: datetime.date | None = None
    alliance_score: float | None = None  # the latest SRS (or CSRS) of the course
    alliance_low: bool | None = None  # ... below the instrument's cutoff


@dataclass
class Figures:
    """Unsuppressed counts for one group; shares are properties (None when the base is 0)."""

    citizens: int = 0
    courses: int = 0
    active: int = 0
    measured_twice: int = 0
    measured_recently: int = 0
    outcome_courses: int = 0
    categories: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    clinical_base: int = 0
    clinical_at_start: int = 0
    clinical_now: int = 0
    bins: list[int] = field(default_factory=list)
    alliance_courses: int = 0
    alliance_sum: float = 0.0
    alliance_low: int = 0
    base_citizens: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BASES, 0))

    def share(self, part: str) -> float | None:
        """A share in per cent: completion over active courses, the rest over outcome courses."""
        if part in ("measured_twice", "measured_recently"):
            return _percent(getattr(self, part), self.active)
        if part in CATEGORIES:
            return _percent(self.categories[part], self.outcome_courses)
        return _percent(getattr(self, part), self.clinical_base)

    def alliance_mean(self) -> float | None:
        return (
            round(self.alliance_sum / self.alliance_courses, 1) if self.alliance_courses else None
        )

    def alliance_low_share(self) -> float | None:
        return _percent(self.alliance_low, self.alliance_courses)

    def bin_shares(self) -> list[float | None]:
        return [_percent(n, self.outcome_courses) for n in self.bins]


@dataclass(frozen=True)
class Group:
    """A group's figures and what of them may be shown."""

    key: Hashable
    figures: Figures
    cells: Mapping[str, Cell]  # per base: the count of citizens, or hidden

    @property
    def hidden(self) -> bool:
        return self.cells["citizens"].hidden

    def shows(self, base: str) -> bool:
        return not self.hidden and not self.cells[base].hidden and self.cells[base].value != 0


@dataclass(frozen=True)
class Report:
    total: Group
    groups: list[Group]


@dataclass(frozen=True)
class Settings:
    """What every computation needs besides the rows."""

    k: int
    today: datetime.date
    recent_days: int
    steps: Sequence[float]  # bin edges of change above zero, ascending: 2·len(steps) + 1 bins


def age_band(birth: datetime.date, on: datetime.date) -> str:
    """The age band ("0-5", ..., "65+") of someone born on ``birth``, on the day ``on``."""
    return band_of_age(on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day)))


def band_of_age(age: int) -> str:
    """The age band of an age in whole years."""
    for low, high in AGE_BANDS:
        if high is None or age <= high:
            return f"{low}+" if high is None else f"{low}-{high}"
    raise AssertionError("unreachable: the last band is open")  # pragma: no cover


def change_steps(threshold: float | None, low: float, high: float) -> list[float]:
    """Bin edges of change above zero: one, two and three reliable-change thresholds.

    The bins are symmetric around zero: the middle bin holds changes smaller than the first step
    either way (no reliable change), then one bin per step up and down, open at both ends.
    Without a threshold, a quarter of the score range makes a step.
    """
    step = threshold if threshold else (high - low) / 4
    return [step * i for i in range(1, 4)]


def figures(rows: Iterable[CourseRow], settings: Settings) -> Figures:
    """Count one group's rows."""
    result = Figures(bins=[0] * (2 * len(settings.steps) + 1))
    citizens: dict[str, set[int]] = {base: set() for base in BASES}
    recent = settings.today - datetime.timedelta(days=settings.recent_days)
    for row in rows:
        result.courses += 1
        citizens["citizens"].add(row.citizen)
        if row.status == ACTIVE:
            _count_active(result, row, recent)
            citizens["active"].add(row.citizen)
        if row.measurements >= 2 and row.change is not None:
            _count_outcome(result, row, settings.steps)
            citizens["outcome"].add(row.citizen)
        if row.alliance_score is not None:
            result.alliance_courses += 1
            result.alliance_sum += row.alliance_score
            result.alliance_low += bool(row.alliance_low)
            citizens["alliance"].add(row.citizen)
    result.base_citizens = {base: len(ids) for base, ids in citizens.items()}
    result.citizens = result.base_citizens["citizens"]
    return result


def _count_active(result: Figures, row: CourseRow, recent: datetime.date) -> None:
    result.active += 1
    result.measured_twice += row.measurements >= 2
    result.measured_recently += row.latest_on is not None and row.latest_on >= recent


def _count_outcome(result: Figures, row: CourseRow, steps: Sequence[float]) -> None:
    result.outcome_courses += 1
    if row.category in result.categories:
        result.categories[row.category] += 1
    if row.clinical_at_start is not None and row.clinical_now is not None:
        result.clinical_base += 1
        result.clinical_at_start += row.clinical_at_start
        result.clinical_now += row.clinical_now
    result.bins[change_bin(row.change, steps)] += 1


def change_bin(change: float, steps: Sequence[float]) -> int:
    """The bin of a change: with steps [5, 10], -5 and 5 leave the middle bin, 4.9 does not."""
    middle = len(steps)
    if change >= 0:
        return middle + sum(change >= step for step in steps)
    return middle - sum(-change >= step for step in steps)


@dataclass(frozen=True)
class Bounds:
    """An interval of change; None is an open end."""

    low: float | None
    low_inclusive: bool
    high: float | None
    high_inclusive: bool


def bin_bounds(steps: Sequence[float]) -> list[Bounds]:
    """The interval of each bin of ``change_bin``, lowest first (for counting in the database)."""
    negative = [-step for step in reversed(steps)]
    bounds = [Bounds(None, False, negative[0], True)]
    for low, high in itertools.pairwise(negative):
        bounds.append(Bounds(low, False, high, True))
    bounds.append(Bounds(negative[-1], False, steps[0], False))
    for low, high in itertools.pairwise(steps):
        bounds.append(Bounds(low, True, high, False))
    bounds.append(Bounds(steps[-1], True, None, False))
    return bounds


def report(
    rows: Iterable[CourseRow],
    key: Callable[[CourseRow], Hashable],
    settings: Settings,
    total_cells: Mapping[str, Cell] | None = None,
    group_cells: Mapping[Hashable, Mapping[str, Cell]] | None = None,
    side_by_side: bool = False,
) -> Report:
    """Figures for the whole of ``rows`` and for each group by ``key``, suppressed (``report_of``)."""
    rows = list(rows)
    grouped: dict[Hashable, list[CourseRow]] = {}
    for row in rows:
        grouped.setdefault(key(row), []).append(row)
    by_group = {group: figures(members, settings) for group, members in grouped.items()}
    return report_of(
        figures(rows, settings), by_group, settings.k, total_cells, group_cells, side_by_side
    )


def report_of(
    total: Figures,
    by_group: Mapping[Hashable, Figures],
    k: int,
    total_cells: Mapping[str, Cell] | None = None,
    group_cells: Mapping[Hashable, Mapping[str, Cell]] | None = None,
    side_by_side: bool = False,
) -> Report:
    """The figures of a total and its groups, suppressed; counted here or by the database.

    ``total_cells``: the total's cells when they were decided elsewhere (a unit in the unit tree:
    a unit's total is then hidden wherever the tree hides it). ``group_cells``: the groups' cells
    when they too were decided elsewhere (the unit tree's children); otherwise the groups are
    suppressed here as a partition of the total. ``side_by_side``: the groups are published
    without their total (interventions compared), so each is suppressed on its own.
    """
    if side_by_side:
        total_cells = _own_cells(total, k)
        group_cells = {group: _own_cells(f, k) for group, f in by_group.items()}
    elif group_cells is None or total_cells is None:
        total_cells, group_cells = _partition_cells(total, by_group, k, total_cells)
    groups = [Group(g, by_group[g], group_cells[g]) for g in sorted(by_group, key=_sort_key)]
    return Report(Group(None, total, total_cells), groups)


def add_up(parts: Iterable[Figures], base_citizens: Mapping[str, int]) -> Figures:
    """The sum of groups' figures; citizens are counted once, so their counts come from outside.

    Every figure but the counts of citizens is a count (or sum) over courses, and a course lies
    in one group only, so it adds up. A citizen may lie in two groups, so ``base_citizens`` must
    be counted over the whole.
    """
    result = Figures()
    for part in parts:
        for name in ADDITIVE:
            setattr(result, name, getattr(result, name) + getattr(part, name))
        for category in CATEGORIES:
            result.categories[category] += part.categories[category]
        if len(result.bins) < len(part.bins):
            result.bins += [0] * (len(part.bins) - len(result.bins))
        for index, n in enumerate(part.bins):
            result.bins[index] += n
    result.base_citizens = dict(base_citizens)
    result.citizens = result.base_citizens["citizens"]
    return result


ADDITIVE = (
    "courses", "active", "measured_twice", "measured_recently", "outcome_courses",
    "clinical_base", "clinical_at_start", "clinical_now", "alliance_courses", "alliance_sum",
    "alliance_low",
)  # fmt: skip


def _own_cells(result: Figures, k: int) -> dict[str, Cell]:
    return {base: suppress(result.base_citizens[base], k) for base in BASES}


def _partition_cells(
    total: Figures,
    groups: Mapping[Hashable, Figures],
    k: int,
    decided: Mapping[str, Cell] | None,
) -> tuple[dict[str, Cell], dict[Hashable, dict[str, Cell]]]:
    """Suppress each base over the groups and their total (a citizen may sit in two groups)."""
    total_cells: dict[str, Cell] = {}
    group_cells: dict[Hashable, dict[str, Cell]] = {group: {} for group in groups}
    whole = _Total()
    hidden_groups: set[Hashable] = set()
    for base in BASES:  # "citizens" first: a hidden group hides all its figures
        values: dict[Hashable, int] = {g: f.base_citizens[base] for g, f in groups.items()}
        values[whole] = total.base_citizens[base]
        cells = suppress_linked(values, [(whole, list(groups))], k, hidden_groups)
        if base == "citizens":
            hidden_groups = {key for key, cell in cells.items() if cell.hidden}
        if decided is not None and decided[base].hidden:
            cells = {cell_key: Cell(None) for cell_key in cells}
        total_cells[base] = cells.pop(whole)
        for group, cell in cells.items():
            group_cells[group][base] = cell
    return total_cells, group_cells


class _Total:
    """The key of a total among group keys: equal to nothing else."""

    def __str__(self) -> str:
        return ""


def unit_key(node: int | None, parents: Mapping[int, int | None]) -> Callable[[int], tuple]:
    """Group units under ``node`` by the child unit they lie under, or ("direct", node)."""

    def key(unit: int) -> tuple:
        if unit == node:
            return ("direct", node)
        path = unit_path(unit, parents)
        below = path[: path.index(node)] if node in path else path
        return ("total", below[-1])

    return key


def tree_cells(
    rows: Iterable[CourseRow], parents: Mapping[int, int | None], k: int
) -> dict[tuple[str, int | None], dict[str, Cell]]:
    """Suppress every unit's total and direct count at once (``tree_cells_of``), from rows."""
    cube = cube_of(rows, lambda row: row.unit, None)
    return tree_cells_of(cube.tree(parents, unit=lambda cell: cell), parents, k)


Flags = tuple[bool, bool, bool, bool]  # a course's bases, in the order of BASES


@dataclass(frozen=True)
class Cube:
    """Figures per cell, and what it takes to count citizens over any union of cells.

    Every figure in a cell is a count or sum over courses, so cells add up; citizens do not, as
    one citizen may have several courses. A cell's ``base_citizens`` therefore holds its number of
    courses per base, and ``shared`` lists every course of the citizens with more than one course
    as (citizen, cell, bases). The citizens in a union of cells are its courses less, for each
    shared citizen, the courses beyond their first one in the union: exact, and only the few
    shared courses are ever looked at one by one.
    """

    cells: Mapping[Hashable, Figures]
    shared: Sequence[tuple[int, Hashable, Flags]]

    def group(self, key: Callable[[Hashable], Hashable | None]) -> dict[Hashable, Figures]:
        """Figures per group of cells, by ``key`` of the cell (None leaves a cell out)."""
        members: dict[Hashable, list[Figures]] = {}
        for cell, figures in self.cells.items():
            group = key(cell)
            if group is not None:
                members.setdefault(group, []).append(figures)
        repeats: dict[Hashable, dict[str, Counter]] = {}
        for citizen, cell, flags in self.shared:
            group = key(cell)
            if group is not None:
                by_base = repeats.get(group)
                if by_base is None:
                    by_base = repeats[group] = {base: Counter() for base in BASES}
                for base, flag in zip(BASES, flags, strict=True):
                    if flag:
                        by_base[base][citizen] += 1
        result = {}
        for group, parts in members.items():
            courses = _course_counts(parts)
            for base, seen in repeats.get(group, {}).items():
                courses[base] -= sum(n - 1 for n in seen.values())
            result[group] = add_up(parts, courses)
        return result

    def tree(
        self, parents: Mapping[int, int | None], unit: Callable[[Hashable], int] = lambda c: c[0]
    ) -> dict[tuple[str, int | None], dict[str, int]]:
        """Distinct citizens per base in every unit's subtree ("total") and the unit itself.

        ``unit`` gives a cell's unit. Built bottom-up: a subtree's courses and its shared
        citizens' course counts are its own plus its children's. ("total", None) is the scope.
        """
        children = _children(parents)
        courses: dict[int, list[Figures]] = {}
        for cell, figures in self.cells.items():
            courses.setdefault(unit(cell), []).append(figures)
        repeats: dict[int, dict[str, Counter]] = {}
        for citizen, cell, flags in self.shared:
            by_base = repeats.get(unit(cell))
            if by_base is None:
                by_base = repeats[unit(cell)] = {base: Counter() for base in BASES}
            for base, flag in zip(BASES, flags, strict=True):
                if flag:
                    by_base[base][citizen] += 1
        counts: dict[tuple[str, int | None], dict[str, int]] = {}

        def distinct(total: Mapping[str, int], seen: Mapping[str, Counter]) -> dict[str, int]:
            return {b: total[b] - sum(n - 1 for n in seen[b].values()) for b in BASES}

        def subtree(node: int | None) -> tuple[dict[str, int], dict[str, Counter]]:
            own = (
                _course_counts(courses.get(node, []))
                if node is not None
                else dict.fromkeys(BASES, 0)
            )
            own_seen = repeats.get(node, {}) if node is not None else {}
            seen = {base: Counter(own_seen.get(base, ())) for base in BASES}
            counts[("direct", node)] = distinct(own, seen)
            total = dict(own)
            for child in children.get(node, ()):
                child_total, child_seen = subtree(child)
                for base in BASES:
                    total[base] += child_total[base]
                    seen[base].update(child_seen[base])
            counts[("total", node)] = distinct(total, seen)
            return total, seen

        subtree(None)
        return counts


def _course_counts(parts: Iterable[Figures]) -> dict[str, int]:
    """Courses per base: all, active, with a change, with feedback."""
    counts = dict.fromkeys(BASES, 0)
    for f in parts:
        counts["citizens"] += f.courses
        counts["active"] += f.active
        counts["outcome"] += f.outcome_courses
        counts["alliance"] += f.alliance_courses
    return counts


def cube_of(
    rows: Iterable[CourseRow], cell: Callable[[CourseRow], Hashable], settings: Settings | None
) -> Cube:
    """The cube of rows by ``cell``: the pure reference for what the database counts."""
    rows = list(rows)
    config = settings or Settings(k=0, today=datetime.date.min, recent_days=0, steps=[1.0])
    grouped: dict[Hashable, list[CourseRow]] = {}
    for row in rows:
        grouped.setdefault(cell(row), []).append(row)
    cells = {key: figures(members, config) for key, members in grouped.items()}
    per_citizen = Counter(row.citizen for row in rows)
    shared = [
        (row.citizen, cell(row), tuple(base in _bases_of(row) for base in BASES))
        for row in rows
        if per_citizen[row.citizen] > 1
    ]
    return Cube(cells, shared)  # type: ignore[arg-type]


def tree_cells_of(
    counts: Mapping[tuple[str, int | None], Mapping[str, int]],
    parents: Mapping[int, int | None],
    k: int,
) -> dict[tuple[str, int | None], dict[str, Cell]]:
    """Suppress every unit's total and direct count at once, for each base (SDC-01).

    ``parents`` maps every unit of the user's scope to its parent (None at the top of the scope);
    the key None stands for the whole scope. Keys of the result are ("total", unit) and
    ("direct", unit). Because one suppression covers the whole tree, a unit's figures are hidden
    the same way whichever unit the user filters on, so a parent minus its children gives
    nothing away.
    """
    children = _children(parents)
    equations = [
        (("total", unit), [("direct", unit), *(("total", c) for c in kids)])
        for unit, kids in children.items()
    ]
    result: dict[tuple[str, int | None], dict[str, Cell]] = {}
    hidden: set = set()
    for base in BASES:  # "citizens" first: a hidden unit hides all its figures
        values = {key: count[base] for key, count in counts.items()}
        cells = suppress_linked(values, equations, k, hidden)
        if base == "citizens":
            hidden = {key for key, cell in cells.items() if cell.hidden}
        for key, cell in cells.items():
            result.setdefault(key, {})[base] = cell
    return result


def _children(parents: Mapping[int, int | None]) -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = {None: []}
    for unit, parent in parents.items():
        children.setdefault(unit, [])
        children.setdefault(parent, []).append(unit)
    return children


def _bases_of(row: CourseRow) -> list[str]:
    bases = ["citizens"]
    if row.status == ACTIVE:
        bases.append("active")
    if row.measurements >= 2 and row.change is not None:
        bases.append("outcome")
    if row.alliance_score is not None:
        bases.append("alliance")
    return bases


def unit_path(unit: int, parents: Mapping[int, int | None]) -> list[int]:
    path = []
    current: int | None = unit
    while current is not None and current in parents:
        path.append(current)
        current = parents[current]
    return path


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _sort_key(group: Hashable) -> tuple:
    return (group is None, str(group))
