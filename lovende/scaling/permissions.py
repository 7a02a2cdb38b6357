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
  leader or a sponsor) or the plan's managers, not by the unit.
"""

from django.db.models import QuerySet

from lovende.improvement.models import TeamMember
from lovende.improvement.permissions import can_manage_teams
from lovende.interventions.models import Intervention
from lovende.organisation.models import Role, User
from lovende.organisation.permissions import can_manage_interventions, roles_of
from lovende.scaling.models import ScalingPlan, TargetUnit


def plans_visible_to(user: User) -> QuerySet[ScalingPlan]:
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return ScalingPlan.objects.none()
    return ScalingPlan.objects.filter(intervention__organisation_id=user.organisation_id)


def targets_visible_to(user: User) -> QuerySet[TargetUnit]:
    return TargetUnit.objects.filter(plan__in=plans_visible_to(user))


def can_manage_scaling(user: User, intervention: Intervention) -> bool:
    """Describe and assess the intervention, and plan its scaling."""
    return can_manage_teams(user, intervention)


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
    or those who manage the plan."""
    if plan.quality_team_id is not None:
        deciders = (TeamMember.Role.TEAM_LEADER, TeamMember.Role.SPONSOR)
        if plan.quality_team.members.filter(user=user, role__in=deciders).exists():
            return True
    return can_manage_scaling(user, plan.intervention)
