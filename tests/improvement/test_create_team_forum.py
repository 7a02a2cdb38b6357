import pytest
from django.urls import reverse

from lovende.improvement import services
from lovende.reflection.models import MeetingForum

pytestmark = pytest.mark.django_db


def test_it_creates_a_monthly_forum_with_the_members(client_for, lars, mette, tree, team):
    team.unit = tree.nord
    team.save()
    services.add_member(by=lars, team=team, user=lars, role="teamleder", position="leder")
    services.add_member(
        by=lars, team=team, user=mette, role="teammedlem", position="frontmedarbejder"
    )

    response = client_for(lars).post(reverse("improvement:create_team_forum", args=[team.pk]))

    forum = MeetingForum.objects.get()
    team.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("reflection:forum_detail", args=[forum.pk])
    assert team.forum == forum
    assert forum.name == "Kvalitetsteam: Kvalitetsteam Familie"
    assert (forum.level, forum.intervention, forum.unit) == (
        "indsats",
        team.intervention,
        tree.nord,
    )
    assert forum.frequency_weeks == 4
    assert set(forum.participants.all()) == {lars, mette}


def test_it_creates_the_forum_only_once(client_for, lars, team):
    client = client_for(lars)
    url = reverse("improvement:create_team_forum", args=[team.pk])

    client.post(url)
    client.post(url)

    assert MeetingForum.objects.count() == 1


def test_it_refuses_an_employee_with_403(client_for, mette, team):
    response = client_for(mette).post(reverse("improvement:create_team_forum", args=[team.pk]))

    assert response.status_code == 403
    assert not MeetingForum.objects.exists()


def test_it_answers_404_to_another_organisation(client_for, karin, team):
    response = client_for(karin).post(reverse("improvement:create_team_forum", args=[team.pk]))

    assert response.status_code == 404
