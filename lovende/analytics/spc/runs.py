"""Anhøj's runs analysis: is there non-random variation around the centre line?

Two rules (Anhøj & Olesen 2014, PLoS ONE 9(11):e113825; Anhøj 2015, PLoS ONE 10(3):e0121349):
an unusually long run of points on one side of the centre line, or unusually few crossings of it.
The limits depend only on the number of useful points, so they hold for any chart type.
"""

import functools
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
    sides = _sides(values, centres)
    if not sides:
        return RunsAnalysis(len(values), 0, None, None, None, None, signal=False)
    # The runs are the maximal blocks of equal bytes; a crossing is a change between neighbours.
    n_crossings = sides.count(_BELOW + _ABOVE) + sides.count(_ABOVE + _BELOW)
    longest_below = _longest_block(sides, _BELOW)
    longest_above = _longest_block(sides, _ABOVE)
    longest = max(longest_below, longest_above)
    if longest_above != longest_below:
        side = 1 if longest_above > longest_below else -1
    else:
        # A tie goes to the latest: a block of `longest` equal bytes is a whole longest run.
        latest_above = sides.rfind(_ABOVE * longest)
        side = 1 if latest_above > sides.rfind(_BELOW * longest) else -1
    longest_max = longest_run_limit(len(sides))
    crossings_min = crossings_limit(len(sides))
    signal = can_signal and (longest > longest_max or n_crossings < crossings_min)
    return RunsAnalysis(
        n_obs=len(values),
        n_useful=len(sides),
        longest_run=longest,
        longest_run_max=longest_max,
        n_crossings=n_crossings,
        n_crossings_min=crossings_min,
        signal=signal,
        longest_run_side=side,
    )


_ABOVE, _BELOW = b"\x01", b"\x00"


def _longest_block(sides: bytes, side: bytes) -> int:
    """Length of the longest block of `side` bytes: a doubling, then a bisection, of substring
    searches (a block of length L exists exactly when L such bytes in a row occur)."""
    if side not in sides:
        return 0
    present, absent = 1, 2
    while absent <= len(sides) and side * absent in sides:
        present, absent = absent, absent * 2
    while absent - present > 1:
        middle = (present + absent) // 2
        if side * middle in sides:
            present = middle
        else:
            absent = middle
    return present


def _sides(values: Sequence[float | None], centres: Sequence[float | None]) -> bytes:
    """One byte per useful point, 1 above its centre and 0 below: runs found at C speed."""
    if len(values) != len(centres):
        raise ValueError("values and centres must have the same length")
    if not centres:
        return b""
    centre = centres[0]
    if centres.count(centre) == len(centres):  # one centre line, the usual case: compare once
        if centre is None:
            return b""
        return bytes([v > centre for v in values if v is not None and v != centre])
    return bytes(
        [
            value > centre
            for value, centre in zip(values, centres, strict=True)
            if value is not None and centre is not None and value != centre
        ]
    )
