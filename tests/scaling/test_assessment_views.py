"""The promising-practice pages: who reads and who assesses, the form, the profile, the links."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lovende.scaling import promising
from lovende.scaling.models import PracticeAssessment
from tests.scaling.description_data import assess


def url(name, *args):
    return reverse(f"scaling:{name}", args=args)


@pytest.fixture
def assessed(lars, intervention):
    today = timezone.localdate()
    assess(lars, intervention, today - datetime.timedelta(days=182), score=2)
    return assess(lars, intervention, today, score=2, monitorering=4, virkning=3)


def test_it_shows_the_latest_profile_to_everyone_in_the_organisation(client_for, mette, assessed):
    response = client_for(mette).get(url("assessment_list", assessed.intervention_id))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-vega-spec="practice-profile"' in page
    assert "1 af 11 elementer er på plads." in page
    assert "Op siden sidst: Monitorering, Virkning." in page
    assert "Ny vurdering" not in page  # readers get no button


def test_it_links_each_element_to_its_evidence_in_lovende(client_for, mette, assessed):
    pk = assessed.intervention_id
    page = client_for(mette).get(url("assessment_list", pk)).content.decode()

    assert reverse("dashboards:intervention_overview", args=[pk]) in page
    assert reverse("reflection:intervention_forum_list", args=[pk]) in page
    assert f"{reverse('improvement:board')}?indsats={pk}" in page
    assert reverse("interventions:intervention_detail", args=[pk]) + "#udgifter" in page
    assert url("description_detail", pk) in page


def test_it_shows_an_earlier_assessment_against_the_one_before_it(client_for, mette, assessed):
    first = PracticeAssessment.objects.exclude(pk=assessed.pk).get()

    response = client_for(mette).get(url("assessment_detail", first.pk))

    assert response.status_code == 200
    assert "Du ser vurderingen fra" in response.content.decode()
    assert "Op siden sidst" not in response.content.decode()


def test_it_shows_an_empty_page_before_the_first_assessment(client_for, lars, intervention):
    response = client_for(lars).get(url("assessment_list", intervention.pk))

    assert response.status_code == 200
    assert "ikke vurderet endnu" in response.content.decode()
    assert "data-vega-spec" not in response.content.decode()


def test_it_hides_the_pages_from_another_organisation(client_for, karin, assessed):
    # covers ACL-04: the same answer as an intervention that does not exist
    client = client_for(karin)
    pk = assessed.intervention_id
    assert client.get(url("assessment_list", pk)).status_code == 404
    assert client.get(url("assessment_detail", assessed.pk)).status_code == 404
    assert client.get(url("create_assessment", pk)).status_code == 404
    assert client.post(url("create_assessment", pk), {}).status_code == 404


def test_it_refuses_readers_a_new_assessment(client_for, mette, intervention):
    assert client_for(mette).get(url("create_assessment", intervention.pk)).status_code == 403
    assert client_for(mette).post(url("create_assessment", intervention.pk), {}).status_code == 403


def test_it_sends_anonymous_visitors_to_login(client, assessed):
    response = client.get(url("assessment_detail", assessed.pk))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def form_data(day, **scores):
    data = {"assessed_on": day.isoformat(), "note": "Kvalitetsteamet vurderede sammen."}
    for key in promising.KEYS:
        data[f"score_{key}"] = str(scores.get(key, 3))
        data[f"evidence_{key}"] = f"Belæg for {key}"
        data[f"next_step_{key}"] = ""
    return data


def test_it_records_an_assessment_from_the_form(client_for, lars, intervention):
    client = client_for(lars)
    page = client.get(url("create_assessment", intervention.pk)).content.decode()
    assert page.count('class="scaling-practice-element') == 11
    assert reverse("dashboards:intervention_overview", args=[intervention.pk]) in page

    response = client.post(
        url("create_assessment", intervention.pk), form_data(timezone.localdate(), virkning=1)
    )

    saved = PracticeAssessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("assessment_detail", saved.pk)
    assert saved.scores.get(element="virkning").score == 1
    assert saved.note == "Kvalitetsteamet vurderede sammen."


def test_it_says_in_danish_which_score_is_missing_or_off_the_scale(client_for, lars, intervention):
    data = form_data(timezone.localdate(), maal=7)
    del data["score_oekonomi"]

    response = client_for(lars).post(url("create_assessment", intervention.pk), data)

    page = response.content.decode()
    assert response.status_code == 422
    assert "Vælg en score for Økonomi." in page
    assert "Scoren for Mål skal være et helt tal fra 1 til 4." in page
    assert not PracticeAssessment.objects.exists()


def test_the_form_carries_over_the_last_evidence_but_not_the_scores(client_for, lars, assessed):
    page = client_for(lars).get(url("create_assessment", assessed.intervention_id))

    content = page.content.decode()
    assert "Belæg monitorering" in content
    assert "Sidst: 4 · På plads" in content
    assert " checked" not in content


def test_the_pages_take_the_same_number_of_queries_however_many_assessments(
    client_for, lars, assessed
):
    client = client_for(lars)
    pk = assessed.intervention_id

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("assessment_list", pk)).status_code == 200
            assert client.get(url("assessment_detail", assessed.pk)).status_code == 200
        return len(queries)

    before = count()
    for days in (400, 300, 250):
        assess(lars, assessed.intervention, timezone.localdate() - datetime.timedelta(days=days))

    assert count() == before
