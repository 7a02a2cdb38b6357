"""Anhøj's runs analysis: is there non-random variation around the centre line?

Two rules (Anhøj & Olesen 2014, PLoS ONE 9(11):e113825; Anhøj 2015, PLoS ONE 10(3):e0121349):
an unusually long run of points on one side of the centre line, or unusually few crossings of it.
The limits depend only on the number of useful points, so they hold for any chart type.
"""

import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RunsAnalysis:
    """Runs statistics of one part of a chart; the statistics are None when no point is useful."""

    n_obs: int
    n_useful: int
    longest_run: int | None
    longest_run_max: int | None
    n_crossings: int | None
    n_crossings_min: int | None
    signal: bool
    # +1 if the longest run lies above the centre, −1 if below; used to tell improvement from
    # concern. A tie between runs goes to the latest, which says most about the process now.
    longest_run_side: int | None = None


def longest_run_limit(n_useful: int) -> int:
    """A run longer than this is a signal: round(log2(n)) + 3 (Schilling 2012, Anhøj 2014)."""
    # log2 of an integer is never exactly x.5, so Python's and R's rounding agree.
    return round(math.log2(n_useful)) + 3


@functools.cache
def crossings_limit(n_useful: int) -> int:
    """Fewer crossings than this is a signal: the 5th percentile of Binomial(n − 1, ½) (Chen 2010).

    The smallest k with P(X ≤ k) ≥ 0.05, computed on integers: P(X ≤ k) ≥ 1/20 exactly when
    20·Σ C(n−1, i) ≥ 2^(n−1). No floating point, so no doubt at the boundary.
    """
    trials = n_useful - 1
    target = 2**trials
    term = cumulative = 1  # C(trials, 0)
    for k in range(trials + 1):
        if 20 * cumulative >= target:
            return k
        # C(n, k+1) from C(n, k): one multiplication instead of a new binomial each step.
        term = term * (trials - k) // (k + 1)
        cumulative += term
    return trials


def analyse_runs(
    values: Sequence[float | None], centres: Sequence[float | None], *, can_signal: bool = True
) -> RunsAnalysis:
    """Runs analysis of the included points of one part, each against its own centre.

    Missing values and points exactly on the centre line are dropped: they neither break nor
    extend a run. `can_signal=False` reports the statistics without a signal, as for MR charts and
    funnel plots, where the order of the points carries no time.
    """
    sides = [
        1 if value > centre else -1
        for value, centre in zip(values, centres, strict=True)
        if value is not None and centre is not None and value != centre
    ]
    if not sides:
        return RunsAnalysis(len(values), 0, None, None, None, None, signal=False)
    run_lengths, run_sides = _runs(sides)
    longest = max(run_lengths)
    n_crossings = len(run_lengths) - 1
    longest_max = longest_run_limit(len(sides))
    crossings_min = crossings_limit(len(sides))
    signal = can_signal and (longest > longest_max or n_crossings < crossings_min)
    latest_longest = max(i for i, length in enumerate(run_lengths) if length == longest)
    return RunsAnalysis(
        n_obs=len(values),
        n_useful=len(sides),
        longest_run=longest,
        longest_run_max=longest_max,
        n_crossings=n_crossings,
        n_crossings_min=crossings_min,
        signal=signal,
        longest_run_side=run_sides[latest_longest],
    )


def _runs(sides: list[int]) -> tuple[list[int], list[int]]:
    """Lengths and sides of the maximal blocks of equal signs."""
    lengths, block_sides = [1], [sides[0]]
    for previous, side in itertools.pairwise(sides):
        if side == previous:
            lengths[-1] += 1
        else:
            lengths.append(1)
            block_sides.append(side)
    return lengths, block_sides
