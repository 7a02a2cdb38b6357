"""Who may see and change the description, assessments and scaling of an intervention.

- Nothing crosses organisations: another organisation's objects answer 404.
- Descriptions, assessments and scaling plans are about practice, not citizens: everyone in the
  organisation reads them. (The outcomes side by side are aggregates, suppressed as on the
  dashboards.)
- The intervention's description, its assessments and its scaling plans are changed by those who
  manage its quality work: consultants, administrators and leaders at or above an owning unit
  that is not itself a target unit of one of its scaling plans. Adding a target unit makes the
  intervention delivered there (an owning unit, for its courses), but its leader leads that unit
  only, never the whole intervention (so not ``improvement.permissions.can_manage_teams``).
- A target unit belongs to its 3rd/4th-level leader: a leader at or above the unit (and the
  plan's managers) keeps its readiness analysis, mapping, tacit knowledge, stage and fidelity,
  answers ideas and decides adaptations within adaptable elements.
- Everyone with a role at or below the target unit proposes adaptations and ideas: employees are
  active in leadership within clear frames.
- An adaptation that touches a core element is decided by the plan's quality team (its team
  leader or a sponsor), or a development consultant or administrator — never by the unit's own
  leader as such, even where the unit now owns the intervention (``rules.decider``): a leader at
  or below the target unit is refused even as the quality team's leader, while a leader above it
  (the department's) decides as the quality team's. An adaptation on an element that has become
  core since it was proposed is the quality team's too.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from lovende.improvement.models import TeamMember
from lovende.interventions.models import Intervention
from lovende.interventions.permissions import get_intervention_for_user
from lovende.organisation.models import Role, Unit, User
from lovende.organisation.permissions import can_manage_interventions, roles_of
from lovende.scaling import rules
from lovende.scaling.models import Adaptation, Description, Element, Idea, ScalingPlan, TargetUnit


def plans_visible_to(user: User) -> QuerySet[ScalingPlan]:
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return ScalingPlan.objects.none()
    return ScalingPlan.objects.filter(intervention__organisation_id=user.organisation_id)


def targets_visible_to(user: User) -> QuerySet[TargetUnit]:
    return TargetUnit.objects.filter(plan__in=plans_visible_to(user))


def can_manage_scaling(user: User, intervention: Intervention) -> bool:
    """Describe and assess the intervention, and plan its scaling: consultants, administrators
    and leaders at or above an owning unit that is not a target unit of its scaling plans (the
    original owners and pilots), in one query after the consultant check."""
    if can_manage_interventions(user):
        return True
    targets = TargetUnit.objects.filter(plan__intervention=intervention).values("unit_id")
    owners = intervention.units.exclude(pk__in=targets).filter(
        path__startswith=OuterRef("unit__path")
    )
    return roles_of(user).filter(kind=Role.Kind.LEADER).filter(Exists(owners)).exists()


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


def leads_at_or_below(user: User, unit: Unit) -> bool:
    """A leader role at ``unit`` or below it: the unit's own leadership."""
    return roles_of(user).filter(kind=Role.Kind.LEADER, unit__path__startswith=unit.path).exists()


def can_decide_for_quality_team(
    user: User, plan: ScalingPlan, target: TargetUnit | None = None
) -> bool:
    """Decide adaptations touching a core element: the plan's quality team leader or a sponsor,
    or a development consultant or administrator. For ``target``'s adaptation, a leader at or
    below the target unit is refused even in the quality team: the unit does not decide its own
    core (a leader above it, such as the department's, still decides)."""
    if can_manage_interventions(user):
        return True
    if target is not None and leads_at_or_below(user, target.unit):
        return False
    if plan.quality_team_id is None:
        return False
    deciders = (TeamMember.Role.TEAM_LEADER, TeamMember.Role.SPONSOR)
    return plan.quality_team.members.filter(user=user, role__in=deciders).exists()


def is_core_now(adaptation: Adaptation) -> bool:
    """Whether the adaptation touches a core element: ticked or proposed so, or its element is
    core in the current version of the description (one query when not ticked)."""
    if adaptation.touches_core:
        return True
    latest = (
        Description.objects.filter(intervention_id=adaptation.target.plan.intervention_id)
        .order_by("-version")
        .values("pk")[:1]
    )
    return Element.objects.filter(
        description__in=latest, kind=Element.Kind.CORE, key=adaptation.element_key
    ).exists()


def can_decide_adaptation(user: User, adaptation: Adaptation) -> bool:
    """The unit's leaders decide within adaptable elements; the quality team decides the core,
    as the current description has it."""
    target = adaptation.target
    if rules.decider(touches_core=is_core_now(adaptation)) == rules.UNIT:
        return can_lead_target(user, target)
    return can_decide_for_quality_team(user, target.plan, target)


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
