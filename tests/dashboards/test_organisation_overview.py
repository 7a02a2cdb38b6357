"""The organisation dashboard: interventions side by side and by half-year (see conftest)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lovende.interventions import services as intervention_services
from tests.conftest import make_course
from tests.dashboards.test_intervention_overview import sheets, text_of

pytestmark = pytest.mark.django_db
URL = "/overblik/organisation/"


@pytest.fixture
def small_intervention(tree, mette, ors):
    """A second intervention for the same target group with three citizens in Nord."""
    intervention = intervention_services.save_intervention(
        organisation=tree.organisation, name="Forældrekursus",
        target_group="Familier med børn 0-17 år", units=[tree.department],
        professional_groups=[], status="pilot",
    )  # fmt: skip
    for number in range(3):
        make_course(mette, intervention, tree.nord, "Kursist", f"Nummer{number}")
    return intervention


@pytest.mark.parametrize(("persona", "status"), [("lars", 200), ("ida", 200), ("mette", 404), ("sofie", 404), ("karin", 404)])  # fmt: skip
def test_it_is_for_leaders_consultants_and_administrators(client_for, request, persona, status):
    client = client_for(request.getfixturevalue(persona))

    assert client.get(URL).status_code == status
    assert client.get(URL + "excel/").status_code == status


def test_it_shows_each_intervention_with_the_figures_computed_by_hand(
    client_for, ida, caseload, small_intervention
):
    book = sheets(client_for(ida).get(URL + "excel/"))

    rows = {row[0]: row for row in book["Indsatser"][1:]}
    header = book["Indsatser"][0]
    family = dict(zip(header, rows["Familiebehandling"], strict=True))
    assert family["Borgere"] == 8
    assert family["Pålideligt forbedret (%)"] == 57.1
    assert family["Seneste borgerfeedback om samarbejdet (SRS/CSRS), gennemsnit"] == 37.0
    assert rows["Forældrekursus"][3] == "færre end 5"


def test_it_shows_half_years_and_hides_those_of_a_small_intervention(
    client_for, ida, caseload, small_intervention
):
    book = sheets(client_for(ida).get(URL + "excel/"))

    rows = book["Udvikling"][1:]
    assert ["Familiebehandling", "2025, 1. halvår", 8, 57.1] in rows
    assert ["Forældrekursus", "2025, 1. halvår", "færre end 5", "–"] in rows  # none measured


def test_it_shows_the_same_figures_on_the_page(client_for, ida, caseload, small_intervention):
    body = text_of(client_for(ida).get(URL))

    assert (
        "Familiebehandling Familier med børn 0-17 år ORS – Outcome Rating Scale (voksne) 8 8 8"
        in body
    )
    assert "Forældrekursus Familier med børn 0-17 år" in body
    assert "færre end 5" in body


def test_it_filters_on_a_target_group_and_explains_an_unknown_one(client_for, ida, caseload):
    known = client_for(ida).get(URL, {"maalgruppe": "Familier med børn 0-17 år"})
    unknown = client_for(ida).get(URL, {"maalgruppe": "Ingen sådan"})

    assert "Familiebehandling" in text_of(known)
    assert unknown.status_code == 200
    assert "Målgruppen findes ikke" in text_of(unknown)


def test_it_shows_an_honest_empty_state(client_for, ida, intervention):
    response = client_for(ida).get(URL)

    assert response.status_code == 200
    assert "Der er ingen forløb i indsatserne" in text_of(response)


def test_it_runs_the_same_number_of_queries_for_1_and_20_courses(
    client_for, ida, mette, tree, intervention, ors, srs
):
    client = client_for(ida)
    make_course(mette, intervention, tree.nord)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)

    for number in range(19):
        make_course(mette, intervention, tree.nord, "Borger", f"Nummer{number}")
    with CaptureQueriesContext(connection) as twenty:
        client.get(URL)

    assert len(one) == len(twenty)
