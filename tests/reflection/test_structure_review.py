import pytest
from django.urls import reverse

from lovende.reflection import review, services
from lovende.reflection.review_facts import review_intervention
from tests.reflection.conftest import at, days_ago, make_forum, past_meetings

pytestmark = pytest.mark.django_db


def flag_codes(intervention) -> list[str]:
    return [flag.code for flag in review_intervention(intervention).flags]


def test_it_flags_the_missing_levels_of_an_intervention(lars, forum, intervention):
    services.schedule_meetings(by=lars, forum=forum, first_starts_at=at(2099, 1, 5))

    data = review_intervention(intervention)

    assert [(f.code, f.level) for f in data.flags] == [
        (review.LEVEL_WITHOUT_FORUM, "borger"),
        (review.LEVEL_WITHOUT_FORUM, "organisation"),
    ]


def test_it_counts_an_organisation_wide_forum_for_every_intervention(lars, forum, intervention):
    make_forum(lars, None, level="organisation", name="Chefmøde")

    assert (review.LEVEL_WITHOUT_FORUM, "organisation") not in [
        (f.code, f.level) for f in review_intervention(intervention).flags
    ]


def test_it_finds_frontline_staff_among_named_participants(lars, mette, intervention):
    make_forum(lars, intervention, participant_roles=["indsatsens_ledere"], participants=[mette])

    assert review.NO_FRONTLINE_STAFF not in flag_codes(intervention)


def test_it_flags_an_intervention_forum_of_leaders_only(lars, intervention):
    make_forum(lars, intervention, participant_roles=["indsatsens_ledere"], participants=[lars])

    assert review.NO_FRONTLINE_STAFF in flag_codes(intervention)


def test_it_flags_drift_and_absence_from_held_meetings(lars, mette, forum, intervention):
    meeting = past_meetings(lars, forum, count=1, first=days_ago(10))[0]
    services.record_attendance(by=lars, meeting=meeting, present=[lars], absent=[mette])
    services.add_meeting_item(by=lars, meeting=meeting, kind="koordinering", minutes=80, text="x")
    services.add_meeting_item(by=lars, meeting=meeting, kind="refleksion", minutes=20, text="y")

    flags = {flag.code: flag for flag in review_intervention(intervention).flags}

    assert flags[review.COORDINATION_DRIFT].reflection_share == pytest.approx(0.2)
    assert flags[review.MISSING_PARTICIPANTS].missing == {mette.pk}


def test_it_shows_the_flags_in_danish(client_for, lars, mette, intervention):
    forum = make_forum(lars, intervention, relevant_data="", participant_roles=[])
    meeting = past_meetings(lars, forum, count=1, first=days_ago(10))[0]
    services.add_meeting_item(by=lars, meeting=meeting, kind="planlaegning", minutes=60, text="x")

    response = client_for(lars).get(reverse("reflection:structure_review", args=[intervention.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Der er intet mødeforum på borgerniveau" in page
    assert "ikke beskrevet, hvilke data" in page
    assert "Ingen udførende medarbejdere" in page
    assert "Kun 0 % af referatets minutter gik til refleksion" in page


def test_it_shows_an_honest_empty_review(client_for, lars, intervention):
    response = client_for(lars).get(reverse("reflection:structure_review", args=[intervention.pk]))

    assert response.status_code == 200
    assert response.context["meeting_count"] == 0
    assert "Intet mødeforum" in response.content.decode()


def test_it_keeps_the_review_for_those_who_manage_forums(client_for, mette, intervention):
    response = client_for(mette).get(reverse("reflection:structure_review", args=[intervention.pk]))

    assert response.status_code == 403
