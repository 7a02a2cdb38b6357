"""The demo's meeting structure for family treatment: forums at two levels and a year of meetings.

The organisation level is left without a forum on purpose, so the review of the meeting structure
(eftersyn) has something to point at; so are one forum without relevant data, one meeting that
went to coordination, and one planned participant who was absent.
"""

import datetime

from django.utils import timezone

from lovende.demo.interventions import FAMILY
from lovende.demo.tree import NORTH, Town
from lovende.reflection import services

AGENDA = (
    "Gennemgang af data om jeres samlede indsats\nRefleksion over data\n"
    "Drøftelse af evt. ny viden\nPlanlægning af udviklingstiltag"
)


def create_meeting_structure(town: Town, today: datetime.date) -> None:
    lars, mette, sofie = (town.staff[name] for name in ("lars", "mette", "sofie"))
    family = town.interventions[FAMILY]
    forum = services.create_forum(
        by=lars, participants=[lars, mette, sofie], level="indsats", intervention=family, unit=None,
        name="Fagligt refleksionsmøde om familiebehandling",
        purpose="Drøftelse af jeres samlede indsats.\nJustering af jeres samlede indsats ved behov.",
        meeting_form="Faglig udvikling. Struktur tilpasset indhold.", frequency_weeks=13, duration_minutes=120,
        participant_roles=["indsatsens_ledere", "indsatsens_medarbejdere"], content_template=AGENDA,
        relevant_data="Progression (ORS), borgerfeedback (SRS) og observationer på tværs af forløb; forskelle mellem Nord og Syd.",
    )  # fmt: skip
    tz = timezone.get_current_timezone()
    first = datetime.datetime.combine(
        today - datetime.timedelta(weeks=26), datetime.time(9), tzinfo=tz
    )
    held = services.schedule_meetings(
        by=lars, forum=forum, first_starts_at=first, count=2, now=first
    )
    _first_meeting(held[0], held[1], lars, mette, sofie)
    _second_meeting(held[1], lars, mette, sofie)
    soon = max(today, timezone.localdate())  # planned meetings must lie ahead of the real clock
    upcoming = datetime.datetime.combine(
        soon + datetime.timedelta(weeks=2), datetime.time(9), tzinfo=tz
    )
    services.schedule_meetings(by=lars, forum=forum, first_starts_at=upcoming, count=3)
    course_forum = services.create_forum(
        by=lars, participants=[mette], level="borger", name="Forløbsmøde i Nord", intervention=family,
        unit=town.units[NORTH], purpose="Drøftelse af det konkrete forløb.", meeting_form="Løbende opfølgning, sparring.",
        frequency_weeks=2, duration_minutes=30, participant_roles=["forloebets_medarbejdere", "faglige_ledere"],
        content_template="Gennemgang af data om forløbet\nRefleksion over data\nDrøftelse af næste skridt", relevant_data="",
    )  # fmt: skip
    start = datetime.datetime.combine(
        soon + datetime.timedelta(days=3), datetime.time(13), tzinfo=tz
    )
    services.schedule_meetings(by=lars, forum=course_forum, first_starts_at=start, count=6)


def _first_meeting(meeting, next_meeting, lars, mette, sofie) -> None:
    services.record_attendance(by=lars, meeting=meeting, present=[lars, mette, sofie])
    item = services.add_meeting_item
    item(
        by=lars,
        meeting=meeting,
        kind="refleksion",
        minutes=60,
        text="ORS-fremgangen er større i Nord end i Syd. Syd har flere familier med højt konfliktniveau.",
    )
    item(
        by=lars,
        meeting=meeting,
        kind="beslutning",
        minutes=15,
        text="Vi ser på SRS-data i Syd næste gang.",
    )
    item(by=lars, meeting=meeting, kind="koordinering", minutes=20, text="Ferieplan.")
    services.add_follow_up(
        by=lars,
        meeting=meeting,
        text="Træk SRS-forløb for Syd til næste møde",
        owner=sofie,
        due_date=next_meeting.starts_at.date(),
    )
    services.create_development_point(
        by=lars,
        meeting=meeting,
        title="Tidligere reaktion på faldende SRS",
        description="SRS falder efter tredje session i Syd; vi vil tale om alliancen tidligere.",
    )


def _second_meeting(meeting, lars, mette, sofie) -> None:
    services.record_attendance(by=lars, meeting=meeting, present=[lars, mette], absent=[sofie])
    item = services.add_meeting_item
    item(
        by=lars,
        meeting=meeting,
        kind="koordinering",
        minutes=50,
        text="Ny visitationsgang og fordeling af sager.",
    )
    item(by=lars, meeting=meeting, kind="planlaegning", minutes=40, text="Planlægning af temadag.")
    item(by=lars, meeting=meeting, kind="refleksion", minutes=20, text="Kort om SRS i Syd.")
    services.add_follow_up(
        by=lars,
        meeting=meeting,
        text="Sammenlign ORS for familier med og uden højt konfliktniveau",
        owner=mette,
    )
