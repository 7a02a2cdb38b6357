"""The dashboards' door to course data: plain rows for ``analytics.outcomes``, never names.

Everything here reads course attributes, the citizen's gender and birth date, and the per-course
``OutcomeSummary`` rows (DESIGN: dashboards aggregate summaries, never raw measurements). The
one exception is citizen feedback over time, a monthly aggregate of alliance measurements (SRS):
summaries hold only the first and latest score, which cannot draw a curve by month. It reads the
last twelve months only and goes through the (course, instrument, measured_on) index, so it
stays one grouped query whatever the size of the history.

No query returns a citizen's name, CPR number or pseudonym: the rows carry ids only, and the ids
never leave the server.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, CharField, Count, Func, QuerySet

from lovende.analytics.outcomes import CourseRow, age_band
from lovende.citizens.models import Course
from lovende.instruments import scoring
from lovende.instruments.models import Instrument
from lovende.measurements.models import Measurement, OutcomeSummary

MIXED_GROUPS = "__mixed__"  # responsible staff from more than one professional group
NO_GROUP = "__none__"


@dataclass(frozen=True)
class InstrumentInfo:
    """An instrument with the current definition that judges its summaries."""

    pk: int
    name: str
    definition: dict

    @property
    def purpose(self) -> str:
        return self.definition.get("purpose", "outcome")


def instruments_of(intervention_ids: Iterable[int]) -> dict[int, list[InstrumentInfo]]:
    """The instruments enabled for each intervention, with their current definitions (2 queries)."""
    instruments = (
        Instrument.objects.filter(interventions__in=list(intervention_ids))
        .prefetch_related("versions")
        .order_by("name")
        .distinct()
    )
    through = Instrument.interventions.through.objects.filter(
        intervention_id__in=list(intervention_ids)
    ).values_list("intervention_id", "instrument_id")
    info = {}
    for instrument in instruments:
        latest = max(instrument.versions.all(), key=lambda v: v.number)
        info[instrument.pk] = InstrumentInfo(instrument.pk, instrument.name, latest.definition)
    result: dict[int, list[InstrumentInfo]] = defaultdict(list)
    for intervention_id, instrument_id in through:
        if instrument_id in info:
            result[intervention_id].append(info[instrument_id])
    for infos in result.values():
        infos.sort(key=lambda i: i.name)
    return result


def scoped_courses(
    *,
    intervention_ids: Iterable[int],
    unit_ids: Iterable[int],
    start_from: datetime.date | None,
    start_to: datetime.date | None,
) -> QuerySet[Course]:
    """Courses of the interventions in the given units, started within the period."""
    courses = Course.objects.filter(
        intervention_id__in=list(intervention_ids), unit_id__in=list(unit_ids)
    )
    if start_from:
        courses = courses.filter(start_date__gte=start_from)
    if start_to:
        courses = courses.filter(start_date__lte=start_to)
    return courses


def course_rows(
    courses: QuerySet[Course],
    outcome_for: Mapping[int, Sequence[int]],
    alliance_for: Mapping[int, InstrumentInfo | None],
    group_names: Mapping | None,
) -> tuple[list[CourseRow], dict[int, int | None]]:
    """One plain row per course, with the summaries of its intervention's chosen instruments.

    ``outcome_for`` lists each intervention's candidate outcome instruments; the one with the most
    summaries among these courses is chosen (the intervention's main instrument), and returned
    per intervention. Three queries whatever the number of courses: courses with gender and
    birth date, the summaries, and the responsible staff's professional groups (left out when
    ``group_names`` is None).
    """
    base = courses.values_list(
        "pk", "citizen_id", "unit_id", "citizen__gender", "citizen__birth_date", "start_date",
        "status", "intervention_id",
    )  # fmt: skip
    summaries, chosen = _summaries(courses, outcome_for, alliance_for)
    groups = _professional_groups(courses, group_names) if group_names is not None else {}
    rows = []
    for pk, citizen, unit, gender, birth, start, status, intervention in base:
        rows.append(
            CourseRow(
                citizen=citizen, unit=unit, gender=gender, age_band=age_band(birth, start),
                professional_group=groups.get(pk, NO_GROUP), intervention=intervention,
                start_date=start, status=status, **summaries.get(pk, {}),
            )
        )  # fmt: skip
    return rows, chosen


OUTCOME_FIELDS = ("measurements", "change", "category", "clinical_at_start", "clinical_now")


def _summaries(
    courses: QuerySet[Course],
    outcome_for: Mapping[int, Sequence[int]],
    alliance_for: Mapping[int, InstrumentInfo | None],
) -> tuple[dict[int, dict], dict[int, int | None]]:
    alliance_ids = {i: info.pk for i, info in alliance_for.items() if info is not None}
    wanted = {i for ids in outcome_for.values() for i in ids} | set(alliance_ids.values())
    rows = []
    if wanted:
        rows = OutcomeSummary.objects.filter(
            course__in=courses, instrument_id__in=wanted
        ).values_list(
            "course_id", "course__intervention_id", "instrument_id", "count", "change",
            "category", "clinical_at_start", "clinical_now", "latest_on", "latest_score",
        )  # fmt: skip
    rows = list(rows)
    chosen = _main_instruments(rows, outcome_for)
    result: dict[int, dict] = defaultdict(dict)
    for course, intervention, instrument, *values, latest_on, latest_score in rows:
        if chosen.get(intervention) == instrument:
            result[course].update(zip(OUTCOME_FIELDS, values, strict=True), latest_on=latest_on)
        if alliance_ids.get(intervention) == instrument:
            definition = alliance_for[intervention].definition
            result[course]["alliance_score"] = latest_score
            result[course]["alliance_low"] = scoring.in_clinical_range(definition, latest_score)
    return result, chosen


def _main_instruments(
    rows: list[tuple], outcome_for: Mapping[int, Sequence[int]]
) -> dict[int, int | None]:
    """Per intervention, the candidate with the most summaries (the first one on a tie)."""
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for _course, intervention, instrument, *_rest in rows:
        counts[(intervention, instrument)] += 1
    return {
        intervention: max(ids, key=lambda i: (counts[(intervention, i)], -ids.index(i)))
        if ids
        else None
        for intervention, ids in outcome_for.items()
    }


def _professional_groups(courses: QuerySet[Course], names: Mapping) -> dict[int, str]:
    """The responsible staff's professional group per course; mixed when they differ."""
    links = Course.responsible.through.objects.filter(course__in=courses).values_list(
        "course_id", "user__professional_group_id"
    )
    seen: dict[int, set] = defaultdict(set)
    for course, group in links:
        seen[course].add(group)
    result = {}
    for course, groups in seen.items():
        if len(groups) > 1:
            result[course] = MIXED_GROUPS
        else:
            (group,) = groups
            result[course] = names.get(group, NO_GROUP) if group else NO_GROUP
    return result


class MonthKey(Func):
    """ "YYYY-MM" of a date column, without Django's per-row Python function on SQLite."""

    output_field = CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        return self.as_sql(compiler, connection, template="substr(%(expressions)s, 1, 7)", **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        return self.as_sql(
            compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM')", **extra
        )


def alliance_by_month(
    courses: QuerySet[Course], instrument_ids: Iterable[int], since: datetime.date
) -> list[tuple[str, float, int]]:
    """(month, mean score, courses measured) of alliance measurements since ``since``: 1 query."""
    ids = list(instrument_ids)
    if not ids:
        return []
    rows = (
        Measurement.objects.filter(
            course_id__in=courses.values("pk"), instrument_id__in=ids, measured_on__gte=since
        )
        .annotate(month=MonthKey("measured_on"))
        .values("month")
        .annotate(mean=Avg("score"), n=Count("course_id", distinct=True))
        .order_by("month")
    )
    return [(row["month"], row["mean"], row["n"]) for row in rows]
