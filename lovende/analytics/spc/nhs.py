"""NHS "Making Data Count" XmR charts: process limits, the four special-cause rules, point types.

The analysis NHSRplotthedots v0.2.2 does, written from the formulas in
shared/refdata/spc/README.md §3 (the code is our own). Per rebase group: the mean and average
moving range of the baseline (the first `fix_after_n_points` points of the group, all if unset),
moving ranges of 3.267·AMR or more screened out unless `screen_outliers` is off (the Excel tool
does not screen), process limits mean ∓ 2.66·AMR and "near" limits at two thirds of that.

Rules, each applied within a group only; every 7-point rule marks every point of its pattern:

1. a point outside the process limits;
2. a trend: 7 consecutive points, each strictly higher (lower) than the one before; a repeated
   value breaks it (README §5.7, the package's code rather than the old NHS guide);
3. two of three: in 3 consecutive points all on one side of the mean, at least 2 close to (beyond
   the near limit but inside) the process limit; only the close points are flagged (§5.8);
4. a shift: 7 consecutive points on one side of the mean; a point on the mean breaks it (§5.9).

Both 7-point rules use 7, as the package does, not the 6 of the Excel tool or IHI (§5.6).
A point's special-cause label is the first rule that flags it in that order, and its side
(+1 above / increasing, −1 below / decreasing) against the improvement direction makes it an
improvement, a concern or (direction neutral) a neutral high or low.

A missing value (None) is no point of the rules: it breaks every run and pattern, is not in a
moving range, and gets no label or point type.
"""

import enum
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from lovende.analytics.spc.limits import average_moving_range, mean

# NHSRplotthedots rounds 3/d2 = 2.6596 to 2.66 (README §5.2); near limits at 2/3 of it ≈ 2σ.
LIMIT_FACTOR = 2.66
NEAR_LIMIT_FACTOR = 2 / 3 * LIMIT_FACTOR
TREND_LENGTH = 7
SHIFT_LENGTH = 7

ABOVE_UCL = "Above UCL"
BELOW_LCL = "Below LCL"
TREND_UP = "7 Point Trend (Increasing)"
TREND_DOWN = "7 Point Trend (Decreasing)"
TWO_IN_THREE_ABOVE = "2 in 3 Above CL"
TWO_IN_THREE_BELOW = "2 in 3 Below CL"
SHIFT_ABOVE = "7 Points Above CL"
SHIFT_BELOW = "7 Points Below CL"
COMMON_CAUSE = "Common Cause"

COMMON = "common_cause"
IMPROVEMENT = "special_cause_improvement"
CONCERN = "special_cause_concern"
NEUTRAL_HIGH = "special_cause_neutral_high"
NEUTRAL_LOW = "special_cause_neutral_low"

CONSISTENT_PASS = "consistent_pass"  # noqa: S105 - an assurance icon, not a password
CONSISTENT_FAIL = "consistent_fail"
INCONSISTENT = "inconsistent"

Values = Sequence[float | None]


class ImprovementDirection(enum.Enum):
    INCREASE = "increase"
    DECREASE = "decrease"
    NEUTRAL = "neutral"

    @property
    def sign(self) -> int:
        return {"increase": 1, "decrease": -1, "neutral": 0}[self.value]


@dataclass(frozen=True)
class NhsOptions:
    improvement_direction: ImprovementDirection = ImprovementDirection.INCREASE
    screen_outliers: bool = True
    fix_after_n_points: int | None = None  # baseline length per group; None = the whole group
    rebase_at: tuple[int, ...] = ()  # 1-based first points of every group but the first
    target: float | None = None  # for the assurance icon of each group


@dataclass(frozen=True)
class NhsPoint:
    number: int  # 1-based
    group: int  # 1-based
    y: float | None
    mean: float | None
    lpl: float | None
    upl: float | None
    near_lpl: float | None
    near_upl: float | None
    outside_limits: bool
    close_to_limits: bool
    relative_to_mean: int | None  # −1, 0, +1; None for a missing value
    special_cause_type: str | None  # one of the labels above; None for a missing value
    point_type: str | None  # COMMON, IMPROVEMENT, CONCERN, NEUTRAL_HIGH/LOW; None if missing

    @property
    def special_cause_flag(self) -> bool:
        return self.special_cause_type not in (None, COMMON_CAUSE)


