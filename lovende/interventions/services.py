"""Writes to interventions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lovende.interventions.models import Intervention
from lovende.organisation.models import Organisation, ProfessionalGroup, Unit


def _check(
    organisation: Organisation,
    name: str,
    units: list[Unit],
    groups: list[ProfessionalGroup],
    exclude: int | None = None,
) -> None:
    if any(u.organisation_id != organisation.pk for u in units):
        raise ValidationError({"units": _("En af enhederne hører til en anden organisation.")})
    if any(g.organisation_id != organisation.pk for g in groups):
        raise ValidationError(
            {"professional_groups": _("En af faggrupperne hører til en anden organisation.")}
        )
    if (
        Intervention.objects.filter(organisation=organisation, name__iexact=name)
        .exclude(pk=exclude)
        .exists()
    ):
        raise ValidationError({"name": _("Der findes allerede en indsats med dette navn.")})


@transaction.atomic
def save_intervention(
    *,
    organisation: Organisation,
    intervention: Intervention | None = None,
    name: str,
    target_group: str,
    units: list[Unit],
    professional_groups: list[ProfessionalGroup],
    **fields: str,
) -> Intervention:
    """Create an intervention, or update ``intervention`` when given."""
    _check(
        organisation,
        name,
        units,
        professional_groups,
        exclude=intervention.pk if intervention else None,
    )
    intervention = intervention or Intervention(organisation=organisation)
    intervention.name, intervention.target_group = name, target_group
    for field, value in fields.items():
        setattr(intervention, field, value)
    intervention.save()
    intervention.units.set(units)
    intervention.professional_groups.set(professional_groups)
    return intervention
