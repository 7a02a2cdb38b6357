"""The measures' door to course data: monthly counts for an initiative's derived series.

Derived measures are computed when read, from the summaries kept in the same transaction as
every measurement (``MonthlyScores`` and ``OutcomeSummary``), so they are always current. Scope:
the initiative's intervention and, when the initiative has a unit, that unit and the units below
it. Every query groups by month in the database; the rows carry counts only, never a course or
citizen id. The pure rules (months, denominators, suppression) are in ``series.py``.

All of an initiative's measures are read together, in at most five queries whatever their
number: the hand-entered values, the monthly scores, courses by start and by end month, and
outcome summaries by end month.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence

from django.conf import settings
from django.db.models import Count, DateField, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from lovende.citizens.models import Course
from lovende.improvement import series
from lovende.improvement.models import Initiative, Measure, MeasureValue
from lovende.measurements.models import MonthlyScores, OutcomeSummary

Source = Measure.Source
Monthly = dict[datetime.date, int]


def _in_scope(initiative: Initiative, prefix: str = "") -> Q:
    condition = Q(**{f"{prefix}intervention_id": initiative.intervention_id})
    if initiative.unit_id is not None:
        condition &= Q(**{f"{prefix}unit__path__startswith": initiative.unit.path})
    return condition


def _month(field: str) -> TruncMonth:
    return TruncMonth(field, output_field=DateField())


def _monthly_scores(
    initiative: Initiative, instrument_ids: set[int], since: datetime.date
) -> dict[int, list[series.MonthlyCell]]:
    rows = (
        MonthlyScores.objects.filter(
            _in_scope(initiative), instrument_id__in=instrument_ids, month__gte=since
        )
        .values("instrument_id", "month")
        .annotate(total=Sum("score_sum"), n=Sum("measurements"), courses=Sum("courses"))
        .order_by()
    )
    cells: dict[int, list[series.MonthlyCell]] = defaultdict(list)
    for row in rows:
        cells[row["instrument_id"]].append(
            series.MonthlyCell(row["month"], row["total"], row["n"], row["courses"])
        )
    return cells


def _courses_by(courses: QuerySet[Course], field: str) -> Monthly:
    rows = (
        courses.filter(**{f"{field}__isnull": False})
        .annotate(month=_month(field))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["month"]: row["n"] for row in rows}


def _active_courses(initiative: Initiative, since: datetime.date) -> tuple[Monthly, Monthly]:
    """Courses per start month and per end month; those ended before ``since`` never count."""
    courses = Course.objects.filter(_in_scope(initiative)).exclude(end_date__lt=since)
    return _courses_by(courses, "start_date"), _courses_by(courses, "end_date")


def _outcomes(
    initiative: Initiative, instrument_ids: set[int], since: datetime.date
) -> tuple[dict[int, Monthly], dict[int, Monthly]]:
    """Per instrument and end month: courses judged (measured at least twice), and improved.

    As the dashboards' outcome figures, a course needs two measurements before its change counts.
    """
    rows = (
        OutcomeSummary.objects.filter(
            _in_scope(initiative, "course__"),
            instrument_id__in=instrument_ids,
            course__end_date__gte=since,
            count__gte=2,
        )
        .exclude(category="")
        .annotate(month=_month("course__end_date"))
        .values("instrument_id", "month")
        .annotate(
            judged=Count("pk"),
            improved=Count("pk", filter=Q(category=OutcomeSummary.Category.IMPROVED)),
        )
        .order_by()
    )
    judged: dict[int, Monthly] = defaultdict(dict)
    improved: dict[int, Monthly] = defaultdict(dict)
    for row in rows:
        judged[row["instrument_id"]][row["month"]] = row["judged"]
        improved[row["instrument_id"]][row["month"]] = row["improved"]
    return judged, improved


def _instruments(measures: Sequence[Measure], *sources: str) -> set[int]:
    return {m.instrument_id for m in measures if m.source in sources and m.instrument_id}


def _manual(measures: Sequence[Measure]) -> dict[int, list[series.Point]]:
    manual = [m.pk for m in measures if m.source == Source.MANUAL]
    rows: dict[int, list] = defaultdict(list)
    if manual:
        values = MeasureValue.objects.filter(measure_id__in=manual).values_list(
            "measure_id", "period", "value", "denominator"
        )
        for measure_id, period, value, denominator in values:
            rows[measure_id].append((period, value, denominator))
    return {pk: series.manual_points(rows[pk]) for pk in manual}


def series_of(
    initiative: Initiative, measures: Sequence[Measure], today: datetime.date
) -> dict[int, list[series.Point]]:
    """Every measure's points by measure id, in a fixed number of queries."""
    k = settings.LOVENDE_MIN_CELL
    since = series.window_start(today)
    result = _manual(measures)
    scored = _instruments(measures, Source.MEAN_SCORE, Source.MEASURED_SHARE)
    cells = _monthly_scores(initiative, scored, since) if scored else {}
    if any(m.source == Source.MEASURED_SHARE for m in measures):
        started, ended = _active_courses(initiative, since)
    judged_ids = _instruments(measures, Source.IMPROVED_SHARE)
    judged, improved = _outcomes(initiative, judged_ids, since) if judged_ids else ({}, {})
    for measure in measures:
        instrument = measure.instrument_id
        if measure.source == Source.MEAN_SCORE:
            result[measure.pk] = series.mean_points(cells.get(instrument, []), today, k)
        elif measure.source == Source.MEASURED_SHARE:
            measured = {c.month: c.courses for c in cells.get(instrument, [])}
            result[measure.pk] = series.measured_share_points(measured, started, ended, today, k)
        elif measure.source == Source.IMPROVED_SHARE:
            result[measure.pk] = series.improved_share_points(
                improved.get(instrument, {}), judged.get(instrument, {}), today, k
            )
    return result
