import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lovende.improvement import services
from lovende.improvement.models import ExternalPartner, TeamMember

pytestmark = pytest.mark.django_db


def add_url(team):
    return reverse("improvement:add_member", args=[team.pk])


def member_data(user, **overrides):
    return {"user": user.pk, "role": "teammedlem", "position": "frontmedarbejder", **overrides}


def test_it_lets_a_manager_add_a_member(client_for, lars, mette, team):
    response = client_for(lars).post(add_url(team), member_data(mette))

    member = TeamMember.objects.get()
    assert response.status_code == 302
    assert (member.user, member.role, member.position) == (mette, "teammedlem", "frontmedarbejder")


def test_it_refuses_an_employee_with_403(client_for, mette, team):
    response = client_for(mette).post(add_url(team), member_data(mette))

    assert response.status_code == 403
    assert not TeamMember.objects.exists()


def test_it_answers_404_to_another_organisation(client_for, karin, team):
    assert client_for(karin).post(add_url(team), member_data(karin)).status_code == 404


def test_it_refuses_a_member_from_another_organisation_in_the_form(client_for, lars, karin, team):
    response = client_for(lars).post(add_url(team), member_data(karin))

    assert response.status_code == 422
    assert "Vælg en medarbejder i jeres egen organisation." in response.content.decode()
    assert not TeamMember.objects.exists()


def test_it_refuses_a_member_from_another_organisation_in_the_service(lars, karin, team):
    with pytest.raises(ValidationError) as error:
        services.add_member(by=lars, team=team, user=karin, role="teammedlem", position="leder")

    assert error.value.message_dict["user"] == ["Medarbejderen hører til en anden organisation."]


def test_it_refuses_a_duplicate_member_in_danish(client_for, lars, mette, team):
    services.add_member(
        by=lars, team=team, user=mette, role="teammedlem", position="frontmedarbejder"
    )

    response = client_for(lars).post(add_url(team), member_data(mette, role="sponsor"))

    assert response.status_code == 422
    assert "Mette Holm er allerede med i teamet." in response.content.decode()
    assert TeamMember.objects.get().role == "teammedlem"


def test_it_asks_before_removing_a_member_and_removes_on_post(client_for, lars, mette, team):
    member = services.add_member(
        by=lars, team=team, user=mette, role="teammedlem", position="frontmedarbejder"
    )
    url = reverse("improvement:remove_member", args=[member.pk])
    client = client_for(lars)

    confirmation = client.get(url)
    assert (
        "Vil du fjerne Mette Holm (Teammedlem) fra kvalitetsteamet?"
        in confirmation.content.decode()
    )
    assert TeamMember.objects.exists()

    assert client.post(url).status_code == 302
    assert not TeamMember.objects.exists()


def test_it_refuses_an_employee_removing_a_member(client_for, lars, mette, team):
    member = services.add_member(
        by=lars, team=team, user=mette, role="teammedlem", position="frontmedarbejder"
    )

    response = client_for(mette).post(reverse("improvement:remove_member", args=[member.pk]))

    assert response.status_code == 403
    assert TeamMember.objects.exists()


def test_it_lets_a_manager_add_and_remove_an_external_partner(client_for, lars, team):
    client = client_for(lars)
    url = reverse("improvement:add_partner", args=[team.pk])

    assert client.post(url, {"name": "PPR", "contribution": "Skolepsykologer"}).status_code == 302
    partner = ExternalPartner.objects.get()
    assert (partner.name, partner.contribution) == ("PPR", "Skolepsykologer")

    assert client.post(reverse("improvement:remove_partner", args=[partner.pk])).status_code == 302
    assert not ExternalPartner.objects.exists()


def test_it_refuses_a_partner_without_a_name_in_danish(client_for, lars, team):
    url = reverse("improvement:add_partner", args=[team.pk])

    response = client_for(lars).post(url, {"name": "", "contribution": "x"})

    assert response.status_code == 422
    assert "Skriv samarbejdspartnerens navn." in response.content.decode()


def test_it_refuses_an_employee_adding_a_partner(client_for, mette, team):
    url = reverse("improvement:add_partner", args=[team.pk])

    assert client_for(mette).post(url, {"name": "PPR"}).status_code == 403
