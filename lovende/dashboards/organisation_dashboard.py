"""The organisation dashboard (organisatorisk niveau): interventions side by side, and trends.

All interventions for one target group (or all of them) over the units at or below the user's
roles: courses, outcome shares and citizen feedback per intervention, then courses started and
the share reliably improved by half-year. The interventions are shown without a total, so each is
suppressed on its own; each intervention's half-years add up to its shown total, so they are
suppressed as a partition of it (SDC-01: neighbouring periods).
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from lovende.analytics import outcomes
from lovende.analytics.outcomes import Figures, Report
from lovende.citizens.models import Course
from lovende.dashboards import aggregates, charts, display, economy
from lovende.dashboards.aggregates import InstrumentInfo
from lovende.dashboards.display import Table, Value
from lovende.dashboards.forms import OrganisationFilterForm
from lovende.dashboards.intervention_dashboard import Chart
from lovende.dashboards.permissions import dashboard_units
from lovende.interventions import target_groups
from lovende.interventions.models import Intervention
from lovende.interventions.permissions import interventions_visible_to
from lovende.organisation.models import User

SIDE_BY_SIDE = "Indsatser"  # the side-by-side table's key (its Excel sheet)


@dataclass
class OrganisationDashboard:
    form: OrganisationFilterForm
    target_group: str
    interventions: list[Intervention]
    report: Report | None = None
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    cost_year: int | None = None  # the year of the cost-per-course column
    spellings: dict[str, str] = field(
        default_factory=dict
    )  # target groups as the filter names them

    @property
    def empty(self) -> bool:
        return self.report is None or self.report.total.figures.courses == 0


def build(user: User, params: QueryDict) -> OrganisationDashboard:
    interventions = list(interventions_visible_to(user).order_by("name"))
    costs = economy.recorded_costs(interventions)
    form = OrganisationFilterForm(
        params, target_groups=_target_groups(interventions), cost_years=costs.years
    )
    form.is_valid()  # invalid fields drop out of cleaned_data; their messages show on the form
    target = form.cleaned_data.get("maalgruppe") or ""
    chosen = [i for i in interventions if not target or target_groups.same(i.target_group, target)]
    result = OrganisationDashboard(form, target, chosen, spellings=_spellings(interventions))
    ids = [i.pk for i in chosen]
    infos = aggregates.instruments_of(ids)
    outcome_for = {i: [x.pk for x in infos.get(i, []) if x.purpose == "outcome"] for i in ids}
    alliance_for = {
        i: next((x for x in infos.get(i, []) if x.purpose == "alliance"), None) for i in ids
    }
    courses = aggregates.scoped_courses(
        intervention_ids=ids,
        unit_ids=dashboard_units(user).values_list("pk", flat=True),
        start_from=form.cleaned_data.get("fra"),
        start_to=form.cleaned_data.get("til"),
    )
    main = aggregates.main_instruments(courses, outcome_for)
    by_intervention, by_half = _count(courses, main, alliance_for)
    names = {x.pk: x.name for infos_of in infos.values() for x in infos_of}
    _fill(result, by_intervention, by_half, {i: names.get(main.get(i)) for i in ids})
    result.cost_year = costs.year_to_show(form.cleaned_data.get("aar"))
    side = next(table for table in result.tables if table.key == SIDE_BY_SIDE)
    economy.add_cost_column(side, chosen, costs, result.cost_year)
    return result


def _target_groups(interventions: list[Intervention]) -> list[str]:
    """One choice per target group, however it is spelled, in the spelling written first."""
    return sorted(_spellings(interventions).values(), key=str.casefold)


def _spellings(interventions: list[Intervention]) -> dict[str, str]:
    written = [i.target_group for i in sorted(interventions, key=lambda i: i.pk)]
    return target_groups.first_spellings(written)


def _target_group_of(intervention: Intervention, spellings: dict[str, str]) -> str:
    """The intervention's target group as the filter names it (the first spelling)."""
    key = target_groups.normalise(intervention.target_group)
    return spellings.get(key, intervention.target_group)


def _settings() -> outcomes.Settings:
    return outcomes.Settings(
        k=settings.LOVENDE_MIN_CELL,
        today=timezone.localdate(),
        recent_days=settings.LOVENDE_SIGNAL_DAYS,
        steps=[5.0, 10.0, 15.0],
    )


def _count(
    courses: QuerySet[Course],
    main: Mapping[int, int | None],
    alliance_for: Mapping[int, InstrumentInfo | None],
) -> tuple[dict[int, Figures], dict[int, dict[str, Figures]]]:
    """Figures per intervention, and per intervention and half-year.

    Two queries per pair of outcome and alliance instruments (usually one pair).
    """
    config = _settings()
    pairs: dict[tuple, list[int]] = {}
    for intervention, instrument in main.items():
        alliance = alliance_for.get(intervention)
        pairs.setdefault((instrument, alliance.pk if alliance else None), []).append(intervention)
    by_intervention: dict[int, Figures] = {}
    by_half: dict[int, dict[str, Figures]] = {}
    for interventions in pairs.values():
        first = interventions[0]
        measures = aggregates.Measures(main[first], alliance_for.get(first))
        mine = courses.filter(intervention_id__in=interventions)
        cube = aggregates.count(
            mine,
            ["intervention", "half_year"],
            measures,
            config,
            apart_by=["intervention_id"],
            bins=False,  # the organisation level shows no distribution of change
        )
        by_intervention |= cube.group(lambda cell: cell[0])
        for (intervention, half), figures in cube.group(lambda cell: cell).items():
            by_half.setdefault(intervention, {})[half] = figures
    return by_intervention, by_half


