"""Small-cell suppression for aggregates above citizen level (SECURITY SDC-01). Pure, no Django.

A count of citizens below the threshold k (but above zero) is never shown. This module is the one
function every screen, export and API calls, so they cannot disagree.
"""

from collections.abc import Mapping
from dataclasses import dataclass

MIN_THRESHOLD = (
    3  # Danmarks Statistik never publishes cells below 3; configurable k never goes lower
)


@dataclass(frozen=True)
class Cell:
    """A shown or hidden count. ``value`` is None when suppressed."""

    value: int | None

    @property
    def hidden(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return "<k" if self.value is None else str(self.value)


def suppress(count: int, k: int) -> Cell:
    """Hide a count of 1..k-1; zero and k or more are shown."""
    k = max(k, MIN_THRESHOLD)
    return Cell(None if 0 < count < k else count)


def suppress_siblings(counts: Mapping[str, int], k: int) -> dict[str, Cell]:
    """Suppress a set of sibling cells that add up to a shown total.

    Primary suppression hides every cell below k. If exactly one cell is hidden, it could be
    recovered as total minus the others, so the smallest remaining non-zero cell is hidden too
    (secondary suppression).
    """
    cells = {key: suppress(n, k) for key, n in counts.items()}
    hidden = [key for key, cell in cells.items() if cell.hidden]
    if len(hidden) == 1:
        shown = sorted((n, key) for key, n in counts.items() if not cells[key].hidden and n > 0)
        if shown:
            cells[shown[0][1]] = Cell(None)
    return cells


def suppress_tree(
    totals: Mapping[int, int], children: Mapping[int, list[int]], k: int
) -> dict[int, Cell]:
    """Suppress counts on a tree where each node's total includes its subtree.

    A node's total is the sum of its children's totals plus its *direct* count (citizens
    registered on the node itself), which is never shown but could be derived. Starting from
    primary suppression, cells are hidden until no hidden value can be recovered:

    - under a shown node, the children and the direct count never hold exactly one hidden
      cell (otherwise: total minus the others);
    - a hidden node is never the plain sum of shown children when its direct count is zero.

    Only ever hides more, so the loop ends.
    """
    k = max(k, MIN_THRESHOLD)
    hidden = {node for node, n in totals.items() if 0 < n < k}
    changed = True
    while changed:
        changed = False
        for node, kids in children.items():
            if not kids:
                continue
            direct = totals[node] - sum(totals[kid] for kid in kids)
            extra = _node_needs_more_hidden(node, kids, direct, totals, hidden, k)
            if extra is not None:
                hidden.add(extra)
                changed = True
    return {node: Cell(None if node in hidden else n) for node, n in totals.items()}


def _node_needs_more_hidden(
    node: int, kids: list[int], direct: int, totals: Mapping[int, int], hidden: set[int], k: int
) -> int | None:
    """The next cell to hide so that ``node``'s group discloses nothing, or None."""
    hidden_in_group = [kid for kid in kids if kid in hidden] + (
        ["direct"] if 0 < direct < k else []
    )
    shown_kids = sorted((totals[kid], kid) for kid in kids if kid not in hidden and totals[kid] > 0)
    if node not in hidden and len(hidden_in_group) == 1:
        return shown_kids[0][1] if shown_kids else node
    if node in hidden and not hidden_in_group and direct == 0 and shown_kids:
        return shown_kids[0][1]
    return None
