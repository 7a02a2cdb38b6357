import datetime

import pytest
from django.urls import reverse

from lovende.reflection import ical, services
from tests.reflection.conftest import at

pytestmark = pytest.mark.django_db


def unfold(text: str) -> list[str]:
    """Content lines as a calendar reader sees them: folded continuations joined again."""
    return text.replace("\r\n ", "").split("\r\n")


def test_it_writes_crlf_lines_with_utc_times():
    event = ical.Event("m-1@lovende", at(2026, 1, 5), at(2026, 1, 5, 11), "Kvartalsmøde")

    text = ical.calendar([event], name="Forum", now=at(2026, 1, 1, 12))

    lines = unfold(text)
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert "DTSTART:20260105T080000Z" in lines
    assert "DTEND:20260105T100000Z" in lines
    assert "DTSTAMP:20260101T110000Z" in lines
    assert "UID:m-1@lovende" in lines


def test_it_escapes_text_values():
    assert ical.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_it_folds_long_lines_at_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "æøå" * 40

    folded = ical.fold(line)

    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part.removeprefix(" ") for part in parts) == line


def test_it_refuses_naive_times():
    with pytest.raises(ValueError, match="aware"):
        ical.utc(datetime.datetime(2026, 1, 5, 9))  # noqa: DTZ001 - the naive time is the point


def test_it_exports_the_forums_meetings(client_for, lars, forum):
    services.schedule_meetings(by=lars, forum=forum, first_starts_at=at(2099, 1, 5), count=2)
    cancelled = forum.meetings.last()
    services.set_meeting_status(by=lars, meeting=cancelled, status="aflyst")

    response = client_for(lars).get(reverse("reflection:export_forum_calendar", args=[forum.pk]))

    lines = unfold(response.content.decode())
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert lines.count("BEGIN:VEVENT") == 2
    assert "DTSTART:20990105T080000Z" in lines
    assert "DTEND:20990105T100000Z" in lines
    assert "SUMMARY:Fagligt refleksionsmøde" in lines
    assert "STATUS:CANCELLED" in lines
    assert f"UID:lovende-meeting-{cancelled.pk}@testserver" in lines


def test_it_returns_404_for_another_organisations_calendar(client_for, karin, forum):
    response = client_for(karin).get(reverse("reflection:export_forum_calendar", args=[forum.pk]))

    assert response.status_code == 404
