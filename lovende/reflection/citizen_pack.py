"""The citizen-level data pack: what the course page shows, for the courses on the agenda.

For each course on the meeting's agenda that the generating user may see (or, when the agenda has
none, each open course in the forum's intervention and unit): per instrument the number of
measurements, first and latest score, change, reliable change and signals, and the course
page's chart. Rows and charts carry their course, so ``packs.read_pack`` can withhold them from a
reader who may not see that course.
"""

from django.db.models import QuerySet
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from lovende.citizens.models import Course
from lovende.dashboards.display import category_labels
from lovende.measurements.progression import Panel, Progression, course_progression
from lovende.organisation.models import User
from lovende.reflection import permissions
from lovende.reflection.models import Meeting

OPEN_STATUSES = (Course.Status.ACTIVE, Course.Status.WAITING)


def _number(score: float | None, signed: bool = False) -> dict:
    if score is None:
        return {"text": "–", "number": None, "hidden": False}
    text = floatformat(score, -1)
    if signed and score > 0:
        text = f"+{text}"
    return {"text": text.replace("-", "−"), "number": score, "hidden": False}


def _text(text: str) -> dict:
    return {"text": str(text), "number": None, "hidden": False}


def _citizen_courses(by: User, meeting: Meeting) -> tuple[QuerySet[Course], str]:
    """The courses the pack shows, and a note saying which they are."""
    on_agenda = meeting.agenda_courses.count()
    if on_agenda:
        courses = permissions.agenda_courses_for(by, meeting)
        note = _("Datapakken viser forløbene på mødets dagsorden.")
        missing = on_agenda - courses.count()
        if missing:
            note += " " + _(
                "%(n)s forløb på dagsordenen kunne den, der dannede datapakken, ikke se, og de er "
                "ikke med."
            ) % {"n": missing}
        return courses, note
    courses = permissions.agenda_course_candidates(by, meeting.forum).filter(
        status__in=OPEN_STATUSES
    )
    note = _(
        "Der var ingen forløb på mødets dagsorden, så datapakken viser alle åbne forløb i "
        "mødeforummets indsats (og enhed), som den, der dannede den, har adgang til."
    )
    return courses, note


def _course_rows(course: Course, progression: Progression) -> list[list[dict]]:
    """One row per instrument (or one row when the course has no measurements yet)."""
    categories = category_labels()
    name, unit = _text(course.citizen.full_name), _text(course.unit.name)

    def signals_of(panel: Panel | None) -> dict:
        mine = [
            text
            for signal, text in progression.signals
            if panel is None or signal.instrument in ("", panel.instrument.name)
        ]
        return _text(" ".join(mine) or "–")

    if not progression.panels:
        empty = [_text("–"), _number(None), _number(None), _number(None), _number(None)]
        return [[name, unit, *empty, _text("–"), signals_of(None)]]
    rows = []
    for panel in progression.panels:
        summary = panel.summary
        rows.append(
            [
                name,
                unit,
                _text(panel.instrument.name),
                _number(len(panel.measurements)),
                _number(summary.first_score if summary else None),
                _number(summary.latest_score if summary else None),
                _number(summary.change if summary else None, signed=True),
                _text(categories.get(summary.category, "–") if summary else "–"),
                signals_of(panel),
            ]
        )
    return rows


def content(by: User, meeting: Meeting) -> dict:
    """The course summaries and charts and, per row and chart, the course and citizen it shows."""
    courses, note = _citizen_courses(by, meeting)
    description = _(
        "Score pr. session. Skraveret: klinisk område. Båndet: ingen pålidelig ændring fra "
        "første måling."
    )
    rows, owners, charts = [], [], []
    for course in courses.select_related("citizen", "unit", "intervention").order_by(
        "citizen__last_name", "citizen__first_name", "pk"
    ):
        progression = course_progression(course)
        course_rows = _course_rows(course, progression)
        rows += course_rows
        owners += [{"course": course.pk, "citizen": course.citizen_id}] * len(course_rows)
        charts += [
            {
                "title": f"{course.citizen.full_name} · {panel.instrument.name}",
                "description": description,
                "spec": panel.chart,
                "course": course.pk,
            }
            for panel in progression.panels
        ]
    table = {
        "key": "Forløb",
        "caption": _("Forløbenes progression"),
        "header": [
            _("Borger"),
            _("Enhed"),
            _("Måleredskab"),
            _("Målinger"),
            _("Første score"),
            _("Seneste score"),
            _("Ændring"),
            _("Pålidelig ændring"),
            _("Signaler"),
        ],
        "rows": rows,
    }
    return {"tables": [table], "charts": charts, "owners": owners, "note": note}
