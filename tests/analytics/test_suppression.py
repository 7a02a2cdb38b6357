from hypothesis import given
from hypothesis import strategies as st

from lovende.analytics.suppression import suppress, suppress_siblings


def test_it_hides_counts_below_k_but_shows_zero_and_k():
    # covers SDC-01
    assert suppress(0, 5).value == 0
    assert suppress(1, 5).hidden
    assert suppress(4, 5).hidden
    assert suppress(5, 5).value == 5


def test_it_never_lets_k_drop_below_three():
    assert suppress(2, 1).hidden
    assert suppress(3, 1).value == 3


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 40), max_size=8), st.integers(3, 10))
def test_it_never_shows_a_small_cell_and_never_hides_exactly_one(counts, k):
    # covers SDC-01 (a) no shown cell 0 < n < k, (b) hidden cells among siblings are 0 or >= 2
    cells = suppress_siblings(counts, k)

    shown = [c.value for c in cells.values() if not c.hidden]
    hidden = [key for key, c in cells.items() if c.hidden]
    assert all(v == 0 or v >= k for v in shown)
    assert len(hidden) != 1 or all(counts[key] == 0 for key in counts if key not in hidden)
