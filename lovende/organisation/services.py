"""Every write to the organisation: units, staff, roles and professional groups."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lovende.organisation.claims import RoleClaim
from lovende.organisation.models import Organisation, ProfessionalGroup, Role, Unit, User


def _check_same_organisation(organisation: Organisation, parent: Unit | None) -> None:
    if parent is not None and parent.organisation_id != organisation.pk:
        raise ValidationError(
            {"parent": _("Den overordnede enhed hører til en anden organisation.")}
        )


@transaction.atomic
def create_unit(
    *, organisation: Organisation, name: str, kind: str, parent: Unit | None = None
) -> Unit:
    """Create a unit under ``parent`` (or as a root) and give it its materialised path."""
    _check_same_organisation(organisation, parent)
    unit = Unit.objects.create(organisation=organisation, parent=parent, name=name, kind=kind)
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.save(update_fields=["path"])
    return unit


@transaction.atomic
def update_unit(*, unit: Unit, name: str, kind: str, parent: Unit | None) -> Unit:
    """Rename a unit and, if the parent changed, move it with everything below it.

    Refuses a move under the unit itself or one of its own descendants (the tree would loop).
    """
    _check_same_organisation(unit.organisation, parent)
    if parent is not None and parent.is_within(unit):
        raise ValidationError(
            {
                "parent": _(
                    "En enhed kan ikke flyttes ind under sig selv eller en af sine underenheder."
                )
            }
        )
    unit.name, unit.kind = name, kind
    unit.save(update_fields=["name", "kind"])
    if parent != unit.parent:
        _move(unit, parent)
    return unit


def _move(unit: Unit, parent: Unit | None) -> None:
    old_path = unit.path
    new_path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.parent = parent
    unit.save(update_fields=["parent"])
    subtree = list(Unit.objects.filter(path__startswith=old_path))
    for node in subtree:
        node.path = new_path + node.path[len(old_path) :]
    Unit.objects.bulk_update(subtree, ["path"])


@transaction.atomic
def create_staff(
    *,
    organisation: Organisation,
    username: str,
    first_name: str,
    last_name: str,
    email: str = "",
    job_title: str = "",
    professional_group: ProfessionalGroup | None = None,
    password: str | None = None,
) -> User:
    """Create a staff account. Without a password it can only log in through the IdP."""
    if professional_group is not None and professional_group.organisation_id != organisation.pk:
        raise ValidationError(
            {"professional_group": _("Faggruppen hører til en anden organisation.")}
        )
    user = User(
        organisation=organisation,
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        job_title=job_title,
        professional_group=professional_group,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


EDITABLE_STAFF_FIELDS = {
    "first_name",
    "last_name",
    "email",
    "job_title",
    "professional_group",
    "is_active",
}


@transaction.atomic
def update_staff(*, staff: User, **fields: object) -> User:
    """Change a staff member's name, e-mail, title, professional group or active flag.

    Refuses any other field (organisation, username, is_staff ...): no mass assignment (ACL-03).
    """
    if unknown := set(fields) - EDITABLE_STAFF_FIELDS:
        raise ValueError(f"update_staff cannot change {sorted(unknown)}")
    group = fields.get("professional_group")
    if group is not None and group.organisation_id != staff.organisation_id:
        raise ValidationError(
            {"professional_group": _("Faggruppen hører til en anden organisation.")}
        )
    regrouped = "professional_group" in fields and (
        getattr(fields["professional_group"], "pk", None) != staff.professional_group_id
    )
    for name, value in fields.items():
        setattr(staff, name, value)
    staff.save(update_fields=list(fields))
    if regrouped:
        # Courses keep their staff's group for the dashboards (citizens builds on organisation)
        from lovende.citizens.services import refresh_staff_groups

        refresh_staff_groups(staff.responsible_for.all())
    return staff


@transaction.atomic
def assign_role(
    *,
    user: User,
    unit: Unit,
    kind: str,
    management_level: int | None = None,
    citizen_access: bool | None = None,
) -> Role:
    """Give ``user`` a role at ``unit``. Citizen access defaults by kind and level.

    Refuses a unit in another organisation than the user's (ACL-04), and a leader without a
    management level.
    """
    if unit.organisation_id != user.organisation_id:
        raise ValidationError(
            {"unit": _("Enheden hører til en anden organisation end medarbejderen.")}
        )
    if kind not in Role.Kind.values:
        raise ValidationError({"kind": _("Ukendt rolle.")})
    if kind == Role.Kind.LEADER and management_level is None:
        raise ValidationError(
            {"management_level": _("En leder skal have et ledelsesniveau (1-4).")}
        )
    if kind != Role.Kind.LEADER:
        management_level = None
    if citizen_access is None:
        citizen_access = Role.default_citizen_access(kind, management_level)
    if Role.objects.filter(user=user, unit=unit, kind=kind).exists():
        raise ValidationError({"kind": _("Medarbejderen har allerede denne rolle i enheden.")})
    return Role.objects.create(
        user=user,
        unit=unit,
        kind=kind,
        management_level=management_level,
        citizen_access=citizen_access,
    )


@transaction.atomic
def remove_role(*, role: Role) -> None:
    """Remove a role; it takes effect on the user's very next request (ACL-04)."""
    role.delete()


@transaction.atomic
def create_professional_group(*, organisation: Organisation, name: str) -> ProfessionalGroup:
    if ProfessionalGroup.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise ValidationError({"name": _("Der findes allerede en faggruppe med dette navn.")})
    return ProfessionalGroup.objects.create(organisation=organisation, name=name)


@transaction.atomic
def rename_professional_group(*, group: ProfessionalGroup, name: str) -> ProfessionalGroup:
    clash = ProfessionalGroup.objects.filter(
        organisation_id=group.organisation_id, name__iexact=name
    ).exclude(pk=group.pk)
    if clash.exists():
        raise ValidationError({"name": _("Der findes allerede en faggruppe med dette navn.")})
    group.name = name
    group.save(update_fields=["name"])
    return group


@transaction.atomic
def sync_roles_from_claims(*, user: User, claims: list[RoleClaim]) -> tuple[int, int, list[str]]:
    """Make ``user``'s roles exactly those the IdP's claims name (KOMBIT-style central access).

    Units are found by UUID in the user's own organisation only (ACL-04); a claim for a unit
    Lovende does not know grants nothing and is reported. Removed roles take effect on the next
    request. Returns (roles added, roles removed, problems).
    """
    units = {
        unit.uuid: unit
        for unit in Unit.objects.filter(
            organisation_id=user.organisation_id, uuid__in=[claim.unit for claim in claims]
        )
    }
    wanted = {}
    problems = []
    for claim in claims:
        if claim.unit not in units:
            problems.append(_("Ukendt enhed %(uuid)s") % {"uuid": claim.unit})
            continue
        wanted[(units[claim.unit].pk, claim.kind)] = claim
    current = {(role.unit_id, role.kind): role for role in Role.objects.filter(user=user)}
    removed = 0
    for key, role in current.items():
        claim = wanted.get(key)
        if claim is None or claim.management_level != role.management_level:
            role.delete()
            removed += 1
    added = 0
    for key, claim in wanted.items():
        role = current.get(key)
        if role is not None and claim.management_level == role.management_level:
            if role.citizen_access != claim.citizen_access:
                role.citizen_access = claim.citizen_access
                role.save(update_fields=["citizen_access"])
            continue
        Role.objects.create(
            user=user,
            unit=units[claim.unit],
            kind=claim.kind,
            management_level=claim.management_level,
            citizen_access=claim.citizen_access,
        )
        added += 1
    return added, removed, problems
