"""Fidelity to the core elements: the share of a check answered "ja" and its trend. Pure: no Django.

A check answers each core element ja, delvist or nej. Its share counts ja whole and delvist half,
over the elements answered, so 2 ja, 1 delvist and 1 nej give (2 + 0.5) / 4 = 62.5 %.
"""

from collections.abc import Iterable, Sequence

YES = "ja"  # models.FidelityAnswer.Level
PARTLY = "delvist"
NO = "nej"
WEIGHTS = {YES: 1.0, PARTLY: 0.5, NO: 0.0}

UP = "op"
DOWN = "ned"
SAME = "uændret"


def share(levels: Iterable[str]) -> float | None:
    """The share in per cent of a check's answers that follow the element (delvist counts half)."""
    weights = [WEIGHTS[level] for level in levels if level in WEIGHTS]
    return round(100 * sum(weights) / len(weights), 1) if weights else None


def trend(shares: Sequence[float | None]) -> str | None:
    """The direction from the check before the latest to the latest (oldest first), or None."""
    known = [value for value in shares if value is not None]
    if len(known) < 2:
        return None
    if known[-1] > known[-2]:
        return UP
    if known[-1] < known[-2]:
        return DOWN
    return SAME
