"""The scaling overview: units × stage with the pilot, counts at a glance and concerns about the
step, in a fixed number of queries; and raising a concern about a unit's step."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lovende.culture import services as culture_services
from lovende.culture.models import Concern
from lovende.organisation import services as org_services
from lovende.scaling import plans

pytestmark = pytest.mark.django_db


def overview_url(plan):
    return reverse("scaling:overview", args=[plan.pk])


def add_units(lars, plan, tree, names):
    for name in names:
        unit = org_services.create_unit(
            organisation=tree.organisation, name=name, kind="team",
            parent=tree.department,
        )  # fmt: skip
        target = plans.add_target(by=lars, plan=plan, unit=unit, owner=lars)
        plans.move_stage(by=lars, target=target, stage="installation", reason="Klar")
        plans.propose_idea(by=lars, target=target, text="Idé")
        plans.propose_adaptation(by=lars, target=target, element_key="ors-srs", proposal="x")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_it_keeps_the_query_count_constant(client_for, lars, plan, tree):
    client = client_for(lars)
    add_units(lars, plan, tree, ["Team Øst"])
    one = count_queries(client, overview_url(plan))

    add_units(lars, plan, tree, ["Team Vest", "Team Midt"])
    three = count_queries(client, overview_url(plan))

    assert three == one


def test_it_shows_the_pilot_and_each_unit_in_its_stage(client_for, mette, plan, target):
    page = client_for(mette).get(overview_url(plan)).content.decode()

    assert "Familiebehandling Nord" in page
    assert "Pilot" in page
    assert "Familiebehandling Syd" in page
    assert "Parathed: –" in page
    assert "0 åbne tilpasninger" in page


def test_it_counts_open_adaptations_ideas_and_concerns(client_for, lars, sofie, plan, target):
    plans.propose_adaptation(by=sofie, target=target, element_key="moedested", proposal="x")
    plans.propose_idea(by=sofie, target=target, text="Kaffe")
    plans.raise_concern_about_target(by=sofie, scaling_target=target, description="For travlt")

    page = client_for(lars).get(overview_url(plan)).content.decode()

    assert "1 åben tilpasning" in page
    assert "1 åben idé" in page
    assert "1 åben bekymring" in page


def test_it_hides_the_overview_from_another_organisation_with_404(client_for, karin, plan):
    # covers ACL-04
    assert client_for(karin).get(overview_url(plan)).status_code == 404


def test_it_fills_in_the_target_when_raising_a_concern_about_a_step(client_for, sofie, target):
    url = f"{reverse('culture:raise_concern')}?skalering={target.pk}"

    form = client_for(sofie).get(url).context["form"]

    assert form["scaling_target"].value() == target.pk
    assert form["unit"].value() == target.unit.pk


def test_it_links_a_raised_concern_to_the_step(client_for, sofie, target, tree):
    url = f"{reverse('culture:raise_concern')}?skalering={target.pk}"
    data = {"description": "For lidt tid", "unit": tree.syd.pk, "scaling_target": target.pk}

    response = client_for(sofie).post(url, data)

    concern = Concern.objects.get()
    assert response.status_code == 302
    assert (concern.scaling_target, concern.raised_by) == (target, sofie)


def test_it_keeps_raising_a_concern_without_a_step(sofie, tree):
    concern = culture_services.raise_concern(by=sofie, description="Uro", unit=tree.syd)

    assert concern.scaling_target is None


def test_it_hides_another_organisations_step_when_raising_a_concern(client_for, karin, target):
    # covers ACL-04
    url = f"{reverse('culture:raise_concern')}?skalering={target.pk}"

    assert client_for(karin).get(url).status_code == 404
