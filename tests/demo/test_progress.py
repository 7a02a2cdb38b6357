"""The pure parts of the demo histories: answers that score as intended, trajectories that hold."""

import random

import pytest

from lovende.demo import progress
from lovende.instruments import scoring
from lovende.instruments.services import BUILT_IN_BY_CODE


def answered(code: str, value: float, rng: random.Random) -> float:
    definition = BUILT_IN_BY_CODE[code]
    bias = [rng.gauss(0, progress.SCALES[code].bias) for _ in definition["items"]]
    answers = progress._answers(rng, code, value, bias)
    return scoring.score(definition, scoring.check_answers(definition, answers))


@pytest.mark.parametrize(
    ("code", "value", "expected"),
    [
        ("ors", 0, 0), ("ors", 17.46, 17.5), ("ors", 40, 40), ("ors", 43.2, 40),
        ("srs", 39.9, 39.9), ("srs", 33.04, 33.0), ("cors", 31.95, 32.0),
        ("who5", 0, 0), ("who5", 49, 48), ("who5", 100, 100),
        ("hjul", 1, 1), ("hjul", 4.4, 4.375), ("hjul", 10, 10), ("hjul", 0.2, 1),
    ],
)  # fmt: skip
def test_the_answers_score_the_intended_value_on_the_instruments_steps(code, value, expected):
    rng = random.Random(1)  # noqa: S311 - test data

    assert all(answered(code, value, rng) == pytest.approx(expected) for _ in range(50))


@pytest.mark.parametrize(
    ("trajectory", "category"),
    [
        (progress.IMPROVER, scoring.ChangeCategory.IMPROVED),
        (progress.FLAT, scoring.ChangeCategory.UNCHANGED),
        (progress.WORSE, scoring.ChangeCategory.DETERIORATED),
    ],
)
@pytest.mark.parametrize("code", ["ors", "cors"])
def test_a_trajectory_ends_in_its_category(trajectory, category, code):
    definition = BUILT_IN_BY_CODE[code]
    rng = random.Random(2)  # noqa: S311 - test data
    offsets = [0, 14, 28, 42, 56, 70]

    for _ in range(200):
        values = progress._outcome_values(rng, code, trajectory, offsets)
        scores = [answered(code, value, rng) for value in values]

        assert scoring.change_category(definition, scores[0], scores[-1]) == category, scores
