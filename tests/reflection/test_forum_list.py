import pytest
from django.urls import reverse

from tests.reflection.conftest import make_forum

pytestmark = pytest.mark.django_db


def test_it_counts_each_interventions_forums_per_level(client_for, lars, forum, intervention):
    make_forum(lars, intervention, level="borger", name="Forløbsmøde")
    make_forum(lars, None, level="organisation", name="Chefmøde")

    response = client_for(lars).get(reverse("reflection:forum_list"))

    assert response.status_code == 200
    assert response.context["interventions"] == [(intervention, [1, 1, 0])]
    assert [f.name for f in response.context["organisation_forums"]] == ["Chefmøde"]


def test_it_groups_an_interventions_forums_by_level(client_for, lars, forum, intervention):
    chiefs = make_forum(lars, None, level="organisation", name="Chefmøde")

    response = client_for(lars).get(
        reverse("reflection:intervention_forum_list", args=[intervention.pk])
    )

    levels = {code: forums for code, _label, forums in response.context["levels"]}
    assert levels == {"borger": [], "indsats": [forum], "organisation": [chiefs]}


def test_it_shows_an_employee_the_forums_of_their_intervention(client_for, mette, forum):
    response = client_for(mette).get(reverse("reflection:forum_list"))

    assert response.status_code == 200
    assert not response.context["can_manage"]
    assert "Nyt mødeforum" not in response.content.decode()
