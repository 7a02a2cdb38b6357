"""Complementary suppression over linked margins: nothing hidden can be recovered (SDC-01)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lovende.analytics.margins import suppress_linked, suppress_partition, suppress_unit_tree

SMALL = [0, 0, 1, 1, 2, 3, 4, 5, 6, 9, 15]


def determined(values: dict, equations: list, hidden: set) -> set:
    """Hidden cells whose value follows from the shown cells and the equations.

    An attacker knows every shown value, every equation, and that a hidden count is at least 1
    (zero is shown). Partitions and unit trees have totally unimodular equations, so a hidden cell
    can take another value exactly when one step of −1/0/+1 on the hidden cells keeps every
    equation and every bound: that step is what this depth-first search looks for.
    """
    order = sorted(hidden, key=str)
    return {cell for cell in order if not any(_step(cell, sign, values, equations, order)
                                              for sign in (1, -1))}  # fmt: skip


def _step(cell, sign: int, values: dict, equations: list, order: list) -> bool:
    if values[cell] + sign < 1:
        return False
    delta = {cell: sign}
    rest = [other for other in order if other != cell]
    return _extend(delta, rest, values, equations)


def _extend(delta: dict, rest: list, values: dict, equations: list) -> bool:
    if not _consistent(delta, rest, equations):
        return False
    if not rest:
        return True
    forced = _forced(delta, rest, equations)
    candidates = [forced] if forced is not None else [(rest[0], s) for s in (0, 1, -1)]
    for cell, step in candidates:
        if values[cell] + step < 1 or step not in (-1, 0, 1):
            continue
        remaining = [other for other in rest if other != cell]
        if _extend({**delta, cell: step}, remaining, values, equations):
            return True
    return False


def _consistent(delta: dict, rest: list, equations: list) -> bool:
    for total, parts in equations:
        if total in rest or any(part in rest for part in parts):
            continue
        if sum(delta.get(part, 0) for part in parts) != delta.get(total, 0):
            return False
    return True


def _forced(delta: dict, rest: list, equations: list):
    """(cell, step) when an equation has exactly one open cell left, else None."""
    for total, parts in equations:
        open_cells = [c for c in (total, *parts) if c in rest]
        if len(open_cells) != 1:
            continue
        cell = open_cells[0]
        balance = sum(delta.get(part, 0) for part in parts) - delta.get(total, 0)
        return (cell, balance) if cell == total else (cell, -balance)
    return None


def hidden_keys(cells: dict) -> set:
    return {key for key, cell in cells.items() if cell.hidden}


def test_it_hides_the_smallest_sibling_when_one_group_is_small():
    # groups of 3, 7 and 12 citizens: 3 = 22 - 7 - 12 unless another group is hidden too
    total, cells = suppress_partition({"a": 3, "b": 7, "c": 12}, k=5)

    assert total.value == 22
    assert hidden_keys(cells) == {"a", "b"}


def test_it_hides_more_when_two_hidden_groups_of_one_add_up_to_two():
    # showing c would give a + b = 2, so a = b = 1
    total, cells = suppress_partition({"a": 1, "b": 1, "c": 10}, k=5)

    assert total.value == 12
    assert hidden_keys(cells) == {"a", "b", "c"}


def test_it_shows_everything_when_no_group_is_small():
    total, cells = suppress_partition({"a": 5, "b": 0, "c": 8}, k=5)

    assert total.value == 13
    assert hidden_keys(cells) == set()


def test_it_hides_everything_when_the_total_is_small():
    total, cells = suppress_partition({"a": 2, "b": 2}, k=5)

    assert total.hidden
    assert hidden_keys(cells) == {"a", "b"}


def test_it_keeps_a_department_and_its_teams_consistent():
    # department 1 (nothing placed on it) with Nord 7 and Syd 2: hide Syd and Nord, show 9
    totals, direct = suppress_unit_tree({1: 0, 2: 7, 3: 2}, {1: [2, 3], 2: [], 3: []}, k=5)

    assert totals[1].value == 9
    assert totals[2].hidden
    assert totals[3].hidden
    assert direct[1].value == 0


@settings(max_examples=300)
@given(st.lists(st.sampled_from(SMALL), min_size=1, max_size=7), st.integers(3, 6))
def test_it_never_lets_a_hidden_group_be_recovered(counts, k):
    # covers SDC-01 (a) no small cell shown, (b) never exactly one hidden, (c) no exact recovery
    groups = dict(enumerate(counts))

    total, cells = suppress_partition(groups, k)

    values = {**groups, "total": sum(counts)}
    hidden = hidden_keys(cells) | ({"total"} if total.hidden else set())
    assert all(c.hidden or c.value == 0 or c.value >= k for c in [total, *cells.values()])
    assert total.hidden or len(hidden_keys(cells)) != 1
    assert determined(values, [("total", list(groups))], hidden) == set()


@st.composite
def unit_trees(draw):
    size = draw(st.integers(1, 7))
    parents = {node: draw(st.integers(0, node - 1)) for node in range(1, size)}
    children = {node: [c for c, p in parents.items() if p == node] for node in range(size)}
    direct = {node: draw(st.sampled_from(SMALL)) for node in range(size)}
    return direct, children


@settings(max_examples=300)
@given(unit_trees(), st.integers(3, 6))
def test_it_never_lets_a_hidden_unit_be_recovered_from_its_parent(tree, k):
    # covers SDC-01 on unit trees: parent-minus-children and the units' own direct courses
    direct, children = tree

    totals, directs = suppress_unit_tree(direct, children, k)

    values, equations, hidden = {}, [], set()
    for unit in children:
        values[("t", unit)] = totals_value(unit, direct, children)
        values[("d", unit)] = direct[unit]
        equations.append((("t", unit), [("d", unit), *(("t", c) for c in children[unit])]))
        hidden |= {("t", unit)} if totals[unit].hidden else set()
        hidden |= {("d", unit)} if directs[unit].hidden else set()
    shown = [c.value for c in [*totals.values(), *directs.values()] if not c.hidden]
    assert all(v == 0 or v >= k for v in shown)
    assert determined(values, equations, hidden) == set()


def totals_value(unit: int, direct: dict, children: dict) -> int:
    return direct[unit] + sum(totals_value(c, direct, children) for c in children[unit])


def test_it_reports_a_recoverable_cell_when_suppression_is_left_out():
    # the checker itself: with only primary suppression, a lone hidden group is found out
    values = {"a": 3, "b": 7, "total": 10}

    found = determined(values, [("total", ["a", "b"])], {"a"})

    assert found == {"a"}


def test_it_accepts_linked_equations_in_any_order():
    values = {"all": 30, "x": 12, "y": 18, "x1": 2, "x2": 10, "y1": 18}
    equations = [("x", ["x1", "x2"]), ("all", ["x", "y"]), ("y", ["y1"])]

    cells = suppress_linked(values, equations, 5)

    hidden = hidden_keys(cells)
    assert {"x1", "x2"} <= hidden
    assert determined(values, equations, hidden) == set()
