import re

import pytest
from django.urls import reverse

from lovende.interventions.models import Intervention
from tests.conftest import make_course

pytestmark = pytest.mark.django_db


def intervention_data(tree, **overrides):
    data = {
        "name": "Spædeteamet",
        "target_group": "Sårbare gravide og familier med spædbørn",
        "status": "pilot",
        "units": [tree.nord.pk],
        "description": "",
        "goals": "",
        "core_elements": "Tværfagligt team\nTidlig indsats",
    }
    return {**data, **overrides}


def test_it_lets_a_development_consultant_create_an_intervention(client_for, pia, tree):
    response = client_for(pia).post(
        reverse("interventions:create_intervention"), intervention_data(tree)
    )

    intervention = Intervention.objects.get(name="Spædeteamet")
    assert response.status_code == 302
    assert list(intervention.units.all()) == [tree.nord]


@pytest.mark.parametrize("persona", ["mette", "lars"])
def test_it_refuses_interventions_setup_to_other_roles(request, client_for, persona, tree):
    response = client_for(request.getfixturevalue(persona)).post(
        reverse("interventions:create_intervention"), intervention_data(tree)
    )

    assert response.status_code == 403
    assert not Intervention.objects.filter(name="Spædeteamet").exists()


def test_it_rejects_a_duplicate_name(client_for, pia, tree, intervention):
    response = client_for(pia).post(
        reverse("interventions:create_intervention"),
        intervention_data(tree, name="familiebehandling"),
    )

    assert response.status_code == 422
    assert "findes allerede en indsats" in response.content.decode()


def test_it_returns_404_for_an_intervention_in_another_organisation(
    client_for, karin, intervention
):
    assert (
        client_for(karin)
        .get(reverse("interventions:intervention_detail", args=[intervention.pk]))
        .status_code
        == 404
    )


def test_it_shows_leaders_suppressed_counts_per_unit_without_names(
    client_for, lars, mette, intervention, tree
):
    for i in range(6):
        make_course(mette, intervention, tree.nord, "Barn", f"Nordby{i}")
    make_course(mette, intervention, tree.nord, "Ekstra", "Nordby")
    sofie_course_count = 2
    for i in range(sofie_course_count):
        make_course(mette, intervention, tree.syd, "Barn", f"Sydby{i}")

    body = (
        client_for(lars)
        .get(reverse("interventions:intervention_detail", args=[intervention.pk]))
        .content.decode()
    )

    assert re.search(r"<td>\s*7\s*</td>", body)
    assert "&lt;5" in body
    assert "Nordby" not in body
