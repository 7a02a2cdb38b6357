"""The dashboards' door to course data: counts per group, never names.

Everything here reads course attributes, the citizen's gender and birth date, the per-course
``OutcomeSummary`` rows and the ``MonthlyScores`` rows (DESIGN: dashboards aggregate summaries,
never raw measurements). Summaries hold each course's first and latest score; the monthly scores
hold each month's scores per cell of courses, for citizen feedback over time.

No query returns a citizen's name, CPR number or pseudonym: the rows carry ids only, and the ids
never leave the server.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Aggregate,
    BooleanField,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Substr
from django.db.models.lookups import LessThan

from lovende.analytics.outcomes import (
    ACTIVE,
    CATEGORIES,
    Bounds,
    Cube,
    Figures,
    Flags,
    Settings,
    bin_bounds,
)
from lovende.citizens.models import Course
from lovende.instruments import scoring
from lovende.instruments.models import Instrument
from lovende.measurements.models import MonthlyScores, OutcomeSummary

MIXED_GROUP_ID = -1  # responsible staff from more than one professional group
NO_GROUP_ID = 0  # no responsible staff, none with a group, or a group the user may not see


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


@dataclass(frozen=True)
class Measures:
    """Which summaries a course's figures are read from: its outcome and its alliance instrument."""

    outcome: int | None
    alliance: InstrumentInfo | None


