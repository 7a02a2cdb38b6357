import pytest
from django.urls import reverse

from lovende.improvement.models import Initiative

pytestmark = pytest.mark.django_db


def status_url(initiative):
    return reverse("improvement:set_initiative_status", args=[initiative.pk])


def test_it_moves_the_card_and_returns_to_the_filtered_board(
    client_for, lars, initiative, intervention
):
    response = client_for(lars).post(
        status_url(initiative), {"status": "afproeves", "indsats": intervention.pk, "enhed": "x"}
    )

    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.TESTING
    assert response["Location"] == f"{reverse('improvement:board')}?indsats={intervention.pk}"


def test_it_returns_to_the_detail_page_when_asked(client_for, lars, initiative):
    response = client_for(lars).post(
        status_url(initiative), {"status": "opgivet", "fra": "detalje"}
    )

    assert response["Location"] == reverse("improvement:initiative_detail", args=[initiative.pk])


def test_it_keeps_the_status_on_an_unknown_value(client_for, lars, initiative):
    client_for(lars).post(status_url(initiative), {"status": "færdig"})

    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.IDEA


def test_it_refuses_an_employee_with_403(client_for, mette, initiative):
    response = client_for(mette).post(status_url(initiative), {"status": "afsluttet"})

    initiative.refresh_from_db()
    assert response.status_code == 403
    assert initiative.status == Initiative.Status.IDEA


def test_it_answers_404_to_another_organisation(client_for, karin, initiative):
    assert (
        client_for(karin).post(status_url(initiative), {"status": "afsluttet"}).status_code == 404
    )


def test_it_only_accepts_post(client_for, lars, initiative):
    assert client_for(lars).get(status_url(initiative)).status_code == 405
