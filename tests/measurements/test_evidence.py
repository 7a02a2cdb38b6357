from lovende.measurements.evidence import weigh

OUTCOMES = [
    ("ORS", "outcome", "improved"),
    ("WHO-5", "outcome", "unchanged"),
    ("SRS", "alliance", ""),
    ("Progressionshjul", "outcome", "improved"),
]


def test_it_splits_outcomes_into_supporting_and_not_supporting():
    evidence = weigh("improving", OUTCOMES)

    assert evidence.supporting == [("ORS", "improved"), ("Progressionshjul", "improved")]
    assert evidence.not_supporting == [("WHO-5", "unchanged")]


def test_it_reads_a_stable_assessment_against_unchanged_data():
    evidence = weigh("stable", OUTCOMES)

    assert evidence.supporting == [("WHO-5", "unchanged")]
    assert len(evidence.not_supporting) == 2


def test_it_never_weighs_alliance_scales_or_missing_categories():
    evidence = weigh("worsening", [("SRS", "alliance", "deteriorated"), ("GAS", "goals", "")])

    assert evidence.supporting == []
    assert evidence.not_supporting == []
