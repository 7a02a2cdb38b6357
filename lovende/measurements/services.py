"""Recording, correcting and deleting measurements, with the outcome summary in the same transaction."""

import datetime
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, DateField, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from lovende.audit.models import AccessLog
from lovende.audit.services import AccessContext, record_access
from lovende.citizens import changes
from lovende.citizens.models import Change, Course
from lovende.citizens.permissions import course_goals
from lovende.citizens.services import check_not_restricted, record_changes
from lovende.instruments import scoring
from lovende.instruments.messages import answer_messages
from lovende.instruments.models import Instrument, InstrumentVersion
from lovende.instruments.services import current_version
from lovende.measurements import outcomes
from lovende.measurements.models import Measurement, MonthlyScores, OutcomeSummary
from lovende.organisation.models import User


def _log(by: User, context: AccessContext | None, action: str, course: Course) -> None:
    if context is not None:
        record_access(by=by, context=context, action=action, citizens=[course.citizen])


def _check_open(course: Course) -> None:
    check_not_restricted(course.citizen_id)
    if not course.is_open:
        raise ValidationError(_("Forløbet er afsluttet; der kan ikke registreres nye målinger."))


def _check_date(course: Course, measured_on: datetime.date) -> None:
    if measured_on > timezone.localdate():
        raise ValidationError({"measured_on": _("Datoen kan ikke ligge i fremtiden.")})
    if measured_on < course.start_date:
        raise ValidationError(
            {
                "measured_on": _("Datoen ligger før forløbets start (%(start)s).")
                % {"start": course.start_date.strftime("%d-%m-%Y")}
            }
        )


GAS_LEVELS = (-2, -1, 0, 1, 2)


def _scored_goals(course: Course, answers: Mapping, keys: list[str] | None) -> tuple[dict, float]:
    """Goal Attainment Scaling: one level −2…+2 per goal, scored as a T-score with the goals' weights."""
    goals = {f"goal_{goal.pk}": goal for goal in course_goals(course)}
    keys = keys if keys is not None else [key for key, goal in goals.items() if goal.is_active]
    if not keys:
        raise ValidationError(_("Forløbet har ingen aktive mål. Opret målene først."))
    errors, clean = {}, {}
    for key in keys:
        level = answers.get(key)
        if level is None or level == "":
            errors[key] = _("Angiv målopfyldelse for «%(goal)s».") % {"goal": goals[key].title}
        elif int(level) not in GAS_LEVELS:
            errors[key] = _("Målopfyldelse går fra -2 til +2.")
        else:
            clean[key] = int(level)
    if errors or set(answers) - set(keys):
        raise ValidationError(errors or _("Svaret hører ikke til forløbets mål."))
    return clean, scoring.gas_t_score([clean[k] for k in keys], [goals[k].weight for k in keys])


def _scored(
    version: InstrumentVersion, answers: Mapping, course: Course, keys: list[str] | None = None
) -> tuple[dict, float]:
    if version.is_gas:
        return _scored_goals(course, answers, keys)
    try:
        clean = scoring.check_answers(version.definition, answers)
    except scoring.InvalidAnswers as error:
        raise ValidationError(answer_messages(error)) from None
    return clean, scoring.score(version.definition, clean)


@transaction.atomic
def record_measurement(
    *,
    by: User,
    context: AccessContext | None,
    course: Course,
    instrument: Instrument,
    answers: Mapping,
    measured_on: datetime.date,
    self_report: bool = False,
) -> Measurement:
    """Score and store one measurement, and refresh the course's outcome summary (REL-01).

    Refuses an instrument the intervention has not enabled, a closed course, a date in the future
    or before the course started, and answers missing or out of range.
    """
    if not instrument.interventions.filter(pk=course.intervention_id).exists():
        raise ValidationError(
            _("Måleredskabet %(instrument)s er ikke slået til for indsatsen.")
            % {"instrument": instrument}
        )
    _check_open(course)
    _check_date(course, measured_on)
    version = current_version(instrument)
    clean, total = _scored(version, answers, course)
    measurement = Measurement.objects.create(
        course=course,
        instrument=instrument,
        version=version,
        measured_on=measured_on,
        answers=clean,
        score=total,
        respondent=version.definition.get("respondent", "citizen"),
        self_report=self_report,
        created_by=by,
    )
    _refresh(course, instrument)
    _log(by, context, AccessLog.Action.CREATE, course)
    return measurement


@transaction.atomic
def update_measurement(
    *,
    by: User,
    context: AccessContext | None,
    measurement: Measurement,
    answers: Mapping,
    measured_on: datetime.date,
) -> Measurement:
    """Correct a measurement; it is rescored with the version it was answered on. The old date,
    score and answers are kept in the change history (art. 16)."""
    course = measurement.course
    check_not_restricted(course.citizen_id)
    before = changes.measurement_snapshot(measurement)
    _check_date(course, measured_on)
    measurement.answers, measurement.score = _scored(
        measurement.version,
        answers,
        course,
        list(measurement.answers) if measurement.version.is_gas else None,
    )
    measurement.measured_on = measured_on
    measurement.save(update_fields=["answers", "score", "measured_on"])
    _keep_history(by, measurement, before, changes.measurement_snapshot(measurement))
    _refresh(course, measurement.instrument)
    _log(by, context, AccessLog.Action.UPDATE, course)
    return measurement


