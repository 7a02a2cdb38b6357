import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lovende.reflection import services
from lovende.reflection.models import Attendance, DevelopmentPoint, Meeting, MeetingItem
from tests.reflection.conftest import at, make_forum, past_meetings

pytestmark = pytest.mark.django_db


def test_it_records_attendance_against_the_plan(client_for, lars, mette, meetings):
    meeting = meetings[0]

    response = client_for(lars).post(
        reverse("reflection:record_attendance", args=[meeting.pk]),
        {"fremmoede-present": [lars.pk]},
    )

    rows = {row.user_id: row.present for row in Attendance.objects.filter(meeting=meeting)}
    meeting.refresh_from_db()
    assert response.status_code == 302
    assert rows == {lars.pk: True, mette.pk: False}
    assert meeting.status == Meeting.Status.HELD


def test_it_adds_a_line_to_the_minutes(client_for, mette, meetings):
    meeting = meetings[0]
    data = {"referat-kind": "refleksion", "referat-minutes": 40, "referat-text": "SRS falder."}

    response = client_for(mette).post(
        reverse("reflection:add_meeting_item", args=[meeting.pk]), data
    )

    item = MeetingItem.objects.get(meeting=meeting)
    assert response.status_code == 302
    assert (item.kind, item.minutes, item.created_by) == ("refleksion", 40, mette)


def test_it_shows_the_minutes_split_by_kind(client_for, lars, meetings):
    meeting = meetings[0]
    services.add_meeting_item(by=lars, meeting=meeting, kind="refleksion", minutes=30, text="a")
    services.add_meeting_item(by=lars, meeting=meeting, kind="koordinering", minutes=10, text="b")

    response = client_for(lars).get(reverse("reflection:meeting_detail", args=[meeting.pk]))

    shares = {row["kind"]: row["percent"] for row in response.context["shares"]}
    assert shares == {"refleksion": 75, "koordinering": 25}


def test_it_refuses_minutes_before_the_meeting_day(lars, forum):
    future = services.schedule_meetings(
        by=lars, forum=forum, first_starts_at=at(2099, 1, 5), count=1
    )[0]

    with pytest.raises(ValidationError, match="mødedagen"):
        services.add_meeting_item(by=lars, meeting=future, kind="refleksion", minutes=5, text="x")


def test_it_refuses_a_future_meeting_marked_as_held(client_for, lars, forum):
    future = services.schedule_meetings(
        by=lars, forum=forum, first_starts_at=at(2099, 1, 5), count=1
    )[0]

    response = client_for(lars).post(
        reverse("reflection:set_meeting_status", args=[future.pk]), {"status": "afholdt"}
    )

    future.refresh_from_db()
    assert response.status_code == 422
    assert "mødedagen" in response.content.decode()
    assert future.status == Meeting.Status.PLANNED


def test_it_refuses_minutes_with_an_unknown_kind(lars, meetings):
    with pytest.raises(ValidationError) as error:
        services.add_meeting_item(by=lars, meeting=meetings[0], kind="sladder", minutes=5, text="x")

    assert "kind" in error.value.message_dict


def test_it_carries_an_open_follow_up_to_the_next_meeting(client_for, lars, mette, meetings):
    first, second = meetings
    services.add_follow_up(
        by=lars,
        meeting=first,
        text="Hent SRS-data for Syd",
        owner=mette,
        due_date=datetime.date(2025, 4, 1),
    )

    response = client_for(lars).get(reverse("reflection:meeting_detail", args=[second.pk]))

    assert [f.text for f in response.context["carried"]] == ["Hent SRS-data for Syd"]
    assert "Hent SRS-data for Syd" in response.content.decode()


def test_it_stops_carrying_a_follow_up_once_done(client_for, lars, mette, meetings, forum):
    first, second = meetings
    third = services.schedule_meetings(
        by=lars, forum=forum, first_starts_at=at(2025, 9, 1), count=1, now=at(2025, 9, 1)
    )[0]
    follow_up = services.add_follow_up(by=lars, meeting=first, text="Ring til Syd", owner=mette)

    client_for(mette).post(
        reverse("reflection:complete_follow_up", args=[follow_up.pk]), {"moede": second.pk}
    )

    follow_up.refresh_from_db()
    client = client_for(lars)
    shown_at_second = client.get(reverse("reflection:meeting_detail", args=[second.pk]))
    shown_at_third = client.get(reverse("reflection:meeting_detail", args=[third.pk]))
    assert (follow_up.done, follow_up.completed_in) == (True, second)
    assert list(shown_at_second.context["carried"]) == [follow_up]
    assert list(shown_at_third.context["carried"]) == []


def test_it_refuses_a_due_date_before_the_meeting(lars, mette, meetings):
    with pytest.raises(ValidationError) as error:
        services.add_follow_up(
            by=lars, meeting=meetings[0], text="x", owner=mette, due_date=datetime.date(2020, 1, 1)
        )

    assert "due_date" in error.value.message_dict


def test_it_creates_a_development_point_from_a_meeting(client_for, lars, meetings, intervention):
    meeting = meetings[0]
    data = {
        "udviklingspunkt-title": "Tidligere opfølgning på faldende SRS",
        "udviklingspunkt-description": "SRS falder i Syd efter tredje session.",
    }

    response = client_for(lars).post(
        reverse("reflection:create_development_point", args=[meeting.pk]), data
    )

    point = DevelopmentPoint.objects.get()
    assert response.status_code == 302
    assert (point.intervention, point.meeting, point.created_by) == (intervention, meeting, lars)
    assert point.status == DevelopmentPoint.Status.OPEN


def test_it_asks_for_an_intervention_at_organisation_level(lars, intervention):
    forum = make_forum(lars, None, level="organisation", name="Chefmøde")
    meeting = past_meetings(lars, forum, count=1)[0]

    with pytest.raises(ValidationError):
        services.create_development_point(by=lars, meeting=meeting, title="x")
    point = services.create_development_point(
        by=lars, meeting=meeting, title="Sammenlign med Spædeteamet", intervention=intervention
    )

    assert point.intervention == intervention


def test_it_lets_a_leader_move_a_development_point_along(client_for, lars, meetings):
    point = services.create_development_point(by=lars, meeting=meetings[0], title="Bedre data")

    response = client_for(lars).post(
        reverse("reflection:set_development_point_status", args=[point.pk]), {"status": "i_gang"}
    )

    point.refresh_from_db()
    assert response.status_code == 302
    assert point.status == DevelopmentPoint.Status.IN_PROGRESS


def test_it_shows_422_for_invalid_minutes(client_for, lars, meetings):
    data = {"referat-kind": "refleksion", "referat-minutes": -3, "referat-text": ""}

    response = client_for(lars).post(
        reverse("reflection:add_meeting_item", args=[meetings[0].pk]), data
    )

    assert response.status_code == 422
    assert not MeetingItem.objects.exists()


def test_it_offers_no_minutes_attendance_or_held_before_the_meeting_day(client_for, lars, forum):
    future = services.schedule_meetings(
        by=lars, forum=forum, first_starts_at=at(2099, 1, 5), count=1
    )[0]

    body = (
        client_for(lars)
        .get(reverse("reflection:meeting_detail", args=[future.pk]))
        .content.decode()
    )

    assert "Referatet kan skrives fra mødedagen." in body
    assert "Marker som afholdt" not in body
    assert "Gem fremmøde" not in body
