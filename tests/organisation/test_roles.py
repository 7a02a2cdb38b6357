import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lovende.organisation import services
from lovende.organisation.models import Role, User

pytestmark = pytest.mark.django_db


def test_it_gives_employees_and_fourth_level_leaders_citizen_access_by_default(tree, mette, lars):
    assert mette.roles.get().citizen_access
    assert not lars.roles.get().citizen_access
    assert Role.default_citizen_access(Role.Kind.LEADER, 4)
    assert not Role.default_citizen_access(Role.Kind.CONSULTANT, None)


def test_it_refuses_a_role_at_a_unit_in_another_organisation(mette, karin):
    # covers ACL-04
    foreign = karin.roles.get().unit

    with pytest.raises(ValidationError) as error:
        services.assign_role(user=mette, unit=foreign, kind=Role.Kind.EMPLOYEE)

    assert "anden organisation" in str(error.value)
    assert mette.roles.count() == 1


def test_it_refuses_a_leader_without_a_management_level(tree, mette):
    with pytest.raises(ValidationError):
        services.assign_role(user=mette, unit=tree.root, kind=Role.Kind.LEADER)


def test_it_assigns_a_role_from_the_staff_page(client_for, ida, sofie, tree):
    url = reverse("organisation:assign_role", args=[sofie.pk])

    response = client_for(ida).post(
        url, {"unit": tree.nord.pk, "kind": "leder", "management_level": "4", "citizen_access": ""}
    )

    assert response.status_code == 302
    role = sofie.roles.get(unit=tree.nord)
    assert role.management_level == 4
    assert role.citizen_access


def test_it_shows_a_danish_error_for_a_foreign_unit_on_the_role_form(client_for, ida, sofie, karin):
    foreign = karin.roles.get().unit

    response = client_for(ida).post(
        reverse("organisation:assign_role", args=[sofie.pk]),
        {"unit": foreign.pk, "kind": "medarbejder"},
    )

    assert response.status_code == 422
    assert "gyldig" in response.content.decode()
    assert not sofie.roles.filter(unit=foreign).exists()


def test_it_removes_a_role_only_by_post(client_for, ida, mette):
    role = mette.roles.get()
    client = client_for(ida)

    assert client.get(reverse("organisation:remove_role", args=[role.pk])).status_code == 405
    assert client.post(reverse("organisation:remove_role", args=[role.pk])).status_code == 302
    assert not Role.objects.filter(pk=role.pk).exists()


def test_it_returns_404_for_a_role_in_another_organisation(client_for, ida, karin):
    role = karin.roles.get()

    assert (
        client_for(ida).post(reverse("organisation:remove_role", args=[role.pk])).status_code == 404
    )
    assert Role.objects.filter(pk=role.pk).exists()


def test_it_creates_staff_with_a_validated_password(client_for, ida, tree):
    data = {
        "username": "ny.kollega",
        "first_name": "Ny",
        "last_name": "Kollega",
        "password": "kort",
    }

    response = client_for(ida).post(reverse("organisation:create_staff"), data)

    assert response.status_code == 422
    assert not User.objects.filter(username="ny.kollega").exists()


def test_it_creates_staff_in_the_administrators_organisation(client_for, ida, tree):
    data = {
        "username": "ny.kollega",
        "first_name": "Ny",
        "last_name": "Kollega",
        "password": "en lang og god adgangsfrase",
    }

    client_for(ida).post(reverse("organisation:create_staff"), data)

    assert User.objects.get(username="ny.kollega").organisation == tree.organisation


def test_it_returns_404_for_staff_in_another_organisation(client_for, mette, karin):
    assert (
        client_for(mette).get(reverse("organisation:staff_detail", args=[karin.pk])).status_code
        == 404
    )


def test_it_refuses_a_duplicate_professional_group(client_for, ida, tree):
    client = client_for(ida)
    client.post(reverse("organisation:professional_group_list"), {"name": "Sundhedspleje"})

    response = client.post(
        reverse("organisation:professional_group_list"), {"name": "sundhedspleje"}
    )

    assert response.status_code == 422
    assert "findes allerede" in response.content.decode()
