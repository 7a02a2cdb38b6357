"""Run and control charts: points, centre, limits, sigma signals and runs analysis per part.

The plotted values are built per chart type, then every chart goes through `_assemble`: split
into parts, find each part's baseline, compute its limits (limits.py) and its runs analysis
(runs.py), mark points outside the limits, and scale by `multiply` last, as qicharts2 does.
"""

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import count

import lovende.analytics.spc.limits as limits
from lovende.analytics.spc.runs import RunsAnalysis, analyse_runs

Values = Sequence[float | None]


@dataclass(frozen=True)
class ChartOptions:
    """Point numbers are 1-based, as an analyst counts them."""

    freeze: int | None = None  # last point of the baseline; later points are judged against it
    parts: tuple[int, ...] = ()  # last point of each part but the last; overrides freeze
    exclude: frozenset[int] = frozenset()  # shown and tested, but left out of centre and limits
    multiply: float = 1.0  # e.g. 100 for percent; applied after the analysis
    screen_moving_ranges: bool = True  # drop moving ranges above 3.267·AMR (I, T, P′, U′)
    centre: float | None = None  # a fixed centre line instead of one from the data
    categorical_x: bool = False  # x without order (a funnel plot): no runs signal


@dataclass(frozen=True)
class ChartPoint:
    number: int  # 1-based
    y: float | None
    centre: float | None
    lcl: float | None
    ucl: float | None
    sigma_signal: bool
    part: int  # 1-based
    baseline: bool
    excluded: bool


@dataclass(frozen=True)
class ChartPart:
    first: int  # 1-based, inclusive
    last: int
    runs: RunsAnalysis
    amr: float | None = None  # I and T charts: mean moving range, and after screening
    amr_used: float | None = None
    sigma_z: float | None = None  # Laney P′ and U′: the over-dispersion factor


class ChartPoints(Sequence[ChartPoint]):
    """A chart's points, kept as columns and made into ChartPoint objects only when read.

    Behaves as the tuple of points it stands for (length, indexing, slicing, iteration,
    equality with that tuple), so callers read `chart.points[i].ucl` as before; making 10,000
    frozen objects up front took most of the time of an analysis. The values are stored as
    analysed and scaled by `multiply` as each point is made, exactly as before.
    """

    __slots__ = ("_baseline", "_centre", "_ends", "_lcl", "_options", "_signals", "_ucl", "_y")

    def __init__(
        self,
        columns: tuple[list, list, list, list],
        signals: frozenset[int],
        ends: list[int],
        baseline: list[bool],
        options: ChartOptions,
    ) -> None:
        self._y, self._centre, self._lcl, self._ucl = columns
        self._signals = signals  # 0-based indices of the points outside the limits
        self._ends = ends  # 0-based end (exclusive) of each part
        self._baseline = baseline
        self._options = options

    def __len__(self) -> int:
        return len(self._y)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(map(self._point, range(*index.indices(len(self._y)))))
        count = len(self._y)
        position = index + count if index < 0 else index
        if not 0 <= position < count:
            raise IndexError("chart point index out of range")
        return self._point(position)

    def __iter__(self) -> Iterator[ChartPoint]:
        return map(self._point, range(len(self._y)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ChartPoints | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))

    def column(self, attribute: str) -> list:
        """One attribute of every point, e.g. column("ucl"), without making the points."""
        if attribute in _SCALED:
            k = self._options.multiply
            return [None if v is None else v * k for v in getattr(self, f"_{attribute}")]
        return [getattr(point, attribute) for point in self]

    @property
    def signal_numbers(self) -> list[int]:
        return [i + 1 for i in sorted(self._signals)]

    def _point(self, i: int) -> ChartPoint:
        k = self._options.multiply
        y, centre, lcl, ucl = self._y[i], self._centre[i], self._lcl[i], self._ucl[i]
        return ChartPoint(
            number=i + 1,
            y=None if y is None else y * k,
            centre=None if centre is None else centre * k,
            lcl=None if lcl is None else lcl * k,
            ucl=None if ucl is None else ucl * k,
            sigma_signal=i in self._signals,
            part=bisect.bisect_right(self._ends, i) + 1,
            baseline=self._baseline[i],
            excluded=i + 1 in self._options.exclude,
        )


