"""Data packs (datapakker): the data for a meeting, generated for it and frozen with it.

A pack is a snapshot in plain JSON: the tables as they were shown, with every cell's text, number
and whether it was hidden, and the charts as their Vega-Lite specs (title, description, spec).
Nothing in it points at live rows except the citizen and course ids of a citizen-level pack, kept
only to check who may see each row and chart and to write the access log.

- Intervention level: the intervention dashboard of the forum's intervention, unfiltered, split
  by unit and again by professional group, gender and age band, already suppressed (small groups
  read "færre end 5"); recent observations by kind; the intervention's open development points
  with their improvement initiatives and trials; and its trials of the last 12 months.
- Organisation level: the organisation dashboard's tables, unfiltered, already suppressed.
- Citizen level: for each course on the meeting's agenda (or, when none is, each open course in
  the forum's intervention and unit) that the generating user may see, what the course page
  shows: per instrument first and latest score, change, reliable change, signals and the chart.
  A reader sees only the rows and charts of courses they may see themselves, and every page,
  Excel file and PDF of such a pack writes the access log.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, QueryDict
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lovende.audit.models import AccessLog
from lovende.audit.services import AccessContext, record_access
from lovende.citizens.models import Citizen
from lovende.citizens.permissions import citizens_visible_to, courses_visible_to
from lovende.dashboards import intervention_dashboard, organisation_dashboard
from lovende.dashboards.display import Table, Value
from lovende.dashboards.forms import DIMENSIONS
from lovende.dashboards.intervention_dashboard import Chart
from lovende.dashboards.permissions import can_see_organisation_dashboard
from lovende.improvement import permissions as improvement_permissions
from lovende.improvement.models import Initiative, Trial
from lovende.interventions.models import Intervention
from lovende.organisation.models import User
from lovende.pdf import html_to_pdf
from lovende.reflection import citizen_pack, pdf_charts, permissions
from lovende.reflection.models import DataPack, DevelopmentPoint, Level, Meeting

SPLITS = ("faggruppe", "koen", "alder")  # beside the split by unit
SPLIT_TABLES = ("Forløb og målinger", "Resultater")  # the tables that change with the split
GROUP_CHART = "chart-categories"  # the chart that changes with the split
TRIAL_PERIOD = datetime.timedelta(days=365)  # trials that ended before this are left out


# --- Snapshot -----------------------------------------------------------------------------------


def _table(table: Table, key: str = "", caption: str = "") -> dict:
    """A table as frozen JSON, under another key or caption where a split renames it."""
    return table.as_json() | {
        "key": key or str(table.key),
        "caption": caption or str(table.caption),
    }


def _chart(title: str, description: str, spec: dict) -> dict:
    return {"title": str(title), "description": str(description), "spec": spec}


def _intervention_content(by: User, meeting: Meeting) -> dict:
    intervention = meeting.forum.intervention
    dashboard = intervention_dashboard.build(by, intervention, QueryDict("opdeling=enhed"))
    key_figures = dashboard.key_figures_table()
    tables = [_table(key_figures)] if key_figures else []
    tables += [_table(t) for t in dashboard.tables]
    charts = [_chart(_chart_title(c, "enhed"), c.description, c.spec) for c in dashboard.charts]
    for dimension in SPLITS:
        split_tables, split_charts = _split(by, intervention, dimension)
        tables += split_tables
        charts += split_charts
    tables.append(_development_points(by, intervention))
    tables.append(_trials(by, intervention))
    return {"tables": tables, "charts": charts}


def _split(by: User, intervention: Intervention, dimension: str) -> tuple[list[dict], list[dict]]:
    """The dashboard's group tables and group chart, split by ``dimension``."""
    dashboard = intervention_dashboard.build(by, intervention, QueryDict(f"opdeling={dimension}"))
    label = str(dict(DIMENSIONS)[dimension]).lower()
    tables = [
        _table(t, f"{t.key} ({dimension})", _("%(table)s efter %(split)s") % {
            "table": t.caption, "split": label
        })
        for t in dashboard.tables
        if t.key in SPLIT_TABLES
    ]  # fmt: skip
    charts = [
        _chart(_chart_title(c, dimension), c.description, c.spec)
        for c in dashboard.charts
        if c.id == GROUP_CHART
    ]
    return tables, charts


def _chart_title(chart: Chart, dimension: str) -> str:
    """The group chart names its split, since the pack holds one per split."""
    if chart.id != GROUP_CHART:
        return chart.title
    label = str(dict(DIMENSIONS)[dimension]).lower()
    return _("Pålidelig ændring efter %(split)s") % {"split": label}


