"""Scaling plans: the list, a new plan with its frame filled in from the description, and who
may create and change one."""

import pytest
from django.urls import reverse

from lovende.scaling import plans
from lovende.scaling.models import ScalingPlan

pytestmark = pytest.mark.django_db


def create_url(intervention):
    return f"{reverse('scaling:create_plan')}?indsats={intervention.pk}"


def test_it_fills_the_frame_in_from_the_core_and_adaptable_elements(
    client_for, lars, intervention, elements
):
    page = client_for(lars).get(create_url(intervention)).content.decode()

    assert "ORS og SRS i hver samtale" in page
    assert "Sessionslængde" in page
    assert "Ændringer, der berører et kerneelement, afgøres af kvalitetsteamet." in page


def test_it_lets_a_manager_create_a_plan(client_for, lars, intervention, tree, quality_team):
    data = {
        "name": "Til hele afdelingen",
        "pilot_units": [tree.nord.pk],
        "fixed": "ORS/SRS",
        "free": "Mødested",
        "decides": "Lederen",
        "quality_team": quality_team.pk,
    }

    response = client_for(lars).post(create_url(intervention), data)

    plan = ScalingPlan.objects.get()
    assert response["Location"] == reverse("scaling:plan_detail", args=[plan.pk])
    assert list(plan.pilot_units.all()) == [tree.nord]
    assert plan.quality_team == quality_team


def test_it_requires_a_pilot_unit_with_422(client_for, lars, intervention):
    data = {"name": "Uden pilot", "pilot_units": []}

    response = client_for(lars).post(create_url(intervention), data)

    assert response.status_code == 422
    assert "Vælg mindst én pilotenhed" in response.content.decode()


def test_it_refuses_a_pilot_unit_that_does_not_deliver_the_intervention(lars, intervention, tree):
    other = tree.root

    with pytest.raises(plans.ValidationError, match="leveres ikke"):
        plans.create_plan(by=lars, intervention=intervention, name="X", pilot_units=[other])


def test_it_refuses_an_employee_a_new_plan_with_403(client_for, mette, intervention):
    response = client_for(mette).get(create_url(intervention))

    assert response.status_code == 403


def test_it_hides_another_organisations_intervention_with_404(client_for, karin, intervention):
    # covers ACL-04
    response = client_for(karin).get(create_url(intervention))

    assert response.status_code == 404


def test_it_shows_plans_to_every_reader(client_for, mette, plan):
    # covers ACL-02: scaling plans are about practice, everyone in the organisation reads them
    listing = client_for(mette).get(reverse("scaling:plan_list"))
    detail = client_for(mette).get(reverse("scaling:plan_detail", args=[plan.pk]))

    assert plan.name in listing.content.decode()
    assert detail.status_code == 200
    assert "Tilføj målenhed" not in detail.content.decode()


def test_it_hides_a_plan_from_another_organisation_with_404(client_for, karin, plan):
    # covers ACL-04
    for name in ("plan_detail", "overview", "quality_team_queue", "update_plan"):
        response = client_for(karin).get(reverse(f"scaling:{name}", args=[plan.pk]))

        assert response.status_code == 404


def test_it_refuses_an_employee_changing_the_plan_with_403(client_for, mette, plan):
    response = client_for(mette).get(reverse("scaling:update_plan", args=[plan.pk]))

    assert response.status_code == 403


def test_it_lets_a_manager_change_the_frame(client_for, lars, plan, tree):
    data = {"name": plan.name, "pilot_units": [tree.nord.pk], "fixed": "Kun ORS", "free": ""}

    response = client_for(lars).post(reverse("scaling:update_plan", args=[plan.pk]), data)

    plan.refresh_from_db()
    assert response.status_code == 302
    assert plan.fixed == "Kun ORS"
    assert plan.quality_team is None
