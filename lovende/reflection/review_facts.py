"""The data behind the review page: one intervention's forums and meetings as review.py's facts.

A fixed number of queries whatever the number of forums, meetings and minutes.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils import timezone

from lovende.interventions.models import Intervention
from lovende.organisation.models import Role, User
from lovende.reflection import review
from lovende.reflection.models import Attendance, Meeting, MeetingForum, MeetingItem
from lovende.reflection.permissions import forums_covering

PERIOD = datetime.timedelta(days=365)  # the meetings the review looks back on


@dataclass
class ReviewData:
    forums: list[MeetingForum]
    meetings: dict[int, Meeting]
    users: dict[int, User]
    forum_facts: list[review.ForumFacts]
    meeting_facts: list[review.MeetingFacts]
    flags: list[review.Flag]


def _participants(forum_ids: list[int]) -> dict[int, set[int]]:
    through = MeetingForum.participants.through
    planned: dict[int, set[int]] = defaultdict(set)
    for forum_id, user_id in through.objects.filter(meetingforum_id__in=forum_ids).values_list(
        "meetingforum_id", "user_id"
    ):
        planned[forum_id].add(user_id)
    return planned


def _frontline_users(intervention: Intervention, user_ids: set[int]) -> set[int]:
    """Those of ``user_ids`` employed (as medarbejder) where the intervention is delivered."""
    owners = list(intervention.units.all())
    roles = Role.objects.filter(user_id__in=user_ids, kind=Role.Kind.EMPLOYEE).select_related(
        "unit"
    )
    return {role.user_id for role in roles if any(role.unit.is_within(owner) for owner in owners)}


def _minutes(meeting_ids: list[int]) -> dict[int, dict[str, int]]:
    minutes: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        MeetingItem.objects.filter(meeting_id__in=meeting_ids)
        .values_list("meeting_id", "kind")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    for meeting_id, kind, total in rows:
        minutes[meeting_id][kind] = total
    return minutes


def _presence(meeting_ids: list[int]) -> dict[int, set[int]]:
    present: dict[int, set[int]] = {}
    rows = Attendance.objects.filter(meeting_id__in=meeting_ids).values_list(
        "meeting_id", "user_id", "present"
    )
    for meeting_id, user_id, was_there in rows:
        attendees = present.setdefault(meeting_id, set())
        if was_there:
            attendees.add(user_id)
    return present


def _forum_facts(
    forums: list[MeetingForum],
    planned: dict[int, set[int]],
    frontline: set[int],
    now: datetime.datetime,
) -> list[review.ForumFacts]:
    upcoming = dict(
        Meeting.objects.filter(forum__in=forums, status=Meeting.Status.PLANNED, starts_at__gte=now)
        .values_list("forum_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [
        review.ForumFacts(
            forum_id=forum.pk,
            level=forum.level,
            relevant_data=forum.relevant_data,
            participant_roles=frozenset(forum.participant_roles),
            planned=frozenset(planned[forum.pk]),
            frontline_people=frozenset(planned[forum.pk] & frontline),
            upcoming_meetings=upcoming.get(forum.pk, 0),
        )
        for forum in forums
    ]


def review_intervention(intervention: Intervention) -> ReviewData:
    """Facts and flags for the review of ``intervention``'s meeting structure."""
    now = timezone.now()
    organisation_forums = MeetingForum.objects.filter(organisation_id=intervention.organisation_id)
    forums = list(
        forums_covering(organisation_forums, intervention).select_related("intervention", "unit")
    )
    planned = _participants([forum.pk for forum in forums])
    everyone = set().union(*planned.values())
    frontline = _frontline_users(intervention, everyone)
    meetings = {
        meeting.pk: meeting
        for meeting in Meeting.objects.filter(
            forum__in=forums, status=Meeting.Status.HELD, starts_at__gte=now - PERIOD
        ).order_by("-starts_at")
    }
    minutes, presence = _minutes(list(meetings)), _presence(list(meetings))
    meeting_facts = [
        review.MeetingFacts(
            meeting_id=meeting.pk,
            forum_id=meeting.forum_id,
            minutes_by_kind=minutes.get(meeting.pk, {}),
            present=frozenset(presence[meeting.pk]) if meeting.pk in presence else None,
        )
        for meeting in meetings.values()
    ]
    forum_facts = _forum_facts(forums, planned, frontline, now)
    users = {user.pk: user for user in User.objects.filter(pk__in=everyone)}
    return ReviewData(
        forums=forums,
        meetings=meetings,
        users=users,
        forum_facts=forum_facts,
        meeting_facts=meeting_facts,
        flags=review.review(forum_facts, meeting_facts),
    )
