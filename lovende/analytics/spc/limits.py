"""Centre lines and 3-sigma limits of one part of a control chart, one function per chart type.

Each function gets the plotted values of the part and a baseline mask (the points that define
centre and limits: not excluded, and not after a freeze), and returns centre, lower and upper
limit for every point of the part. None is a missing value or a missing limit, as NA in R.
Formulas as in qicharts2 v0.8.1 (Anhøj), described in shared/refdata/spc/README.md §2; the
code is our own.
"""

import itertools
import math
import operator
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# d2 and D4 for moving ranges of two points: σ = AMR/d2, and a moving range above D4·AMR is
# far beyond what common-cause variation makes (Nelson 1982), so it is screened out of AMR.
D2_MOVING_RANGE = 1.128
D4_MOVING_RANGE = 3.267
# The median of a geometric distribution is about ln 2 ≈ 0.693 times its mean (g charts).
GEOMETRIC_MEDIAN_PER_MEAN = 0.693
# Times between events are roughly Weibull; y^(1/3.6) makes them near-normal (Nelson 1994).
T_CHART_POWER = 3.6

Values = Sequence[float | None]


@dataclass(frozen=True)
class Limits:
    centre: list[float | None]
    lcl: list[float | None]
    ucl: list[float | None]
    amr: float | None = None
    amr_used: float | None = None
    sigma_z: float | None = None


@dataclass(frozen=True)
class MovingRange:
    amr: float | None  # mean of all moving ranges
    amr_used: float | None  # after screening (= amr without screening); None if none was kept


def mean(values: Values) -> float | None:
    """Mean of the present values; fsum keeps it as exact as R's long-double mean."""
    try:  # nothing missing, the usual case: fsum raises on a None, then filter
        return math.fsum(values) / len(values) if len(values) else None
    except TypeError:
        pass
    present = [v for v in values if v is not None]
    return math.fsum(present) / len(present) if present else None


def median(values: Values) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def in_baseline(values: Values, baseline: Sequence[bool]) -> list[float | None]:
    if len(values) == len(baseline) and all(baseline):  # no freeze, nothing excluded
        return list(values)
    return [v for v, base in zip(values, baseline, strict=True) if base]


def average_moving_range(values: Values, *, screen: bool) -> MovingRange:
    """AMR over consecutive values; a missing value leaves out both ranges it is part of."""
    try:  # no missing value, the usual case: every neighbour pair is a range
        ranges = list(map(abs, map(operator.sub, values[1:], values)))  # current − previous
    except TypeError:
        ranges = [
            abs(current - previous)
            for previous, current in itertools.pairwise(values)
            if previous is not None and current is not None
        ]
    # The ranges are all present now, so their mean needs no filter.
    amr = math.fsum(ranges) / len(ranges) if ranges else None
    if amr is None or not screen:
        return MovingRange(amr, amr)
    # Strict and one pass, as qicharts2: with all ranges 0 nothing is kept, and the limits are
    # missing rather than collapsed onto the centre (README §5.3).
    limit = D4_MOVING_RANGE * amr
    kept = [r for r in ranges if r < limit]
    return MovingRange(amr, math.fsum(kept) / len(kept) if kept else None)


def _constant(value: float | None, count: int) -> list[float | None]:
    return [value] * count


def individuals(
    values: Values, baseline: Sequence[bool], *, centre: float | None, screen: bool
) -> Limits:
    """I chart: mean ± 3·AMR/d2, without clipping (an I chart's LCL may be negative)."""
    base = in_baseline(values, baseline)
    if centre is None:
        centre = mean(base)
    moving_range = average_moving_range(base, screen=screen)
    lcl = ucl = None
    if centre is not None and moving_range.amr_used is not None:
        sigma = moving_range.amr_used / D2_MOVING_RANGE
        lcl, ucl = centre - 3 * sigma, centre + 3 * sigma
    count = len(values)
    return Limits(
        _constant(centre, count),
        _constant(lcl, count),
        _constant(ucl, count),
        amr=moving_range.amr,
        amr_used=moving_range.amr_used,
    )


