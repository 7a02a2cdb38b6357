import pytest
from django.urls import reverse

from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from lovende.reflection import services
from lovende.reflection.permissions import forums_visible_to
from tests.conftest import make_staff
from tests.reflection.conftest import make_forum

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(lars, mette, forum, meetings):
    """One forum with a meeting, a follow-up and a development point: every object route."""
    meeting = meetings[0]
    follow_up = services.add_follow_up(by=lars, meeting=meeting, text="Ring", owner=mette)
    point = services.create_development_point(by=lars, meeting=meeting, title="Bedre data")
    return {"forum": forum, "meeting": meeting, "follow_up": follow_up, "point": point}


def object_urls(world, intervention):
    forum, meeting = world["forum"].pk, world["meeting"].pk
    return [
        ("get", reverse("reflection:intervention_forum_list", args=[intervention.pk])),
        ("get", reverse("reflection:structure_review", args=[intervention.pk])),
        ("get", reverse("reflection:forum_detail", args=[forum])),
        ("get", reverse("reflection:update_forum", args=[forum])),
        ("post", reverse("reflection:schedule_meetings", args=[forum])),
        ("get", reverse("reflection:export_forum_calendar", args=[forum])),
        ("get", reverse("reflection:meeting_detail", args=[meeting])),
        ("post", reverse("reflection:set_meeting_status", args=[meeting])),
        ("post", reverse("reflection:record_attendance", args=[meeting])),
        ("post", reverse("reflection:add_meeting_item", args=[meeting])),
        ("post", reverse("reflection:add_follow_up", args=[meeting])),
        ("post", reverse("reflection:create_development_point", args=[meeting])),
        ("post", reverse("reflection:complete_follow_up", args=[world["follow_up"].pk])),
        ("post", reverse("reflection:set_development_point_status", args=[world["point"].pk])),
    ]


def test_it_returns_404_everywhere_to_another_organisation(client_for, karin, world, intervention):
    client = client_for(karin)

    answers = {
        url: getattr(client, method)(url).status_code
        for method, url in object_urls(world, intervention)
    }

    assert set(answers.values()) == {404}, answers


def test_it_returns_403_to_an_employee_who_tries_to_manage(client_for, mette, world):
    client = client_for(mette)
    forum, point = world["forum"].pk, world["point"].pk

    answers = [
        client.get(reverse("reflection:create_forum")).status_code,
        client.get(reverse("reflection:update_forum", args=[forum])).status_code,
        client.post(reverse("reflection:schedule_meetings", args=[forum])).status_code,
        client.post(reverse("reflection:set_development_point_status", args=[point])).status_code,
    ]

    assert answers == [403, 403, 403, 403]


def test_it_lets_a_participant_take_minutes(client_for, mette, world):
    response = client_for(mette).post(
        reverse("reflection:add_meeting_item", args=[world["meeting"].pk]),
        {"referat-kind": "refleksion", "referat-minutes": 10, "referat-text": "Data viser..."},
    )

    assert response.status_code == 302


def test_it_lets_staff_of_the_intervention_read_but_not_write(client_for, sofie, world):
    client = client_for(sofie)
    meeting = world["meeting"].pk

    read = client.get(reverse("reflection:meeting_detail", args=[meeting]))
    write = client.post(reverse("reflection:add_meeting_item", args=[meeting]))

    assert read.status_code == 200
    assert not read.context["can_write"]
    assert write.status_code == 403


def test_it_hides_a_team_forum_from_the_sibling_team(
    client_for, lars, mette, sofie, intervention, tree
):
    nord_forum = make_forum(
        lars, intervention, level="borger", name="Forløbsmøde Nord", unit=tree.nord
    )

    assert nord_forum in forums_visible_to(mette)
    assert nord_forum not in forums_visible_to(sofie)
    assert (
        client_for(sofie).get(reverse("reflection:forum_detail", args=[nord_forum.pk])).status_code
        == 404
    )


def test_it_hides_intervention_forums_from_staff_elsewhere(lars, forum, tree):
    elsewhere = org_services.create_unit(
        organisation=tree.organisation, name="Sundhedspleje", kind="afdeling", parent=tree.root
    )
    nurse = make_staff(tree.organisation, "nanna", "Nanna", "Berg")
    org_services.assign_role(user=nurse, unit=elsewhere, kind=Role.Kind.EMPLOYEE)

    assert forum not in forums_visible_to(nurse)


def test_it_shows_organisation_level_forums_to_leaders_and_participants(lars, mette, sofie):
    chiefs = make_forum(lars, None, level="organisation", name="Chefmøde", participants=[sofie])

    assert chiefs in forums_visible_to(lars)
    assert chiefs in forums_visible_to(sofie)
    assert chiefs not in forums_visible_to(mette)


def test_it_lets_the_owner_complete_a_follow_up(client_for, lars, sofie, meetings):
    follow_up = services.add_follow_up(by=lars, meeting=meetings[0], text="Tjek data", owner=sofie)

    response = client_for(sofie).post(reverse("reflection:complete_follow_up", args=[follow_up.pk]))

    follow_up.refresh_from_db()
    assert response.status_code == 302
    assert follow_up.done


def test_it_lists_only_the_forums_a_user_may_see(
    client_for, lars, mette, sofie, intervention, tree
):
    make_forum(lars, intervention, level="borger", name="Forløbsmøde Nord", unit=tree.nord)

    nord = client_for(mette).get(
        reverse("reflection:intervention_forum_list", args=[intervention.pk])
    )
    syd = client_for(sofie).get(
        reverse("reflection:intervention_forum_list", args=[intervention.pk])
    )

    assert "Forløbsmøde Nord" in nord.content.decode()
    assert "Forløbsmøde Nord" not in syd.content.decode()