@dataclass(frozen=True)
class NhsGroup:
    first: int  # 1-based, inclusive
    last: int
    mean: float | None
    lpl: float | None
    upl: float | None
    amr: float | None  # of the baseline, before screening
    amr_used: float | None  # after screening; None if nothing was kept (all ranges 0)
    n: int  # points in the group, missing ones included
    common_cause: int
    special_cause_improvement: int
    special_cause_concern: int
    special_cause_neutral: int
    variation_type: str | None  # the point type of the group's last point (the summary icon)
    assurance_type: str | None  # None without a target, limits or a direction


@dataclass(frozen=True)
class NhsChart:
    points: list[NhsPoint]
    groups: list[NhsGroup] = field(default_factory=list)

    @property
    def special_cause_points(self) -> list[int]:
        return [p.number for p in self.points if p.special_cause_flag]


def assurance_type(
    lpl: float | None, upl: float | None, target: float | None, direction: ImprovementDirection
) -> str | None:
    """Whether the process will meet the target: the target beyond a limit decides it.

    With the target above the UPL every point falls short of it, a fail if higher is better and
    a pass if lower is better; below the LPL the opposite; between the limits it can go either
    way. No icon for a neutral direction, a missing target or missing limits.
    """
    if direction is ImprovementDirection.NEUTRAL or None in (lpl, upl, target):
        return None
    if target > upl:
        return CONSISTENT_FAIL if direction is ImprovementDirection.INCREASE else CONSISTENT_PASS
    if target < lpl:
        return CONSISTENT_PASS if direction is ImprovementDirection.INCREASE else CONSISTENT_FAIL
    return INCONSISTENT


def group_ranges(count: int, rebase_at: Sequence[int]) -> list[range]:
    """0-based index ranges of the rebase groups; each rebase point starts a new group."""
    starts = sorted(set(rebase_at))
    if any(not isinstance(s, int) or s < 2 or s > count for s in starts):
        raise ValueError(f"rebase_at must be 1-based points from 2 to {count}: {list(rebase_at)}")
    bounds = [0, *(s - 1 for s in starts), count]
    return [range(a, b) for a, b in itertools.pairwise(bounds)]


def xmr_chart(values: Values, options: NhsOptions = NhsOptions()) -> NhsChart:
    fix = options.fix_after_n_points
    if fix is not None and (not isinstance(fix, int) or fix < 1):
        raise ValueError(f"fix_after_n_points must be a positive whole number: {fix}")
    values = list(values)
    points: list[NhsPoint] = []
    groups: list[NhsGroup] = []
    for number, indices in enumerate(group_ranges(len(values), options.rebase_at), start=1):
        group_points, group = _analyse_group(
            values[indices.start : indices.stop], indices.start, number, options
        )
        points.extend(group_points)
        groups.append(group)
    return NhsChart(points, groups)


