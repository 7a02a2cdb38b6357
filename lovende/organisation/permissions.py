"""Who may see and manage what in the organisation. The one door to the unit tree and staff.

Everyone in an organisation may see its unit tree and its staff (they are colleagues, not
citizens). Only administrators may change them. Nothing crosses organisations (ACL-04).
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from lovende.organisation.models import ProfessionalGroup, Role, Unit, User


def subtree_filter(units: QuerySet[Unit] | list[Unit], prefix: str = "") -> Q:
    """A Q matching everything at or below any of ``units`` (on ``<prefix>path``)."""
    condition = Q(pk__in=[])
    for unit in units:
        condition |= Q(**{f"{prefix}path__startswith": unit.path})
    return condition


def roles_of(user: User) -> QuerySet[Role]:
    """The user's roles, in their own organisation only."""
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return Role.objects.none()
    return Role.objects.filter(
        user=user, unit__organisation_id=user.organisation_id
    ).select_related("unit")


def citizen_access_units(user: User) -> QuerySet[Unit]:
    """Units whose courses the user may see with names: at or below a role with citizen access."""
    roots = [role.unit for role in roles_of(user).filter(citizen_access=True)]
    if not roots:
        return Unit.objects.none()
    return Unit.objects.filter(subtree_filter(roots), organisation_id=user.organisation_id)


def aggregate_units(user: User) -> QuerySet[Unit]:
    """Units the user may see aggregates for: at or below any of their roles."""
    roots = [role.unit for role in roles_of(user)]
    if not roots:
        return Unit.objects.none()
    return Unit.objects.filter(subtree_filter(roots), organisation_id=user.organisation_id)


def is_administrator(user: User) -> bool:
    return roles_of(user).filter(kind=Role.Kind.ADMINISTRATOR).exists()


def can_manage_interventions(user: User) -> bool:
    """Administrators and development consultants set up interventions."""
    return roles_of(user).filter(kind__in=[Role.Kind.ADMINISTRATOR, Role.Kind.CONSULTANT]).exists()


def units_visible_to(user: User) -> QuerySet[Unit]:
    if user.organisation_id is None:
        return Unit.objects.none()
    return Unit.objects.filter(organisation_id=user.organisation_id)


def staff_visible_to(user: User) -> QuerySet[User]:
    if user.organisation_id is None:
        return User.objects.none()
    return User.objects.filter(organisation_id=user.organisation_id)


def professional_groups_visible_to(user: User) -> QuerySet[ProfessionalGroup]:
    if user.organisation_id is None:
        return ProfessionalGroup.objects.none()
    return ProfessionalGroup.objects.filter(organisation_id=user.organisation_id)


def get_unit_for_user(user: User, unit_id: int) -> Unit:
    """The unit, or 404 when it is not in the user's organisation."""
    try:
        return units_visible_to(user).get(pk=unit_id)
    except Unit.DoesNotExist:
        raise Http404 from None


def get_staff_for_user(user: User, staff_id: int) -> User:
    try:
        return staff_visible_to(user).get(pk=staff_id)
    except User.DoesNotExist:
        raise Http404 from None


def get_role_for_user(user: User, role_id: int) -> Role:
    try:
        return Role.objects.select_related("user", "unit").get(
            pk=role_id, unit__organisation_id=user.organisation_id
        )
    except Role.DoesNotExist:
        raise Http404 from None


def get_professional_group_for_user(user: User, group_id: int) -> ProfessionalGroup:
    try:
        return professional_groups_visible_to(user).get(pk=group_id)
    except ProfessionalGroup.DoesNotExist:
        raise Http404 from None
