"""Every write to meeting forums, meetings, minutes, follow-ups and development points.

Atomic, with the actor first as ``by=``; the checks hold for every caller, not only the forms.
"""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lovende.citizens.models import Course
from lovende.interventions.models import Intervention
from lovende.organisation.models import Unit, User
from lovende.reflection import schedule
from lovende.reflection.models import (
    Attendance,
    DevelopmentPoint,
    FollowUp,
    Level,
    Meeting,
    MeetingForum,
    MeetingItem,
    ParticipantRole,
)
from lovende.versioning import claim

FORUM_FIELDS = (
    "level",
    "name",
    "intervention",
    "unit",
    "purpose",
    "meeting_form",
    "frequency_weeks",
    "duration_minutes",
    "participant_roles",
    "content_template",
    "relevant_data",
)


def _check_rhythm(forum: MeetingForum) -> dict[str, str]:
    errors = {}
    if not forum.frequency_weeks or forum.frequency_weeks < 1:
        errors["frequency_weeks"] = _("Hyppigheden skal være mindst én uge mellem møderne.")
    elif forum.frequency_weeks > MeetingForum.MAX_FREQUENCY_WEEKS:
        errors["frequency_weeks"] = _("Hyppigheden kan højst være %(max)s uger.") % {
            "max": MeetingForum.MAX_FREQUENCY_WEEKS
        }
    if not forum.duration_minutes or forum.duration_minutes < 1:
        errors["duration_minutes"] = _("Et møde skal vare mindst ét minut.")
    elif forum.duration_minutes > MeetingForum.MAX_DURATION_MINUTES:
        errors["duration_minutes"] = _("Et møde kan højst vare %(max)s minutter.") % {
            "max": MeetingForum.MAX_DURATION_MINUTES
        }
    return errors


def _check_scope(forum: MeetingForum) -> dict[str, str]:
    errors = {}
    organisation_id = forum.organisation_id
    if forum.level not in Level.values:
        errors["level"] = _(
            "Ukendt niveau. Vælg borgerniveau, indsatsniveau eller organisatorisk niveau."
        )
    elif forum.level != Level.ORGANISATION and forum.intervention is None:
        errors["intervention"] = _("Vælg den indsats, mødeforummet hører til.")
    if forum.intervention and forum.intervention.organisation_id != organisation_id:
        errors["intervention"] = _("Indsatsen hører til en anden organisation.")
    if forum.unit and forum.unit.organisation_id != organisation_id:
        errors["unit"] = _("Enheden hører til en anden organisation.")
    elif (
        forum.unit
        and forum.intervention
        and "intervention" not in errors
        and not _unit_related_to(forum.unit, forum.intervention)
    ):
        errors["unit"] = _("Indsatsen %(intervention)s leveres ikke i enheden %(unit)s.") % {
            "intervention": forum.intervention,
            "unit": forum.unit,
        }
    if any(code not in ParticipantRole.values for code in forum.participant_roles):
        errors["participant_roles"] = _("Ukendt rolle i deltagerkredsen.")
    return errors


def _unit_related_to(unit: Unit, intervention: Intervention) -> bool:
    """The unit delivers the intervention, or holds one of its owning units."""
    return any(unit.is_within(owner) or owner.is_within(unit) for owner in intervention.units.all())


