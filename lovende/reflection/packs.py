"""Data packs (datapakker): the data for a meeting, generated for it and frozen with it.

A pack is a snapshot in plain JSON: the tables as they were shown, with every cell's text, number
and whether it was hidden. Nothing in it points at live rows except the citizen and course ids of
a citizen-level pack, kept only to check who may see each row and to write the access log.

- Intervention level: the intervention dashboard of the forum's intervention, unfiltered, split
  by unit, already suppressed (small groups read "færre end 5").
- Organisation level: the organisation dashboard's tables, unfiltered, already suppressed.
- Citizen level: the progression summaries of the courses in the forum's intervention (and unit)
  that the generating user may see. A reader sees only the rows of courses they may see
  themselves, and every page, Excel file and PDF of such a pack writes the access log.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, QueryDict
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lovende.audit.models import AccessLog
from lovende.audit.services import AccessContext, record_access
from lovende.citizens.models import Citizen, Course
from lovende.citizens.permissions import citizens_visible_to, courses_visible_to
from lovende.dashboards import intervention_dashboard, organisation_dashboard
from lovende.dashboards.display import Table, Value, category_labels
from lovende.dashboards.permissions import can_see_organisation_dashboard
from lovende.measurements.progression import course_progression
from lovende.organisation.models import User
from lovende.organisation.permissions import subtree_filter
from lovende.reflection import permissions
from lovende.reflection.models import DataPack, Level, Meeting

OPEN_STATUSES = (Course.Status.ACTIVE, Course.Status.WAITING)


# --- Snapshot -----------------------------------------------------------------------------------


def _cell(value: Value) -> dict:
    """A cell as plain JSON; drill-down links are dropped, they point at live data."""
    return {"text": str(value.text), "number": value.number, "hidden": bool(value.hidden)}


def _table(table: Table) -> dict:
    return {
        "key": str(table.key),
        "caption": str(table.caption),
        "header": [str(h) for h in table.header],
        "rows": [[_cell(v) for v in row] for row in table.rows],
    }


def _intervention_tables(by: User, meeting: Meeting) -> list[dict]:
    intervention = meeting.forum.intervention
    dashboard = intervention_dashboard.build(by, intervention, QueryDict("opdeling=enhed"))
    tables = []
    if dashboard.tiles:
        key_figures = Table(
            "Nøgletal",
            _("Nøgletal"),
            [_("Nøgletal"), _("Værdi"), _("Note")],
            [[Value(str(t)), v, Value(str(n))] for t, v, n in dashboard.tiles],
        )
        tables.append(_table(key_figures))
    return tables + [_table(t) for t in dashboard.tables]


def _organisation_tables(by: User) -> list[dict]:
    if not can_see_organisation_dashboard(by):
        raise ValidationError(
            _("Du kan ikke se tal for hele organisationen og kan derfor ikke danne datapakken.")
        )
    return [_table(t) for t in organisation_dashboard.build(by, QueryDict("")).tables]


def _number(score: float | None) -> dict:
    if score is None:
        return {"text": "–", "number": None, "hidden": False}
    return {"text": floatformat(score, -1), "number": score, "hidden": False}


def _text(text: str) -> dict:
    return {"text": str(text), "number": None, "hidden": False}


def _citizen_table(by: User, meeting: Meeting) -> tuple[dict, list[dict]]:
    """The course summaries and, per row, the course and citizen it shows."""
    forum = meeting.forum
    courses = courses_visible_to(by).filter(
        intervention=forum.intervention, status__in=OPEN_STATUSES
    )
    if forum.unit_id is not None:
        courses = courses.filter(subtree_filter([forum.unit], prefix="unit__"))
    categories = category_labels()
    rows, owners = [], []
    for course in courses.select_related("citizen", "unit", "intervention").order_by(
        "citizen__last_name", "citizen__first_name", "pk"
    ):
        progression = course_progression(course)
        signal_texts = [text for _signal, text in progression.signals]
        name = _text(course.citizen.full_name)
        unit = _text(course.unit.name)
        if not progression.panels:
            rows.append(
                [
                    name,
                    unit,
                    _text("–"),
                    _number(None),
                    _number(None),
                    _text("–"),
                    _text(" ".join(signal_texts) or "–"),
                ]
            )
            owners.append({"course": course.pk, "citizen": course.citizen_id})
        for panel in progression.panels:
            summary = panel.summary
            mine = [
                text
                for signal, text in progression.signals
                if signal.instrument in ("", panel.instrument.name)
            ]
            rows.append(
                [
                    name,
                    unit,
                    _text(panel.instrument.name),
                    _number(summary.first_score if summary else None),
                    _number(summary.latest_score if summary else None),
                    _text(categories.get(summary.category, "–") if summary else "–"),
                    _text(" ".join(mine) or "–"),
                ]
            )
            owners.append({"course": course.pk, "citizen": course.citizen_id})
    table = {
        "key": "Forløb",
        "caption": _("Forløbenes progression"),
        "header": [
            _("Borger"),
            _("Enhed"),
            _("Måleredskab"),
            _("Første score"),
            _("Seneste score"),
            _("Pålidelig ændring"),
            _("Signaler"),
        ],
        "rows": rows,
    }
    return table, owners


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
        content["tables"] = _organisation_tables(by)
    elif forum.level == Level.INTERVENTION:
        content["tables"] = _intervention_tables(by, meeting)
    else:
        table, owners = _citizen_table(by, meeting)
        content["tables"] = [table]
        content["owners"] = owners
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
    withheld: int = 0  # citizen-level rows of courses the reader may not see

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


def read_pack(user: User, pack: DataPack, *, context: AccessContext, action: str) -> PackView:
    """The pack for ``user``; a citizen-level pack keeps only their courses and is logged first."""
    tables = pack.content.get("tables", [])
    if pack.level != Level.CITIZEN:
        return PackView(pack, [_restore(t) for t in tables], [])
    owners = pack.content.get("owners", [])
    visible = set(
        courses_visible_to(user)
        .filter(pk__in={o["course"] for o in owners})
        .values_list("pk", flat=True)
    )
    keep = [o["course"] in visible for o in owners]
    shown_ids = {o["citizen"] for o, kept in zip(owners, keep, strict=True) if kept}
    citizens = list(citizens_visible_to(user).filter(pk__in=shown_ids))
    record_access(by=user, context=context, action=action, citizens=citizens)
    restored = [_restore(tables[0], keep)] if tables else []
    return PackView(pack, restored, citizens, withheld=keep.count(False))


def render_pdf(view: PackView) -> bytes:
    """The pack as a PDF, rendered by WeasyPrint from an HTML template with print CSS."""
    from weasyprint import HTML  # imported here: it is heavy and only the PDF export needs it

    html = pdf_html(view)
    return HTML(string=html).write_pdf()


def pdf_html(view: PackView) -> str:
    return render_to_string(
        "reflection/data_pack_pdf.html", {"view": view, "content": view.content, "pack": view.pack}
    )
