"""Who may see and run meeting forums, meetings and development points.

- Nothing crosses organisations: another organisation's forum answers 404, as if it did not exist.
- Leaders, development consultants and administrators see every forum in their organisation and
  manage them (create, change, plan meetings).
- Other staff see the citizen- and intervention-level forums of interventions delivered where
  they have a role (the forum's unit when it has one, otherwise the intervention's units), and
  every forum where they are a named participant.
- Named participants take minutes, attendance and follow-ups; the rest of the readers get 403.
- The courses on a citizen-level meeting's agenda are shown to each reader only where they may
  see the course themselves (``courses_visible_to``); names never come with the meeting.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from lovende.citizens.models import Course
from lovende.citizens.permissions import courses_visible_to
from lovende.interventions.models import Intervention
from lovende.organisation.models import Role, Unit, User
from lovende.organisation.permissions import roles_of, subtree_filter
from lovende.reflection.models import DevelopmentPoint, FollowUp, Level, Meeting, MeetingForum

MANAGER_KINDS = (Role.Kind.LEADER, Role.Kind.CONSULTANT, Role.Kind.ADMINISTRATOR)


def can_manage_forums(user: User) -> bool:
    """Leaders, development consultants and administrators set up forums and plan meetings."""
    return roles_of(user).filter(kind__in=MANAGER_KINDS).exists()


def _related_units(units: list[Unit], relation: str) -> Q:
    """``relation`` is at, above or below one of ``units``: the unit tree connects them."""
    ancestors = {pk for unit in units for pk in unit.ancestor_ids()}
    return Q(**{f"{relation}__in": ancestors}) | subtree_filter(units, prefix=f"{relation}__")


def forums_visible_to(user: User) -> QuerySet[MeetingForum]:
    """Forums the user may read, in their own organisation only."""
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return MeetingForum.objects.none()
    forums = MeetingForum.objects.filter(organisation_id=user.organisation_id)
    roles = list(roles_of(user))
    if any(role.kind in MANAGER_KINDS for role in roles):
        return forums
    units = [role.unit for role in roles]
    in_reach = ~Q(level=Level.ORGANISATION) & (
        (Q(unit__isnull=False) & _related_units(units, "unit"))
        | (Q(unit__isnull=True) & _related_units(units, "intervention__units"))
    )
    return forums.filter(Q(participants=user) | in_reach).distinct()


def is_participant(user: User, forum: MeetingForum) -> bool:
    return forum.participants.filter(pk=user.pk).exists()


def can_take_minutes(user: User, forum: MeetingForum) -> bool:
    """Managers and the forum's named participants record attendance, minutes and follow-ups."""
    return can_manage_forums(user) or is_participant(user, forum)


def get_forum_for_user(user: User, forum_id: int, *, manage: bool = False) -> MeetingForum:
    """The forum, 404 when out of reach, 403 when ``manage`` and the user only reads."""
    try:
        forum = (
            forums_visible_to(user)
            .select_related("intervention", "unit", "created_by")
            .get(pk=forum_id)
        )
    except MeetingForum.DoesNotExist:
        raise Http404 from None
    if manage and not can_manage_forums(user):
        raise PermissionDenied
    return forum


def get_meeting_for_user(user: User, meeting_id: int, *, write: bool = False) -> Meeting:
    """The meeting, 404 when its forum is out of reach, 403 when ``write`` and not a minute-taker."""
    try:
        meeting = Meeting.objects.select_related("forum__intervention", "forum__unit").get(
            pk=meeting_id, forum__in=forums_visible_to(user)
        )
    except Meeting.DoesNotExist:
        raise Http404 from None
    if write and not can_take_minutes(user, meeting.forum):
        raise PermissionDenied
    return meeting


def get_follow_up_for_user(user: User, follow_up_id: int) -> FollowUp:
    """A follow-up to complete: 404 out of reach; 403 unless minute-taker or its owner."""
    try:
        follow_up = FollowUp.objects.select_related("meeting__forum").get(
            pk=follow_up_id, meeting__forum__in=forums_visible_to(user)
        )
    except FollowUp.DoesNotExist:
        raise Http404 from None
    if follow_up.owner_id != user.pk and not can_take_minutes(user, follow_up.meeting.forum):
        raise PermissionDenied
    return follow_up


def development_points_visible_to(user: User) -> QuerySet[DevelopmentPoint]:
    """Development points are about practice, not people: the whole organisation reads them."""
    if user.organisation_id is None:
        return DevelopmentPoint.objects.none()
    return DevelopmentPoint.objects.filter(intervention__organisation_id=user.organisation_id)


def get_development_point_for_user(user: User, point_id: int) -> DevelopmentPoint:
    """A development point to change: 404 in another organisation, 403 for non-managers."""
    try:
        point = development_points_visible_to(user).select_related("intervention").get(pk=point_id)
    except DevelopmentPoint.DoesNotExist:
        raise Http404 from None
    if not can_manage_forums(user):
        raise PermissionDenied
    return point


def forums_covering(
    forums: QuerySet[MeetingForum], intervention: Intervention
) -> QuerySet[MeetingForum]:
    """The intervention's own forums and the organisation-level forums that take it in.

    An organisation-level forum without an intervention covers every intervention delivered in
    its unit (or the whole organisation when it has no unit).
    """
    owners = list(intervention.units.all())
    organisation_wide = Q(level=Level.ORGANISATION, intervention__isnull=True) & (
        Q(unit__isnull=True) | _related_units(owners, "unit")
    )
    return forums.filter(Q(intervention=intervention) | organisation_wide).distinct()


def agenda_course_candidates(user: User, forum: MeetingForum) -> QuerySet[Course]:
    """Courses the user may put on the forum's agenda: visible to them, in the forum's
    intervention and, when the forum has a unit, in that unit or below. None above citizen level.
    """
    courses = courses_visible_to(user).filter(intervention_id=forum.intervention_id)
    if forum.level != Level.CITIZEN:
        return courses.none()
    if forum.unit_id is not None:
        courses = courses.filter(subtree_filter([forum.unit], prefix="unit__"))
    return courses


def agenda_courses_for(user: User, meeting: Meeting) -> QuerySet[Course]:
    """The courses on the meeting's agenda that the user may see; the rest are withheld."""
    return courses_visible_to(user).filter(pk__in=meeting.agenda_courses.values("pk"))