_SCALED = frozenset({"y", "centre", "lcl", "ucl"})


@dataclass(frozen=True)
class ChartSummary:
    """As qicharts2's summary(): means over the points, and the number of sigma signals."""

    mean_lcl: float | None
    mean_cl: float | None
    mean_ucl: float | None
    n_sigma_signals: int


@dataclass(frozen=True)
class Chart:
    chart_type: str
    points: Sequence[ChartPoint]  # a ChartPoints from the chart functions; a tuple works too
    parts: tuple[ChartPart, ...] = field(default=())

    @property
    def sigma_signal_points(self) -> list[int]:
        if isinstance(self.points, ChartPoints):
            return self.points.signal_numbers
        return [p.number for p in self.points if p.sigma_signal]

    @property
    def runs_signal(self) -> bool:
        return any(part.runs.signal for part in self.parts)

    def summary(self) -> ChartSummary:
        if isinstance(self.points, ChartPoints):
            column = self.points.column
        else:

            def column(attribute: str) -> list:
                return [getattr(p, attribute) for p in self.points]

        return ChartSummary(
            mean_lcl=limits.mean(column("lcl")),
            mean_cl=limits.mean(column("centre")),
            mean_ucl=limits.mean(column("ucl")),
            n_sigma_signals=len(self.sigma_signal_points),
        )


# The limits of one part: (indices of its points, baseline mask) -> centre and limits.
PartLimits = Callable[[range, list[bool]], limits.Limits]


def part_ranges(count: int, options: ChartOptions) -> list[range]:
    """0-based index ranges of the parts, from the 1-based last points in options.parts."""
    ends = [*options.parts, count]
    starts = [0, *options.parts]
    return [range(start, end) for start, end in zip(starts, ends, strict=True)]


def validate_options(count: int, options: ChartOptions) -> None:
    """Reject point numbers that do not exist, with a message an analyst can act on."""
    if count == 0:
        raise ValueError("the chart has no points")
    if options.freeze is not None and not 1 <= options.freeze <= count:
        raise ValueError(f"freeze must be a point number from 1 to {count}")
    if list(options.parts) != sorted(set(options.parts)) or any(
        not 1 <= end < count for end in options.parts
    ):
        raise ValueError(f"parts must be increasing point numbers from 1 to {count - 1}")
    if any(not 1 <= number <= count for number in options.exclude):
        raise ValueError(f"excluded points must be point numbers from 1 to {count}")
    if options.multiply <= 0:
        raise ValueError("multiply must be positive")


def _assemble(
    chart_type: str,
    values: Values,
    options: ChartOptions,
    limits_for: PartLimits,
    *,
    runs_can_signal: bool = True,
) -> Chart:
    """Column by column: whole lists per part, no object per point (see ChartPoints)."""
    values = list(values)
    validate_options(len(values), options)
    columns: tuple[list, list, list, list] = (values, [], [], [])
    baseline: list[bool] = []
    signals: list[int] = []
    ends: list[int] = []
    parts: list[ChartPart] = []
    frozen_from = None if options.parts else options.freeze  # 0-based first point after it
    for indices in part_ranges(len(values), options):
        start, stop = indices.start, indices.stop
        part_values = values[start:stop]
        # 0-based positions within the part of the excluded points
        excluded = sorted(
            number - 1 - start for number in options.exclude if start < number <= stop
        )
        part_baseline = [True] * len(indices)
        if frozen_from is not None and frozen_from < stop:
            after = max(0, frozen_from - start)
            part_baseline[after:] = [False] * (len(indices) - after)
        for position in excluded:
            part_baseline[position] = False
        part_limits = limits_for(indices, part_baseline)
        centres = part_limits.centre
        if excluded:
            kept = set(range(len(indices))).difference(excluded)
            runs_values = [part_values[i] for i in sorted(kept)]
            runs_centres = [centres[i] for i in sorted(kept)]
        else:
            runs_values, runs_centres = part_values, centres
        runs = analyse_runs(
            runs_values,
            runs_centres,
            can_signal=runs_can_signal and not options.categorical_x,
        )
        parts.append(
            ChartPart(
                start + 1,
                stop,
                runs,
                _scaled(part_limits.amr, options.multiply),
                _scaled(part_limits.amr_used, options.multiply),
                part_limits.sigma_z,
            )
        )
        columns[1].extend(centres)
        columns[2].extend(part_limits.lcl)
        columns[3].extend(part_limits.ucl)
        baseline.extend(part_baseline)
        signals.extend(start + i for i in _outside(part_values, part_limits.lcl, part_limits.ucl))
        ends.append(stop)
    points = ChartPoints(columns, frozenset(signals), ends, baseline, options)
    return Chart(chart_type, points, tuple(parts))


