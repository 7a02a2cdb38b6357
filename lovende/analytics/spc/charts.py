"""Run and control charts: points, centre, limits, sigma signals and runs analysis per part.

The plotted values are built per chart type, then every chart goes through `_assemble`: split
into parts, find each part's baseline, compute its limits (limits.py) and its runs analysis
(runs.py), mark points outside the limits, and scale by `multiply` last, as qicharts2 does.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

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
    points: tuple[ChartPoint, ...]
    parts: tuple[ChartPart, ...] = field(default=())

    @property
    def sigma_signal_points(self) -> list[int]:
        return [p.number for p in self.points if p.sigma_signal]

    @property
    def runs_signal(self) -> bool:
        return any(part.runs.signal for part in self.parts)

    def summary(self) -> ChartSummary:
        return ChartSummary(
            mean_lcl=limits.mean([p.lcl for p in self.points]),
            mean_cl=limits.mean([p.centre for p in self.points]),
            mean_ucl=limits.mean([p.ucl for p in self.points]),
            n_sigma_signals=len(self.sigma_signal_points),
        )


# The limits of one part: (indices of its points, baseline mask) -> centre and limits.
PartLimits = Callable[[list[int], list[bool]], limits.Limits]


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
    validate_options(len(values), options)
    points: list[ChartPoint] = []
    parts: list[ChartPart] = []
    for part_number, indices in enumerate(part_ranges(len(values), options), start=1):
        included = [i + 1 not in options.exclude for i in indices]
        baseline = [
            keep and (options.parts or options.freeze is None or i < options.freeze)
            for i, keep in zip(indices, included, strict=True)
        ]
        part_limits = limits_for(list(indices), baseline)
        runs = analyse_runs(
            [values[i] for i, keep in zip(indices, included, strict=True) if keep],
            [c for c, keep in zip(part_limits.centre, included, strict=True) if keep],
            can_signal=runs_can_signal and not options.categorical_x,
        )
        parts.append(
            ChartPart(
                indices[0] + 1,
                indices[-1] + 1,
                runs,
                _scaled(part_limits.amr, options.multiply),
                _scaled(part_limits.amr_used, options.multiply),
                part_limits.sigma_z,
            )
        )
        for position, i in enumerate(indices):
            points.append(
                _point(i, values[i], part_limits, position, part_number, baseline, options)
            )
    return Chart(chart_type, tuple(points), tuple(parts))


def _point(
    index: int,
    y: float | None,
    part_limits: limits.Limits,
    position: int,
    part_number: int,
    baseline: list[bool],
    options: ChartOptions,
) -> ChartPoint:
    centre = part_limits.centre[position]
    lcl, ucl = part_limits.lcl[position], part_limits.ucl[position]
    # Strict, and a missing limit never signals; excluded points are tested too.
    outside = y is not None and ((lcl is not None and y < lcl) or (ucl is not None and y > ucl))
    k = options.multiply
    return ChartPoint(
        number=index + 1,
        y=_scaled(y, k),
        centre=_scaled(centre, k),
        lcl=_scaled(lcl, k),
        ucl=_scaled(ucl, k),
        sigma_signal=outside,
        part=part_number,
        baseline=baseline[position],
        excluded=index + 1 in options.exclude,
    )


def _scaled(value: float | None, factor: float) -> float | None:
    return None if value is None else value * factor


def _pick(values: Sequence, indices: list[int]) -> list:
    return [values[i] for i in indices]


def _no_limits(centres: list[float | None]) -> limits.Limits:
    return limits.Limits(centres, [None] * len(centres), [None] * len(centres))


def run_chart(
    values: Values, options: ChartOptions = ChartOptions(), *, denominators: Values | None = None
) -> Chart:
    """Run chart: the median as centre line and Anhøj's rules; with denominators, of ratios."""
    y = list(values) if denominators is None else limits.ratios(values, denominators)

    def limits_for(indices: list[int], baseline: list[bool]) -> limits.Limits:
        centre = options.centre
        if centre is None:
            centre = limits.median(limits.in_baseline(_pick(y, indices), baseline))
        return _no_limits([centre] * len(indices))

    return _assemble("run", y, options, limits_for)


def i_chart(values: Values, options: ChartOptions = ChartOptions()) -> Chart:
    """I chart (individuals), σ from the (screened) average moving range."""

    def limits_for(indices: list[int], baseline: list[bool]) -> limits.Limits:
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

    def limits_for(indices: list[int], baseline: list[bool]) -> limits.Limits:
        return limits.moving_range(_pick(ranges, indices), baseline, centre=options.centre)

    # Consecutive moving ranges share a point, so they are not independent: runs mean nothing.
    return _assemble("mr", ranges, options, limits_for, runs_can_signal=False)


def c_chart(values: Values, options: ChartOptions = ChartOptions()) -> Chart:
    """C chart of counts of events per subgroup."""

    def limits_for(indices: list[int], baseline: list[bool]) -> limits.Limits:
        return limits.counts(_pick(values, indices), baseline, centre=options.centre)

    return _assemble("c", values, options, limits_for)


def g_chart(values: Values, options: ChartOptions = ChartOptions()) -> Chart:
    """G chart of the number of opportunities (e.g. deliveries) between rare events."""

    def limits_for(indices: list[int], baseline: list[bool]) -> limits.Limits:
        return limits.events_between(_pick(values, indices), baseline, centre=options.centre)

    return _assemble("g", values, options, limits_for)


def t_chart(values: Values, options: ChartOptions = ChartOptions()) -> Chart:
    """T chart of the time between rare events (all times must be positive)."""
    if any(v is not None and v <= 0 for v in values):
        raise ValueError("a T chart needs times between events above zero")

    def limits_for(indices: list[int], baseline: list[bool]) -> limits.Limits:
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

    def limits_for(indices: list[int], baseline: list[bool]) -> limits.Limits:
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

    def limits_for(indices: list[int], baseline: list[bool]) -> limits.Limits:
        return limits_of(_pick(summaries, indices), baseline, centre=options.centre)

    return _assemble(chart_type, [plotted(g) for g in summaries], options, limits_for)


def xbar_chart(subgroups: Sequence[Values], options: ChartOptions = ChartOptions()) -> Chart:
    """Xbar chart of subgroup means; one list of measurements per subgroup."""
    return _subgroup_chart("xbar", subgroups, options, lambda g: g.mean, limits.subgroup_means)


def s_chart(subgroups: Sequence[Values], options: ChartOptions = ChartOptions()) -> Chart:
    """S chart of subgroup standard deviations; one list of measurements per subgroup."""
    return _subgroup_chart("s", subgroups, options, lambda g: g.sd, limits.subgroup_sds)
