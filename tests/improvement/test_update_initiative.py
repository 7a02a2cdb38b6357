import pytest
from django.urls import reverse

from tests.improvement.conftest import in_days

pytestmark = pytest.mark.django_db


def update_url(initiative):
    return reverse("improvement:update_initiative", args=[initiative.pk])


def form_data(**overrides):
    data = {"title": "Mål hver gang", "aim": "ORS ved 95 %", "aim_date": in_days(120).isoformat()}
    return {**data, **overrides}


def test_it_lets_a_manager_change_the_answers(client_for, lars, initiative):
    response = client_for(lars).post(update_url(initiative), form_data(change_ideas="Huskeseddel"))

    initiative.refresh_from_db()
    assert response.status_code == 302
    assert (initiative.title, initiative.change_ideas) == ("Mål hver gang", "Huskeseddel")


def test_it_refuses_an_empty_aim_in_danish(client_for, lars, initiative):
    response = client_for(lars).post(update_url(initiative), form_data(aim=""))

    assert response.status_code == 422
    assert "Beskriv målet: Hvad vil I opnå?" in response.content.decode()


def test_it_refuses_an_employee_with_403(client_for, mette, initiative):
    assert client_for(mette).get(update_url(initiative)).status_code == 403
    assert client_for(mette).post(update_url(initiative), form_data()).status_code == 403


def test_it_answers_404_to_another_organisation(client_for, karin, initiative):
    assert client_for(karin).post(update_url(initiative), form_data()).status_code == 404


def test_it_shows_the_three_questions_to_everyone_in_the_organisation(
    client_for, mette, initiative
):
    url = reverse("improvement:initiative_detail", args=[initiative.pk])

    page = client_for(mette).get(url).content.decode()

    for text in ("Hvad vil vi opnå?", "Resultatmål", "Balancemål", "ORS ved 90 %"):
        assert text in page
    assert update_url(initiative) not in page


def test_it_hides_the_initiative_from_another_organisation(client_for, karin, initiative):
    url = reverse("improvement:initiative_detail", args=[initiative.pk])

    assert client_for(karin).get(url).status_code == 404
