"""Opening and closing culture survey rounds: copied statements, the threshold, who may open."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lovende.culture import services, survey_services
from lovende.culture.models import AnswerTally, RespondentTally, SurveyRound
from tests.culture.conftest import answer

pytestmark = pytest.mark.django_db

IN_TWO_WEEKS = timezone.localdate() + datetime.timedelta(days=14)


def test_it_copies_the_landmark_statements_into_the_round(culture_round, landmark):
    statement = landmark.statements.get()

    services.update_statement(by=culture_round.opened_by, statement=statement, text="Ny ordlyd.")

    item = culture_round.items.get()
    assert (item.theme, item.text) == (
        "Effektivt teamsamarbejde",
        "Teamet er større end de enkelte medlemmer.",
    )
    assert item.statement == statement


def test_it_creates_every_counter_at_zero_when_the_round_opens(culture_round):
    assert AnswerTally.objects.filter(item__round=culture_round).count() == 5
    assert set(AnswerTally.objects.values_list("count", flat=True)) == {0}
    assert RespondentTally.objects.get(round=culture_round).count == 0


def test_it_refuses_a_unit_with_fewer_people_than_the_threshold(lars, tree, landmark, sofie):
    with pytest.raises(ValidationError) as error:
        survey_services.open_survey_round(
            by=lars, unit=tree.syd, title="Syd", closes_on=IN_TWO_WEEKS
        )

    assert "Der er kun 1, der kan svare, i Familiebehandling Syd" in str(error.value)
    assert "mindst 5" in str(error.value)
    assert not SurveyRound.objects.exists()


def test_it_refuses_a_unit_without_landmark_statements(lars, tree, nord_team):
    with pytest.raises(ValidationError, match="ingen pejlemærker med udsagn"):
        survey_services.open_survey_round(
            by=lars, unit=tree.nord, title="Nord", closes_on=IN_TWO_WEEKS
        )


def test_it_never_sets_the_threshold_below_three(settings, culture_round, lars, tree):
    settings.LOVENDE_SURVEY_MIN_ANSWERS = 1
    survey_services.close_survey_round(by=lars, survey=culture_round)  # not two open at once

    survey = survey_services.open_survey_round(
        by=lars, unit=tree.nord, title="Igen", closes_on=IN_TWO_WEEKS
    )

    assert survey.threshold == 3


def test_it_opens_a_round_from_the_form(client_for, lars, tree, landmark, nord_team):
    data = {"unit": tree.nord.pk, "title": "Kulturmåling vinter", "closes_on": IN_TWO_WEEKS}

    response = client_for(lars).post(reverse("culture:open_survey_round"), data)

    survey = SurveyRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("culture:survey_detail", args=[survey.pk])
    assert survey.kind == SurveyRound.Kind.CULTURE


def test_it_shows_the_too_few_message_on_the_form(client_for, lars, tree, landmark, sofie):
    data = {"unit": tree.syd.pk, "title": "Syd", "closes_on": IN_TWO_WEEKS}

    response = client_for(lars).post(reverse("culture:open_survey_round"), data)

    assert response.status_code == 422
    assert "Vælg en større enhed" in response.content.decode()


def test_it_refuses_an_employee_opening_a_round_with_403(client_for, mette, tree, landmark):
    data = {"unit": tree.nord.pk, "title": "Min runde", "closes_on": IN_TWO_WEEKS}

    assert client_for(mette).get(reverse("culture:open_survey_round")).status_code == 403
    assert client_for(mette).post(reverse("culture:open_survey_round"), data).status_code == 403


def test_it_refuses_an_employee_closing_a_round_with_403(client_for, mette, culture_round):
    response = client_for(mette).post(
        reverse("culture:close_survey_round", args=[culture_round.pk])
    )

    assert response.status_code == 403
    culture_round.refresh_from_db()
    assert not culture_round.is_closed


def test_it_leaves_a_due_round_open_when_its_page_is_read(client_for, lars, culture_round):
    # covers CSRF-01: a GET never writes; the nightly command or the leader's POST closes it
    SurveyRound.objects.filter(pk=culture_round.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )

    response = client_for(lars).get(reverse("culture:survey_detail", args=[culture_round.pk]))

    culture_round.refresh_from_db()
    assert not culture_round.is_closed
    assert "Runden er udløbet og lukkes i nat, eller når lederen lukker den." in (
        response.content.decode()
    )


def test_it_closes_due_rounds_in_one_call(culture_round):
    tomorrow = timezone.localdate() + datetime.timedelta(days=15)

    assert survey_services.close_due_rounds(today=tomorrow) == 1

    culture_round.refresh_from_db()
    assert culture_round.status == SurveyRound.Status.CLOSED


def test_it_keeps_the_answers_when_closing_twice(lars, culture_round, nord_team):
    for user in nord_team:
        answer(culture_round, user, comment=f"Kommentar fra {user.first_name}")

    survey_services.close_survey_round(by=lars, survey=culture_round)
    survey_services.close_survey_round(by=lars, survey=culture_round)

    assert culture_round.participations.count() == 5
    assert culture_round.comments.count() == 5


def test_the_command_closes_due_rounds_once(culture_round):
    SurveyRound.objects.filter(pk=culture_round.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    first, second = io.StringIO(), io.StringIO()

    call_command("close_survey_rounds", stdout=first)
    call_command("close_survey_rounds", stdout=second)

    assert first.getvalue().strip() == "1 spørgeskemarunder lukket."
    assert second.getvalue().strip() == "0 spørgeskemarunder lukket."
