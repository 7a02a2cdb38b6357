from django.conf import settings
from django.http import HttpRequest

from lovende.dashboards.permissions import role_sees_organisation
from lovende.organisation import permissions


def current_roles(request: HttpRequest) -> dict:
    """The signed-in user's roles and what the navigation may offer them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"min_cell": settings.LOVENDE_MIN_CELL}
    roles = list(permissions.roles_of(user))
    return {
        "min_cell": settings.LOVENDE_MIN_CELL,
        "my_roles": roles,
        # Interventions, units, meetings, improvement, scaling and culture are empty without a
        # role (a log reviewer has only audit.review_access_log): the menu leaves them out.
        "nav_has_role": bool(roles),
        "nav_citizens": any(role.citizen_access for role in roles),
        "nav_admin": any(role.kind == role.Kind.ADMINISTRATOR for role in roles),
        "nav_overview": any(role_sees_organisation(role) for role in roles),
        "nav_instruments": any(
            role.kind in (role.Kind.ADMINISTRATOR, role.Kind.CONSULTANT) for role in roles
        ),
    }
