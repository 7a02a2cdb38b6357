import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lovende.reflection import schedule, services
from lovende.reflection.models import Meeting
from tests.reflection.conftest import CPH, at, past_meetings

pytestmark = pytest.mark.django_db


def test_it_spaces_meetings_by_the_forums_frequency():
    starts = schedule.meeting_starts(at(2026, 1, 5), 2, 3, now=at(2026, 1, 1))

    assert starts == [at(2026, 1, 5), at(2026, 1, 19), at(2026, 2, 2)]


def test_it_keeps_the_wall_clock_time_across_daylight_saving():
    starts = schedule.meeting_starts(at(2026, 3, 16), 2, 2, now=at(2026, 3, 1))

    assert [start.hour for start in starts] == [9, 9]
    assert starts[1].utcoffset() == datetime.timedelta(hours=2)


def test_it_refuses_a_first_meeting_in_the_past():
    with pytest.raises(schedule.PastMeeting):
        schedule.meeting_starts(at(2026, 1, 5), 2, 1, now=at(2026, 1, 6))


def test_it_suggests_the_next_start_one_period_after_the_latest_meeting():
    suggestion = schedule.next_start(at(2026, 1, 5), 13, now=at(2026, 1, 6))

    assert suggestion == at(2026, 4, 6)


def test_it_suggests_a_weekday_morning_without_earlier_meetings():
    friday = at(2026, 1, 9, 15)

    assert schedule.next_start(None, 2, now=friday) == at(2026, 1, 12)


def test_it_plans_meetings_with_the_forums_agenda(lars, forum):
    planned = services.schedule_meetings(
        by=lars, forum=forum, first_starts_at=at(2099, 1, 5), count=3
    )

    assert [m.starts_at for m in planned] == [at(2099, 1, 5), at(2099, 4, 6), at(2099, 7, 6)]
    assert planned[0].agenda == ["Gennemgang af data", "Refleksion over data"]
    assert {m.status for m in planned} == {Meeting.Status.PLANNED}


def test_it_does_not_plan_the_same_meeting_twice(lars, forum):
    services.schedule_meetings(by=lars, forum=forum, first_starts_at=at(2099, 1, 5), count=2)

    again = services.schedule_meetings(
        by=lars, forum=forum, first_starts_at=at(2099, 4, 6), count=2
    )

    assert len(again) == 1
    assert forum.meetings.count() == 3


def test_it_refuses_a_meeting_in_the_past_with_a_clear_message(lars, forum):
    yesterday = timezone.now() - datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as error:
        services.schedule_meetings(by=lars, forum=forum, first_starts_at=yesterday)

    assert "ligger i fortiden" in error.value.message_dict["first_starts_at"][0]
    assert not forum.meetings.exists()


def test_it_refuses_too_many_meetings_at_once(lars, forum):
    with pytest.raises(ValidationError):
        services.schedule_meetings(by=lars, forum=forum, first_starts_at=at(2099, 1, 5), count=99)


def test_it_shows_the_past_meeting_message_on_the_forum_page(client_for, lars, forum):
    data = {"first_starts_at": "2020-01-06T09:00", "count": 2}

    response = client_for(lars).post(reverse("reflection:schedule_meetings", args=[forum.pk]), data)

    assert response.status_code == 422
    assert "ligger i fortiden" in response.content.decode()


def test_it_plans_meetings_from_the_forum_page(client_for, lars, forum):
    data = {"first_starts_at": "2099-01-05T10:30", "count": 4}

    response = client_for(lars).post(reverse("reflection:schedule_meetings", args=[forum.pk]), data)

    assert response.status_code == 302
    assert forum.meetings.count() == 4
    first = forum.meetings.first().starts_at.astimezone(CPH)
    assert (first.date(), first.hour, first.minute) == (datetime.date(2099, 1, 5), 10, 30)


def test_it_refuses_planning_to_employees(client_for, mette, forum):
    data = {"first_starts_at": "2099-01-05T10:30", "count": 4}

    response = client_for(mette).post(
        reverse("reflection:schedule_meetings", args=[forum.pk]), data
    )

    assert response.status_code == 403
    assert not forum.meetings.exists()


def test_it_lays_out_a_month_from_monday():
    weeks = schedule.month_weeks(2026, 3, {datetime.date(2026, 3, 16): ["møde"]})

    assert weeks[0][0].date == datetime.date(2026, 2, 23)
    assert not weeks[0][0].in_month
    assert [day.items for week in weeks for day in week if day.items] == [["møde"]]


@pytest.mark.parametrize("text", ["", "2026", "2026-13", "x-y", "2026-05-01"])
def test_it_ignores_a_malformed_month(text):
    assert schedule.parse_month(text) is None


def test_it_shows_the_chosen_month_in_the_calendar(client_for, lars, forum):
    services.schedule_meetings(by=lars, forum=forum, first_starts_at=at(2099, 1, 5), count=2)

    response = client_for(lars).get(
        reverse("reflection:forum_detail", args=[forum.pk]), {"maaned": "2099-04"}
    )

    days = [day for week in response.context["calendar"]["weeks"] for day in week if day.items]
    assert [day.date for day in days] == [datetime.date(2099, 4, 6)]
    assert response.context["calendar"]["previous_month"] == "2099-03"


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_it_keeps_the_forum_page_to_a_constant_number_of_queries(client_for, lars, forum, mette):
    client = client_for(lars)
    url = reverse("reflection:forum_detail", args=[forum.pk])
    services.schedule_meetings(by=lars, forum=forum, first_starts_at=at(2099, 1, 5), count=1)
    few = count_queries(client, url)

    services.schedule_meetings(by=lars, forum=forum, first_starts_at=at(2099, 4, 6), count=20)
    meetings = past_meetings(lars, forum, count=5)
    services.add_meeting_item(by=lars, meeting=meetings[0], kind="refleksion", minutes=30, text="x")

    assert count_queries(client, url) == few