def moving_ranges(values: Values) -> list[float | None]:
    """The MR chart's points: |y_j − y_{j−1}| over all points; the first has none."""
    ranges: list[float | None] = [None]
    for previous, current in itertools.pairwise(values):
        missing = previous is None or current is None
        ranges.append(None if missing else abs(current - previous))
    return ranges


def moving_range(values: Values, baseline: Sequence[bool], *, centre: float | None) -> Limits:
    """MR chart of moving ranges: centre = unscreened AMR of the baseline, UCL = D4·AMR."""
    if centre is None:
        centre = mean(in_baseline(values, baseline))
    ucl = None if centre is None else D4_MOVING_RANGE * centre
    lcl = None if centre is None else 0.0
    count = len(values)
    return Limits(_constant(centre, count), _constant(lcl, count), _constant(ucl, count))


def counts(values: Values, baseline: Sequence[bool], *, centre: float | None) -> Limits:
    """C chart: Poisson counts, σ = √c̄, LCL floored at 0."""
    if centre is None:
        centre = mean(in_baseline(values, baseline))
    lcl = ucl = None
    if centre is not None:
        sigma = math.sqrt(centre)
        lcl, ucl = max(0.0, centre - 3 * sigma), centre + 3 * sigma
    count = len(values)
    return Limits(_constant(centre, count), _constant(lcl, count), _constant(ucl, count))


def events_between(values: Values, baseline: Sequence[bool], *, centre: float | None) -> Limits:
    """G chart: counts between rare events are geometric, σ = √(m(m+1)) around the mean m.

    The centre line drawn (and used for the runs analysis) is the median, because the
    distribution is skewed; the limits are built around the mean.
    """
    base = in_baseline(values, baseline)
    if centre is None:
        process_mean, centre = mean(base), median(base)
    else:
        process_mean, centre = centre, GEOMETRIC_MEDIAN_PER_MEAN * centre
    lcl = ucl = None
    if process_mean is not None:
        sigma = math.sqrt(process_mean * (process_mean + 1))
        lcl, ucl = max(0.0, process_mean - 3 * sigma), process_mean + 3 * sigma
    count = len(values)
    return Limits(_constant(centre, count), _constant(lcl, count), _constant(ucl, count))


def time_between(
    values: Values, baseline: Sequence[bool], *, centre: float | None, screen: bool
) -> Limits:
    """T chart: an I chart of y^(1/3.6), with centre and limits raised back to the power 3.6."""
    transformed = [None if v is None else v ** (1 / T_CHART_POWER) for v in values]
    fixed = None if centre is None else centre ** (1 / T_CHART_POWER)
    limits = individuals(transformed, baseline, centre=fixed, screen=screen)

    def back(value: float | None) -> float | None:
        return None if value is None else value**T_CHART_POWER

    def back_lower(value: float | None) -> float | None:
        # A negative lower limit has no real power; there is no lower limit below zero time.
        return None if value is None else (0.0 if value < 0 else value**T_CHART_POWER)

    return Limits(
        [back(v) for v in limits.centre],
        [back_lower(v) for v in limits.lcl],
        [back(v) for v in limits.ucl],
        amr=limits.amr,
        amr_used=limits.amr_used,
    )


def ratios(numerators: Values, denominators: Values) -> list[float | None]:
    """Plotted values of p and u charts; a missing or zero denominator gives a missing point."""
    if all(denominators):  # no missing or zero denominator: only a missing numerator can stop us
        try:
            return [num / den for num, den in zip(numerators, denominators, strict=True)]
        except TypeError:
            pass
    return [
        None if num is None or den is None or den == 0 else num / den
        for num, den in zip(numerators, denominators, strict=True)
    ]


def pooled_ratio(
    numerators: Values, denominators: Values, baseline: Sequence[bool]
) -> float | None:
    """Σ numerators / Σ denominators over the baseline points that have both."""
    if all(baseline) and all(denominators) and len(baseline) == len(numerators):
        if len(numerators) != len(denominators):
            raise ValueError("numerators and denominators must have the same length")
        try:  # every point counts; a missing numerator raises and takes the careful way
            return math.fsum(numerators) / math.fsum(denominators) if numerators else None
        except TypeError:
            pass
    pairs = [
        (num, den)
        for num, den, base in zip(numerators, denominators, baseline, strict=True)
        if base and num is not None and den
    ]
    if not pairs:
        return None
    return math.fsum(num for num, _ in pairs) / math.fsum(den for _, den in pairs)


