"""Answering a survey: once, while open, only for one's own unit, only 1–5 (issue 6, bad input)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lovende.culture import survey_services
from lovende.culture.models import AnswerTally, Participation, SurveyComment, SurveyRound
from tests.culture.conftest import answer

pytestmark = pytest.mark.django_db


def _post(client, survey, value="4", **extra):
    data = {f"item_{item.pk}": value for item in survey.items.all()}
    return client.post(reverse("culture:answer_survey", args=[survey.pk]), {**data, **extra})


def _counts(survey):
    return sorted(AnswerTally.objects.filter(item__round=survey).values_list("value", "count"))


def test_it_records_that_someone_answered_and_adds_to_the_counters(mette, culture_round):
    answer(culture_round, mette, value=4, comment="Godt samarbejde.")

    assert Participation.objects.filter(round=culture_round, user=mette).exists()
    assert _counts(culture_round) == [(1, 0), (2, 0), (3, 0), (4, 1), (5, 0)]
    assert culture_round.respondents.get().count == 1
    assert SurveyComment.objects.get().text == "Godt samarbejde."


def test_it_answers_from_the_page_and_thanks(client_for, mette, culture_round):
    response = _post(client_for(mette), culture_round, comment="Tak")

    assert response.status_code == 302
    assert response["Location"] == reverse("culture:overview")
    assert _counts(culture_round)[3] == (4, 1)


def test_it_refuses_answering_twice(client_for, mette, culture_round):
    answer(culture_round, mette)

    with pytest.raises(ValidationError, match="Du har allerede svaret"):
        answer(culture_round, mette)
    response = _post(client_for(mette), culture_round)

    assert response.status_code == 403
    assert "Du har allerede svaret" in response.content.decode()
    assert culture_round.respondents.get().count == 1
    assert _counts(culture_round)[3] == (4, 1)


def test_it_refuses_answering_a_closed_round(client_for, lars, mette, culture_round):
    survey_services.close_survey_round(by=lars, survey=culture_round)

    response = _post(client_for(mette), culture_round)

    assert response.status_code == 403
    assert "Runden er lukket" in response.content.decode()
    assert not Participation.objects.exists()


def test_it_refuses_a_round_whose_closing_date_has_passed(mette, culture_round):
    SurveyRound.objects.filter(pk=culture_round.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    culture_round.refresh_from_db()

    with pytest.raises(ValidationError, match="Runden er lukket"):
        answer(culture_round, mette)


def test_it_refuses_an_employee_of_another_unit(client_for, sofie, culture_round):
    # covers ACL-02: not eligible and not allowed to see the round, so it does not exist for her
    response = _post(client_for(sofie), culture_round)

    assert response.status_code == 404
    assert culture_round.title not in response.content.decode()
    assert not Participation.objects.exists()
    with pytest.raises(ValidationError, match="Den er for dem, der havde en rolle i Familieb"):
        answer(culture_round, sofie)


def test_it_refuses_the_questionnaire_page_to_another_unit(client_for, sofie, culture_round):
    response = client_for(sofie).get(reverse("culture:answer_survey", args=[culture_round.pk]))

    assert response.status_code == 404


def test_it_answers_404_to_another_organisation(client_for, karin, culture_round):
    # covers ACL-04
    response = _post(client_for(karin), culture_round)

    assert response.status_code == 404
    assert not Participation.objects.exists()


@pytest.mark.parametrize("value", ["0", "6", "-1", "3.5", "fem", ""])
def test_it_refuses_a_value_outside_one_to_five_in_the_form(
    client_for, mette, culture_round, value
):
    response = _post(client_for(mette), culture_round, value=value)

    assert response.status_code == 422
    assert "Vælg et tal fra 1 til 5." in response.content.decode()
    assert not Participation.objects.exists()


@pytest.mark.parametrize("value", [0, 6, 3.5, "4", True, None])
def test_it_refuses_a_value_outside_one_to_five_in_the_service(mette, culture_round, value):
    answers = {item.pk: value for item in culture_round.items.all()}

    with pytest.raises(ValidationError, match="et tal fra 1 til 5"):
        survey_services.answer_survey(by=mette, survey=culture_round, answers=answers)

    assert not Participation.objects.exists()
    assert set(AnswerTally.objects.values_list("count", flat=True)) == {0}


def test_it_refuses_answers_to_items_of_another_round(lars, mette, tree, culture_round):
    other = survey_services.open_feedback_round(  # another kind: it may be open meanwhile
        by=lars, unit=tree.nord, title="Anden", closes_on=culture_round.closes_on
    )
    answers = {item.pk: 3 for item in other.items.all()}

    with pytest.raises(ValidationError):
        survey_services.answer_survey(by=mette, survey=culture_round, answers=answers)

    assert not Participation.objects.exists()


def test_it_refuses_a_partial_answer(lars, mette, tree, landmark, culture_round):
    with pytest.raises(ValidationError, match="Svar på alle udsagn"):
        survey_services.answer_survey(by=mette, survey=culture_round, answers={})


def test_it_refuses_an_overlong_comment(mette, culture_round):
    with pytest.raises(ValidationError):
        answer(culture_round, mette, comment="x" * (SurveyComment.MAX_TEXT_LENGTH + 1))

    assert not Participation.objects.exists()


def test_it_lists_the_open_round_under_my_surveys_until_answered(client_for, mette, culture_round):
    before = client_for(mette).get(reverse("culture:overview")).content.decode()
    answer(culture_round, mette)
    after = client_for(mette).get(reverse("culture:overview")).content.decode()

    url = reverse("culture:answer_survey", args=[culture_round.pk])
    assert "Mine spørgeskemaer" in before
    assert url in before
    assert url not in after
    assert "Du har svaret" in after


def test_it_does_not_list_the_round_for_another_unit(client_for, sofie, culture_round):
    overview = client_for(sofie).get(reverse("culture:overview")).content.decode()

    assert reverse("culture:answer_survey", args=[culture_round.pk]) not in overview
    assert "Du har ingen åbne spørgeskemaer." in overview
