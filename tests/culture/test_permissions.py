"""Who reads and who edits: readers 200, employees 403 on leaders' pages, other tenants 404."""

import pytest
from django.urls import reverse

from tests.culture.conftest import make_concern, make_point, make_recognition

pytestmark = pytest.mark.django_db

READ_PAGES = [
    "culture:overview",
    "culture:landmark_list",
    "culture:learning_point_list",
    "culture:staff_meeting",
    "culture:recognition_list",
    "culture:concern_list",
    "culture:create_learning_point",
    "culture:raise_concern",
]


@pytest.mark.parametrize("name", READ_PAGES)
@pytest.mark.parametrize("persona", ["mette", "lars", "ida", "karin"])
def test_it_shows_the_culture_pages_to_everyone_in_an_organisation(
    request, client_for, name, persona
):
    user = request.getfixturevalue(persona)

    assert client_for(user).get(reverse(name)).status_code == 200


def test_it_lets_an_employee_read_the_landmarks(client_for, mette, landmark):
    response = client_for(mette).get(reverse("culture:landmark_list"))

    assert "Effektivt teamsamarbejde" in response.content.decode()
    assert reverse("culture:update_landmark", args=[landmark.pk]) not in response.content.decode()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("culture:update_landmark", "get"),
        ("culture:update_landmark", "post"),
        ("culture:delete_landmark", "post"),
        ("culture:add_statement", "post"),
    ],
)
def test_it_refuses_an_employee_editing_a_landmark_with_403(
    client_for, mette, landmark, name, method
):
    url = reverse(name, args=[landmark.pk])

    response = getattr(client_for(mette), method)(url, {"theme": "Mit tema", "text": "x"})

    assert response.status_code == 403


@pytest.mark.parametrize(
    "name", ["culture:create_landmark", "culture:start_with_examples", "culture:create_recognition"]
)
def test_it_refuses_an_employee_the_leaders_forms_with_403(client_for, mette, name):
    assert client_for(mette).post(reverse(name), {}).status_code == 403


def test_it_refuses_a_team_leader_the_landmarks_of_the_department_above(
    client_for, hanne, landmark
):
    url = reverse("culture:update_landmark", args=[landmark.pk])

    assert client_for(hanne).get(url).status_code == 403


@pytest.mark.parametrize("persona", ["lars", "pia", "ida"])
def test_it_lets_leaders_consultants_and_admins_edit_a_landmark(
    request, client_for, landmark, persona
):
    user = request.getfixturevalue(persona)

    response = client_for(user).get(reverse("culture:update_landmark", args=[landmark.pk]))

    assert response.status_code == 200


def test_it_answers_404_to_another_organisation(client_for, karin, lars, mette, landmark):
    # covers ACL-04
    point = make_point(mette)
    recognition = make_recognition(lars)
    concern = make_concern(mette)
    statement = landmark.statements.get()
    urls = [
        reverse("culture:update_landmark", args=[landmark.pk]),
        reverse("culture:delete_landmark", args=[landmark.pk]),
        reverse("culture:update_statement", args=[statement.pk]),
        reverse("culture:update_learning_point", args=[point.pk]),
        reverse("culture:mark_discussed", args=[point.pk]),
        reverse("culture:update_recognition", args=[recognition.pk]),
        reverse("culture:concern_detail", args=[concern.pk]),
        reverse("culture:respond_to_concern", args=[concern.pk]),
    ]

    for url in urls:
        assert client_for(karin).post(url).status_code == 404, url
    overview = client_for(karin).get(reverse("culture:overview")).content.decode()
    assert "Effektivt teamsamarbejde" not in overview


def test_it_sends_an_anonymous_visitor_to_login(client):
    response = client.get(reverse("culture:overview"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_lets_the_author_but_not_a_colleague_edit_a_learning_point(client_for, mette, sofie):
    point = make_point(mette)
    url = reverse("culture:update_learning_point", args=[point.pk])

    assert client_for(mette).get(url).status_code == 200
    assert client_for(sofie).get(url).status_code == 403


def test_it_lets_the_leader_above_edit_an_employees_learning_point(client_for, mette, lars, tree):
    point = make_point(mette, unit=tree.nord)

    response = client_for(lars).get(reverse("culture:update_learning_point", args=[point.pk]))

    assert response.status_code == 200


def test_it_lets_an_author_change_a_recognition_but_not_an_employee(client_for, lars, mette):
    recognition = make_recognition(lars)
    url = reverse("culture:update_recognition", args=[recognition.pk])

    assert client_for(lars).get(url).status_code == 200
    assert client_for(mette).get(url).status_code == 403