def _development_points(by: User, intervention: Intervention) -> dict:
    """The intervention's development points that are not closed, oldest first, each with the
    improvement initiatives that grew from it and their trials (prøvehandlinger)."""
    initiatives = Prefetch(
        "initiatives",
        improvement_permissions.initiatives_visible_to(by)
        .order_by("created_at", "pk")
        .prefetch_related("trials"),
    )
    points = (
        permissions.development_points_visible_to(by)
        .filter(intervention=intervention)
        .exclude(status=DevelopmentPoint.Status.CLOSED)
        .select_related("meeting__forum")
        .prefetch_related(initiatives)
        .order_by("created_at", "pk")
    )
    table = Table(
        "Udviklingspunkter",
        _("Åbne udviklingspunkter"),
        [
            _("Udviklingspunkt"),
            _("Status"),
            _("Fra møde"),
            _("Oprettet"),
            _("Forbedringstiltag og afprøvninger"),
        ],
    )
    for point in points:
        meeting = point.meeting
        origin = (
            f"{meeting.forum.name}, {date_format(timezone.localtime(meeting.starts_at), 'j. F Y')}"
            if meeting
            else "–"
        )
        table.rows.append(
            [
                Value(point.title),
                Value(str(point.get_status_display())),
                Value(origin),
                Value(date_format(timezone.localtime(point.created_at), "j. F Y")),
                Value(" · ".join(_initiative_summary(i) for i in point.initiatives.all()) or "–"),
            ]
        )
    return _table(table)


def _initiative_summary(initiative: Initiative) -> str:
    """ "Title (status): 1. trial – decision or stage; 2. …", short enough for a table cell."""
    text = f"{initiative.title} ({initiative.get_status_display()})"
    trials = "; ".join(
        f"{trial.number}. {trial.title} – {_trial_state(trial)}"
        for trial in initiative.trials.all()
    )
    return f"{text}: {trials}" if trials else text


def _trial_state(trial: Trial) -> str:
    """The decision once made (Indfør, Tilpas og afprøv igen, Opgiv), the stage until then."""
    return str(trial.get_decision_display() if trial.decision else trial.get_stage_display())


def _trials(by: User, intervention: Intervention) -> dict:
    """The intervention's trials of the last 12 months (running, ended or planned), by initiative."""
    since = timezone.localdate() - TRIAL_PERIOD
    trials = (
        Trial.objects.filter(
            initiative__in=improvement_permissions.initiatives_visible_to(by).filter(
                intervention=intervention
            ),
            end_date__gte=since,
        )
        .select_related("initiative")
        .order_by("initiative__title", "initiative_id", "number")
    )
    table = Table(
        "Afprøvningshandlinger",
        _("Afprøvningshandlinger de seneste 12 måneder"),
        [
            _("Forbedringstiltag"),
            _("Nr."),
            _("Hvad afprøver vi?"),
            _("Periode"),
            _("Fase"),
            _("Beslutning"),
            _("Hvad lærte vi?"),
        ],
    )
    for trial in trials:
        period = (
            f"{date_format(trial.start_date, 'j. F Y')} – {date_format(trial.end_date, 'j. F Y')}"
        )
        table.rows.append(
            [
                Value(trial.initiative.title),
                Value(str(trial.number), trial.number),
                Value(trial.title),
                Value(period),
                Value(str(trial.get_stage_display())),
                Value(str(trial.get_decision_display()) if trial.decision else "–"),
                Value(trial.learning.strip() or "–"),
            ]
        )
    return _table(table)


def _organisation_content(by: User) -> dict:
    if not can_see_organisation_dashboard(by):
        raise ValidationError(
            _("Du kan ikke se tal for hele organisationen og kan derfor ikke danne datapakken.")
        )
    dashboard = organisation_dashboard.build(by, QueryDict(""))
    charts = [_chart(c.title, c.description, c.spec) for c in dashboard.charts]
    return {"tables": [_table(t) for t in dashboard.tables], "charts": charts}


@transaction.atomic
def generate_data_pack(
    *, by: User, meeting: Meeting, context: AccessContext | None = None
) -> DataPack:
    """Freeze the data for ``meeting`` in a new pack; earlier packs stay as they were."""
    forum = meeting.forum
    content: dict = {
        "meeting": date_format(timezone.localtime(meeting.starts_at), "j. F Y H:i"),
        "forum": forum.name,
        "level_label": str(forum.get_level_display()),
        "intervention": forum.intervention.name if forum.intervention else "",
        "unit": forum.unit.name if forum.unit else "",
        "generated_at": date_format(timezone.localtime(), "j. F Y H:i"),
        "generated_by": str(by),
        "min_cell": settings.LOVENDE_MIN_CELL,
    }
    if forum.level == Level.ORGANISATION:
        content.update(_organisation_content(by))
    elif forum.level == Level.INTERVENTION:
        content.update(_intervention_content(by, meeting))
    else:
        content.update(citizen_pack.content(by, meeting))
    pack = DataPack.objects.create(
        meeting=meeting, level=forum.level, content=content, created_by=by
    )
    if context is not None and forum.level == Level.CITIZEN:
        citizens = citizens_visible_to(by).filter(pk__in={o["citizen"] for o in content["owners"]})
        record_access(by=by, context=context, action=AccessLog.Action.CREATE, citizens=citizens)
    return pack


