"""The intervention dashboard (indsatsniveau): figures across courses, split by group.

Computed once per request for the page and the Excel export alike. The whole scope (the units at
or below the user's roles) is suppressed as one unit tree first, so a unit's figures are hidden
the same way whichever unit the user filters on; the chosen split is then suppressed within it.
"""

import datetime
import itertools
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lovende.analytics import outcomes
from lovende.analytics.outcomes import Figures, Report
from lovende.analytics.suppression import suppress
from lovende.citizens.models import Citizen
from lovende.dashboards import aggregates, charts, display, observations
from lovende.dashboards.aggregates import MIXED_GROUP_ID, NO_GROUP_ID, InstrumentInfo
from lovende.dashboards.display import Table, Value
from lovende.dashboards.forms import DIMENSIONS, InterventionFilterForm
from lovende.dashboards.permissions import dashboard_units
from lovende.instruments import scoring
from lovende.interventions.models import Intervention
from lovende.organisation.models import User
from lovende.organisation.permissions import professional_groups_visible_to

ALLIANCE_MONTHS = 12


@dataclass(frozen=True)
class Scope:
    """The units whose courses count: every unit at or below the user's roles."""

    parents: dict[int, int | None]
    names: dict[int, str]
    order: list[int]  # by path, for the unit filter

    def subtree(self, unit: int | None) -> set[int]:
        if unit is None:
            return set(self.parents)
        return {u for u in self.parents if unit in outcomes.unit_path(u, self.parents)}

    def children(self, unit: int | None) -> list[int]:
        return [u for u in self.order if self.parents[u] == unit]


@dataclass
class Chart:
    id: str
    title: str
    spec: dict
    description: str

    @property
    def spec_id(self) -> str:
        return f"{self.id}-spec"