def half_year_label(key: str) -> str:
    year, half = key.split("-")
    return _("%(year)s, %(half)s. halvår") % {"half": half, "year": year}  # sorts by time


def _fill(
    result: OrganisationDashboard,
    by_intervention: dict[int, Figures],
    by_half: dict[int, dict[str, Figures]],
    instruments: dict,
) -> None:
    config = _settings()
    # The total is never shown (interventions are compared, not summed); its citizens are
    # counted once per intervention.
    total = outcomes.add_up(
        by_intervention.values(),
        {b: sum(f.base_citizens[b] for f in by_intervention.values()) for b in outcomes.BASES},
    )
    report = outcomes.report_of(total, by_intervention, config.k, side_by_side=True)
    result.report = report
    by_id = {group.key: group for group in report.groups}
    side = Table(SIDE_BY_SIDE, _("Indsatser side om side"), _side_header())
    for intervention in result.interventions:
        group = by_id.get(intervention.pk) or _empty_group(intervention.pk, config)
        side.rows.append(
            _side_row(intervention, group, instruments.get(intervention.pk), result.spellings)
        )
    result.tables.append(side)
    trends = _trends(result, by_half, by_id, config)
    result.tables.append(trends)
    result.charts = _charts(result, by_id, trends)


def _empty_group(key: Hashable, config: outcomes.Settings) -> outcomes.Group:
    report = outcomes.report_of(outcomes.Figures(), {}, config.k, side_by_side=True)
    return outcomes.Group(key, report.total.figures, report.total.cells)


def _side_header() -> list[str]:
    activity = display.activity_header(_("Indsats"))
    results = display.results_header(_("Indsats"))
    return [activity[0], _("Målgruppe"), _("Måleredskab"), *activity[1:], *results[1:]]


def _side_row(
    intervention: Intervention,
    group: outcomes.Group,
    instrument: str | None,
    spellings: dict[str, str],
) -> list:
    label = display.plain(intervention.name)
    activity = display.activity_row(label, group)
    results = display.results_row(label, group)
    target = _target_group_of(intervention, spellings)
    extra = [display.plain(target), display.plain(instrument or "–")]
    return [activity[0], *extra, *activity[1:], *results[1:]]


def _trends(
    result: OrganisationDashboard,
    by_half: dict[int, dict[str, Figures]],
    by_id: dict,
    config: outcomes.Settings,
) -> Table:
    table = Table(
        "Udvikling",
        _("Udvikling pr. halvår"),
        [_("Indsats"), _("Halvår"), _("Forløb startet"), _("Pålideligt forbedret (%)")],
    )
    for intervention in result.interventions:
        group = by_id.get(intervention.pk)
        if group is None:
            continue
        halves = outcomes.report_of(
            group.figures, by_half.get(intervention.pk, {}), config.k, total_cells=group.cells
        )
        for half in halves.groups:
            table.rows.append(
                [
                    display.plain(intervention.name),
                    display.plain(half_year_label(half.key)),
                    display.count(half.cells["citizens"], half.figures.courses),
                    display.share(not half.cells["outcome"].hidden, half.figures.share("improved")),
                ]
            )
    return table


def _charts(result: OrganisationDashboard, by_id: dict, trends: Table) -> list[Chart]:
    found = []
    shown = [
        (i.name, {c: by_id[i.pk].figures.share(c) for c in outcomes.CATEGORIES})
        for i in result.interventions
        if i.pk in by_id and by_id[i.pk].shows("outcome")
    ]
    labels = {**display.category_labels(), "share": _("Andel af forløbene (%)")}
    if shown:
        found.append(
            Chart(
                "chart-interventions",
                _("Pålidelig ændring pr. indsats"),
                charts.category_bars(shown, labels),
                _("Andel af forløbene med mindst 2 målinger. Skjulte indsatser er udeladt."),
            )
        )
    started = _points(trends, 2)
    if started:
        found.append(
            Chart(
                "chart-started",
                _("Forløb startet pr. halvår"),
                charts.trend_lines(
                    started, {"period": _("Halvår"), "value": _("Forløb")}, percent=False
                ),
                _("Halvår med færre end %(k)s borgere er udeladt.")
                % {"k": settings.LOVENDE_MIN_CELL},
            )
        )
    improved = _points(trends, 3)
    if improved:
        found.append(
            Chart(
                "chart-improved",
                _("Pålideligt forbedret pr. halvår"),
                charts.trend_lines(
                    improved,
                    {"period": _("Halvår"), "value": _("Pålideligt forbedret (%)")},
                    percent=True,
                ),
                _("Andel af forløbene, der startede i halvåret. Skjulte tal er udeladt."),
            )
        )
    return found


def _points(table: Table, column: int) -> list[tuple[str, str, float]]:
    """(half-year, intervention, value) for every shown number in a column of the trend table."""
    points = []
    for row in table.rows:
        value: Value = row[column]
        if value.number is not None:
            points.append((row[1].text, row[0].text, value.number))
    return points
