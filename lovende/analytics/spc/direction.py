"""Improvement or concern: what a signal means, given which way is better for the measure."""

import enum
from dataclasses import dataclass

from lovende.analytics.spc.charts import Chart, ChartPoint


class Direction(enum.Enum):
    HIGHER_IS_BETTER = "up"
    LOWER_IS_BETTER = "down"


class Verdict(enum.Enum):
    IMPROVEMENT = "improvement"
    CONCERN = "concern"


@dataclass(frozen=True)
class Signal:
    kind: str  # "sigma": one point outside the limits; "runs": a part's Anhøj signal
    part: int  # 1-based
    point: int | None  # 1-based, for sigma signals
    side: int  # +1 above the centre or limits, −1 below
    verdict: Verdict


def verdict(side: int, direction: Direction) -> Verdict:
    better = 1 if direction is Direction.HIGHER_IS_BETTER else -1
    return Verdict.IMPROVEMENT if side == better else Verdict.CONCERN


def classify_signals(chart: Chart, direction: Direction) -> list[Signal]:
    """Every sigma signal and every part's runs signal, as improvement or concern.

    A runs signal has no point of its own; it takes the side of the part's longest run (the
    latest one on a tie), which is where the process has shifted to. Too few crossings without a
    long run still has a longest run, so it gets a side too.
    """
    # Only the signalling points are made (chart.points builds each point as it is read).
    flagged = [chart.points[number - 1] for number in chart.sigma_signal_points]
    signals = [
        Signal("sigma", p.part, p.number, _side(p), verdict(_side(p), direction)) for p in flagged
    ]
    for number, part in enumerate(chart.parts, start=1):
        side = part.runs.longest_run_side
        if part.runs.signal and side is not None:
            signals.append(Signal("runs", number, None, side, verdict(side, direction)))
    return signals


def _side(point: ChartPoint) -> int:
    return 1 if point.ucl is not None and point.y is not None and point.y > point.ucl else -1
