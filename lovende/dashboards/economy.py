"""Cost per course on the organisation dashboard: one column of the side-by-side table.

An intervention's expenses are recorded per year for the whole intervention, so the divisor is
every course of the intervention that was active at some time in that year, in all its units,
not only those the reader sees figures for. The column says so, and hides the figure when fewer
than k citizens stand behind the courses (SDC-01). Two queries whatever the number of
interventions: the recorded costs, and the active courses grouped by intervention.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lovende.citizens.aggregates import courses_active_in_year
from lovende.dashboards import display
from lovende.dashboards.display import Table, Value
from lovende.interventions import economy
from lovende.interventions.models import Intervention, InterventionCost


@dataclass(frozen=True)
class RecordedCosts:
    amounts: dict[tuple[int, int], int]  # (intervention id, year) -> kroner

    @property
    def years(self) -> list[int]:
        return sorted({year for _intervention, year in self.amounts})

    def year_to_show(self, chosen: int | None) -> int | None:
        """The chosen year, or else the last complete year with recorded expenses."""
        return chosen or economy.default_year(self.years, timezone.localdate().year)


def recorded_costs(interventions: Sequence[Intervention]) -> RecordedCosts:
    rows = InterventionCost.objects.filter(intervention__in=interventions).values_list(
        "intervention_id", "year", "amount"
    )
    return RecordedCosts({(intervention, year): amount for intervention, year, amount in rows})


def add_cost_column(
    table: Table, interventions: Sequence[Intervention], costs: RecordedCosts, year: int | None
) -> None:
    """Append "cost per course in ``year``" to ``table``, whose rows follow ``interventions``."""
    counts = courses_active_in_year([i.pk for i in interventions], year) if year else {}
    table.header.append(cost_header(year))
    for row, intervention in zip(table.rows, interventions, strict=True):
        courses, citizens = counts.get(intervention.pk, (0, 0))
        amount = costs.amounts.get((intervention.pk, year)) if year else None
        found = economy.cost_per_course(amount, courses, citizens, settings.LOVENDE_MIN_CELL)
        row.append(cost_value(found))


def cost_header(year: int | None) -> str:
    if year is None:
        return _("Udgift pr. forløb, hele indsatsen (kr.)")
    return _("Udgift pr. forløb %(year)s, hele indsatsen (kr.)") % {"year": year}


def cost_value(found: economy.CostPerCourse) -> Value:
    if found.amount is None:
        return Value(_("– (ikke registreret)"))
    if found.hidden:
        return display.hidden_count()
    if found.value is None:
        return Value(_("– (ingen forløb)"))
    kroner = round(found.value)
    return Value(number_format(kroner, force_grouping=True), kroner)