@transaction.atomic
def delete_measurement(
    *, by: User, context: AccessContext | None, measurement: Measurement
) -> None:
    """Delete a measurement and bring the summary back in line (or remove it). What it said stays
    in the change history (art. 16) until the citizen's record is erased."""
    course, instrument = measurement.course, measurement.instrument
    check_not_restricted(course.citizen_id)
    before = changes.measurement_snapshot(measurement)
    measurement.delete()
    _keep_history(by, measurement, before, dict.fromkeys(before, ""))
    _refresh(course, instrument)
    _log(by, context, AccessLog.Action.DELETE, course)


def _keep_history(by: User, measurement: Measurement, before: dict, after: dict) -> None:
    course = measurement.course
    record_changes(
        by=by,
        citizen=course.citizen,
        course=course,
        kind=Change.Record.MEASUREMENT,
        before=before,
        after=after,
    )


def _refresh(course: Course, instrument: Instrument) -> None:
    """Everything kept from a course's measurements of one instrument: summary and months."""
    cell = (course.intervention_id, course.unit_id, course.start_date, instrument.pk)
    pending = _pending.get()
    if pending is not None:  # inside refreshed_once: once per course and cell, at the end
        pending.setdefault("summaries", {})[(course.pk, instrument.pk)] = (course, instrument)
        pending.setdefault("cells", set()).add(cell)
        return
    refresh_outcome_summary(course, instrument)
    _refresh_cell(cell)


def _refresh_cell(cell: tuple[int, int, datetime.date, int]) -> None:
    intervention_id, unit_id, start_date, instrument_id = cell
    refresh_monthly_scores(
        intervention_id=intervention_id,
        unit_id=unit_id,
        start_date=start_date,
        instrument_id=instrument_id,
    )


_pending: ContextVar[dict | None] = ContextVar("pending_refresh", default=None)


@contextmanager
def refreshed_once() -> Iterator[None]:
    """Many writes in one transaction, with each summary and monthly cell refreshed once at the
    end instead of after every measurement (the demo's seed writes thousands)."""
    pending: dict = {}
    token = _pending.set(pending)
    try:
        with transaction.atomic():
            yield
            _pending.reset(token)
            token = None
            for course, instrument in pending.get("summaries", {}).values():
                refresh_outcome_summary(course, instrument)
            for cell in pending.get("cells", ()):
                _refresh_cell(cell)
    finally:
        if token is not None:
            _pending.reset(token)


def refresh_outcome_summary(course: Course, instrument: Instrument) -> OutcomeSummary | None:
    """Recompute the (course, instrument) summary from its measurements and store it."""
    rows = list(
        Measurement.objects.filter(course=course, instrument=instrument)
        .order_by("measured_on", "id")
        .values_list("measured_on", "id", "score", "version_id")
    )
    if not rows:
        OutcomeSummary.objects.filter(course=course, instrument=instrument).delete()
        return None
    definition = InstrumentVersion.objects.get(pk=rows[-1][3]).definition
    points = [outcomes.Point(measured_on, order, score) for measured_on, order, score, _ in rows]
    outcome = outcomes.summarise(points, definition)
    summary, _created = OutcomeSummary.objects.update_or_create(
        course=course, instrument=instrument, defaults=vars(outcome)
    )
    return summary


def refresh_monthly_scores(
    *,
    intervention_id: int,
    unit_id: int,
    start_date: datetime.date,
    instrument_id: int | None = None,
) -> None:
    """Recompute the monthly scores of one cell (``MonthlyScores``) from its measurements.

    Called wherever a measurement changes and wherever a course moves to another intervention,
    unit or start date (from the cell it left and the one it joined). A cell holds a handful of
    courses, so recomputing it whole is cheap and cannot drift.
    """
    cell = {"intervention_id": intervention_id, "unit_id": unit_id, "start_date": start_date}
    stale = MonthlyScores.objects.filter(**cell)
    source = Measurement.objects.filter(
        course__intervention_id=intervention_id,
        course__unit_id=unit_id,
        course__start_date=start_date,
    )
    if instrument_id is not None:
        stale = stale.filter(instrument_id=instrument_id)
        source = source.filter(instrument_id=instrument_id)
    stale.delete()
    MonthlyScores.objects.bulk_create(
        MonthlyScores(**cell, **row) for row in monthly_rows(source, ["instrument_id"])
    )


def monthly_rows(measurements: QuerySet[Measurement], keys: list[str]) -> QuerySet:
    """Courses, measurements and score sum per month (and ``keys``) of ``measurements``."""
    return (
        measurements.annotate(month=TruncMonth("measured_on", output_field=DateField()))
        .values(*keys, "month")
        .annotate(
            courses=Count("course_id", distinct=True),
            measurements=Count("pk"),
            score_sum=Sum("score"),
        )
        .order_by()
    )


def rebuild_monthly_scores() -> int:
    """Recompute every cell from all measurements (after a bulk load or a data migration)."""
    MonthlyScores.objects.all().delete()
    keys = ["course__intervention_id", "course__unit_id", "course__start_date", "instrument_id"]
    rows = [
        MonthlyScores(
            intervention_id=row["course__intervention_id"],
            unit_id=row["course__unit_id"],
            start_date=row["course__start_date"],
            instrument_id=row["instrument_id"],
            month=row["month"],
            courses=row["courses"],
            measurements=row["measurements"],
            score_sum=row["score_sum"],
        )
        for row in monthly_rows(Measurement.objects.all(), keys)
    ]
    MonthlyScores.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
