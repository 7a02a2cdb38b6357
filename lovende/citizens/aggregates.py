"""Counts of citizens for leaders above the citizen level, always suppressed (SDC-01)."""

from collections import defaultdict

from django.conf import settings

from lovende.analytics.suppression import Cell, suppress
from lovende.citizens.models import Course
from lovende.organisation.models import User
from lovende.organisation.permissions import aggregate_units


def active_citizens_by_unit(user: User) -> dict[int, Cell]:
    """Distinct citizens in open courses at or below each unit the user may see aggregates for.

    One query for the whole organisation; the roll-up up the tree happens in Python over the
    materialised paths.
    """
    units = list(aggregate_units(user))
    if not units:
        return {}
    pairs = (
        Course.objects.filter(
            unit__organisation_id=user.organisation_id,
            status__in=[Course.Status.WAITING, Course.Status.ACTIVE],
        )
        .values_list("unit__path", "citizen_id")
        .distinct()
    )
    citizens_at: dict[int, set[int]] = defaultdict(set)
    for path, citizen_id in pairs:
        for unit_id in path.strip("/").split("/"):
            citizens_at[int(unit_id)].add(citizen_id)
    k = settings.LOVENDE_MIN_CELL
    return {unit.pk: suppress(len(citizens_at.get(unit.pk, ())), k) for unit in units}


def active_citizens_by_intervention_unit(user: User, intervention_id: int) -> dict[int, Cell]:
    """Distinct citizens in open courses of one intervention, per unit the user may see."""
    units = {unit.pk for unit in aggregate_units(user)}
    counts: dict[int, set[int]] = defaultdict(set)
    rows = Course.objects.filter(
        intervention_id=intervention_id,
        unit_id__in=units,
        status__in=[Course.Status.WAITING, Course.Status.ACTIVE],
    ).values_list("unit_id", "citizen_id")
    for unit_id, citizen_id in rows:
        counts[unit_id].add(citizen_id)
    k = settings.LOVENDE_MIN_CELL
    return {unit_id: suppress(len(ids), k) for unit_id, ids in counts.items()}