def _analyse_group(
    ys: list[float | None], offset: int, number: int, options: NhsOptions
) -> tuple[list[NhsPoint], NhsGroup]:
    fix = options.fix_after_n_points
    base = ys if fix is None else ys[:fix]
    centre = mean(base)
    moving_range = average_moving_range(base, screen=options.screen_outliers)
    amr = moving_range.amr_used
    lpl = upl = near_lpl = near_upl = None
    if centre is not None and amr is not None:
        lpl, upl = centre - LIMIT_FACTOR * amr, centre + LIMIT_FACTOR * amr
        near_lpl, near_upl = centre - NEAR_LIMIT_FACTOR * amr, centre + NEAR_LIMIT_FACTOR * amr

    outside = [_beyond(y, lpl, upl) for y in ys]
    close = [not out and _beyond(y, near_lpl, near_upl) for y, out in zip(ys, outside, strict=True)]
    relative = [None if y is None or centre is None else _sign(y - centre) for y in ys]

    # side per rule: +1 / −1 where the rule flags the point, 0 where it does not
    astronomical = [
        (1 if y > upl else -1) if out else 0 for y, out in zip(ys, outside, strict=True)
    ]
    trend = _trend_sides(ys)
    two_in_three = _two_in_three_sides(close, relative)
    shift = _shift_sides(relative)
    rules = (
        (astronomical, ABOVE_UCL, BELOW_LCL),
        (trend, TREND_UP, TREND_DOWN),
        (two_in_three, TWO_IN_THREE_ABOVE, TWO_IN_THREE_BELOW),
        (shift, SHIFT_ABOVE, SHIFT_BELOW),
    )

    direction = options.improvement_direction
    points = []
    for i, y in enumerate(ys):
        label = point_type = None
        if y is not None:
            label, side = COMMON_CAUSE, 0
            for sides, up, down in rules:
                if sides[i]:
                    side = sides[i]
                    label = up if side > 0 else down
                    break
            point_type = classify(side, direction)
        points.append(
            NhsPoint(
                number=offset + i + 1,
                group=number,
                y=y,
                mean=centre,
                lpl=lpl,
                upl=upl,
                near_lpl=near_lpl,
                near_upl=near_upl,
                outside_limits=outside[i],
                close_to_limits=close[i],
                relative_to_mean=relative[i],
                special_cause_type=label,
                point_type=point_type,
            )
        )
    types = [p.point_type for p in points]
    group = NhsGroup(
        first=offset + 1,
        last=offset + len(ys),
        mean=centre,
        lpl=lpl,
        upl=upl,
        amr=moving_range.amr,
        amr_used=amr,
        n=len(ys),
        common_cause=types.count(COMMON),
        special_cause_improvement=types.count(IMPROVEMENT),
        special_cause_concern=types.count(CONCERN),
        special_cause_neutral=types.count(NEUTRAL_HIGH) + types.count(NEUTRAL_LOW),
        variation_type=types[-1] if types else None,
        assurance_type=assurance_type(lpl, upl, options.target, direction),
    )
    return points, group


def classify(side: int, direction: ImprovementDirection) -> str:
    """Point type of a point flagged on `side` (+1 high / increasing, −1 low; 0 = no signal)."""
    if side == 0:
        return COMMON
    if direction is ImprovementDirection.NEUTRAL:
        return NEUTRAL_HIGH if side > 0 else NEUTRAL_LOW
    return IMPROVEMENT if side * direction.sign > 0 else CONCERN


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def _beyond(y: float | None, low: float | None, high: float | None) -> bool:
    """Strictly outside [low, high]; never for a missing value or missing limits."""
    return y is not None and low is not None and high is not None and (y > high or y < low)


def _runs(keys: Sequence[int | None]) -> list[tuple[int, int, int]]:
    """Maximal blocks (start, stop, key) of equal non-zero, non-missing keys."""
    blocks = []
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            if keys[start]:
                blocks.append((start, i, keys[start]))
            start = i
    return blocks


def _trend_sides(ys: list[float | None]) -> list[int]:
    """+1 / −1 for each point of a run of TREND_LENGTH or more strictly rising / falling points.

    steps[k] is the sign of the step from point k to k + 1; a block of s equal steps covers
    s + 1 points. A point at a peak or trough can end one trend and start the other; it takes
    the direction of the step to the next point when that step is part of a trend, else the
    direction of the step that brought it there.
    """
    steps = [None if a is None or b is None else _sign(b - a) for a, b in itertools.pairwise(ys)]
    trend_step = [False] * len(steps)  # the step is part of a long enough trend
    for start, stop, _ in _runs(steps):
        if stop - start + 1 >= TREND_LENGTH:
            trend_step[start:stop] = [True] * (stop - start)
    sides = [0] * len(ys)
    for i in range(len(ys)):
        if i < len(steps) and trend_step[i]:
            sides[i] = steps[i]
        elif i > 0 and trend_step[i - 1]:
            sides[i] = steps[i - 1]
    return sides


def _two_in_three_sides(close: list[bool], relative: list[int | None]) -> list[int]:
    sides = [0] * len(close)
    for i in range(len(close) - 2):
        window = range(i, i + 3)
        side = relative[i]
        if not side or any(relative[j] != side for j in window):
            continue
        if sum(close[j] for j in window) >= 2:
            for j in window:
                if close[j]:
                    sides[j] = side
    return sides


def _shift_sides(relative: list[int | None]) -> list[int]:
    sides = [0] * len(relative)
    for start, stop, side in _runs(relative):
        if stop - start >= SHIFT_LENGTH:
            sides[start:stop] = [side] * (stop - start)
    return sides
