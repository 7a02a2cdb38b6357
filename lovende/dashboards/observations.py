"""Recent observations by kind (seneste observationer efter type) for the intervention level.

Counts the observations of the last three months per kind over the intervention's courses in the
user's dashboard scope, in one grouped query, and never reads a name or an observation's text.
The suppression base is the number of distinct citizens per kind: a kind observed for fewer than
k citizens reads "færre end k", and the total row is linked to the kinds (``suppress_linked``),
so a single hidden kind cannot be computed as the total minus the shown ones.

The table covers the whole scope, not the dashboard's unit or period filter: the filters would
let two views be subtracted from each other.
"""

import datetime

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lovende.analytics.margins import suppress_partition
from lovende.citizens.models import Course, Observation
from lovende.dashboards import aggregates, display
from lovende.dashboards.display import Table, Value
from lovende.interventions.models import Intervention

RECENT_MONTHS = 3


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months earlier (the month's last day if it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return datetime.date(year, month, min(day.day, (following - datetime.timedelta(days=1)).day))


def counts_by_kind(courses: QuerySet[Course], since: datetime.date) -> dict[str, tuple[int, int]]:
    """{kind: (observations, distinct citizens)} for observations made on or after ``since``."""
    rows = (
        courses.filter(observations__observed_on__gte=since)
        .values("observations__kind")
        .annotate(n=Count("observations"), citizens=Count("citizen", distinct=True))
        .order_by()
    )
    return {row["observations__kind"]: (row["n"], row["citizens"]) for row in rows}


def recent_by_kind(intervention: Intervention, unit_ids: list[int]) -> Table:
    """The table of recent observations per kind, already suppressed."""
    since = months_before(timezone.localdate(), RECENT_MONTHS)
    courses = aggregates.scoped_courses(
        intervention_ids=[intervention.pk], unit_ids=unit_ids, start_from=None, start_to=None
    )
    return kind_table(counts_by_kind(courses, since), settings.LOVENDE_MIN_CELL)


def kind_table(counts: dict[str, tuple[int, int]], k: int) -> Table:
    """Every kind in a fixed order; hidden kinds hide both counts, the total follows the kinds."""
    citizens = {kind: counts.get(kind, (0, 0))[1] for kind in Observation.Kind.values}
    total, cells = suppress_partition(citizens, k)
    table = Table(
        "Observationer",
        _("Seneste observationer efter type (%(months)s måneder)") % {"months": RECENT_MONTHS},
        [_("Type"), _("Observationer"), _("Borgere med observationer af typen")],
    )
    for kind, label in Observation.Kind.choices:
        observations, _citizens = counts.get(kind, (0, 0))
        cell = cells[kind]
        table.rows.append(
            [display.plain(str(label)), display.count(cell, observations), display.count(cell)]
        )
    observations = sum(n for n, _citizens in counts.values())
    # a citizen may have observations of several kinds, so the kinds' citizens do not add up
    table.rows.append([display.plain(_("I alt")), display.count(total, observations), Value("–")])
    return table