# --- Reading a pack ----------------------------------------------------------------------------


def get_pack_for_user(user: User, pack_id: int) -> DataPack:
    """The pack, 404 when its meeting's forum is out of the user's reach (as for the meeting)."""
    try:
        return DataPack.objects.select_related(
            "meeting__forum__intervention", "meeting__forum__unit", "created_by"
        ).get(pk=pack_id, meeting__forum__in=permissions.forums_visible_to(user))
    except DataPack.DoesNotExist:
        raise Http404 from None


@dataclass
class PackView:
    """A frozen pack as the page, the Excel file and the PDF show it to one reader."""

    pack: DataPack
    tables: list[Table]
    citizens: list[Citizen]
    charts: list[Chart] = field(default_factory=list)
    withheld: int = 0  # citizen-level rows of courses the reader may not see
    withheld_charts: int = 0

    @property
    def content(self) -> dict:
        return self.pack.content

    @property
    def suppressed(self) -> bool:
        return any(v.hidden for t in self.tables for row in t.rows for v in row)

    def sheets(self) -> list:
        c = self.content
        about = [
            [_("Mødeforum"), c["forum"]],
            [_("Niveau"), c["level_label"]],
            [_("Indsats"), c["intervention"] or "–"],
            [_("Møde"), c["meeting"]],
            [_("Dannet"), f"{c['generated_at']} ({c['generated_by']})"],
        ]
        if c.get("note"):
            about.append([_("Forløb"), c["note"]])
        if self.pack.level != Level.CITIZEN:
            about.append(
                [
                    _("Bemærk"),
                    _("Grupper med færre end %(k)s borgere vises som «færre end %(k)s».")
                    % {"k": c["min_cell"]},
                ]
            )
        return [("Datapakke", [_("Felt"), _("Værdi")], about), *(t.sheet() for t in self.tables)]


def _value(cell: dict) -> Value:
    return Value(cell["text"], cell.get("number"), bool(cell.get("hidden")))


def _restore(table: dict, keep: Iterable[bool] | None = None) -> Table:
    rows = table["rows"]
    if keep is not None:
        rows = [row for row, kept in zip(rows, keep, strict=True) if kept]
    return Table(
        table["key"], table["caption"], table["header"], [[_value(c) for c in r] for r in rows]
    )


def _restore_charts(charts: list[dict]) -> list[Chart]:
    """Charts to draw; Vega gives the drawing the spec's description as its accessible name."""
    return [
        Chart(
            f"pack-chart-{n}",
            c["title"],
            {**c["spec"], "description": c["title"]},
            c["description"],
        )
        for n, c in enumerate(charts, start=1)
    ]


def read_pack(user: User, pack: DataPack, *, context: AccessContext, action: str) -> PackView:
    """The pack for ``user``; a citizen-level pack keeps only their courses and is logged first."""
    tables = pack.content.get("tables", [])
    charts = pack.content.get("charts", [])
    if pack.level != Level.CITIZEN:
        return PackView(pack, [_restore(t) for t in tables], [], _restore_charts(charts))
    owners = pack.content.get("owners", [])
    courses = {o["course"] for o in owners} | {c["course"] for c in charts}
    visible = set(courses_visible_to(user).filter(pk__in=courses).values_list("pk", flat=True))
    keep = [o["course"] in visible for o in owners]
    shown_ids = {o["citizen"] for o, kept in zip(owners, keep, strict=True) if kept}
    citizens = list(citizens_visible_to(user).filter(pk__in=shown_ids))
    record_access(by=user, context=context, action=action, citizens=citizens)
    shown_charts = [c for c in charts if c["course"] in visible]
    return PackView(
        pack,
        [_restore(tables[0], keep)] if tables else [],
        citizens,
        _restore_charts(shown_charts),
        withheld=keep.count(False),
        withheld_charts=len(charts) - len(shown_charts),
    )


def render_pdf(view: PackView) -> bytes:
    """The pack as a PDF, rendered by WeasyPrint from an HTML template with print CSS."""
    return html_to_pdf(pdf_html(view))


def pdf_html(view: PackView) -> str:
    """The PDF's HTML, with each chart drawn as an SVG picture (pdf_charts)."""
    pictures = [(chart, pdf_charts.data_uri(chart.spec)) for chart in view.charts]
    return render_to_string(
        "reflection/data_pack_pdf.html",
        {"view": view, "content": view.content, "pack": view.pack, "pictures": pictures},
    )