def _outside(ys: list, lcl: list, ucl: list) -> list[int]:
    """Positions of the points outside their limits: strict, and a missing limit never signals.

    Excluded points are tested too. One comparison per point when the limits are constant.
    """
    if not ys:
        return []
    low, high = lcl[0], ucl[0]
    if lcl.count(low) == len(lcl) and ucl.count(high) == len(ucl):
        if low is None and high is None:
            return []
        if low is None:
            return [i for i, y in zip(count(), ys) if y is not None and y > high]
        if high is None:
            return [i for i, y in zip(count(), ys) if y is not None and y < low]
        return [i for i, y in zip(count(), ys) if y is not None and (y < low or y > high)]
    try:  # nothing missing, the usual case: a None among the compared values raises
        return [i for i, y, low, high in zip(count(), ys, lcl, ucl) if y < low or y > high]
    except TypeError:
        pass
    return [
        i
        for i, (y, low, high) in enumerate(zip(ys, lcl, ucl, strict=True))
        if y is not None and ((low is not None and y < low) or (high is not None and y > high))
    ]


def _scaled(value: float | None, factor: float) -> float | None:
    return None if value is None else value * factor


def _pick(values: Sequence, indices: range) -> list:
    return list(values[indices.start : indices.stop])


def _no_limits(centres: list[float | None]) -> limits.Limits:
    return limits.Limits(centres, [None] * len(centres), [None] * len(centres))


def run_chart(
    values: Values, options: ChartOptions = ChartOptions(), *, denominators: Values | None = None
) -> Chart:
    """Run chart: the median as centre line and Anhøj's rules; with denominators, of ratios."""
    y = list(values) if denominators is None else limits.ratios(values, denominators)

    def limits_for(indices: range, baseline: list[bool]) -> limits.Limits:
        centre = options.centre
        if centre is None:
            centre = limits.median(limits.in_baseline(_pick(y, indices), baseline))
        return _no_limits([centre] * len(indices))

    return _assemble("run", y, options, limits_for)


def i_chart(values: Values, options: ChartOptions = ChartOptions()) -> Chart:
    """I chart (individuals), σ from the (screened) average moving range."""

    def limits_for(indices: range, baseline: list[bool]) -> limits.Limits:
        return limits.individuals(
            _pick(values, indices),
            baseline,
            centre=options.centre,
            screen=options.screen_moving_ranges,
        )

    return _assemble("i", values, options, limits_for)


def mr_chart(values: Values, options: ChartOptions = ChartOptions()) -> Chart:
    """MR chart of the moving ranges; runs analysis is reported but never signals."""
    ranges = limits.moving_ranges(values)

    def limits_for(indices: range, baseline: list[bool]) -> limits.Limits:
        return limits.moving_range(_pick(ranges, indices), baseline, centre=options.centre)

    # Consecutive moving ranges share a point, so they are not independent: runs mean nothing.
    return _assemble("mr", ranges, options, limits_for, runs_can_signal=False)


def c_chart(values: Values, options: ChartOptions = ChartOptions()) -> Chart:
    """C chart of counts of events per subgroup."""

    def limits_for(indices: range, baseline: list[bool]) -> limits.Limits:
        return limits.counts(_pick(values, indices), baseline, centre=options.centre)

    return _assemble("c", values, options, limits_for)


