"""Scoring, reliable change and GAS T-scores against hand-computed and published values."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lovende.instruments import library, scoring
from lovende.instruments.scoring import ChangeCategory


def ors_answers(*values: float) -> dict[str, float]:
    return dict(zip([item["key"] for item in library.ORS["items"]], values, strict=True))


def test_it_sums_the_ors():
    assert scoring.score(library.ORS, ors_answers(5.2, 6.1, 4.0, 7.3)) == pytest.approx(22.6)


def test_it_scales_who5_raw_scores_by_four():
    # WHO (1998): raw 0-25 times 4 gives 0-100; 3+3+2+4+1 = 13 -> 52
    answers = {f"who5_{i}": v for i, v in enumerate([3, 3, 2, 4, 1], start=1)}

    assert scoring.score(library.WHO5, answers) == 52
    assert scoring.score_range(library.WHO5) == (0, 100)


def test_it_takes_the_mean_of_a_progression_wheel():
    answers = {item["key"]: 5 for item in library.PROGRESSION_WHEEL["items"]} | {"bolig": 9}

    assert scoring.score(library.PROGRESSION_WHEEL, answers) == 5.5


@pytest.mark.parametrize(
    ("first", "latest", "expected"),
    [
        (18, 23, ChangeCategory.IMPROVED),
        (18, 22.9, ChangeCategory.UNCHANGED),
        (30, 25, ChangeCategory.DETERIORATED),
    ],
)
def test_it_counts_five_ors_points_as_reliable_change(first, latest, expected):
    # Miller et al. (2003): a change of 5 points or more on the adult ORS is reliable
    assert scoring.change_category(library.ORS, first, latest) == expected


def test_it_computes_the_jacobson_truax_threshold():
    # S_diff = sqrt(2) * 7.5 * sqrt(1 - 0.88) = 3.6742; 1.96 * S_diff = 7.2015 (hand-computed)
    definition = {
        **library.ORS,
        "reliable_change": {"method": "jacobson_truax", "sd": 7.5, "reliability": 0.88},
    }

    assert scoring.reliable_change_threshold(definition) == pytest.approx(7.2015, abs=1e-4)
    assert scoring.change_category(definition, 10, 17.2) == ChangeCategory.UNCHANGED
    assert scoring.change_category(definition, 10, 17.21) == ChangeCategory.IMPROVED


def test_it_reproduces_jacobson_and_truax_rci():
    # Jacobson & Truax (1991): RCI = (x2 - x1) / S_diff; a change of exactly 1.96 S_diff gives 1.96
    s_diff = math.sqrt(2) * 10 * math.sqrt(1 - 0.8)

    assert scoring.reliable_change_index(1.96 * s_diff, 10, 0.8) == pytest.approx(1.96)


def test_it_reverses_the_direction_for_lower_is_better_scales():
    definition = {**library.ORS, "direction": "lower_better"}

    assert scoring.change_category(definition, 30, 20) == ChangeCategory.IMPROVED
    assert scoring.in_clinical_range(definition, 30)


@pytest.mark.parametrize(("value", "clinical"), [(24.9, True), (25, False), (31, False)])
def test_it_places_adult_ors_scores_below_25_in_the_clinical_range(value, clinical):
    assert scoring.in_clinical_range(library.ORS, value) is clinical


def test_it_places_a_who5_of_50_in_the_poor_wellbeing_range():
    # Topp et al. (2015): a score of 50 or below indicates poor well-being
    assert scoring.in_clinical_range(library.WHO5, 50) is True
    assert scoring.in_clinical_range(library.WHO5, 52) is False


@pytest.mark.parametrize(
    ("levels", "weights", "expected"),
    [
        ([0], [1], 50.0),
        ([0, 0, 0], [1, 1, 1], 50.0),
        # 10*2 / sqrt(0.7*2 + 0.3*4) = 20 / 1.61245 -> 62.40
        ([1, 1], [1, 1], 62.40),
        # 10*6 / sqrt(0.7*3 + 0.3*9) = 60 / 2.19089 -> 77.39
        ([2, 2, 2], [1, 1, 1], 77.39),
        # weights 3,2,1 levels -1,0,2: 10*(-3+2) / sqrt(0.7*14 + 0.3*36) = -10 / 4.53872 -> 47.80
        ([-1, 0, 2], [3, 2, 1], 47.80),
        # one goal at -2: 10*(-2) / sqrt(0.7 + 0.3) = -20 -> 30
        ([-2], [1], 30.0),
    ],
)
def test_it_computes_gas_t_scores(levels, weights, expected):
    assert scoring.gas_t_score(levels, weights) == pytest.approx(expected, abs=0.01)


def test_it_refuses_gas_levels_outside_minus_two_to_two():
    with pytest.raises(ValueError, match="-2 to \\+2"):
        scoring.gas_t_score([3], [1])


@given(st.lists(st.integers(-2, 2), min_size=1, max_size=8))
def test_it_keeps_equal_weight_gas_scores_between_the_extremes(levels):
    t = scoring.gas_t_score(levels, [1] * len(levels))

    worst = scoring.gas_t_score([-2] * len(levels), [1] * len(levels))
    best = scoring.gas_t_score([2] * len(levels), [1] * len(levels))
    assert worst <= t <= best


def test_it_names_every_missing_and_out_of_range_item():
    with pytest.raises(scoring.InvalidAnswers) as error:
        scoring.check_answers(library.ORS, {"individuelt": 11, "relationer": "x", "socialt": 3})

    codes = {(code, key) for code, key, _ in error.value.problems}
    assert codes == {
        ("out_of_range", "individuelt"),
        ("not_a_number", "relationer"),
        ("missing", "generelt"),
    }


def test_it_refuses_answers_to_items_the_instrument_does_not_have():
    answers = ors_answers(1, 2, 3, 4) | {"hacker": 1}

    with pytest.raises(scoring.InvalidAnswers):
        scoring.check_answers(library.ORS, answers)


@pytest.mark.parametrize("definition", library.BUILT_IN, ids=lambda d: d["code"])
def test_it_ships_only_valid_definitions_that_cite_sources(definition):
    scoring.validate_definition(definition)

    assert definition["sources"]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"items": []}, "no_items"),
        ({"items": [{"key": "a", "label": "A", "min": 5, "max": 1}]}, "item_min_not_below_max"),
        (
            {
                "items": [
                    {"key": "a", "label": "A", "min": 0, "max": 1},
                    {"key": "a", "label": "B", "min": 0, "max": 1},
                ]
            },
            "duplicate_item_keys",
        ),
        ({"scoring": {"method": "median"}}, "bad_scoring_method"),
        ({"direction": "sideways"}, "bad_direction"),
        (
            {"reliable_change": {"method": "jacobson_truax", "sd": 5, "reliability": 1.2}},
            "bad_reliable_change",
        ),
        ({"subscales": [{"key": "s", "label": "S", "items": ["nope"]}]}, "bad_subscale"),
        ({"cutoffs": [{"value": "høj"}]}, "bad_cutoff"),
    ],
)
def test_it_rejects_malformed_definitions(change, code):
    definition = {**library.ORS, **change}

    with pytest.raises(scoring.InvalidDefinition) as error:
        scoring.validate_definition(definition)

    assert code in [c for c, _ in error.value.problems]


def test_it_scores_subscales_by_the_instruments_rule():
    definition = {
        **library.ORS,
        "subscales": [
            {"key": "personligt", "label": "Personligt", "items": ["individuelt", "generelt"]}
        ],
    }

    assert scoring.subscale_scores(definition, ors_answers(5, 6, 7, 8)) == {"personligt": 13}
