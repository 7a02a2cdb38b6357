"""The primary rule. Linked (complementary) suppression is tested in test_margins.py."""

from lovende.analytics.suppression import suppress


def test_it_hides_counts_below_k_but_shows_zero_and_k():
    # covers SDC-01
    assert suppress(0, 5).value == 0
    assert suppress(1, 5).hidden
    assert suppress(4, 5).hidden
    assert suppress(5, 5).value == 5


def test_it_never_lets_k_drop_below_three():
    assert suppress(2, 1).hidden
    assert suppress(3, 1).value == 3
