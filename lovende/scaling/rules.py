"""The frame for scaling as pure rules: who decides a local adaptation, and how a stage moves.

Within an adaptable element the unit decides for itself; a change that touches a core element
goes to the plan's quality team, because the core elements are what is kept everywhere (seed
000: clear frames, no top-down steering of the rest). No Django here (STYLE §1).
"""

from collections.abc import Sequence

CORE_KIND = "kerne"  # Element.Kind.CORE

UNIT = "enheden"
QUALITY_TEAM = "kvalitetsteamet"

FORWARD, BACK, SKIP, SAME = "frem", "tilbage", "spring", "samme"


def touches_core(element_kind: str, *, also_core: bool = False) -> bool:
    """A core element is touched by any change to it, and by any change its proposer says
    also touches one."""
    return element_kind == CORE_KIND or also_core


def decider(*, touches_core: bool) -> str:
    """Who decides an adaptation: ``"kvalitetsteamet"`` when it touches a core element, else
    ``"enheden"``."""
    return QUALITY_TEAM if touches_core else UNIT


def stage_step(stages: Sequence[str], current: str, new: str) -> str:
    """How a move from ``current`` to ``new`` goes along ``stages``: one step forward, back,
    a skip over one or more stages, or no move at all."""
    distance = stages.index(new) - stages.index(current)
    if distance == 0:
        return SAME
    if distance < 0:
        return BACK
    return FORWARD if distance == 1 else SKIP


def skipped(stages: Sequence[str], current: str, new: str) -> list[str]:
    """The stages a forward move jumps over (empty for a one-step or backward move)."""
    start, end = stages.index(current), stages.index(new)
    return list(stages[start + 1 : end])
