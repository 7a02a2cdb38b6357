import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lovende.improvement import services
from lovende.interventions import services as intervention_services
from tests.improvement.conftest import make_initiative

pytestmark = pytest.mark.django_db

BOARD = reverse("improvement:board")
FILTER_ERROR = "Filteret kunne ikke bruges"


def test_it_shows_one_column_per_status_with_the_cards(client_for, mette, lars, initiative, tree):
    services.set_initiative_status(by=lars, initiative=initiative, status="implementeres")

    page = client_for(mette).get(BOARD).content.decode()

    for column in ("Idé", "Planlagt", "Afprøves", "Implementeres", "Afsluttet", "Opgivet"):
        assert f">{column} <" in page
    assert "Mål ved hver session" in page
    assert "Familiebehandling" in page


def test_it_offers_the_status_change_to_managers_only(client_for, mette, lars, initiative):
    action = reverse("improvement:set_initiative_status", args=[initiative.pk])

    assert action in client_for(lars).get(BOARD).content.decode()
    assert action not in client_for(mette).get(BOARD).content.decode()


def test_it_filters_by_unit_subtree(client_for, lars, intervention, tree):
    make_initiative(lars, intervention, title="Nord-tiltag", unit=tree.nord)
    make_initiative(lars, intervention, title="Syd-tiltag", unit=tree.syd)

    page = client_for(lars).get(BOARD, {"enhed": tree.nord.pk}).content.decode()

    assert "Nord-tiltag" in page
    assert "Syd-tiltag" not in page


def test_it_filters_by_intervention(client_for, lars, tree, initiative):
    other = intervention_services.save_intervention(
        organisation=tree.organisation,
        name="Skolestøtte",
        target_group="Skolebørn",
        units=[tree.department],
        professional_groups=[],
        status="etableret",
    )

    page = client_for(lars).get(BOARD, {"indsats": other.pk}).content.decode()

    assert "Mål ved hver session" not in page
    assert FILTER_ERROR not in page


@pytest.mark.parametrize("query", [{"indsats": "abc"}, {"enhed": "999999"}, {"indsats": "-1"}])
def test_it_explains_an_unknown_filter_and_shows_everything(client_for, lars, initiative, query):
    response = client_for(lars).get(BOARD, query)

    assert response.status_code == 200
    assert FILTER_ERROR in response.content.decode()
    assert "Mål ved hver session" in response.content.decode()


def test_it_refuses_another_organisations_intervention_as_a_filter(
    client_for, karin, intervention, initiative
):
    page = client_for(karin).get(BOARD, {"indsats": intervention.pk}).content.decode()

    assert FILTER_ERROR in page
    assert "Mål ved hver session" not in page


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(BOARD).status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["lars", "ida"])
def test_it_uses_the_same_number_of_queries_for_1_and_20_initiatives(
    request, client_for, lars, intervention, tree, persona
):
    client = client_for(request.getfixturevalue(persona))
    make_initiative(lars, intervention, unit=tree.nord)
    one = count_queries(client)

    for number in range(19):
        make_initiative(lars, intervention, title=f"Tiltag {number}", unit=tree.syd)
    twenty = count_queries(client)

    assert one == twenty


def test_it_collapses_the_closed_columns_to_a_count_and_a_link(client_for, lars, intervention):
    done = make_initiative(lars, intervention, title="Afsluttet tiltag")
    services.set_initiative_status(by=lars, initiative=done, status="afsluttet")
    make_initiative(lars, intervention, title="Aktivt tiltag")
    client = client_for(lars)

    page = client.get(BOARD, {"indsats": intervention.pk}).content.decode()
    shown = client.get(BOARD, {"indsats": intervention.pk, "lukkede": "vis"}).content.decode()

    assert "Aktivt tiltag" in page
    assert "Afsluttet tiltag" not in page
    assert f'href="?indsats={intervention.pk}&amp;lukkede=vis">Vis 1 tiltag<' in page
    assert "Afsluttet tiltag" in shown
    assert "Aktivt tiltag" in shown
    assert f'href="?indsats={intervention.pk}">Skjul tiltagene<' in shown
    assert 'name="lukkede" value="vis"' in shown  # the filter form keeps the closed columns open


def test_a_card_shows_its_place_and_aim_and_keeps_the_filter_when_moved(
    client_for, lars, intervention, tree
):
    initiative = make_initiative(lars, intervention, unit=tree.nord)
    action = reverse("improvement:set_initiative_status", args=[initiative.pk])
    detail = reverse("improvement:initiative_detail", args=[initiative.pk])

    page = client_for(lars).get(BOARD, {"indsats": intervention.pk}).content.decode()

    assert f'<a href="{detail}">Mål ved hver session</a>' in page
    assert f"Familiebehandling · {tree.nord.name}<br>Mål senest {initiative.aim_date.day}." in page
    form = page[page.index(f'action="{action}"') :]
    assert f'<input type="hidden" name="indsats" value="{intervention.pk}">' in form[:400]
    assert '<option value="ide" selected>Idé</option>' in form
    assert ">Status for Mål ved hver session</label>" in form