@dataclass
class InterventionDashboard:
    intervention: Intervention
    form: InterventionFilterForm
    instrument: InstrumentInfo | None
    dimension: str
    unit: int | None
    unit_name: str
    report: Report | None = None
    tiles: list[tuple[str, Value, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    path: list[tuple[int | None, str]] = field(default_factory=list)  # the drill-down trail
    group_names: dict[int, str] = field(default_factory=dict)  # professional groups by id

    @property
    def empty(self) -> bool:
        return self.report is None or self.report.total.figures.courses == 0

    def key_figures_table(self) -> Table | None:
        """The tiles as a table (data packs, the API); None when there are no figures."""
        if not self.tiles:
            return None
        return Table(
            "Nøgletal",
            _("Nøgletal"),
            [_("Nøgletal"), _("Værdi"), _("Note")],
            [[Value(str(t)), v, Value(str(n))] for t, v, n in self.tiles],
        )

    def key_figures_sheet(self) -> tuple[str, list[str], list[list[object]]]:
        """The tiles and the filters as the first sheet of the Excel file."""
        rows: list[list[object]] = [
            [_("Indsats"), self.intervention.name, ""],
            [_("Enhed"), self.unit_name, ""],
            [_("Opdelt efter"), str(dict(DIMENSIONS)[self.dimension]), ""],
            [_("Måleredskab"), self.instrument.name if self.instrument else "–", ""],
            [_("Startet fra"), self.form.cleaned_data.get("fra") or "", ""],
            [_("Startet til og med"), self.form.cleaned_data.get("til") or "", ""],
        ]
        for title, value, note in self.tiles:
            rows.append([title, value.text if value.number is None else value.number, note])
        return ("Nøgletal", [_("Nøgletal"), _("Værdi"), _("Note")], rows)


def build(user: User, intervention: Intervention, params: QueryDict) -> InterventionDashboard:
    scope = _scope(user)
    infos = aggregates.instruments_of([intervention.pk]).get(intervention.pk, [])
    outcome = [i for i in infos if i.purpose == "outcome"]
    alliance = next((i for i in infos if i.purpose == "alliance"), None)
    form = InterventionFilterForm(
        params,
        units=[(u, _indented(scope, u)) for u in scope.order],
        instruments=[(i.pk, i.name) for i in outcome],
    )
    form.is_valid()  # invalid fields drop out of cleaned_data; their messages show on the form
    data = form.cleaned_data
    dimension = data.get("opdeling") or "enhed"
    unit = data.get("enhed")
    candidates = [i.pk for i in outcome if i.pk == data.get("maaleredskab")] or [
        i.pk for i in outcome
    ]
    courses = aggregates.scoped_courses(
        intervention_ids=[intervention.pk],
        unit_ids=scope.order,
        start_from=data.get("fra"),
        start_to=data.get("til"),
    )
    main = aggregates.main_instruments(courses, {intervention.pk: candidates})[intervention.pk]
    instrument = next((i for i in outcome if i.pk == main), None)
    result = InterventionDashboard(
        intervention, form, instrument, dimension, unit, _unit_name(scope, unit)
    )
    config = _settings(instrument)
    measures = aggregates.Measures(main, alliance)
    # One cube by unit (and the chosen property) serves the unit tree's suppression and the split
    groups = {}
    keys = ["unit"]
    if dimension != "enhed":
        keys.append(_KEYS[dimension])
        groups = dict(professional_groups_visible_to(user).values_list("pk", "name"))
    cube = aggregates.count(courses, keys, measures, config, visible_groups=groups)
    tree = cube.tree(scope.parents)
    in_subtree = scope.subtree(unit)
    if dimension == "enhed":
        result.report = _unit_report(result, scope, tree, cube, in_subtree, config)
    else:
        band = outcomes.band_of_age if dimension == "alder" else (lambda value: value)
        by_key = cube.group(lambda cell: band(cell[1]) if cell[0] in in_subtree else None)
        result.report = _group_report(result, scope, tree, by_key, config)
        result.group_names = groups
    _fill(result, scope, config, alliance)
    if alliance is not None and not result.empty:
        _alliance_panel(result, in_subtree, alliance)
    _observations_table(result, scope)
    return result


def _observations_table(result: InterventionDashboard, scope: Scope) -> None:
    """Recent observations by kind, over the whole scope whatever the filters (observations.py)."""
    result.tables.append(observations.recent_by_kind(result.intervention, scope.order))


_KEYS = {"faggruppe": "group", "koen": "gender", "alder": "age"}


def _scope(user: User) -> Scope:
    units = list(dashboard_units(user).order_by("path").values_list("pk", "parent_id", "name"))
    ids = {pk for pk, _parent, _name in units}
    return Scope(
        parents={pk: parent if parent in ids else None for pk, parent, _name in units},
        names={pk: name for pk, _parent, name in units},
        order=[pk for pk, _parent, _name in units],
    )


def _indented(scope: Scope, unit: int) -> str:
    depth = len(outcomes.unit_path(unit, scope.parents)) - 1
    return "\u2003" * depth + scope.names[unit]


def _unit_name(scope: Scope, unit: int | None) -> str:
    return scope.names[unit] if unit is not None else _("Alle mine enheder")


def _settings(instrument: InstrumentInfo | None) -> outcomes.Settings:
    steps = [5.0, 10.0, 15.0]
    if instrument is not None:
        low, high = scoring.score_range(instrument.definition)
        threshold = scoring.reliable_change_threshold(instrument.definition)
        steps = outcomes.change_steps(threshold, low, high)
    return outcomes.Settings(
        k=settings.LOVENDE_MIN_CELL,
        today=timezone.localdate(),
        recent_days=settings.LOVENDE_SIGNAL_DAYS,
        steps=steps,
    )


def _unit_report(
    result: InterventionDashboard,
    scope: Scope,
    tree: Mapping[tuple[str, int | None], Mapping[str, int]],
    cube: outcomes.Cube,
    in_subtree: set[int],
    config: outcomes.Settings,
) -> Report:
    """Split by the children of the focused unit; every cell as the whole tree decided it."""
    cells = outcomes.tree_cells_of(tree, scope.parents, config.k)
    node = _focus(scope, cells, result.unit)
    result.path = _trail(scope, node)
    key = outcomes.unit_key(node, scope.parents)
    groups = cube.group(lambda cell: key(cell[0]) if cell[0] in in_subtree else None)
    total = outcomes.add_up(groups.values(), tree[("total", node)])
    return outcomes.report_of(total, groups, config.k, cells[("total", node)], cells)


def _group_report(
    result: InterventionDashboard,
    scope: Scope,
    tree: Mapping[tuple[str, int | None], Mapping[str, int]],
    by_key: Mapping[Hashable, Figures],
    config: outcomes.Settings,
) -> Report:
    """Split by a property of the course; the total as the unit tree decided it."""
    scope_cells = outcomes.tree_cells_of(tree, scope.parents, config.k)
    total = outcomes.add_up(by_key.values(), tree[("total", result.unit)])
    return outcomes.report_of(total, by_key, config.k, scope_cells[("total", result.unit)])


def _fill(
    result: InterventionDashboard,
    scope: Scope,
    config: outcomes.Settings,
    alliance: InstrumentInfo | None,
) -> None:
    labels = _labeller(result, scope)
    result.tiles = _tiles(result.report, result.instrument, alliance)
    result.tables = _tables(result.report, labels, dict(DIMENSIONS)[result.dimension])
    result.charts = _charts(result, labels, config)


def _focus(scope: Scope, tree: Mapping, unit: int | None) -> int | None:
    """The unit whose children make the groups: skip levels that hold everything in one child."""
    node = unit
    while True:
        populated = [c for c in scope.children(node) if tree[("total", c)]["citizens"].value != 0]
        if len(populated) != 1 or tree[("direct", node)]["citizens"].value != 0:
            return node
        node = populated[0]


def _trail(scope: Scope, node: int | None) -> list[tuple[int | None, str]]:
    path = list(reversed(outcomes.unit_path(node, scope.parents))) if node is not None else []
    return [(None, _("Alle mine enheder")), *((u, scope.names[u]) for u in path)]


def _labeller(result: InterventionDashboard, scope: Scope) -> Callable[[Hashable], Value]:
    genders = dict(Citizen.Gender.choices)

    def label(key: Hashable) -> Value:
        if result.dimension == "enhed":
            kind, unit = key
            if kind == "direct" and scope.children(unit):
                return display.plain(
                    _("%(unit)s (forløb i selve enheden)") % {"unit": scope.names[unit]}
                )
            if kind == "direct":
                return display.plain(scope.names[unit])
            link = "?" + urlencode(_params(result, enhed=unit)) if scope.children(unit) else ""
            return display.plain(scope.names[unit], link)
        if result.dimension == "koen":
            return display.plain(str(genders.get(key, key)))
        if result.dimension == "alder":
            return display.plain(_("%(band)s år") % {"band": key})
        special = {MIXED_GROUP_ID: _("Flere faggrupper"), NO_GROUP_ID: _("Ingen faggruppe")}
        return display.plain(special.get(key) or result.group_names.get(key, str(key)))

    return label


def _params(result: InterventionDashboard, **changes: object) -> dict:
    data = {k: v for k, v in result.form.cleaned_data.items() if v not in (None, "")}
    data.update(changes)
    data["opdeling"] = result.dimension
    if result.instrument is not None:
        data["maaleredskab"] = result.instrument.pk
    return {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in data.items()}


def _tiles(
    report: Report, instrument: InstrumentInfo | None, alliance: InstrumentInfo | None
) -> list[tuple[str, Value, str]]:
    total = report.total
    f, cells = total.figures, total.cells
    outcome = not cells["outcome"].hidden
    tiles = [
        (_("Borgere"), display.count(cells["citizens"]), _("i forløb i perioden")),
        (_("Aktive forløb"), display.count(cells["active"], f.active), ""),
        (
            _("Målt mindst 2 gange"),
            display.share(not cells["active"].hidden, f.share("measured_twice")),
            _("af de aktive forløb"),
        ),
    ]
    if instrument is not None:
        tiles.append(
            (
                _("Pålideligt forbedret"),
                display.share(outcome, f.share("improved")),
                _("af forløb med mindst 2 målinger (%(name)s)") % {"name": instrument.name},
            )
        )
        tiles.append(
            (
                _("I klinisk område nu"),
                display.share(outcome, f.share("clinical_now")),
                _("ved start: %(start)s")
                % {"start": display.share(outcome, f.share("clinical_at_start")).text},
            )
        )
    if alliance is not None:
        tiles.append(
            (
                _("Seneste borgerfeedback"),
                display.mean(not cells["alliance"].hidden, f.alliance_mean()),
                _("gennemsnit af seneste %(name)s") % {"name": alliance.name.split(" ")[0]},
            )
        )
    return tiles


def _tables(report: Report, label: Callable[[Hashable], Value], first: str) -> list[Table]:
    activity = Table("Forløb og målinger", _("Forløb og målinger"), display.activity_header(first))
    results = Table("Resultater", _("Resultater og borgerfeedback"), display.results_header(first))
    for group in report.groups:
        activity.rows.append(display.activity_row(label(group.key), group))
        results.rows.append(display.results_row(label(group.key), group))
    total = display.plain(_("I alt"))
    activity.rows.append(display.activity_row(total, report.total))
    results.rows.append(display.results_row(total, report.total))
    return [activity, results]


def _charts(
    result: InterventionDashboard, label: Callable[[Hashable], Value], config: outcomes.Settings
) -> list[Chart]:
    report = result.report
    labels = {**display.category_labels(), "share": _("Andel af forløbene (%)")}
    shown = [
        (label(g.key).text, {c: g.figures.share(c) for c in outcomes.CATEGORIES})
        for g in report.groups
        if g.shows("outcome")
    ]
    found = []
    if shown:
        found.append(
            Chart(
                "chart-categories",
                _("Pålidelig ændring pr. gruppe"),
                charts.category_bars(shown, labels),
                _(
                    "Andel af forløbene med mindst 2 målinger i hver gruppe. Skjulte grupper er udeladt."
                ),
            )
        )
    if report.total.shows("outcome") and result.instrument is not None:
        table, bins = _histogram(result, config)
        result.tables.append(table)
        found.append(
            Chart(
                "chart-change",
                _("Fordeling af ændring"),
                charts.change_histogram(bins, {**labels, "change": _("Ændring i point")}),
                _("Ændring fra første til seneste måling. Grøn: pålidelig forbedring."),
            )
        )
    return found


def _histogram(
    result: InterventionDashboard, config: outcomes.Settings
) -> tuple[Table, list[tuple[str, float, str]]]:
    definition = result.instrument.definition
    better_up = definition.get("direction", "higher_better") == "higher_better"
    shares = result.report.total.figures.bin_shares()
    counts = result.report.total.figures.bins
    table = Table(
        "Ændring", _("Fordeling af ændring"), [_("Ændring i point"), _("Forløb"), _("Andel (%)")]
    )
    bins = []
    for index, (label, side) in enumerate(_bin_labels(config.steps)):
        category = (
            "unchanged"
            if side == 0
            else ("improved" if (side > 0) == better_up else "deteriorated")
        )
        bins.append((label, shares[index] or 0.0, category))
        table.rows.append(
            [
                display.plain(label),
                Value(str(counts[index]), counts[index]),
                display.share(True, shares[index]),
            ]
        )
    return table, bins


def _bin_labels(steps: list[float]) -> list[tuple[str, int]]:
    def n(value: float) -> str:
        return f"{value:g}".replace("-", "−")

    labels: list[tuple[str, int]] = [(f"≤ −{n(steps[-1])}", -1)]
    for low, high in zip(reversed(steps[1:]), reversed(steps[:-1]), strict=True):
        labels.append(
            (_("%(low)s til %(high)s") % {"low": f"−{n(low)}", "high": f"−{n(high)}"}, -1)
        )
    labels.append((_("under ±%(step)s") % {"step": n(steps[0])}, 0))
    for low, high in itertools.pairwise(steps):
        labels.append((_("%(low)s til %(high)s") % {"low": n(low), "high": n(high)}, 1))
    labels.append((f"≥ {n(steps[-1])}", 1))
    return labels


def _alliance_panel(
    result: InterventionDashboard, units: set[int], alliance: InstrumentInfo
) -> None:
    today = timezone.localdate()
    since = (today.replace(day=1) - datetime.timedelta(days=31 * (ALLIANCE_MONTHS - 1))).replace(
        day=1
    )
    months = aggregates.alliance_by_month(
        intervention_id=result.intervention.pk,
        unit_ids=units,
        start_from=result.form.cleaned_data.get("fra"),
        start_to=result.form.cleaned_data.get("til"),
        instrument_id=alliance.pk,
        since=since,
    )
    k = settings.LOVENDE_MIN_CELL
    table = Table(
        "Borgerfeedback",
        _("Borgerfeedback (%(name)s) pr. måned") % {"name": alliance.name},
        [_("Måned"), _("Forløb med feedback"), _("Gennemsnit")],
    )
    points = []
    for month, mean, n in months:
        cell = suppress(n, k)
        table.rows.append(
            [display.plain(month), display.count(cell), display.mean(not cell.hidden, mean)]
        )
        if not cell.hidden:
            points.append((month, mean))
    result.tables.append(table)
    if points:
        cutoff = scoring.clinical_cutoff(alliance.definition)
        labels = {
            "month": _("Måned"),
            "mean": _("Gennemsnit"),
            "cutoff": cutoff["label"] if cutoff else "",
        }
        result.charts.append(
            Chart(
                "chart-alliance",
                _("Borgerfeedback over tid"),
                charts.alliance_line(
                    points,
                    cutoff["value"] if cutoff else None,
                    scoring.score_range(alliance.definition),
                    labels,
                ),
                _(
                    "Gennemsnitlig %(name)s pr. måned de seneste 12 måneder. Måneder med færre end %(k)s forløb vises ikke."
                )
                % {"name": alliance.name.split(" ")[0], "k": k},
            )
        )
