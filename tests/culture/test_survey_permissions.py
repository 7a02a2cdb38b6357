"""Who reaches the survey pages: other organisations 404, employees 403 on leaders' actions."""

import pytest
from django.urls import reverse

from lovende.culture import survey_services
from lovende.culture.permissions import survey_link_token

pytestmark = pytest.mark.django_db

READ_PAGES = ["culture:survey_list", "culture:leader_reflection"]


@pytest.mark.parametrize("name", READ_PAGES)
@pytest.mark.parametrize("persona", ["mette", "lars", "ida", "karin"])
def test_it_shows_the_survey_pages_to_everyone_in_an_organisation(
    request, client_for, name, persona
):
    user = request.getfixturevalue(persona)

    assert client_for(user).get(reverse(name)).status_code == 200


def test_it_answers_404_to_another_organisation(client_for, karin, lars, culture_round):
    # covers ACL-04
    survey_services.close_survey_round(by=lars, survey=culture_round)
    urls = [
        reverse("culture:survey_detail", args=[culture_round.pk]),
        reverse("culture:answer_survey", args=[culture_round.pk]),
        reverse("culture:close_survey_round", args=[culture_round.pk]),
        reverse("culture:export_survey_results", args=[culture_round.pk]),
        reverse("culture:record_self_assessment", args=[culture_round.pk]),
        reverse("culture:survey_link", args=[survey_link_token(culture_round, karin)]),
        reverse("culture:shared_reflection", args=[lars.pk]),
    ]

    for url in urls:
        assert client_for(karin).get(url).status_code in (404, 405), url
        assert client_for(karin).post(url).status_code == 404, url
    assert (
        culture_round.title
        not in client_for(karin).get(reverse("culture:survey_list")).content.decode()
    )


def test_it_lets_the_unit_and_its_leaders_read_a_culture_round(
    client_for, lars, mette, hanne, pia, culture_round
):
    url = reverse("culture:survey_detail", args=[culture_round.pk])

    for user in (lars, mette, hanne, pia):
        assert client_for(user).get(url).status_code == 200, user


def test_it_answers_404_to_a_sibling_unit(client_for, sofie, culture_round):
    url = reverse("culture:survey_detail", args=[culture_round.pk])

    assert client_for(sofie).get(url).status_code == 404


def test_it_lets_only_the_leaders_close_a_round(client_for, hanne, mette, culture_round):
    url = reverse("culture:close_survey_round", args=[culture_round.pk])

    assert client_for(mette).post(url).status_code == 403
    assert client_for(hanne).post(url).status_code == 302
    culture_round.refresh_from_db()
    assert culture_round.is_closed
