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
- A culture survey round is seen by the culture's leaders over its unit and by the people in it;
  the culture's leaders over the unit open and close it. Everyone with a role at or below the
  unit answers it once, except those culture leaders: they read the results, so they neither
  answer nor count towards the threshold. Who may answer is frozen when the round opens
  (``Eligibility``).
- A leader's 360° round and reflection are seen by that leader alone, and by the colleagues the
  leader shares them with; administrators and consultants too get 404. Employees at or below
  the round's unit and the invited fellow leaders answer it.
"""

import datetime
from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lovende.culture.models import (
    Concern,
    Eligibility,
    Landmark,
    LandmarkStatement,
    LearningPoint,
    Participation,
    Recognition,
    ReflectionShare,
    RespondentGroup,
    SurveyRound,
)
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


# Culture surveys and leaders' 360° feedback --------------------------------------------------


def survey_respondents(unit: Unit, subject: User | None = None) -> QuerySet[User]:
    """Active staff with a role at or below ``unit``; a 360° round leaves out its leader."""
    users = User.objects.filter(
        organisation_id=unit.organisation_id,
        is_active=True,
        roles__unit__path__startswith=unit.path,
    )
    if subject is not None:
        users = users.exclude(pk=subject.pk)
    return users.distinct()


def culture_leaders(unit: Unit) -> QuerySet[User]:
    """Who leads the culture of ``unit`` (``lead_scope(user).covers(unit)``), in one query:
    consultants and administrators, and leaders at the unit or above it."""
    roles = Role.objects.filter(unit__organisation_id=unit.organisation_id).filter(
        Q(kind__in=(Role.Kind.CONSULTANT, Role.Kind.ADMINISTRATOR))
        | Q(kind=Role.Kind.LEADER, unit_id__in=unit.ancestor_ids())
    )
    return User.objects.filter(pk__in=roles.values("user_id"))


def culture_respondents(unit: Unit) -> QuerySet[User]:
    """Who may answer a culture round on ``unit``: the staff at or below it, without those who
    lead its culture. They read the results, so counting them towards the threshold would let
    fewer than the threshold of the others answer (docs/decisions.md)."""
    return survey_respondents(unit).exclude(pk__in=culture_leaders(unit).values("pk"))


def is_eligible(survey: SurveyRound, user: User) -> bool:
    """In the round's eligible group, as frozen when it opened."""
    return Eligibility.objects.filter(round=survey, user_id=user.pk).exists()


def may_answer(user: User, survey: SurveyRound) -> bool:
    """Who was in the eligible group when the round opened (staff at or below the round's unit,
    and a 360° round's invitees), still active; never the 360° round's leader, and never those
    who now lead the culture round's unit."""
    if not _in_organisation(user) or survey.organisation_id != user.organisation_id:
        return False
    if survey.subject_id == user.pk:
        return False
    if survey.kind == SurveyRound.Kind.CULTURE and can_lead_culture(user, survey.unit):
        return False
    return is_eligible(survey, user)


def respondent_group(survey: SurveyRound, user: User) -> str:
    """The counters ``user``'s answer goes to: a split 360° round's group, as frozen at opening;
    otherwise everyone."""
    if not survey.split_groups:
        return RespondentGroup.ALL
    return (
        Eligibility.objects.filter(round=survey, user_id=user.pk)
        .values_list("group", flat=True)
        .first()
        or RespondentGroup.ALL
    )


def leads_feedback_unit(user: User, unit: Unit) -> bool:
    """A leader asks for feedback on a unit at or below one they lead."""
    return any(
        role.kind == Role.Kind.LEADER and unit.is_within(role.unit) for role in roles_of(user)
    )


def feedback_units(user: User) -> QuerySet[Unit]:
    """The units a leader may ask for 360° feedback on: those they lead, and those below."""
    led = [role.unit for role in roles_of(user) if role.kind == Role.Kind.LEADER]
    if not led:
        return Unit.objects.none()
    return Unit.objects.filter(subtree_filter(led), organisation_id=user.organisation_id)


def fellow_leaders(user: User) -> QuerySet[User]:
    """Leaders in the organisation a leader may invite to give feedback (not themselves)."""
    return (
        User.objects.filter(
            organisation_id=user.organisation_id,
            is_active=True,
            roles__kind=Role.Kind.LEADER,
        )
        .exclude(pk=user.pk)
        .distinct()
    )


def shared_leaders(user: User) -> QuerySet[User]:
    """The leaders who share their 360° results with ``user``."""
    if not _in_organisation(user):
        return User.objects.none()
    return User.objects.filter(
        reflection_shares__shared_with=user, organisation_id=user.organisation_id
    )


