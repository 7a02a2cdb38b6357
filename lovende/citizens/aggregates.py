"""Counts of citizens for leaders above the citizen level, always suppressed (SDC-01)."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Q

from lovende.analytics.margins import suppress_unit_tree
from lovende.analytics.suppression import Cell, suppress
from lovende.citizens.models import Course
from lovende.organisation.models import Unit, User
from lovende.organisation.permissions import aggregate_units


def active_citizens_by_unit(user: User) -> dict[int, Cell]:
    """Distinct citizens in open courses at or below each unit the user may see aggregates for.

    One query for the whole organisation; subtree totals add up the units' own counts (a citizen
    with open courses in two units counts in both). Suppression runs over the whole tree with
    the linked rules of ``analytics.margins``, so no hidden count can be recovered from a parent
    and its children (SDC-01).
    """
    visible = set(aggregate_units(user).values_list("pk", flat=True))
    if not visible:
        return {}
    tree = Unit.objects.filter(organisation_id=user.organisation_id).values_list("pk", "parent_id")
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent_id in tree:
        children.setdefault(pk, [])
        if parent_id is not None:
            children[parent_id].append(pk)
    pairs = (
        Course.objects.filter(
            unit__organisation_id=user.organisation_id,
            status__in=[Course.Status.WAITING, Course.Status.ACTIVE],
        )
        .values_list("unit_id", "citizen_id")
        .distinct()
    )
    citizens_at: dict[int, set[int]] = defaultdict(set)
    for unit_id, citizen_id in pairs:
        citizens_at[unit_id].add(citizen_id)
    direct = {pk: len(citizens_at.get(pk, ())) for pk in children}
    cells, _direct_cells = suppress_unit_tree(direct, children, settings.LOVENDE_MIN_CELL)
    return {pk: cell for pk, cell in cells.items() if pk in visible}


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


def courses_active_in_year(intervention_ids: list[int], year: int) -> dict[int, tuple[int, int]]:
    """(courses, distinct citizens) per intervention among courses active at some time in ``year``.

    Every unit of the intervention counts, because its expenses are recorded for all of them: this
    is the divisor of its cost per course. One query. The counts are raw; the caller suppresses
    them (``interventions.economy.cost_per_course``).
    """
    rows = (
        Course.objects.filter(
            intervention_id__in=intervention_ids,
            start_date__lte=datetime.date(year, 12, 31),
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=datetime.date(year, 1, 1)))
        .values("intervention_id")
        .annotate(courses=Count("pk"), citizens=Count("citizen_id", distinct=True))
        .order_by()
        .values_list("intervention_id", "courses", "citizens")
    )
    return {intervention_id: (courses, citizens) for intervention_id, courses, citizens in rows}
