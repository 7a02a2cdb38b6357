"""Reading a survey round writes nothing, also when it is past its closing date (CSRF-01).

The security review found that a GET on the results page closed a due round and rewrote its
rows. Now the page computes the state on read: an expired round takes no answers and shows no
results until ``close_survey_rounds`` (nightly) or the leader's POST «Luk runden» closes it.
"""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lovende.culture.models import SurveyRound
from tests.culture.conftest import answer

pytestmark = pytest.mark.django_db

EXPIRED = "Runden er udløbet og lukkes i nat, eller når lederen lukker den."


def _rows():
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_app_config("culture").get_models()
    }


@pytest.fixture
def expired_round(lars, culture_round, nord_team):
    for person in nord_team:
        answer(culture_round, person, comment=f"Fra {person.first_name}")
    SurveyRound.objects.filter(pk=culture_round.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    culture_round.refresh_from_db()
    return culture_round


@pytest.mark.parametrize(
    "route", ["culture:survey_detail", "culture:export_survey_results", "culture:answer_survey"]
)
def test_reading_an_expired_round_writes_nothing(client_for, lars, mette, expired_round, route):
    # covers CSRF-01: the review's finding, every culture row identical before and after
    before = _rows()

    for user in (lars, mette):
        client_for(user).get(reverse(route, args=[expired_round.pk]))

    assert _rows() == before
    expired_round.refresh_from_db()
    assert not expired_round.is_closed


def test_the_page_says_the_round_has_expired_and_shows_no_results(client_for, lars, expired_round):
    response = client_for(lars).get(reverse("culture:survey_detail", args=[expired_round.pk]))

    body = response.content.decode()
    assert EXPIRED in body
    assert "Udløbet" in body
    assert "distribution-spec" not in body
    assert "Fra Mette" not in body
    assert 'name="csrfmiddlewaretoken"' in body  # «Luk runden» is still offered, as a POST


def test_an_expired_round_takes_no_answer(client_for, mette, culture_round):
    SurveyRound.objects.filter(pk=culture_round.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )

    response = client_for(mette).get(reverse("culture:answer_survey", args=[culture_round.pk]))

    assert response.status_code == 403
    assert "Runden er lukket, så der kan ikke længere svares." in response.content.decode()


def test_the_nightly_command_closes_it_and_the_results_appear(client_for, lars, expired_round):
    call_command("close_survey_rounds", stdout=io.StringIO())

    response = client_for(lars).get(reverse("culture:survey_detail", args=[expired_round.pk]))

    body = response.content.decode()
    assert EXPIRED not in body
    assert "5 har svaret." in body
    assert "Fra Mette" in body


def test_the_leaders_post_closes_it(client_for, lars, expired_round):
    client_for(lars).post(reverse("culture:close_survey_round", args=[expired_round.pk]))

    expired_round.refresh_from_db()
    assert expired_round.is_closed
