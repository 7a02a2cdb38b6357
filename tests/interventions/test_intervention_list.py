"""The intervention list: every intervention of the organisation, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lovende.interventions import services
from lovende.organisation.models import ProfessionalGroup

pytestmark = pytest.mark.django_db

# Session, user, role checks and the session save come with every page; the list itself is
# the interventions plus one prefetch each for units and professional groups (API-02: no N+1).
MAX_QUERIES = 14


def add_interventions(tree, names: list[str], groups: list[ProfessionalGroup]) -> None:
    for name in names:
        services.save_intervention(
            organisation=tree.organisation,
            name=name,
            target_group="Familier",
            status="pilot",
            units=[tree.nord, tree.syd],
            professional_groups=groups,
        )


def list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("interventions:intervention_list"))
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def psychologists(tree) -> ProfessionalGroup:
    return ProfessionalGroup.objects.create(organisation=tree.organisation, name="Psykolog")


def test_it_lists_the_interventions_with_their_units_and_groups(
    client_for, lars, tree, psychologists
):
    add_interventions(tree, ["Spædeteamet", "Familiehuset"], [psychologists])

    page = client_for(lars).get(reverse("interventions:intervention_list")).content.decode()

    assert "Spædeteamet" in page
    assert "Familiehuset" in page
    assert "Familiebehandling Nord, Familiebehandling Syd" in page
    assert "Psykolog" in page


def test_it_lists_ten_interventions_in_as_few_queries_as_one(client_for, lars, tree, psychologists):
    client = client_for(lars)
    add_interventions(tree, ["Indsats 0"], [psychologists])
    one = list_queries(client)

    add_interventions(tree, [f"Indsats {n}" for n in range(1, 10)], [psychologists])
    ten = list_queries(client)

    assert ten == one
    assert ten <= MAX_QUERIES
