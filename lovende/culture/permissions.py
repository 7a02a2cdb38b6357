"""Who may see and change the learning culture's landmarks, learning log, recognitions and
concerns.

- Nothing crosses organisations: another organisation's object answers 404 (ACL-04).
- Landmarks, learning points and recognitions are about practice: everyone in the organisation
  reads them.
- The culture's leaders edit landmarks, record recognitions and answer concerns: development
  consultants, administrators, and leaders at or above the unit (for the whole organisation, a
  leader at a top unit). Others get 403.
- Everyone writes learning points; the author or the culture's leaders change them.
- A concern is seen by the person who raised it (unless it is anonymous) and by the culture's
  leaders over its unit; other employees never see it, and it answers 404 to them.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from lovende.culture.models import Concern, Landmark, LandmarkStatement, LearningPoint, Recognition
from lovende.improvement.models import Initiative
from lovende.organisation.models import Role, Unit, User
from lovende.organisation.permissions import roles_of, subtree_filter


@dataclass(frozen=True)
class LeadScope:
    """Where a user leads the culture, read once so that lists need no query per row."""

    everywhere: bool = False
    units: list[Unit] = field(default_factory=list)

    def covers(self, unit: Unit | None) -> bool:
        """True for a unit at or below a led unit; for the whole organisation, a top unit."""
        if self.everywhere:
            return True
        if unit is None:
            return any(led.parent_id is None for led in self.units)
        return any(unit.is_within(led) for led in self.units)

    @property
    def any(self) -> bool:
        return self.everywhere or bool(self.units)


def lead_scope(user: User) -> LeadScope:
    """Consultants and administrators lead everywhere; leaders at and below their units."""
    roles = list(roles_of(user))
    if any(role.kind in (Role.Kind.CONSULTANT, Role.Kind.ADMINISTRATOR) for role in roles):
        return LeadScope(everywhere=True)
    return LeadScope(units=[role.unit for role in roles if role.kind == Role.Kind.LEADER])


def can_lead_culture(user: User, unit: Unit | None) -> bool:
    """May edit landmarks, record recognitions and answer concerns for ``unit`` (None: all)."""
    return lead_scope(user).covers(unit)


def led_units(user: User) -> QuerySet[Unit]:
    """The units whose culture the user leads, for the forms' choices."""
    scope = lead_scope(user)
    units = Unit.objects.filter(organisation_id=user.organisation_id)
    if scope.everywhere:
        return units
    return units.filter(subtree_filter(scope.units))


def _in_organisation(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.organisation_id is not None


def landmarks_visible_to(user: User) -> QuerySet[Landmark]:
    if not _in_organisation(user):
        return Landmark.objects.none()
    return Landmark.objects.filter(organisation_id=user.organisation_id, active=True)


def get_landmark_for_user(user: User, landmark_id: int, *, manage: bool = False) -> Landmark:
    """The landmark theme, 404 when out of reach, 403 when ``manage`` and the user only reads."""
    try:
        landmark = landmarks_visible_to(user).select_related("unit").get(pk=landmark_id)
    except Landmark.DoesNotExist:
        raise Http404 from None
    if manage and not can_lead_culture(user, landmark.unit):
        raise PermissionDenied
    return landmark


def get_statement_to_manage(user: User, statement_id: int) -> LandmarkStatement:
    """A statement to change or delete: 404 out of reach, 403 for those who only read."""
    try:
        statement = LandmarkStatement.objects.select_related("landmark__unit").get(
            pk=statement_id, active=True, landmark__in=landmarks_visible_to(user)
        )
    except LandmarkStatement.DoesNotExist:
        raise Http404 from None
    if not can_lead_culture(user, statement.landmark.unit):
        raise PermissionDenied
    return statement


def learning_points_visible_to(user: User) -> QuerySet[LearningPoint]:
    if not _in_organisation(user):
        return LearningPoint.objects.none()
    return LearningPoint.objects.filter(organisation_id=user.organisation_id)


def can_edit_learning_point(user: User, point: LearningPoint, scope: LeadScope) -> bool:
    """The author, or the culture's leaders over the point's unit."""
    return point.created_by_id == user.pk or scope.covers(point.unit)


def get_learning_point_for_user(user: User, point_id: int, *, edit: bool = False) -> LearningPoint:
    """The learning point, 404 when out of reach, 403 when ``edit`` and the user may not."""
    try:
        point = learning_points_visible_to(user).select_related("unit").get(pk=point_id)
    except LearningPoint.DoesNotExist:
        raise Http404 from None
    if edit and not can_edit_learning_point(user, point, lead_scope(user)):
        raise PermissionDenied
    return point


def recognitions_visible_to(user: User) -> QuerySet[Recognition]:
    if not _in_organisation(user):
        return Recognition.objects.none()
    return Recognition.objects.filter(organisation_id=user.organisation_id)


def require_culture_leader(user: User) -> LeadScope:
    """The user's lead scope; 403 for someone who leads the culture nowhere."""
    scope = lead_scope(user)
    if not scope.any:
        raise PermissionDenied
    return scope


def get_recognition_for_user(user: User, recognition_id: int) -> Recognition:
    """A recognition to change or delete: 404 out of reach, 403 unless the author or a leader."""
    try:
        recognition = recognitions_visible_to(user).select_related("unit").get(pk=recognition_id)
    except Recognition.DoesNotExist:
        raise Http404 from None
    if recognition.created_by_id != user.pk and not can_lead_culture(user, recognition.unit):
        raise PermissionDenied
    return recognition


def concerns_visible_to(user: User) -> QuerySet[Concern]:
    """Concerns the user raised by name, and those under the units whose culture they lead."""
    if not _in_organisation(user):
        return Concern.objects.none()
    scope = lead_scope(user)
    concerns = Concern.objects.filter(organisation_id=user.organisation_id)
    if scope.everywhere:
        return concerns
    condition = Q(raised_by=user) | subtree_filter(scope.units, "unit__")
    if scope.covers(None):
        condition |= Q(unit__isnull=True)
    return concerns.filter(condition)


def get_concern_for_user(user: User, concern_id: int, *, respond: bool = False) -> Concern:
    """The concern, 404 when not visible, 403 when ``respond`` and the user only raised it."""
    try:
        concern = (
            concerns_visible_to(user)
            .select_related("unit", "initiative", "raised_by")
            .get(pk=concern_id)
        )
    except Concern.DoesNotExist:
        raise Http404 from None
    if respond and not can_lead_culture(user, concern.unit):
        raise PermissionDenied
    return concern


def open_concerns_for_initiative(user: User, initiative: Initiative) -> QuerySet[Concern]:
    """The open concerns about ``initiative`` that ``user`` may see (for the initiative page)."""
    return (
        concerns_visible_to(user)
        .filter(initiative=initiative)
        .exclude(status=Concern.Status.HANDLED)
    )
