from hypothesis import given
from hypothesis import strategies as st

from lovende.analytics.suppression import suppress, suppress_siblings, suppress_tree


def test_it_hides_counts_below_k_but_shows_zero_and_k():
    # covers SDC-01
    assert suppress(0, 5).value == 0
    assert suppress(1, 5).hidden
    assert suppress(4, 5).hidden
    assert suppress(5, 5).value == 5


def test_it_never_lets_k_drop_below_three():
    assert suppress(2, 1).hidden
    assert suppress(3, 1).value == 3


@given(
    st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 40), max_size=8),
    st.integers(3, 10),
)
def test_it_never_shows_a_small_cell_and_never_hides_exactly_one(counts, k):
    # covers SDC-01 (a) no shown cell 0 < n < k, (b) hidden cells among siblings are 0 or >= 2
    cells = suppress_siblings(counts, k)

    shown = [c.value for c in cells.values() if not c.hidden]
    hidden = [key for key, c in cells.items() if c.hidden]
    assert all(v == 0 or v >= k for v in shown)
    assert len(hidden) != 1 or all(counts[key] == 0 for key in counts if key not in hidden)


@st.composite
def trees(draw):
    """A random unit tree: parent links, direct counts, and subtree totals."""
    size = draw(st.integers(1, 12))
    parents = {0: None, **{node: draw(st.integers(0, node - 1)) for node in range(1, size)}}
    direct = {node: draw(st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 9, 15])) for node in range(size)}
    children = {node: [c for c, p in parents.items() if p == node] for node in range(size)}
    totals = {}
    for node in reversed(range(size)):
        totals[node] = direct[node] + sum(totals[c] for c in children[node])
    return totals, children, direct


@given(trees(), st.integers(3, 6))
def test_it_discloses_no_small_cell_in_a_tree(tree, k):
    # covers SDC-01 (a) and (b) on unit trees: parent-minus-children differencing
    totals, children, direct = tree

    cells = suppress_tree(totals, children, k)

    assert all(c.hidden or c.value == 0 or c.value >= k for c in cells.values())
    for node, kids in children.items():
        if not kids or cells[node].hidden:
            continue
        unknown = [kid for kid in kids if cells[kid].hidden] + (
            ["d"] if 0 < direct[node] < k else []
        )
        assert len(unknown) != 1


def test_it_hides_a_sibling_when_one_team_is_small():
    # a department of 9 with Nord 7 and Syd 2: Syd = 9 - 7 unless Nord is hidden too
    totals = {1: 9, 2: 7, 3: 2}

    cells = suppress_tree(totals, {1: [2, 3], 2: [], 3: []}, k=5)

    assert cells[3].hidden
    assert cells[2].hidden
    assert cells[1].value == 9
