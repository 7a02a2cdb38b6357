"""Who sees which citizen, through every door: list, detail, search, export (ACL-02, ACL-03, ACL-04)."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lovende.citizens import permissions
from lovende.organisation import services as org_services

pytestmark = pytest.mark.django_db


def export_names(response) -> set[str]:
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_it_shows_own_unit_courses_in_the_list(client_for, mette, nord_course):
    response = client_for(mette).get(reverse("citizens:course_list"), {"status": "åbne"})

    assert "Freja Mikkelsen" in response.content.decode()


@pytest.mark.parametrize("persona", ["sofie", "lars", "karin"])
def test_it_hides_courses_out_of_reach_from_the_list(request, client_for, persona, nord_course):
    user = request.getfixturevalue(persona)

    response = client_for(user).get(reverse("citizens:course_list"), {"q": "Freja", "status": ""})

    assert "Mikkelsen" not in response.content.decode()


@pytest.mark.parametrize("persona", ["sofie", "lars", "karin"])
def test_it_returns_404_for_course_and_citizen_out_of_reach(
    request, client_for, persona, nord_course
):
    client = client_for(request.getfixturevalue(persona))

    assert client.get(reverse("citizens:course_detail", args=[nord_course.pk])).status_code == 404
    assert (
        client.get(reverse("citizens:citizen_detail", args=[nord_course.citizen.pk])).status_code
        == 404
    )
    assert client.get(reverse("citizens:update_course", args=[nord_course.pk])).status_code == 404
    assert (
        client.post(reverse("citizens:reveal_cpr", args=[nord_course.citizen.pk])).status_code
        == 404
    )


def test_it_returns_404_for_a_course_that_does_not_exist(client_for, mette):
    response = client_for(mette).get(reverse("citizens:course_detail", args=[999999]))

    assert response.status_code == 404


def test_it_exports_only_courses_in_reach(client_for, mette, nord_course, syd_course):
    response = client_for(mette).get(reverse("citizens:export_courses"), {"status": ""})

    assert response["Content-Disposition"].startswith("attachment;")
    assert export_names(response) == {"Freja"}


@pytest.mark.parametrize("persona", ["sofie", "karin"])
def test_it_exports_nothing_out_of_reach(request, client_for, persona, nord_course):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("citizens:export_courses"), {"status": ""}
    )

    assert "Freja" not in export_names(response)


def test_it_finds_a_citizen_by_cpr_in_reach(client_for, mette, nord_course):
    response = client_for(mette).post(reverse("citizens:search_cpr"), {"cpr": "010315-4234"})

    assert response.status_code == 302
    assert response["Location"] == reverse("citizens:citizen_detail", args=[nord_course.citizen.pk])


@pytest.mark.parametrize("persona", ["sofie", "karin"])
def test_it_answers_cpr_search_out_of_reach_as_not_found(request, client_for, persona, nord_course):
    response = client_for(request.getfixturevalue(persona)).post(
        reverse("citizens:search_cpr"), {"cpr": "0103154234"}, follow=True
    )

    assert "Ingen borger med dette CPR-nummer" in response.content.decode()
    assert "Freja" not in response.content.decode()


def test_it_returns_404_for_every_citizen_page_to_a_role_without_citizen_access(
    client_for, lars, nord_course
):
    # covers ACL-03: aggregate-only roles have no citizen list, search or export at all
    client = client_for(lars)

    assert client.get(reverse("citizens:course_list")).status_code == 404
    assert client.get(reverse("citizens:export_courses")).status_code == 404
    assert client.post(reverse("citizens:search_cpr"), {"cpr": "0103154234"}).status_code == 404
    assert client.get(reverse("citizens:create_citizen")).status_code == 404


def test_it_hides_names_from_a_leader_above_but_shows_suppressed_counts(
    client_for, lars, nord_course, tree
):
    # covers ACL-03: a leader above sees aggregates, never names or CPR
    response = client_for(lars).get(reverse("organisation:unit_list"))

    body = response.content.decode()
    assert "Freja" not in body
    assert "010315" not in body
    assert "&lt;5" in body


def test_it_lets_a_leader_with_citizen_access_see_the_subtree(client_for, tree, nord_course):
    leader = org_services.create_staff(
        organisation=tree.organisation,
        username="tove",
        first_name="Tove",
        last_name="Ager",
        password="x" * 14,
    )
    org_services.assign_role(user=leader, unit=tree.department, kind="leder", management_level=4)

    response = client_for(leader).get(reverse("citizens:course_detail", args=[nord_course.pk]))

    assert response.status_code == 200


def test_it_revokes_access_on_the_very_next_request(client_for, mette, nord_course):
    # covers ACL-04: roles are not cached in the session
    client = client_for(mette)
    page = reverse("citizens:course_detail", args=[nord_course.pk])
    assert client.get(page).status_code == 200
    # a role elsewhere keeps her signed in, so the answer is the page's own 404
    org_services.assign_role(
        user=mette, unit=nord_course.unit.parent, kind="leder", management_level=3
    )

    org_services.remove_role(role=mette.roles.get(kind="medarbejder"))

    assert client.get(page).status_code == 404


def test_losing_the_last_role_ends_the_session_on_the_next_request(client_for, mette, nord_course):
    # covers ACL-04 and SESS-01: removing the last role signs the user out
    client = client_for(mette)
    page = reverse("citizens:course_detail", args=[nord_course.pk])
    assert client.get(page).status_code == 200

    org_services.remove_role(role=mette.roles.get())

    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_sees_no_personal_data_as_a_user_without_roles(tree, nord_course):
    # covers PRIV-02: privacy by default
    newcomer = org_services.create_staff(
        organisation=tree.organisation, username="ny", first_name="Ny", last_name="Bruger"
    )

    assert not permissions.courses_visible_to(newcomer).exists()
    assert not permissions.citizens_visible_to(newcomer).exists()


def test_it_redirects_anonymous_users_to_login(client, nord_course):
    response = client.get(reverse("citizens:course_detail", args=[nord_course.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_refuses_a_cpr_number_in_the_list_search(client_for, mette, nord_course):
    # covers PRIV-02: CPR search is a POST, never a query string the log or proxies keep
    response = client_for(mette).get(reverse("citizens:course_list"), {"q": "0103154234"})

    assert "Brug CPR-søgningen" in response.content.decode()
    assert "Mikkelsen" not in response.content.decode()


def test_it_hides_a_sibling_so_a_small_team_cannot_be_derived(
    client_for, lars, mette, intervention, tree
):
    # covers SDC-01: department 9 = Nord 7 + Syd 2 would reveal Syd unless Nord is hidden too
    from tests.conftest import make_course

    for i in range(7):
        make_course(mette, intervention, tree.nord, "Barn", f"Nord{i}")
    for i in range(2):
        make_course(mette, intervention, tree.syd, "Barn", f"Syd{i}")

    body = client_for(lars).get(reverse("organisation:unit_list")).content.decode()

    rows = dict(
        re.findall(
            r">([^<>]+)</a></td>\s*<td>[^<]*</td>\s*<td>\d+</td>\s*<td>\s*(.*?)\s*</td>", body
        )
    )
    assert "9" in rows["Familiebehandling"]
    assert "&lt;5" in rows["Familiebehandling Nord"]
    assert "&lt;5" in rows["Familiebehandling Syd"]
