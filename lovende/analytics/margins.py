"""Complementary suppression over cells linked by margins (SECURITY SDC-01). Pure, no Django.

A published table is a set of counts (cells) and equations between them: a total equals the sum
of its parts (a unit is its teams plus the courses placed on the unit itself; an intervention is
its half-years; an unfiltered view is its groups). Primary suppression hides every count from 1
to k−1. Hiding that alone is not enough: a hidden part can be recovered as the total minus the
shown parts, and two hidden parts of 1 each are recovered from their sum (each is at least 1,
since zero is shown). So, for every equation, until nothing changes:

- a shown total may not have exactly one hidden part;
- a shown total's hidden parts must add up to more than the least they can hold (each hidden
  count is at least 1, a hidden total at least the least of its own parts), else each is known;
- a hidden total may not be the plain sum of shown parts.

Each rule hides the smallest shown non-zero part (the least information lost), or the total when
no part is left. Cells are only ever hidden, so the loop ends. Every hidden cell gets the same label, because a different label for the
complementary cells would tell which hidden cell is the small one.

The property tests solve the equations by brute force and check that every hidden cell keeps an
interval of possible values wider than one value (SDC-01 (c)).
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

from lovende.analytics.suppression import MIN_THRESHOLD, Cell

K = TypeVar("K", bound=Hashable)
Equation = tuple[K, Sequence[K]]  # (total, parts): total = sum of parts


def suppress_linked(
    counts: Mapping[K, int],
    equations: Sequence[Equation],
    k: int,
    also_hidden: Iterable[K] = (),
) -> dict[K, Cell]:
    """Hide every count below ``k`` and enough others that no hidden count can be derived.

    ``also_hidden``: cells to hide from the start whatever their count (a group hidden in
    another table of the same page hides all its figures).
    """
    k = max(k, MIN_THRESHOLD)
    hidden = {key for key, n in counts.items() if 0 < n < k}
    hidden |= {key for key in also_hidden if key in counts and counts[key] > 0}
    parts_of = dict(equations)
    changed = True
    while changed:
        changed = False
        for total, parts in equations:
            floor = _floors(parts_of, counts, hidden)
            extra = _next_to_hide(total, parts, counts, hidden, floor)
            if extra is not None:
                hidden.add(extra)
                changed = True
    return {key: Cell(None if key in hidden else n) for key, n in counts.items()}


def suppress_partition(counts: Mapping[K, int], k: int) -> tuple[Cell, dict[K, Cell]]:
    """A total and the groups that make it up: (total cell, group cells)."""
    total = object()
    values: dict = {**counts, total: sum(counts.values())}
    cells = suppress_linked(values, [(total, list(counts))], k)
    return cells.pop(total), cells


def suppress_unit_tree(
    direct: Mapping[int, int], children: Mapping[int, Sequence[int]], k: int
) -> tuple[dict[int, Cell], dict[int, Cell]]:
    """Counts on a unit tree: (subtree totals, counts placed directly on each unit).

    ``direct`` holds the count placed on each unit itself; ``children`` every unit's child units
    (every unit of the tree is a key). A unit's total is its direct count plus its children's
    totals. Both totals and direct counts may be published, so both are cells.
    """
    totals: dict[int, int] = {}

    def total_of(unit: int) -> int:
        if unit not in totals:
            totals[unit] = direct.get(unit, 0) + sum(total_of(c) for c in children[unit])
        return totals[unit]

    cells_in: dict[tuple[str, int], int] = {}
    equations: list[Equation] = []
    for unit in children:
        cells_in[("total", unit)] = total_of(unit)
        cells_in[("direct", unit)] = direct.get(unit, 0)
        parts = [("direct", unit), *(("total", child) for child in children[unit])]
        equations.append((("total", unit), parts))
    cells = suppress_linked(cells_in, equations, k)
    return (
        {unit: cells[("total", unit)] for unit in children},
        {unit: cells[("direct", unit)] for unit in children},
    )


def _floors(
    parts_of: Mapping[K, Sequence[K]], counts: Mapping[K, int], hidden: set[K]
) -> dict[K, int]:
    """The least value an attacker can prove for each hidden cell.

    A hidden count is at least 1; a hidden total is also at least its shown parts plus the floors
    of its hidden parts (a unit with two hidden teams holds at least 2).
    """
    floor: dict[K, int] = {}

    def least(cell: K) -> int:
        if cell not in hidden:
            return counts[cell]
        if cell not in floor:
            floor[cell] = 1  # also guards against a cycle of equations
            floor[cell] = max(1, sum(least(part) for part in parts_of.get(cell, ())))
        return floor[cell]

    for cell in hidden:
        least(cell)
    return floor


def _next_to_hide(
    total: K, parts: Sequence[K], counts: Mapping[K, int], hidden: set[K], floor: Mapping[K, int]
) -> K | None:
    """The cell to hide next so this equation discloses nothing, or None."""
    hidden_parts = [part for part in parts if part in hidden]
    if total in hidden:
        if hidden_parts:
            return None
        return _smallest_shown(parts, counts, hidden)
    if not hidden_parts:
        return None
    slack = sum(counts[part] - floor[part] for part in hidden_parts)
    if len(hidden_parts) == 1 or slack <= 0:
        extra = _smallest_shown(parts, counts, hidden)
        return total if extra is None else extra
    return None


def _smallest_shown(parts: Sequence[K], counts: Mapping[K, int], hidden: set[K]) -> K | None:
    shown = [part for part in parts if part not in hidden and counts[part] > 0]
    return min(shown, key=lambda part: (counts[part], str(part))) if shown else None
