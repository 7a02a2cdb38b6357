"""Outcomes side by side: a target unit's figures against its pilot units', and the outcome at a
glance for the scaling overview.

Every figure comes from the dashboards' machinery, the same way the intervention dashboard
gets it: the intervention's courses in the reader's scope (``dashboard_units``: the units at or
below their roles) are counted by the database as a cube by unit, on the intervention's main
outcome instrument, and the whole scope is suppressed as one unit tree (SDC-01). Each column is
one unit's subtree exactly as the tree decided it, so a column never shows a number the
dashboard hides, and no column can be subtracted from another shown figure to give a hidden one
away. A unit outside the reader's scope shows "ingen adgang", never numbers.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lovende.analytics import outcomes
from lovende.analytics.outcomes import Figures, Group
from lovende.citizens.models import Course
from lovende.dashboards import aggregates, display
from lovende.dashboards.display import Value
from lovende.dashboards.permissions import dashboard_units
from lovende.organisation.models import Unit, User
from lovende.scaling.models import TargetUnit

Parents = dict[int, int | None]


@dataclass(frozen=True)
class Column:
    name: str
    pilot: bool
    access: bool
    values: list[Value]


@dataclass(frozen=True)
class Comparison:
    instrument: str | None
    labels: list[str]
    columns: list[Column]

    @property
    def without_access(self) -> bool:
        return any(not column.access for column in self.columns)

    @property
    def rows(self) -> list[tuple[str, list[Value]]]:
        return [
            (label, [column.values[index] for column in self.columns])
            for index, label in enumerate(self.labels)
        ]


def row_labels() -> list[str]:
    categories = display.category_labels()
    return [
        _("Borgere"),
        _("Forløb"),
        _("Forløb med mindst 2 målinger"),
        *(f"{categories[c]} (%)" for c in outcomes.CATEGORIES),
        _("Gennemsnitlig ændring (point)"),
    ]


def no_access() -> Value:
    return Value(_("ingen adgang"), hidden=True)


def compare(user: User, target: TargetUnit) -> Comparison:
    """The target unit's outcome figures beside each pilot unit's, as the reader may see them."""
    parents = _parents(dashboard_units(user))
    intervention_id = target.plan.intervention_id
    pilots = list(target.plan.pilot_units.order_by("path").values_list("pk", "name"))
    courses = aggregates.scoped_courses(
        intervention_ids=[intervention_id], unit_ids=parents, start_from=None, start_to=None
    )
    instruments = _main_instruments(courses, [intervention_id])
    instrument = instruments.get(intervention_id)
    figures = _UnitFigures(courses, instrument.pk if instrument else None, parents)
    units = [*((pk, name, True) for pk, name in pilots), (target.unit_id, target.unit.name, False)]
    columns = [
        Column(
            _("Pilot: %(unit)s") % {"unit": name} if pilot else name,
            pilot,
            unit in parents,
            figures.values(unit) if unit in parents else [no_access()] * len(row_labels()),
        )
        for unit, name, pilot in units
    ]
    return Comparison(instrument.name if instrument else None, row_labels(), columns)


def outcome_glance(targets: Iterable[TargetUnit], user: User | None = None) -> dict[int, Value]:
    """Per target unit id, its share reliably improved, suppressed as on the dashboards.

    With ``user``, their scope (and "ingen adgang" outside it); without, the whole organisation
    of each target. A fixed number of queries for any number of targets: 5 to 8, plus 2 for each
    further main instrument when the targets span interventions measured with different ones.
    """
    rows = list(
        TargetUnit.objects.filter(pk__in=[t.pk for t in targets]).values_list(
            "pk", "unit_id", "plan__intervention_id", "unit__organisation_id"
        )
    )
    if not rows:
        return {}
    scope = dashboard_units(user) if user is not None else _organisation_units(rows)
    parents = _parents(scope)
    interventions = sorted({intervention for _pk, _unit, intervention, _org in rows})
    courses = aggregates.scoped_courses(
        intervention_ids=interventions, unit_ids=parents, start_from=None, start_to=None
    )
    mains = _main_instruments(courses, interventions)
    trees = _trees_by_intervention(courses, mains, parents)
    result = {}
    for pk, unit, intervention, _org in rows:
        if unit not in parents:
            result[pk] = no_access()
        elif intervention not in trees:
            result[pk] = Value("–")
        else:
            group = _subtree_group(*trees[intervention], unit, parents)
            result[pk] = display.share(group.shows("outcome"), group.figures.share("improved"))
    return result


def _organisation_units(rows: list[tuple[int, int, int, int]]) -> QuerySet[Unit]:
    return Unit.objects.filter(organisation_id__in={org for *_rest, org in rows})


def _parents(units: QuerySet[Unit]) -> Parents:
    """Each unit of the scope and its parent (None at the top of the scope): 1 query."""
    found = list(units.values_list("pk", "parent_id"))
    ids = {pk for pk, _parent in found}
    return {pk: parent if parent in ids else None for pk, parent in found}


def _main_instruments(
    courses: QuerySet[Course], interventions: list[int]
) -> dict[int, aggregates.InstrumentInfo]:
    """Per intervention, its main outcome instrument, chosen as the dashboard chooses it."""
    infos = aggregates.instruments_of(interventions)
    candidates = {
        i: [info.pk for info in infos.get(i, []) if info.purpose == "outcome"]
        for i in interventions
    }
    mains = aggregates.main_instruments(courses, candidates)
    by_pk = {info.pk: info for found in infos.values() for info in found}
    return {i: by_pk[pk] for i, pk in mains.items() if pk is not None}


def _config() -> outcomes.Settings:
    # Only counts and categories are read here, so the bins' steps do not matter
    return outcomes.Settings(
        k=settings.LOVENDE_MIN_CELL,
        today=timezone.localdate(),
        recent_days=settings.LOVENDE_SIGNAL_DAYS,
        steps=[1.0],
    )


def _tree_cells(cube: outcomes.Cube, parents: Parents) -> Mapping:
    return outcomes.tree_cells_of(
        cube.tree(parents, unit=lambda cell: cell[0]), parents, settings.LOVENDE_MIN_CELL
    )


def _subtree_group(cube: outcomes.Cube, cells: Mapping, unit: int, parents: Parents) -> Group:
    """A unit's subtree as one group, with the cells the unit tree gave it."""
    below = {u for u in parents if unit in outcomes.unit_path(u, parents)}
    figures = cube.group(lambda cell: "unit" if cell[0] in below else None).get("unit", Figures())
    return Group(unit, figures, cells[("total", unit)])