def main_instruments(
    courses: QuerySet[Course], outcome_for: Mapping[int, Sequence[int]]
) -> dict[int, int | None]:
    """Per intervention, the candidate outcome instrument with the most summaries among ``courses``.

    The first candidate wins a tie, so an intervention with one candidate needs no query at all.
    """
    contested = {i: ids for i, ids in outcome_for.items() if len(ids) > 1}
    counts: dict[tuple[int, int], int] = {}
    if contested:
        rows = (
            OutcomeSummary.objects.filter(
                course__in=courses.filter(intervention_id__in=list(contested)),
                instrument_id__in={i for ids in contested.values() for i in ids},
            )
            .values_list("course__intervention_id", "instrument_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        counts = {(intervention, instrument): n for intervention, instrument, n in rows}
    return {
        intervention: max(ids, key=lambda i: (counts.get((intervention, i), 0), -ids.index(i)))
        if ids
        else None
        for intervention, ids in outcome_for.items()
    }


# --- Figures counted by the database --------------------------------------------------------------
#
# The database does the counting: one grouped query returns every figure of ``outcomes.Figures``
# per cell, so no course row travels to Python, and a second returns the few courses of citizens
# with more than one course, so ``outcomes.Cube`` can count citizens exactly over any union of
# cells (a unit's subtree, a gender across units). The pure ``outcomes.cube_of`` over one row per
# course is the reference; tests check that both count the same.


def count(
    courses: QuerySet[Course],
    keys: Sequence[str],
    measures: Measures,
    config: Settings,
    *,
    visible_groups: Iterable[int] = (),
    apart_by: Sequence[str] = (),
    bins: bool = True,
) -> Cube:
    """The cube of ``courses`` with cells keyed by a tuple of ``keys``: two queries.

    ``visible_groups``: the professional groups the user may see; other groups count as none.
    ``apart_by``: course fields (e.g. "intervention_id") whose values are never combined into one
    figure, so a citizen with one course in each need not be fetched as shared.
    ``bins``: count the distribution of change (left out where it is not shown: less work).
    """
    visible = list(visible_groups)
    keyed, names = _keyed(courses, keys, measures, visible)
    wanted = _aggregates(measures, config)
    if not bins:
        wanted = {name: value for name, value in wanted.items() if not name.startswith("bin_")}
    rows = keyed.values(*names).annotate(**wanted).order_by()
    cells = {tuple(row[name] for name in names): _figures(row, config) for row in rows}
    return Cube(cells, _shared(courses, keys, measures, visible, apart_by))


def _keyed(
    courses: QuerySet[Course], keys: Sequence[str], measures: Measures, visible: list[int]
) -> tuple[QuerySet[Course], list[str]]:
    keyed = _with_summaries(courses, measures)
    names = []
    for key in keys:
        keyed = keyed.annotate(**{f"key_{key}": _key_expression(key, visible)})
        names.append(f"key_{key}")
    return keyed, names


def _shared(
    courses: QuerySet[Course],
    keys: Sequence[str],
    measures: Measures,
    visible: list[int],
    apart_by: Sequence[str],
) -> list[tuple[int, tuple, Flags]]:
    """(citizen, cell, bases) of every course of a citizen with another course alongside it."""
    repeated = (
        courses.values("citizen_id", *apart_by)
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values("citizen_id")
        .order_by()
    )
    keyed, names = _keyed(courses.filter(citizen_id__in=repeated), keys, measures, visible)
    rows = keyed.annotate(
        is_active=_flag(Q(status=ACTIVE)),
        has_outcome=_flag(_measured(measures)),
        has_alliance=_flag(_alliance_present(measures)),
    ).values_list("citizen_id", *apart_by, *names, "is_active", "has_outcome", "has_alliance")
    rows = rows.order_by()  # any order will do
    found = [
        (row[0], tuple(row[1 : 1 + len(apart_by)]), tuple(row[1 + len(apart_by) : -3]), row[-3:])
        for row in rows
    ]
    together = Counter((citizen, apart) for citizen, apart, _cell, _flags in found)
    return [
        (citizen, cell, (True, bool(flags[0]), bool(flags[1]), bool(flags[2])))
        for citizen, apart, cell, flags in found
        if together[(citizen, apart)] > 1
    ]


def _with_summaries(courses: QuerySet[Course], measures: Measures) -> QuerySet[Course]:
    """The courses joined to their outcome and alliance summary (at most one each)."""
    relations = {}
    if measures.outcome is not None:
        relations["outcome_summary"] = FilteredRelation(
            "summaries", condition=Q(summaries__instrument_id=measures.outcome)
        )
    if measures.alliance is not None:
        relations["alliance_summary"] = FilteredRelation(
            "summaries", condition=Q(summaries__instrument_id=measures.alliance.pk)
        )
    return courses.annotate(**relations) if relations else courses


def _measured(measures: Measures) -> Q:
    """A course with a change: two measurements of the outcome instrument."""
    if measures.outcome is None:
        return Q(pk__in=[])
    return Q(outcome_summary__count__gte=2, outcome_summary__change__isnull=False)


def _alliance_present(measures: Measures) -> Q:
    if measures.alliance is None:
        return Q(pk__in=[])
    return Q(alliance_summary__latest_score__isnull=False)


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _aggregates(measures: Measures, config: Settings) -> dict[str, Aggregate]:
    active = Q(status=ACTIVE)
    result: dict[str, Aggregate] = {
        "courses": Count("pk"),
        "active": Count("pk", filter=active),
    }
    if measures.outcome is not None:
        recent = config.today - datetime.timedelta(days=config.recent_days)
        measured = _measured(measures)
        clinical = measured & Q(
            outcome_summary__clinical_at_start__isnull=False,
            outcome_summary__clinical_now__isnull=False,
        )
        result |= {
            "measured_twice": Count("pk", filter=active & Q(outcome_summary__count__gte=2)),
            "measured_recently": Count(
                "pk", filter=active & Q(outcome_summary__latest_on__gte=recent)
            ),
            "outcome_courses": Count("pk", filter=measured),
            "clinical_base": Count("pk", filter=clinical),
            "clinical_at_start": Count(
                "pk", filter=clinical & Q(outcome_summary__clinical_at_start=True)
            ),
            "clinical_now": Count("pk", filter=clinical & Q(outcome_summary__clinical_now=True)),
        }
        for category in CATEGORIES:
            result[f"category_{category}"] = Count(
                "pk", filter=measured & Q(outcome_summary__category=category)
            )
        for index, bounds in enumerate(bin_bounds(config.steps)):
            result[f"bin_{index}"] = Count(
                "pk", filter=measured & _within("outcome_summary__change", bounds)
            )
    if measures.alliance is not None:
        present = _alliance_present(measures)
        result |= {
            "alliance_courses": Count("pk", filter=present),
            "alliance_sum": Sum("alliance_summary__latest_score"),
            "alliance_low": Count("pk", filter=present & _low(measures.alliance)),
        }
    return result


def _within(field_name: str, bounds: Bounds) -> Q:
    """The condition that a number lies within ``bounds`` (open ends are None)."""
    condition = Q()
    if bounds.low is not None:
        lookup = "gte" if bounds.low_inclusive else "gt"
        condition &= Q(**{f"{field_name}__{lookup}": bounds.low})
    if bounds.high is not None:
        lookup = "lte" if bounds.high_inclusive else "lt"
        condition &= Q(**{f"{field_name}__{lookup}": bounds.high})
    return condition


def _low(alliance: InstrumentInfo) -> Q:
    """The latest alliance score on the clinical side of the cutoff (``scoring.in_clinical_range``)."""
    cutoff = scoring.clinical_cutoff(alliance.definition)
    if cutoff is None:
        return Q(pk__in=[])
    inclusive = cutoff.get("inclusive", False)
    if alliance.definition["direction"] == "higher_better":
        lookup = "lte" if inclusive else "lt"
    else:
        lookup = "gte" if inclusive else "gt"
    return Q(**{f"alliance_summary__latest_score__{lookup}": cutoff["value"]})


def _figures(row: Mapping[str, Any], config: Settings) -> Figures:
    """A cell's figures; its ``base_citizens`` are courses per base (see ``outcomes.Cube``)."""
    result = Figures(
        courses=row["courses"],
        active=row["active"],
        measured_twice=row.get("measured_twice", 0),
        measured_recently=row.get("measured_recently", 0),
        outcome_courses=row.get("outcome_courses", 0),
        categories={c: row.get(f"category_{c}", 0) for c in CATEGORIES},
        clinical_base=row.get("clinical_base", 0),
        clinical_at_start=row.get("clinical_at_start", 0),
        clinical_now=row.get("clinical_now", 0),
        bins=[row.get(f"bin_{i}", 0) for i in range(2 * len(config.steps) + 1)],
        alliance_courses=row.get("alliance_courses", 0),
        alliance_sum=row.get("alliance_sum") or 0.0,
        alliance_low=row.get("alliance_low", 0),
    )
    result.base_citizens = {
        "citizens": result.courses,
        "active": result.active,
        "outcome": result.outcome_courses,
        "alliance": result.alliance_courses,
    }
    result.citizens = result.courses
    return result


def _key_expression(key: str, visible_groups: Iterable[int]) -> Any:
    if key == "unit":
        return F("unit_id")
    if key == "intervention":
        return F("intervention_id")
    if key == "gender":
        return F("citizen__gender")
    if key == "age":  # whole years at the start; bands are made in Python (outcomes.band_of_age)
        return AgeOn("start_date", "citizen__birth_date")
    if key == "group":
        return _professional_group(list(visible_groups))
    if key == "half_year":
        return HalfYear("start_date")
    raise ValueError(f"unknown group key {key!r}")


def _professional_group(visible: list[int]) -> Case:
    """The responsible staff's professional group: its id, MIXED (-1) when they differ, else 0.

    Read from the course (``Course.staff_group``, kept by the services); a group the user may
    not see counts as none.
    """
    whens = [When(staff_mixed=True, then=Value(MIXED_GROUP_ID))]
    if visible:
        whens.append(When(staff_group_id__in=visible, then=F("staff_group_id")))
    return Case(*whens, default=Value(NO_GROUP_ID), output_field=IntegerField())


class AgeOn(Func):
    """Whole years on the day ``on`` of someone born on ``birth``: ``AgeOn(on, birth)``."""

    output_field = IntegerField()
    arity = 2

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        # Dates are ISO text in SQLite: the difference of the years, less one before the birthday
        on, birth = self.source_expressions

        def year(date: Any) -> Cast:
            return Cast(Substr(date, 1, 4), IntegerField())

        def birthday_ahead(on: Any, birth: Any) -> Cast:
            return Cast(LessThan(Substr(on, 6, 5), Substr(birth, 6, 5)), IntegerField())

        expression = year(on) - year(birth) - birthday_ahead(on, birth)
        return compiler.compile(expression)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        template = "CAST(date_part('year', age(%(expressions)s)) AS integer)"
        return self.as_sql(compiler, connection, template=template, **extra)


class HalfYear(Func):
    """ "YYYY-1" or "YYYY-2": the half-year of a date."""

    output_field = CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        template = (
            "substr(%(expressions)s, 1, 4) || "
            "CASE WHEN substr(%(expressions)s, 6, 2) <= '06' THEN '-1' ELSE '-2' END"
        )
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        template = (
            "to_char(%(expressions)s, 'YYYY') || "
            "CASE WHEN date_part('month', %(expressions)s) <= 6 THEN '-1' ELSE '-2' END"
        )
        return self.as_sql(compiler, connection, template=template, **extra)


def alliance_by_month(
    *,
    intervention_id: int,
    unit_ids: Iterable[int],
    start_from: datetime.date | None,
    start_to: datetime.date | None,
    instrument_id: int,
    since: datetime.date,
) -> list[tuple[str, float, int]]:
    """(month "YYYY-MM", mean score, courses measured) since ``since``: 1 query.

    Read from the monthly scores kept at write time (``MonthlyScores``), filtered on the same
    units and course start dates as ``scoped_courses``: a course lies in one cell, so the
    courses measured in a month add up.
    """
    cells = MonthlyScores.objects.filter(
        intervention_id=intervention_id,
        unit_id__in=list(unit_ids),
        instrument_id=instrument_id,
        month__gte=since,
    )
    if start_from:
        cells = cells.filter(start_date__gte=start_from)
    if start_to:
        cells = cells.filter(start_date__lte=start_to)
    rows = (
        cells.values("month")
        .annotate(total=Sum("score_sum"), n=Sum("measurements"), courses=Sum("courses"))
        .order_by("month")
    )
    return [(f"{r['month']:%Y-%m}", r["total"] / r["n"], r["courses"]) for r in rows]
