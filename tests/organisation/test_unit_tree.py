import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lovende.organisation import services
from lovende.organisation.models import Unit

pytestmark = pytest.mark.django_db


def test_it_gives_each_unit_a_materialised_path(tree):
    assert tree.nord.path == f"/{tree.root.pk}/{tree.department.pk}/{tree.nord.pk}/"
    assert tree.nord.is_within(tree.root)
    assert not tree.root.is_within(tree.nord)


def test_it_moves_a_unit_with_everything_below_it(tree):
    team = services.create_unit(
        organisation=tree.organisation, name="Team A", kind="team", parent=tree.nord
    )

    services.update_unit(unit=tree.nord, name="Nord", kind="team", parent=tree.root)

    team.refresh_from_db()
    assert team.path == f"/{tree.root.pk}/{tree.nord.pk}/{team.pk}/"


def test_it_refuses_to_move_a_unit_under_its_own_child(tree):
    with pytest.raises(ValidationError) as error:
        services.update_unit(
            unit=tree.department, name="Familiebehandling", kind="afdeling", parent=tree.nord
        )

    assert "under sig selv" in str(error.value)
    tree.department.refresh_from_db()
    assert tree.department.parent == tree.root


def test_it_shows_the_move_error_on_the_form_and_saves_nothing(client_for, ida, tree):
    url = reverse("organisation:update_unit", args=[tree.department.pk])

    response = client_for(ida).post(
        url, {"name": "Omdøbt", "kind": "afdeling", "parent": tree.nord.pk}
    )

    assert response.status_code == 422
    assert "kan ikke flyttes ind under sig selv" in response.content.decode()
    assert Unit.objects.get(pk=tree.department.pk).name == "Familiebehandling"


def test_it_creates_a_unit_from_the_form(client_for, ida, tree):
    response = client_for(ida).post(
        reverse("organisation:create_unit"),
        {"name": "Team Øst", "kind": "team", "parent": tree.department.pk},
    )

    unit = Unit.objects.get(name="Team Øst")
    assert response.status_code == 302
    assert unit.is_within(tree.department)


def test_it_refuses_a_parent_in_another_organisation(client_for, ida, tree, karin):
    foreign = karin.roles.get().unit

    response = client_for(ida).post(
        reverse("organisation:create_unit"), {"name": "Snyd", "kind": "team", "parent": foreign.pk}
    )

    assert response.status_code == 422
    assert not Unit.objects.filter(name="Snyd").exists()


@pytest.mark.parametrize("persona", ["mette", "lars"])
def test_it_lets_only_administrators_change_the_tree(request, client_for, persona, tree):
    client = client_for(request.getfixturevalue(persona))

    assert client.get(reverse("organisation:create_unit")).status_code == 403
    assert (
        client.post(
            reverse("organisation:update_unit", args=[tree.nord.pk]), {"name": "X", "kind": "team"}
        ).status_code
        == 403
    )
    assert Unit.objects.get(pk=tree.nord.pk).name == "Familiebehandling Nord"


def test_it_returns_404_for_a_unit_in_another_organisation(client_for, mette, karin):
    foreign = karin.roles.get().unit

    assert (
        client_for(mette).get(reverse("organisation:unit_detail", args=[foreign.pk])).status_code
        == 404
    )