def _trees_by_intervention(
    courses: QuerySet[Course], mains: Mapping[int, aggregates.InstrumentInfo], parents: Parents
) -> dict[int, tuple[outcomes.Cube, Mapping]]:
    """Per intervention, its cube by unit and its unit tree's cells: 2 queries per instrument."""
    by_instrument: dict[int, list[int]] = {}
    for intervention, info in mains.items():
        by_instrument.setdefault(info.pk, []).append(intervention)
    result = {}
    for instrument, interventions in by_instrument.items():
        cube = aggregates.count(
            courses.filter(intervention_id__in=interventions),
            ["unit", "intervention"],
            aggregates.Measures(instrument, None),
            _config(),
            apart_by=("intervention_id",),
            bins=False,
        )
        for intervention in interventions:
            own = outcomes.Cube(
                {c: f for c, f in cube.cells.items() if c[1] == intervention},
                [s for s in cube.shared if s[1][1] == intervention],
            )
            result[intervention] = (own, _tree_cells(own, parents))
    return result


class _UnitFigures:
    """The figures of any unit's subtree in the scope, counted once (3 queries)."""

    def __init__(self, courses: QuerySet[Course], instrument: int | None, parents: Parents) -> None:
        self.parents = parents
        self.cube = aggregates.count(
            courses, ["unit"], aggregates.Measures(instrument, None), _config(), bins=False
        )
        self.cells = _tree_cells(self.cube, parents)
        self.change = _change_by_unit(courses, instrument)

    def values(self, unit: int) -> list[Value]:
        group = _subtree_group(self.cube, self.cells, unit, self.parents)
        f, cells = group.figures, group.cells
        outcome = group.shows("outcome")
        return [
            display.count(cells["citizens"]),
            display.count(cells["citizens"], f.courses),
            display.count(cells["outcome"], f.outcome_courses),
            *(display.share(outcome, f.share(c)) for c in outcomes.CATEGORIES),
            _mean_change(outcome, self._change_sum(unit), f.outcome_courses),
        ]

    def _change_sum(self, unit: int) -> float:
        below = {u for u in self.parents if unit in outcomes.unit_path(u, self.parents)}
        return sum(total for u, total in self.change.items() if u in below)


def _mean_change(shown: bool, total: float, courses: int) -> Value:
    if not shown or not courses:
        return display.mean(shown, None)
    mean = round(total / courses, 1)  # number_format cuts decimals off, it does not round
    text = number_format(mean, 1)
    return Value(f"+{text}" if mean > 0 else text.replace("-", "−"), mean)


def _change_by_unit(courses: QuerySet[Course], instrument: int | None) -> dict[int, float]:
    """The sum of change per unit over courses with a change (1 query; none without instrument).

    The filter and the sum share one join to the summaries: one summary per course and
    instrument, so each course counts once.
    """
    if instrument is None:
        return {}
    rows = (
        courses.filter(
            summaries__instrument_id=instrument,
            summaries__count__gte=2,
            summaries__change__isnull=False,
        )
        .values_list("unit_id")
        .annotate(total=Sum("summaries__change"))
        .order_by()
    )
    return dict(rows)
