"""Who may see and change quality teams and improvement initiatives.

- Nothing crosses organisations: another organisation's team answers 404, as if it did not exist.
- Teams and initiatives are about practice, not citizens: everyone in the organisation reads them.
- Development consultants, administrators and leaders at or above a unit that owns the
  intervention create and change its teams and initiatives (the same people who record its costs);
  everyone else gets 403 when they try.
"""

from operator import attrgetter

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lovende.improvement.models import (
    ExternalPartner,
    Initiative,
    Measure,
    MeasureValue,
    QualityTeam,
    TeamMember,
    Trial,
)
from lovende.interventions.models import Intervention
from lovende.interventions.permissions import can_record_costs, get_intervention_for_user
from lovende.organisation.models import Role, User
from lovende.organisation.permissions import can_manage_interventions, roles_of
from lovende.reflection.models import DevelopmentPoint
from lovende.reflection.permissions import development_points_visible_to


def teams_visible_to(user: User) -> QuerySet[QualityTeam]:
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return QualityTeam.objects.none()
    return QualityTeam.objects.filter(intervention__organisation_id=user.organisation_id)


def can_manage_teams(user: User, intervention: Intervention) -> bool:
    """Consultants, administrators and leaders over an owning unit of the intervention."""
    return can_record_costs(user, intervention)


def get_intervention_to_manage(user: User, intervention_id: int) -> Intervention:
    """The intervention to create a team for: 404 out of reach, 403 for those who only read."""
    intervention = get_intervention_for_user(user, intervention_id)
    if not can_manage_teams(user, intervention):
        raise PermissionDenied
    return intervention


def get_team_for_user(user: User, team_id: int, *, manage: bool = False) -> QualityTeam:
    """The team, 404 when out of reach, 403 when ``manage`` and the user only reads."""
    try:
        team = (
            teams_visible_to(user).select_related("intervention", "unit", "forum").get(pk=team_id)
        )
    except QualityTeam.DoesNotExist:
        raise Http404 from None
    if manage and not can_manage_teams(user, team.intervention):
        raise PermissionDenied
    return team


def get_member_for_user(user: User, member_id: int) -> TeamMember:
    """A membership to remove: 404 out of reach, 403 for those who only read."""
    try:
        member = TeamMember.objects.select_related("team__intervention", "user").get(
            pk=member_id, team__in=teams_visible_to(user)
        )
    except TeamMember.DoesNotExist:
        raise Http404 from None
    if not can_manage_teams(user, member.team.intervention):
        raise PermissionDenied
    return member


def get_partner_for_user(user: User, partner_id: int) -> ExternalPartner:
    """An external partner to remove: 404 out of reach, 403 for those who only read."""
    try:
        partner = ExternalPartner.objects.select_related("team__intervention").get(
            pk=partner_id, team__in=teams_visible_to(user)
        )
    except ExternalPartner.DoesNotExist:
        raise Http404 from None
    if not can_manage_teams(user, partner.team.intervention):
        raise PermissionDenied
    return partner


def initiatives_visible_to(user: User) -> QuerySet[Initiative]:
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return Initiative.objects.none()
    return Initiative.objects.filter(intervention__organisation_id=user.organisation_id)


def get_initiative_for_user(user: User, initiative_id: int, *, manage: bool = False) -> Initiative:
    """The initiative, 404 when out of reach, 403 when ``manage`` and the user only reads."""
    try:
        initiative = (
            initiatives_visible_to(user)
            .select_related("intervention", "unit", "development_point", "created_by")
            .get(pk=initiative_id)
        )
    except Initiative.DoesNotExist:
        raise Http404 from None
    if manage and not can_manage_teams(user, initiative.intervention):
        raise PermissionDenied
    return initiative


def _get_within_initiative(
    queryset: QuerySet, pk: int, user: User, initiative: str, *, manage: bool
) -> object:
    """An object of an initiative (reached through the ``initiative`` lookup path): 404 when
    the initiative is out of reach, 403 when ``manage`` and the user only reads."""
    try:
        found = queryset.get(pk=pk, **{f"{initiative}__in": initiatives_visible_to(user)})
    except ObjectDoesNotExist:
        raise Http404 from None
    owner = attrgetter(initiative.replace("__", "."))(found)
    if manage and not can_manage_teams(user, owner.intervention):
        raise PermissionDenied
    return found


def get_trial_for_user(user: User, trial_id: int, *, manage: bool = False) -> Trial:
    trials = Trial.objects.select_related(
        "initiative__intervention", "initiative__unit", "created_by"
    )
    return _get_within_initiative(trials, trial_id, user, "initiative", manage=manage)


def get_measure_for_user(user: User, measure_id: int, *, manage: bool = False) -> Measure:
    measures = Measure.objects.select_related(
        "initiative__intervention", "initiative__unit", "instrument"
    )
    return _get_within_initiative(measures, measure_id, user, "initiative", manage=manage)


def get_value_for_user(user: User, value_id: int) -> MeasureValue:
    """A measure's value to delete: only those who manage the initiative reach it."""
    values = MeasureValue.objects.select_related("measure__initiative__intervention")
    return _get_within_initiative(values, value_id, user, "measure__initiative", manage=True)


def get_development_point_to_develop(user: User, point_id: int) -> DevelopmentPoint:
    """A development point to turn into an initiative: 404 out of reach, 403 for readers."""
    try:
        point = development_points_visible_to(user).select_related("intervention").get(pk=point_id)
    except DevelopmentPoint.DoesNotExist:
        raise Http404 from None
    if not can_manage_teams(user, point.intervention):
        raise PermissionDenied
    return point


def managed_intervention_ids(user: User, interventions: list[Intervention]) -> set[int]:
    """The ids of ``interventions`` whose initiatives ``user`` may change, in two queries.

    The same rule as ``can_manage_teams``, for a whole board at once: the interventions' owning
    units must be prefetched (``prefetch_related("units")``).
    """
    if can_manage_interventions(user):
        return {intervention.pk for intervention in interventions}
    leads = [role.unit for role in roles_of(user).filter(kind=Role.Kind.LEADER)]
    return {
        intervention.pk
        for intervention in interventions
        if any(owner.is_within(unit) for owner in intervention.units.all() for unit in leads)
    }