def binomial_sigma(centre: float, size: float) -> float:
    return math.sqrt(centre * (1 - centre) / size)


def poisson_sigma(centre: float, size: float) -> float:
    return math.sqrt(centre / size)


@dataclass(frozen=True)
class RatioModel:
    """What tells a p chart from a u chart, and their Laney variants (p′, u′)."""

    sigma: Callable[[float, float], float]
    upper_cap: float | None  # a proportion cannot exceed 1; a rate can
    laney: bool = False


def ratio_limits(
    numerators: Values,
    denominators: Values,
    baseline: Sequence[bool],
    model: RatioModel,
    *,
    centre: float | None,
    screen: bool,
    categorical_x: bool,
) -> Limits:
    """P, U, P′ and U′ charts: σ_i depends on each point's denominator, so limits vary."""
    if centre is None:
        centre = pooled_ratio(numerators, denominators, baseline)
    count = len(numerators)
    if centre is None:
        return Limits(_constant(None, count), _constant(None, count), _constant(None, count))
    cap = model.upper_cap
    if not model.laney and all(denominators):  # the usual case, in as few passes as possible
        spreads = _ratio_sigmas(model, centre, denominators, times=3.0)
        return Limits(
            _constant(centre, count),
            [low if (low := centre - t) > 0.0 else 0.0 for t in spreads],
            [centre + t for t in spreads]
            if cap is None
            else [high if (high := centre + t) < cap else cap for t in spreads],
        )
    sigmas = _ratio_sigmas(model, centre, denominators)
    sigma_z = None
    if model.laney:
        values = ratios(numerators, denominators)
        sigma_z = laney_sigma_z(values, sigmas, baseline, centre, screen, categorical_x)
        sigmas = [None if s is None or sigma_z is None else s * sigma_z for s in sigmas]
    # Written out instead of max(0.0, x) and min(cap, x), which pick the same value, but slower.
    if all(denominators) and (sigma_z is not None or not model.laney):  # no σ_i is missing
        spreads = [3 * s for s in sigmas]
        lcl = [low if (low := centre - t) > 0.0 else 0.0 for t in spreads]
        if cap is None:
            ucl = [centre + t for t in spreads]
        else:
            ucl = [high if (high := centre + t) < cap else cap for t in spreads]
        return Limits(_constant(centre, count), lcl, ucl, sigma_z=sigma_z)
    lcl = [None if s is None else max(0.0, centre - 3 * s) for s in sigmas]
    ucl = [None if s is None else centre + 3 * s for s in sigmas]
    if cap is not None:
        ucl = [None if u is None else min(cap, u) for u in ucl]
    return Limits(_constant(centre, count), lcl, ucl, sigma_z=sigma_z)


def _ratio_sigmas(
    model: RatioModel, centre: float, denominators: Values, *, times: float = 1.0
) -> list[float | None]:
    """σ_i per point (times 3: the limits' spread); None for a missing or zero denominator."""
    if model.sigma is binomial_sigma:
        factor = centre * (1 - centre)  # the same operations as binomial_sigma, hoisted
    elif model.sigma is poisson_sigma:
        factor = centre
    else:
        sigmas = [None if not den else model.sigma(centre, den) for den in denominators]
        return sigmas if times == 1 else [None if s is None else times * s for s in sigmas]
    sqrt = math.sqrt
    if times != 1:  # all denominators present (ratio_limits checks)
        return [times * sqrt(factor / den) for den in denominators]
    if all(denominators):
        return [sqrt(factor / den) for den in denominators]
    return [None if not den else sqrt(factor / den) for den in denominators]


def laney_sigma_z(
    values: Values,
    sigmas: Sequence[float | None],
    baseline: Sequence[bool],
    centre: float,
    screen: bool,
    categorical_x: bool,
) -> float | None:
    """Laney 2002: how much wider than binomial/Poisson the baseline really varies.

    z-scores against the p/u sigma, then their spread by moving ranges as in an I chart. With
    categorical x (a funnel plot) the order means nothing, so the plain SD is used instead.
    """
    z_scores = [
        None if y is None or not s else (y - centre) / s
        for y, s, base in zip(values, sigmas, baseline, strict=True)
        if base
    ]
    if categorical_x:
        present = [z for z in z_scores if z is not None]
        return statistics.stdev(present) if len(present) > 1 else None
    amr_used = average_moving_range(z_scores, screen=screen).amr_used
    return None if amr_used is None else amr_used / D2_MOVING_RANGE


