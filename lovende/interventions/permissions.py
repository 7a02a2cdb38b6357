"""Interventions are not personal data: everyone in the organisation may read them."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lovende.interventions.models import Intervention, InterventionCost
from lovende.organisation.models import Role, User
from lovende.organisation.permissions import can_manage_interventions, roles_of


def interventions_visible_to(user: User) -> QuerySet[Intervention]:
    if user.organisation_id is None:
        return Intervention.objects.none()
    return Intervention.objects.filter(organisation_id=user.organisation_id)


def get_intervention_for_user(user: User, intervention_id: int) -> Intervention:
    try:
        return interventions_visible_to(user).get(pk=intervention_id)
    except Intervention.DoesNotExist:
        raise Http404 from None


def can_record_costs(user: User, intervention: Intervention) -> bool:
    """Those who set up interventions, and leaders at or above a unit that owns this one."""
    if can_manage_interventions(user):
        return True
    leads = [role.unit for role in roles_of(user).filter(kind=Role.Kind.LEADER)]
    owners = list(intervention.units.all())
    return any(owner.is_within(unit) for owner in owners for unit in leads)


def get_cost_for_user(user: User, cost_id: int) -> InterventionCost:
    """A cost to change: 404 outside the user's organisation, 403 without the right to record."""
    try:
        cost = InterventionCost.objects.select_related("intervention").get(
            pk=cost_id, intervention__organisation_id=user.organisation_id
        )
    except InterventionCost.DoesNotExist:
        raise Http404 from None
    if not can_record_costs(user, cost.intervention):
        raise PermissionDenied
    return cost
