import pytest
from django.urls import reverse

from lovende.improvement.models import Initiative
from lovende.reflection.models import DevelopmentPoint
from tests.improvement.conftest import in_days

pytestmark = pytest.mark.django_db


def point_url(point):
    return reverse("improvement:create_initiative_from_point", args=[point.pk])


def test_it_prefills_the_form_from_the_development_point(client_for, lars, point):
    page = client_for(lars).get(point_url(point)).content.decode()

    assert 'value="Flere målinger i opstarten"' in page
    assert "Vi måler for sjældent de første uger." in page


def test_it_creates_the_initiative_and_sets_the_point_in_progress(
    client_for, lars, point, intervention
):
    data = {"title": point.title, "aim": "ORS i de første 3 sessioner", "aim_date": in_days(30)}

    response = client_for(lars).post(point_url(point), data)

    initiative = Initiative.objects.get()
    point.refresh_from_db()
    assert response.status_code == 302
    assert (initiative.intervention, initiative.development_point) == (intervention, point)
    assert point.status == DevelopmentPoint.Status.IN_PROGRESS


def test_it_refuses_an_employee_with_403(client_for, mette, point):
    response = client_for(mette).post(point_url(point), {"title": "X", "aim": "Y"})

    point.refresh_from_db()
    assert response.status_code == 403
    assert point.status == DevelopmentPoint.Status.OPEN


def test_it_answers_404_to_another_organisation(client_for, karin, point):
    assert client_for(karin).get(point_url(point)).status_code == 404


def test_it_offers_the_button_on_the_intervention_pages(client_for, lars, point, intervention):
    pages = [
        reverse("improvement:intervention_team_list", args=[intervention.pk]),
        reverse("reflection:intervention_forum_list", args=[intervention.pk]),
    ]

    for url in pages:
        assert point_url(point) in client_for(lars).get(url).content.decode()
