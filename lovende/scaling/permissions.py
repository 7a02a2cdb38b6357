"""Who may see and change the description, assessments and scaling of an intervention.

- Nothing crosses organisations: another organisation's objects answer 404.
- Descriptions, assessments and scaling plans are about practice, not citizens: everyone in the
  organisation reads them. (The outcomes side by side are aggregates, suppressed as on the
  dashboards.)
- The intervention's description, its assessments and its scaling plans are changed by those who
  manage its quality work: consultants, administrators and leaders over an owning unit
  (``improvement.permissions.can_manage_teams``).
- A target unit belongs to its 3rd/4th-level leader: a leader at or above the unit (and the
  plan's managers) keeps its readiness analysis, mapping, tacit knowledge, stage and fidelity,
  answers ideas and decides adaptations within adaptable elements.
- Everyone with a role at or below the target unit proposes adaptations and ideas: employees are
  active in leadership within clear frames.
- An adaptation that touches a core element is decided by the plan's quality team (its team
  leader or a sponsor), or a development consultant or administrator — never by the unit's own
  leader as such, even where the unit now owns the intervention (``rules.decider``).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lovende.improvement.models import TeamMember
from lovende.improvement.permissions import can_manage_teams
from lovende.interventions.models import Intervention
from lovende.interventions.permissions import get_intervention_for_user
from lovende.organisation.models import Role, User
from lovende.organisation.permissions import can_manage_interventions, roles_of
from lovende.scaling import rules
from lovende.scaling.models import Adaptation, Idea, ScalingPlan, TargetUnit


def plans_visible_to(user: User) -> QuerySet[ScalingPlan]:
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return ScalingPlan.objects.none()
    return ScalingPlan.objects.filter(intervention__organisation_id=user.organisation_id)


def targets_visible_to(user: User) -> QuerySet[TargetUnit]:
    return TargetUnit.objects.filter(plan__in=plans_visible_to(user))


def can_manage_scaling(user: User, intervention: Intervention) -> bool:
    """Describe and assess the intervention, and plan its scaling."""
    return can_manage_teams(user, intervention)


def get_intervention_to_manage(user: User, intervention_id: int) -> Intervention:
    """The intervention to describe, assess or plan: 404 out of reach, 403 for readers."""
    intervention = get_intervention_for_user(user, intervention_id)
    if not can_manage_scaling(user, intervention):
        raise PermissionDenied
    return intervention


def can_lead_target(user: User, target: TargetUnit) -> bool:
    """The target unit's own leaders (at or above it) and the plan's managers."""
    if can_manage_interventions(user):
        return True
    leads = roles_of(user).filter(kind=Role.Kind.LEADER).select_related("unit")
    if any(target.unit.is_within(role.unit) for role in leads):
        return True
    return can_manage_scaling(user, target.plan.intervention)


def can_contribute_to_target(user: User, target: TargetUnit) -> bool:
    """Propose adaptations and ideas: anyone with a role at or below the unit, and its leaders."""
    roles = roles_of(user).select_related("unit")
    if any(role.unit.is_within(target.unit) for role in roles):
        return True
    return can_lead_target(user, target)


def can_decide_for_quality_team(user: User, plan: ScalingPlan) -> bool:
    """Decide adaptations touching a core element: the plan's quality team leader or a sponsor,
    or a development consultant or administrator."""
    if plan.quality_team_id is not None:
        deciders = (TeamMember.Role.TEAM_LEADER, TeamMember.Role.SPONSOR)
        if plan.quality_team.members.filter(user=user, role__in=deciders).exists():
            return True
    return can_manage_interventions(user)


def can_decide_adaptation(user: User, adaptation: Adaptation) -> bool:
    """The unit's leaders decide within adaptable elements; the quality team decides the core."""
    if rules.decider(touches_core=adaptation.touches_core) == rules.UNIT:
        return can_lead_target(user, adaptation.target)
    return can_decide_for_quality_team(user, adaptation.target.plan)


def get_plan_for_user(user: User, plan_id: int, *, manage: bool = False) -> ScalingPlan:
    """The plan, 404 when out of reach, 403 when ``manage`` and the user only reads."""
    try:
        plan = plans_visible_to(user).select_related("intervention", "quality_team").get(pk=plan_id)
    except ScalingPlan.DoesNotExist:
        raise Http404 from None
    if manage and not can_manage_scaling(user, plan.intervention):
        raise PermissionDenied
    return plan


def get_target_for_user(
    user: User, target_id: int, *, lead: bool = False, contribute: bool = False
) -> TargetUnit:
    """The target unit, 404 when out of reach, 403 when the user may not lead or contribute."""
    try:
        target = (
            targets_visible_to(user)
            .select_related("plan__intervention", "plan__quality_team", "unit", "owner")
            .get(pk=target_id)
        )
    except TargetUnit.DoesNotExist:
        raise Http404 from None
    if lead and not can_lead_target(user, target):
        raise PermissionDenied
    if contribute and not can_contribute_to_target(user, target):
        raise PermissionDenied
    return target


def get_adaptation_for_user(user: User, adaptation_id: int) -> Adaptation:
    """An adaptation to decide, 404 when out of reach (who may decide is the caller's question)."""
    try:
        return Adaptation.objects.select_related(
            "target__plan__intervention",
            "target__plan__quality_team",
            "target__unit",
            "target__owner",
        ).get(pk=adaptation_id, target__in=targets_visible_to(user))
    except Adaptation.DoesNotExist:
        raise Http404 from None


def get_idea_to_answer(user: User, idea_id: int) -> Idea:
    """An idea to answer: 404 when out of reach, 403 for those who may not lead its unit."""
    try:
        idea = Idea.objects.select_related("target").get(
            pk=idea_id, target__in=targets_visible_to(user)
        )
    except Idea.DoesNotExist:
        raise Http404 from None
    get_target_for_user(user, idea.target_id, lead=True)
    return idea
