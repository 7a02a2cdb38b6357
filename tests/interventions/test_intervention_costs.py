"""Yearly expenses on the intervention page: who may record them, and what is refused."""

import pytest
from django.urls import reverse

from lovende.interventions import services
from lovende.interventions.models import InterventionCost
from lovende.organisation import services as org_services
from lovende.organisation.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def nord_leader(tree):
    """4th-level leader of Familiebehandling Nord, below the unit that owns the intervention."""
    user = org_services.create_staff(
        organisation=tree.organisation, username="nina", first_name="Nina", last_name="Berg"
    )
    org_services.assign_role(user=user, unit=tree.nord, kind=Role.Kind.LEADER, management_level=4)
    return user


@pytest.fixture
def cost_2025(intervention, lars):
    return services.record_intervention_cost(
        by=lars, intervention=intervention, year=2025, amount=4_200_000, note="Løn og kørsel"
    )


def record(client, intervention, **data):
    payload = {"year": 2025, "amount": "1.250.000", "note": "Løn til fire behandlere"} | data
    url = reverse("interventions:record_intervention_cost", args=[intervention.pk])
    return client.post(url, payload)


@pytest.mark.parametrize("persona", ["lars", "pia", "ida"])
def test_it_lets_leaders_above_the_owner_and_those_who_set_up_interventions_record(
    request, client_for, persona, intervention
):
    response = record(client_for(request.getfixturevalue(persona)), intervention)

    cost = InterventionCost.objects.get(intervention=intervention)
    assert response.status_code == 302
    assert response.url.endswith("#udgifter")
    assert (cost.year, cost.amount, cost.note) == (2025, 1_250_000, "Løn til fire behandlere")


@pytest.mark.parametrize("persona", ["mette", "sofie", "nord_leader"])
def test_it_refuses_read_only_users_with_403(request, client_for, persona, intervention):
    client = client_for(request.getfixturevalue(persona))
    url = reverse("interventions:record_intervention_cost", args=[intervention.pk])

    assert client.get(url).status_code == 403
    assert record(client, intervention).status_code == 403
    assert not InterventionCost.objects.exists()


def test_it_returns_404_for_an_intervention_in_another_organisation(
    client_for, karin, intervention, cost_2025
):
    # covers ACL-04: the same answer as for a cost that does not exist
    client = client_for(karin)
    edit = reverse("interventions:update_intervention_cost", args=[cost_2025.pk])
    delete = reverse("interventions:delete_intervention_cost", args=[cost_2025.pk])

    assert record(client, intervention, year=2024).status_code == 404
    assert client.post(edit, {"year": 2025, "amount": "1"}).status_code == 404
    assert client.post(delete).status_code == 404
    assert InterventionCost.objects.get().amount == 4_200_000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "-5000"}, "Beløbet kan ikke være negativt."),
        ({"amount": "0"}, "Beløbet skal være større end 0 kr."),
        ({"amount": "12,5"}, "Skriv beløbet i hele kroner"),
        ({"amount": "2.000.000.000"}, "Beløbet er over 1 mia. kr."),
        ({"year": 1999}, "Året skal ligge mellem 2000 og"),
        ({"year": 2025}, "Der er allerede registreret udgifter for 2025."),
    ],
)
def test_it_explains_refused_input_in_danish(
    client_for, lars, intervention, cost_2025, data, message
):
    response = record(client_for(lars), intervention, **data)

    assert response.status_code == 422
    assert message in response.content.decode()
    assert InterventionCost.objects.count() == 1


def test_it_accepts_amounts_written_with_spaces_and_kr(client_for, lars, intervention):
    record(client_for(lars), intervention, amount="850 000 kr.")

    assert InterventionCost.objects.get().amount == 850_000


def test_it_lets_a_leader_correct_a_recorded_year(client_for, lars, cost_2025):
    url = reverse("interventions:update_intervention_cost", args=[cost_2025.pk])

    response = client_for(lars).post(url, {"year": 2024, "amount": "4.100.000", "note": ""})

    cost_2025.refresh_from_db()
    assert response.status_code == 302
    assert (cost_2025.year, cost_2025.amount, cost_2025.note) == (2024, 4_100_000, "")


def test_it_refuses_moving_expenses_onto_a_recorded_year(client_for, lars, intervention, cost_2025):
    other = services.record_intervention_cost(
        by=lars, intervention=intervention, year=2024, amount=3_900_000
    )
    url = reverse("interventions:update_intervention_cost", args=[other.pk])

    response = client_for(lars).post(url, {"year": 2025, "amount": "3.900.000"})

    assert response.status_code == 422
    assert "Der er allerede registreret udgifter for 2025." in response.content.decode()


def test_it_deletes_a_year_only_by_post_and_for_those_who_may_record(
    client_for, lars, mette, cost_2025
):
    url = reverse("interventions:delete_intervention_cost", args=[cost_2025.pk])

    assert client_for(mette).post(url).status_code == 403
    assert client_for(lars).get(url).status_code == 405
    assert client_for(lars).post(url).status_code == 302
    assert not InterventionCost.objects.exists()


def test_it_lists_the_years_with_actions_only_for_those_who_may_record(
    client_for, lars, mette, intervention, cost_2025
):
    url = reverse("interventions:intervention_detail", args=[intervention.pk])
    edit = reverse("interventions:update_intervention_cost", args=[cost_2025.pk])

    as_lars = client_for(lars).get(url).content.decode()
    as_mette = client_for(mette).get(url).content.decode()

    assert "4.200.000" in as_lars
    assert "Løn og kørsel" in as_lars
    assert edit in as_lars
    assert "data-confirm" in as_lars
    assert "4.200.000" in as_mette
    assert edit not in as_mette
