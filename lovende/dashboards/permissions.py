"""Who may see which dashboard. Dashboards show aggregates only, never a citizen (ACL-03).

- The intervention dashboard: everyone with a role in the organisation (leaders, consultants,
  administrators and staff), each over the units at or below their roles.
- The organisation dashboard: leaders at levels 1–3, development consultants and administrators.
Anything in another organisation answers 404, as if it did not exist (ACL-04).
"""

from django.db.models import QuerySet
from django.http import Http404

from lovende.interventions.models import Intervention
from lovende.interventions.permissions import get_intervention_for_user
from lovende.organisation.models import Role, Unit, User
from lovende.organisation.permissions import aggregate_units, roles_of

ORGANISATION_LEVELS = (1, 2, 3)


def get_intervention_for_dashboard(user: User, intervention_id: int) -> Intervention:
    """The intervention, or 404 when it belongs to another organisation."""
    return get_intervention_for_user(user, intervention_id)


def dashboard_units(user: User) -> QuerySet[Unit]:
    """Units whose courses count in the user's dashboards: at or below any of their roles."""
    return aggregate_units(user)


def role_sees_organisation(role: Role) -> bool:
    """Leaders at levels 1–3, consultants and administrators work at the organisation level."""
    if role.kind == Role.Kind.LEADER:
        return role.management_level in ORGANISATION_LEVELS
    return role.kind in (Role.Kind.CONSULTANT, Role.Kind.ADMINISTRATOR)


def can_see_organisation_dashboard(user: User) -> bool:
    return any(role_sees_organisation(role) for role in roles_of(user))


def require_organisation_dashboard(user: User) -> None:
    """404 for anyone who is not a leader at level 1–3, a consultant or an administrator."""
    if not can_see_organisation_dashboard(user):
        raise Http404