def g_chart(values: Values, options: ChartOptions = ChartOptions()) -> Chart:
    """G chart of the number of opportunities (e.g. deliveries) between rare events."""

    def limits_for(indices: range, baseline: list[bool]) -> limits.Limits:
        return limits.events_between(_pick(values, indices), baseline, centre=options.centre)

    return _assemble("g", values, options, limits_for)


def t_chart(values: Values, options: ChartOptions = ChartOptions()) -> Chart:
    """T chart of the time between rare events (all times must be positive)."""
    if any(v is not None and v <= 0 for v in values):
        raise ValueError("a T chart needs times between events above zero")

    def limits_for(indices: range, baseline: list[bool]) -> limits.Limits:
        return limits.time_between(
            _pick(values, indices),
            baseline,
            centre=options.centre,
            screen=options.screen_moving_ranges,
        )

    return _assemble("t", values, options, limits_for)


def _ratio_chart(
    chart_type: str,
    model: limits.RatioModel,
    numerators: Values,
    denominators: Values,
    options: ChartOptions,
) -> Chart:
    if len(numerators) != len(denominators):
        raise ValueError("numerators and denominators must have the same length")

    def limits_for(indices: range, baseline: list[bool]) -> limits.Limits:
        return limits.ratio_limits(
            _pick(numerators, indices),
            _pick(denominators, indices),
            baseline,
            model,
            centre=options.centre,
            screen=options.screen_moving_ranges,
            categorical_x=options.categorical_x,
        )

    y = limits.ratios(numerators, denominators)
    return _assemble(chart_type, y, options, limits_for)


def p_chart(
    numerators: Values, denominators: Values, options: ChartOptions = ChartOptions()
) -> Chart:
    """P chart of proportions with varying denominators."""
    return _ratio_chart("p", limits.PROPORTIONS, numerators, denominators, options)


def u_chart(
    numerators: Values, denominators: Values, options: ChartOptions = ChartOptions()
) -> Chart:
    """U chart of rates (events per unit of exposure) with varying denominators."""
    return _ratio_chart("u", limits.RATES, numerators, denominators, options)


def laney_p_chart(
    numerators: Values, denominators: Values, options: ChartOptions = ChartOptions()
) -> Chart:
    """P′ chart (Laney 2002): a P chart widened by the over-dispersion σ_z of large samples."""
    return _ratio_chart("pp", limits.LANEY_PROPORTIONS, numerators, denominators, options)


def laney_u_chart(
    numerators: Values, denominators: Values, options: ChartOptions = ChartOptions()
) -> Chart:
    """U′ chart (Laney 2002): a U chart widened by the over-dispersion σ_z."""
    return _ratio_chart("up", limits.LANEY_RATES, numerators, denominators, options)


def _subgroup_chart(
    chart_type: str,
    subgroups: Sequence[Values],
    options: ChartOptions,
    plotted: Callable[[limits.Subgroup], float | None],
    limits_of: Callable[..., limits.Limits],
) -> Chart:
    summaries = [limits.summarise_subgroup(measurements) for measurements in subgroups]

    def limits_for(indices: range, baseline: list[bool]) -> limits.Limits:
        return limits_of(_pick(summaries, indices), baseline, centre=options.centre)

    return _assemble(chart_type, [plotted(g) for g in summaries], options, limits_for)


def xbar_chart(subgroups: Sequence[Values], options: ChartOptions = ChartOptions()) -> Chart:
    """Xbar chart of subgroup means; one list of measurements per subgroup."""
    return _subgroup_chart("xbar", subgroups, options, lambda g: g.mean, limits.subgroup_means)


def s_chart(subgroups: Sequence[Values], options: ChartOptions = ChartOptions()) -> Chart:
    """S chart of subgroup standard deviations; one list of measurements per subgroup."""
    return _subgroup_chart("s", subgroups, options, lambda g: g.sd, limits.subgroup_sds)
