"""The personal survey link: a signed deep link that still needs the person's own login."""

import datetime

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from lovende.culture.permissions import LINK_SALT, survey_link_token

pytestmark = pytest.mark.django_db


def _link(token):
    return reverse("culture:survey_link", args=[token])


def test_it_leads_the_person_to_their_questionnaire(client_for, mette, culture_round):
    response = client_for(mette).get(_link(survey_link_token(culture_round, mette)))

    assert response.status_code == 302
    assert response["Location"] == reverse("culture:answer_survey", args=[culture_round.pk])


def test_it_sends_an_anonymous_visitor_to_login_first(client, mette, culture_round):
    response = client.get(_link(survey_link_token(culture_round, mette)))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_refuses_another_persons_link_with_403(client_for, mette, nord_team, culture_round):
    anna = nord_team[1]

    response = client_for(anna).get(_link(survey_link_token(culture_round, mette)))

    assert response.status_code == 403
    assert "Linket er personligt og hører til en anden medarbejder" in response.content.decode()


@pytest.mark.parametrize(
    "token",
    ["gaet", "1", "eyJyIjoxLCJ1IjoxfQ:1tAAAA:abcdef", "x" * 300],
)
def test_it_answers_404_to_a_guessed_link(client_for, mette, culture_round, token):
    assert client_for(mette).get(_link(token)).status_code == 404


def test_it_answers_404_to_a_tampered_link(client_for, mette, culture_round):
    token = survey_link_token(culture_round, mette)
    payload, _, signature = token.rpartition(":")
    tampered = f"{payload}:{signature[::-1]}"

    assert client_for(mette).get(_link(tampered)).status_code == 404


def test_it_answers_404_to_a_link_signed_for_something_else(client_for, mette, culture_round):
    token = signing.dumps(
        {"r": culture_round.pk, "u": mette.pk, "e": "2999-01-01"}, salt="another.purpose"
    )

    assert client_for(mette).get(_link(token)).status_code == 404


def test_it_answers_404_to_an_expired_link(client_for, mette, culture_round):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    token = signing.dumps(
        {"r": culture_round.pk, "u": mette.pk, "e": yesterday.isoformat()},
        salt=LINK_SALT,
        compress=True,
    )

    assert client_for(mette).get(_link(token)).status_code == 404


def test_it_answers_404_to_a_link_into_another_organisation(client_for, karin, culture_round):
    # covers ACL-04
    token = signing.dumps(
        {"r": culture_round.pk, "u": karin.pk, "e": culture_round.closes_on.isoformat()},
        salt=LINK_SALT,
        compress=True,
    )

    assert client_for(karin).get(_link(token)).status_code == 404
