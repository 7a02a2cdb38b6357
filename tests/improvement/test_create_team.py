import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lovende.improvement import services
from lovende.improvement.models import QualityTeam
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db


def create_url(intervention):
    return reverse("improvement:create_team", args=[intervention.pk])


@pytest.fixture
def pia(tree):
    user = make_staff(tree.organisation, "pia", "Pia", "Engblomst")
    org_services.assign_role(user=user, unit=tree.root, kind=Role.Kind.CONSULTANT)
    return user


@pytest.mark.parametrize("persona", ["lars", "ida", "pia"])
def test_it_lets_leaders_over_the_intervention_consultants_and_admins_create_a_team(
    request, client_for, intervention, tree, persona
):
    user = request.getfixturevalue(persona)

    response = client_for(user).post(
        create_url(intervention), {"name": "Kvalitetsteam Nord", "unit": tree.nord.pk}
    )

    team = QualityTeam.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("improvement:team_detail", args=[team.pk])
    assert (team.intervention, team.unit, team.created_by) == (intervention, tree.nord, user)


def test_it_refuses_an_employee_who_posts_with_403(client_for, mette, intervention):
    response = client_for(mette).post(create_url(intervention), {"name": "Mit team"})

    assert response.status_code == 403
    assert not QualityTeam.objects.exists()


def test_it_refuses_an_employee_the_form_with_403(client_for, mette, intervention):
    assert client_for(mette).get(create_url(intervention)).status_code == 403


def test_it_answers_404_to_another_organisation(client_for, karin, intervention):
    response = client_for(karin).post(create_url(intervention), {"name": "Nabohold"})

    assert response.status_code == 404
    assert not QualityTeam.objects.exists()


def test_it_refuses_a_leader_of_a_unit_that_does_not_own_the_intervention(
    client_for, tree, intervention
):
    hanne = make_staff(tree.organisation, "hanne", "Hanne", "Lyng")
    org_services.assign_role(user=hanne, unit=tree.nord, kind=Role.Kind.LEADER, management_level=4)

    assert client_for(hanne).post(create_url(intervention), {"name": "X"}).status_code == 403


def test_it_refuses_a_second_team_with_the_same_name_in_danish(client_for, lars, intervention):
    services.create_team(by=lars, intervention=intervention, name="Kvalitetsteam")

    response = client_for(lars).post(create_url(intervention), {"name": "kvalitetsteam"})

    assert response.status_code == 422
    assert "Indsatsen har allerede et kvalitetsteam med dette navn." in response.content.decode()


def test_it_refuses_a_unit_where_the_intervention_is_not_delivered(lars, tree, intervention):
    intervention.units.set([tree.nord])

    with pytest.raises(ValidationError) as error:
        services.create_team(by=lars, intervention=intervention, name="Syd", unit=tree.syd)

    assert error.value.message_dict["unit"] == [
        "Indsatsen Familiebehandling leveres ikke i enheden Familiebehandling Syd."
    ]


def test_it_lets_a_manager_rename_the_team(client_for, lars, team):
    url = reverse("improvement:update_team", args=[team.pk])

    response = client_for(lars).post(url, {"name": "Kvalitetsteamet", "unit": ""})

    team.refresh_from_db()
    assert response.status_code == 302
    assert team.name == "Kvalitetsteamet"


def test_it_refuses_an_employee_renaming_the_team(client_for, mette, team):
    url = reverse("improvement:update_team", args=[team.pk])

    assert client_for(mette).post(url, {"name": "Mit"}).status_code == 403
