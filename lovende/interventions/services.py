"""Writes to interventions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lovende.interventions.models import Intervention, InterventionCost
from lovende.organisation.models import Organisation, ProfessionalGroup, Unit, User


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


def _check_cost(intervention: Intervention, year: int, exclude: int | None = None) -> None:
    if intervention.costs.filter(year=year).exclude(pk=exclude).exists():
        raise ValidationError(
            {
                "year": _(
                    "Der er allerede registreret udgifter for %(year)s. Ret beløbet for det år "
                    "i stedet."
                )
                % {"year": year}
            }
        )


@transaction.atomic
def record_intervention_cost(
    *, by: User, intervention: Intervention, year: int, amount: int, note: str = ""
) -> InterventionCost:
    """Record what the intervention cost in one year; refuses a year that is already recorded."""
    _check_cost(intervention, year)
    return InterventionCost.objects.create(
        intervention=intervention, year=year, amount=amount, note=note
    )


@transaction.atomic
def update_intervention_cost(
    *, by: User, cost: InterventionCost, year: int, amount: int, note: str = ""
) -> InterventionCost:
    """Change a recorded year's expenses; refuses moving them onto another recorded year."""
    _check_cost(cost.intervention, year, exclude=cost.pk)
    cost.year, cost.amount, cost.note = year, amount, note
    cost.save(update_fields=["year", "amount", "note"])
    return cost


@transaction.atomic
def delete_intervention_cost(*, by: User, cost: InterventionCost) -> None:
    """Remove a recorded year's expenses; the dashboards then show it as not recorded."""
    cost.delete()