def may_see_reflection(user: User, leader: User) -> bool:
    """The leader, and whom the leader shares with. Nobody else: not admins, not consultants."""
    if not _in_organisation(user) or leader.organisation_id != user.organisation_id:
        return False
    return (
        leader.pk == user.pk
        or ReflectionShare.objects.filter(leader=leader, shared_with=user).exists()
    )


def survey_rounds_visible_to(user: User) -> QuerySet[SurveyRound]:
    """Culture rounds the user leads or belongs to; 360° rounds of themselves or shared."""
    if not _in_organisation(user):
        return SurveyRound.objects.none()
    scope = lead_scope(user)
    own_units = {unit_id for role in roles_of(user) for unit_id in role.unit.ancestor_ids()}
    culture = Q(unit_id__in=own_units)
    if scope.everywhere:
        culture = Q()
    elif scope.units:
        culture |= subtree_filter(scope.units, "unit__")
    sharing = ReflectionShare.objects.filter(shared_with=user).values("leader_id")
    feedback = Q(subject=user) | Q(subject_id__in=sharing)
    return SurveyRound.objects.filter(organisation_id=user.organisation_id).filter(
        (Q(kind=SurveyRound.Kind.CULTURE) & culture)
        | (Q(kind=SurveyRound.Kind.LEADER360) & feedback)
    )


def rounds_to_answer(user: User) -> list[tuple[SurveyRound, bool]]:
    """Open rounds the user may answer ("Mine spørgeskemaer"), each with whether they have."""
    if not _in_organisation(user):
        return []
    today = timezone.localdate()
    eligible = Eligibility.objects.filter(user_id=user.pk).values("round_id")
    rounds = list(
        SurveyRound.objects.filter(
            organisation_id=user.organisation_id,
            status=SurveyRound.Status.OPEN,
            opens_on__lte=today,
            closes_on__gte=today,
            pk__in=eligible,
        )
        .exclude(subject=user)
        .select_related("unit", "subject")
        .order_by("closes_on", "pk")
    )
    answered = set(
        Participation.objects.filter(user=user, round__in=rounds).values_list("round_id", flat=True)
    )
    return [(survey, survey.pk in answered) for survey in rounds]


def can_manage_round(user: User, survey: SurveyRound) -> bool:
    """Culture rounds: the culture's leaders over the unit. 360° rounds: their leader."""
    if survey.kind == SurveyRound.Kind.LEADER360:
        return survey.subject_id == user.pk
    return can_lead_culture(user, survey.unit)


def get_round_for_user(user: User, round_id: int, *, manage: bool = False) -> SurveyRound:
    """A round to read, 404 when out of reach, 403 when ``manage`` and the user only reads."""
    try:
        survey = survey_rounds_visible_to(user).select_related("unit", "subject").get(pk=round_id)
    except SurveyRound.DoesNotExist:
        raise Http404 from None
    if manage and not can_manage_round(user, survey):
        raise PermissionDenied
    return survey


def get_round_to_answer(user: User, round_id: int) -> SurveyRound:
    """A round the user is eligible to answer or may already see (its leader, those it is shared
    with, the culture's leaders over a culture round's unit); 404 for everyone else, so that
    nobody learns another leader's 360° round's title or subject (ACL-02). Whether they may
    answer now is the service's question, so that the refusal can say why."""
    if not _in_organisation(user):
        raise Http404
    eligible = Eligibility.objects.filter(user_id=user.pk).values("round_id")
    visible = survey_rounds_visible_to(user).values("pk")
    try:
        return (
            SurveyRound.objects.filter(organisation_id=user.organisation_id)
            .filter(Q(pk__in=eligible) | Q(pk__in=visible))
            .select_related("unit", "subject")
            .get(pk=round_id)
        )
    except SurveyRound.DoesNotExist:
        raise Http404 from None


# Personal links: a signed (round, user, expiry) that only deep-links. Nothing is stored.
LINK_SALT = "lovende.culture.survey-link"


def survey_link_token(survey: SurveyRound, user: User) -> str:
    """The personal token for ``user``'s link to ``survey``, valid until the round closes."""
    payload = {"r": survey.pk, "u": user.pk, "e": survey.closes_on.isoformat()}
    return signing.dumps(payload, salt=LINK_SALT, compress=True)


class ForeignLink(PermissionDenied):
    """A valid link that belongs to another person."""


def get_round_from_link(user: User, token: str) -> SurveyRound:
    """The round a personal link points to: 404 for a tampered, expired or foreign-tenant
    token, ForeignLink (403) when it is another person's link."""
    try:
        payload = signing.loads(token, salt=LINK_SALT)
        round_id, user_id = int(payload["r"]), int(payload["u"])
        expires = datetime.date.fromisoformat(payload["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise Http404 from None
    if expires < timezone.localdate():
        raise Http404
    survey = get_round_to_answer(user, round_id)
    if user_id != user.pk:
        raise ForeignLink
    return survey
