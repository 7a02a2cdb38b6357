"""A course's data as an Excel workbook: measurements, outcome summaries, observations, feedback."""

from django.utils.translation import gettext as _

from lovende.citizens.models import Course
from lovende.citizens.permissions import course_feedback, course_observations
from lovende.measurements.permissions import course_measurements, course_summaries
from lovende.web import Sheet


def course_sheets(course: Course) -> list[Sheet]:
    """The sheets of a course already checked by get_course_for_user."""
    measurements = list(course_measurements(course).order_by("measured_on", "id"))
    item_keys = sorted({key for m in measurements for key in m.answers})
    return [
        (
            _("Målinger"),
            [
                _("Dato"),
                _("Måleredskab"),
                _("Version"),
                _("Score"),
                _("Udfyldt af borgeren"),
                *item_keys,
            ],
            (
                [
                    m.measured_on,
                    m.instrument.name,
                    m.version.number,
                    m.score,
                    m.self_report,
                    *[m.answers.get(k) for k in item_keys],
                ]
                for m in measurements
            ),
        ),
        (
            _("Resultater"),
            [
                _("Måleredskab"),
                _("Antal"),
                _("Første"),
                _("Seneste"),
                _("Ændring"),
                _("Pålidelig ændring"),
                _("Klinisk ved start"),
                _("Klinisk nu"),
            ],
            (
                [
                    s.instrument.name,
                    s.count,
                    s.first_score,
                    s.latest_score,
                    s.change,
                    s.get_category_display(),
                    s.clinical_at_start,
                    s.clinical_now,
                ]
                for s in course_summaries(course).select_related("instrument")
            ),
        ),
        (
            _("Observationer"),
            [_("Dato"), _("Type"), _("Observation"), _("Mærker"), _("Forfatter")],
            (
                [o.observed_on, o.get_kind_display(), o.text, ", ".join(o.tags), str(o.author)]
                for o in course_observations(course)
            ),
        ),
        (
            _("Borgerfeedback"),
            [_("Dato"), _("Feedback"), _("Registreret af")],
            ([f.given_on, f.text, str(f.recorded_by)] for f in course_feedback(course)),
        ),
    ]