def _check_forum(forum: MeetingForum, participants: Sequence[User]) -> None:
    errors = {**_check_rhythm(forum), **_check_scope(forum)}
    if not forum.name.strip():
        errors["name"] = _("Giv mødeforummet et navn.")
    if any(user.organisation_id != forum.organisation_id for user in participants):
        errors["participants"] = _("En af deltagerne hører til en anden organisation.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_forum(*, by: User, participants: Sequence[User] = (), **fields: object) -> MeetingForum:
    """Create a meeting forum in the actor's organisation; refuses a rhythm of 0 and foreign data."""
    unknown = set(fields) - set(FORUM_FIELDS)
    if unknown:
        raise TypeError(f"unknown forum fields: {sorted(unknown)}")
    forum = MeetingForum(organisation_id=by.organisation_id, created_by=by, **fields)
    forum.participant_roles = list(dict.fromkeys(forum.participant_roles or []))
    _check_forum(forum, participants)
    forum.save()
    forum.participants.set(participants)
    return forum


@transaction.atomic
def update_forum(
    *,
    by: User,
    forum: MeetingForum,
    participants: Sequence[User] | None = None,
    **fields: object,
) -> MeetingForum:
    """Change a forum; planned meetings that have not started get the new agenda."""
    for name, value in fields.items():
        if name not in FORUM_FIELDS:
            raise TypeError(f"unknown forum field: {name}")
        setattr(forum, name, value)
    if participants is None:
        participants = list(forum.participants.all())
    forum.participant_roles = list(dict.fromkeys(forum.participant_roles or []))
    _check_forum(forum, participants)
    forum.save(update_fields=list(fields) or None)
    forum.participants.set(participants)
    if "content_template" in fields:
        forum.meetings.filter(status=Meeting.Status.PLANNED, starts_at__gt=timezone.now()).update(
            agenda=forum.agenda_lines()
        )
    return forum


@transaction.atomic
def schedule_meetings(
    *,
    by: User,
    forum: MeetingForum,
    first_starts_at: datetime.datetime,
    count: int = 1,
    now: datetime.datetime | None = None,
) -> list[Meeting]:
    """Plan ``count`` meetings at the forum's rhythm from ``first_starts_at``; never in the past.

    A start time the forum already has a meeting at is skipped, so planning twice is harmless.
    ``now`` is for tests and for importing history; it defaults to the present.
    """
    now = now or timezone.now()
    if not 1 <= count <= schedule.MAX_MEETINGS_AT_ONCE:
        raise ValidationError(
            {
                "count": _("Planlæg mellem 1 og %(max)s møder ad gangen.")
                % {"max": schedule.MAX_MEETINGS_AT_ONCE}
            }
        )
    first = timezone.localtime(first_starts_at)
    try:
        starts = schedule.meeting_starts(first, forum.frequency_weeks, count, now=now)
    except schedule.PastMeeting:
        raise ValidationError(
            {
                "first_starts_at": _(
                    "Mødet %(when)s ligger i fortiden. Et møde, der planlægges, skal ligge i fremtiden."
                )
                % {"when": formats.date_format(first, "DATETIME_FORMAT")}
            }
        ) from None
    taken = set(forum.meetings.filter(starts_at__in=starts).values_list("starts_at", flat=True))
    agenda = forum.agenda_lines()
    return Meeting.objects.bulk_create(
        Meeting(forum=forum, starts_at=start, agenda=agenda, created_by=by)
        for start in starts
        if start not in taken
    )


def _check_started(meeting: Meeting, too_early: str) -> None:
    """Attendance and minutes belong to a meeting on or after its day, and not a cancelled one."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Mødet er aflyst."))
    if timezone.localtime(meeting.starts_at).date() > timezone.localdate():
        raise ValidationError(too_early)


def _mark_held(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.PLANNED:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status"])


@transaction.atomic
def set_meeting_status(*, by: User, meeting: Meeting, status: str) -> Meeting:
    """Mark a meeting held, cancelled or planned again; a future meeting cannot have been held."""
    if status not in Meeting.Status.values:
        raise ValidationError({"status": _("Ukendt status.")})
    if status == Meeting.Status.HELD:
        _check_started(meeting, _("Et møde kan først markeres som afholdt på mødedagen."))
    if status == Meeting.Status.PLANNED and meeting.starts_at < timezone.now():
        raise ValidationError(_("Mødet ligger i fortiden og kan ikke planlægges igen."))
    meeting.status = status
    meeting.save(update_fields=["status"])
    return meeting


@transaction.atomic
def record_attendance(
    *, by: User, meeting: Meeting, present: Sequence[User], absent: Sequence[User] = ()
) -> list[Attendance]:
    """Replace the meeting's attendance: ``present`` took part, ``absent`` were planned but away."""
    _check_started(meeting, _("Fremmøde kan først registreres på mødedagen."))
    organisation_id = meeting.forum.organisation_id
    if any(user.organisation_id != organisation_id for user in [*present, *absent]):
        raise ValidationError(_("En af deltagerne hører til en anden organisation."))
    present_ids = {user.pk for user in present}
    rows = [Attendance(meeting=meeting, user=user, present=True) for user in present]
    rows += [
        Attendance(meeting=meeting, user=user, present=False)
        for user in absent
        if user.pk not in present_ids
    ]
    meeting.attendance.all().delete()
    _mark_held(meeting)
    return Attendance.objects.bulk_create(rows)


@transaction.atomic
def add_meeting_item(
    *, by: User, meeting: Meeting, kind: str, minutes: int, text: str
) -> MeetingItem:
    """Write one line of the minutes: its kind, the minutes it took, and what was said."""
    _check_started(meeting, _("Referatet kan først skrives på mødedagen."))
    errors = {}
    if kind not in MeetingItem.Kind.values:
        errors["kind"] = _("Ukendt type.")
    if not 0 <= minutes <= MeetingItem.MAX_MINUTES:
        errors["minutes"] = _("Angiv mellem 0 og %(max)s minutter.") % {
            "max": MeetingItem.MAX_MINUTES
        }
    if not text.strip():
        errors["text"] = _("Skriv, hvad der blev drøftet eller besluttet.")
    if errors:
        raise ValidationError(errors)
    _mark_held(meeting)
    return MeetingItem.objects.create(
        meeting=meeting, kind=kind, minutes=minutes, text=text.strip(), created_by=by
    )


@transaction.atomic
def add_follow_up(
    *,
    by: User,
    meeting: Meeting,
    text: str,
    owner: User,
    due_date: datetime.date | None = None,
) -> FollowUp:
    """Agree a follow-up with an owner; it shows on the forum's next meetings until it is done."""
    errors = {}
    if owner.organisation_id != meeting.forum.organisation_id:
        errors["owner"] = _("Den ansvarlige hører til en anden organisation.")
    if due_date and due_date < timezone.localtime(meeting.starts_at).date():
        errors["due_date"] = _("Fristen kan ikke ligge før mødet.")
    if not text.strip():
        errors["text"] = _("Skriv, hvad der skal følges op på.")
    if errors:
        raise ValidationError(errors)
    return FollowUp.objects.create(
        meeting=meeting, text=text.strip(), owner=owner, due_date=due_date
    )


@transaction.atomic
def complete_follow_up(
    *, by: User, follow_up: FollowUp, meeting: Meeting | None = None
) -> FollowUp:
    """Mark a follow-up done, at ``meeting`` when it was closed there."""
    if meeting is not None and meeting.forum_id != follow_up.meeting.forum_id:
        raise ValidationError(_("Opfølgningen hører til et andet mødeforum."))
    follow_up.done = True
    follow_up.completed_at = timezone.now()
    follow_up.completed_in = meeting
    follow_up.save(update_fields=["done", "completed_at", "completed_in"])
    return follow_up


def _check_agenda_course(meeting: Meeting, course: Course) -> None:
    forum = meeting.forum
    if forum.level != Level.CITIZEN:
        raise ValidationError(_("Kun møder på borgerniveau har forløb på dagsordenen."))
    if course.intervention_id != forum.intervention_id:
        raise ValidationError({"course": _("Forløbet hører ikke til mødeforummets indsats.")})


@transaction.atomic
def add_agenda_course(*, by: User, meeting: Meeting, course: Course) -> Meeting:
    """Put a course on a citizen-level meeting's agenda; the caller checked the user may see it."""
    _check_agenda_course(meeting, course)
    meeting.agenda_courses.add(course)
    return meeting


@transaction.atomic
def remove_agenda_course(*, by: User, meeting: Meeting, course: Course) -> Meeting:
    """Take a course off the meeting's agenda; packs already made keep what they showed."""
    meeting.agenda_courses.remove(course)
    return meeting


@transaction.atomic
def create_development_point(
    *,
    by: User,
    meeting: Meeting | None = None,
    title: str,
    description: str = "",
    intervention: Intervention | None = None,
) -> DevelopmentPoint:
    """Record a development point: from a meeting (for the forum's intervention) or directly."""
    if meeting is not None:
        intervention = meeting.forum.intervention or intervention
    if intervention is None:
        raise ValidationError({"intervention": _("Vælg den indsats, udviklingspunktet gælder.")})
    if intervention.organisation_id != by.organisation_id:
        raise ValidationError({"intervention": _("Indsatsen hører til en anden organisation.")})
    if meeting is not None and intervention.organisation_id != meeting.forum.organisation_id:
        raise ValidationError({"intervention": _("Indsatsen hører til en anden organisation.")})
    if not title.strip():
        raise ValidationError({"title": _("Giv udviklingspunktet en titel.")})
    return DevelopmentPoint.objects.create(
        intervention=intervention,
        title=title.strip(),
        description=description.strip(),
        meeting=meeting,
        created_by=by,
    )


@transaction.atomic
def set_development_point_status(
    *, by: User, point: DevelopmentPoint, status: str, version: int | None = None
) -> DevelopmentPoint:
    """Move a development point between open, in progress and closed; refused if the point
    changed since the page showed it (REL-02)."""
    if status not in DevelopmentPoint.Status.values:
        raise ValidationError({"status": _("Ukendt status.")})
    claim(point, version)
    point.status = status
    point.save(update_fields=["status"])
    return point
