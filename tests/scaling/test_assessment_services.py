"""Recording a promising-practice assessment: all eleven elements, scores 1–4, dated."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lovende.scaling import assessment, promising
from lovende.scaling.models import PracticeScore
from tests.scaling.description_data import all_scores, assess

TODAY = timezone.localdate


def test_it_records_a_score_evidence_and_next_step_for_each_element(lars, intervention):
    recorded = assess(lars, intervention, TODAY(), score=3, virkning=2)

    assert recorded.scores.count() == 11
    assert assessment.score_map(recorded)["virkning"] == 2
    assert recorded.scores.get(element="teori").evidence == "Belæg teori"


@pytest.mark.parametrize("bad", [0, 5, 2.5, "3", True])
def test_it_refuses_a_score_off_the_scale_in_danish(lars, intervention, bad):
    with pytest.raises(ValidationError) as error:
        assess(lars, intervention, TODAY(), maal=bad)

    assert error.value.message_dict["score_maal"] == [
        "Scoren for Mål skal være et helt tal fra 1 til 4."
    ]
    assert not PracticeScore.objects.exists()


def test_it_refuses_an_assessment_with_an_element_missing(lars, intervention):
    scores = all_scores()
    del scores["oekonomi"]

    with pytest.raises(ValidationError) as error:
        assessment.record_assessment(
            by=lars, intervention=intervention, assessed_on=TODAY(), scores=scores
        )

    assert error.value.message_dict["score_oekonomi"] == ["Vælg en score for Økonomi."]


def test_it_refuses_an_unknown_element(lars, intervention):
    scores = all_scores() | {"hygge": {"score": 4}}

    with pytest.raises(ValidationError) as error:
        assessment.record_assessment(
            by=lars, intervention=intervention, assessed_on=TODAY(), scores=scores
        )

    assert "Ukendte elementer: hygge." in error.value.messages


def test_it_refuses_a_date_in_the_future(lars, intervention):
    with pytest.raises(ValidationError) as error:
        assess(lars, intervention, TODAY() + datetime.timedelta(days=1))

    assert error.value.message_dict["assessed_on"] == [
        "Datoen for vurderingen kan ikke ligge i fremtiden."
    ]


def test_it_refuses_another_organisations_intervention(karin, intervention):
    with pytest.raises(ValidationError):
        assess(karin, intervention, TODAY())


def test_repeated_assessments_are_kept_side_by_side(lars, intervention):
    first = assess(lars, intervention, TODAY() - datetime.timedelta(days=180), score=2)
    second = assess(lars, intervention, TODAY(), score=3)

    assert list(intervention.practice_assessments.all()) == [second, first]
    change = promising.change_since(assessment.score_map(second), assessment.score_map(first))
    assert len(change.improved) == 11