PROPORTIONS = RatioModel(binomial_sigma, upper_cap=1.0)
RATES = RatioModel(poisson_sigma, upper_cap=None)
LANEY_PROPORTIONS = RatioModel(binomial_sigma, upper_cap=1.0, laney=True)
LANEY_RATES = RatioModel(poisson_sigma, upper_cap=None, laney=True)


@dataclass(frozen=True)
class Subgroup:
    size: int  # measurements present
    mean: float | None
    sd: float | None  # None for fewer than two measurements


def summarise_subgroup(measurements: Values) -> Subgroup:
    present = [m for m in measurements if m is not None]
    sd = statistics.stdev(present) if len(present) > 1 else None
    return Subgroup(len(present), mean(present), sd)


def c4(size: int) -> float:
    """Bias of the sample SD as estimator of σ for subgroups of this size (E[s] = c4·σ).

    Through log-gamma so that large subgroups do not overflow Γ.
    """
    log_ratio = math.lgamma(size / 2) - math.lgamma((size - 1) / 2)
    return math.sqrt(2 / (size - 1)) * math.exp(log_ratio)


def subgroup_sigma(subgroups: Sequence[Subgroup], baseline: Sequence[bool]) -> float | None:
    """s̄ for equal subgroup sizes, the pooled SD for unequal sizes (Montgomery §6.3)."""
    base = [g for g, in_base in zip(subgroups, baseline, strict=True) if in_base]
    if len({g.size for g in base}) == 1:
        return mean([g.sd for g in base])
    weighted = [(g.size - 1) * g.sd**2 for g in base if g.sd is not None]
    # As qicharts2 (README §5.4): Σ(n_i − 1) runs over every baseline subgroup, so an empty
    # one subtracts 1. We keep the quirk so the charts agree with the reference implementation.
    degrees_of_freedom = sum(g.size - 1 for g in base)
    if not weighted or degrees_of_freedom <= 0:
        return None
    return math.sqrt(math.fsum(weighted) / degrees_of_freedom)


def subgroup_means(
    subgroups: Sequence[Subgroup], baseline: Sequence[bool], *, centre: float | None
) -> Limits:
    """Xbar chart: grand mean ± A3(n_i)·σ, A3 = 3/(c4(n)·√n); no limits for n_i ≤ 1."""
    if centre is None:
        base = [g for g, in_base in zip(subgroups, baseline, strict=True) if in_base and g.size]
        total = sum(g.size for g in base)
        centre = math.fsum(g.size * g.mean for g in base) / total if total else None
    sigma = subgroup_sigma(subgroups, baseline)
    lcl: list[float | None] = []
    ucl: list[float | None] = []
    for g in subgroups:
        if centre is None or sigma is None or g.size <= 1:
            lcl.append(None)
            ucl.append(None)
            continue
        spread = 3 / (c4(g.size) * math.sqrt(g.size)) * sigma
        lcl.append(centre - spread)
        ucl.append(centre + spread)
    return Limits(_constant(centre, len(subgroups)), lcl, ucl)


def subgroup_sds(
    subgroups: Sequence[Subgroup], baseline: Sequence[bool], *, centre: float | None
) -> Limits:
    """S chart: centre σ, limits B3(n_i)·σ and B4(n_i)·σ with B = 1 ∓ 3·√(1 − c4²)/c4."""
    if centre is None:
        centre = subgroup_sigma(subgroups, baseline)
    lcl: list[float | None] = []
    ucl: list[float | None] = []
    for g in subgroups:
        if centre is None or g.size <= 1:
            lcl.append(None)
            ucl.append(None)
            continue
        c4_n = c4(g.size)
        spread = 3 * math.sqrt(1 - c4_n**2) / c4_n
        lcl.append(max(0.0, 1 - spread) * centre)
        ucl.append((1 + spread) * centre)
    return Limits(_constant(centre, len(subgroups)), lcl, ucl)
