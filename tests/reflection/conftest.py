"""Forums and meetings for the reflection tests, built with the app's own services."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from lovende.reflection import services
from lovende.reflection.models import Meeting, MeetingForum

CPH = ZoneInfo("Europe/Copenhagen")


def at(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=CPH)


def days_ago(days: int) -> datetime.datetime:
    """9 o'clock local time ``days`` days ago: recent enough for the review's year."""
    day = datetime.datetime.now(tz=CPH).date() - datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=CPH)


def make_forum(by, intervention, **overrides) -> MeetingForum:
    fields = {
        "level": "indsats",
        "name": "Fagligt refleksionsmøde",
        "intervention": intervention,
        "unit": None,
        "purpose": "Drøftelse af jeres samlede indsats.",
        "meeting_form": "Faglig udvikling.",
        "frequency_weeks": 13,
        "duration_minutes": 120,
        "participant_roles": ["indsatsens_medarbejdere", "indsatsens_ledere"],
        "content_template": "Gennemgang af data\nRefleksion over data",
        "relevant_data": "Progression, observationer og borgerfeedback på tværs af forløb.",
    }
    participants = overrides.pop("participants", ())
    return services.create_forum(by=by, participants=participants, **{**fields, **overrides})


def past_meetings(by, forum, count: int = 2, first=None) -> list[Meeting]:
    """Meetings that have already happened: planned 'back then' with an earlier clock."""
    first = first or at(2025, 3, 3)
    return services.schedule_meetings(
        by=by, forum=forum, first_starts_at=first, count=count, now=first
    )


@pytest.fixture
def forum(lars, mette, intervention) -> MeetingForum:
    """An intervention-level forum for Familiebehandling, with Mette and Lars as participants."""
    return make_forum(lars, intervention, participants=[mette, lars])


@pytest.fixture
def meetings(lars, forum) -> list[Meeting]:
    """Two held-able meetings of the forum, in March and June 2025."""
    return past_meetings(lars, forum)
