"""The database counts the same figures as the pure reference, ``outcomes.figures``.

The dashboards let the database group and count (aggregates.count, an outcomes.Cube); the pure function over
one row per course is the definition. Both run here on the hand-computed caseload and on edge
cases (birthdays, half-year limits, a course with mixed professional groups), on SQLite and
PostgreSQL alike (make test runs both).
"""

import dataclasses
import datetime

import pytest

from lovende.analytics import outcomes
from lovende.analytics.outcomes import CourseRow, band_of_age
from lovende.citizens import services as citizen_services
from lovende.citizens.models import Course
from lovende.dashboards import aggregates
from lovende.dashboards.aggregates import MIXED_GROUP_ID, NO_GROUP_ID, InstrumentInfo, Measures
from lovende.instruments import scoring
from lovende.instruments.models import Instrument
from lovende.measurements.models import OutcomeSummary
from lovende.organisation.services import create_professional_group, update_staff

SETTINGS = outcomes.Settings(k=5, today=datetime.date(2025, 3, 1), recent_days=42, steps=[5, 10])


def info(instrument: Instrument) -> InstrumentInfo:
    return InstrumentInfo(
        instrument.pk, instrument.name, instrument.versions.latest("number").definition
    )


def reference_rows(courses, ors, srs, group_of) -> list[CourseRow]:
    """One row per course, read object by object: the slow, obvious way."""
    srs_info = info(srs)
    rows = []
    for course in courses.select_related("citizen"):
        summaries = {s.instrument_id: s for s in OutcomeSummary.objects.filter(course=course)}
        main, alliance = summaries.get(ors.pk), summaries.get(srs.pk)

        rows.append(
            CourseRow(
                citizen=course.citizen_id, unit=course.unit_id, gender=course.citizen.gender,
                age_band=outcomes.age_band(course.citizen.birth_date, course.start_date),
                professional_group=group_of(course), intervention=course.intervention_id,
                start_date=course.start_date, status=course.status,
                measurements=main.count if main else 0, change=main.change if main else None,
                category=main.category if main else "",
                clinical_at_start=main.clinical_at_start if main else None,
                clinical_now=main.clinical_now if main else None,
                latest_on=main.latest_on if main else None,
                alliance_score=alliance.latest_score if alliance else None,
                alliance_low=scoring.in_clinical_range(srs_info.definition, alliance.latest_score)
                if alliance else None,
            )
        )  # fmt: skip
    return rows


def by_reference(rows, key) -> dict:
    grouped: dict = {}
    for row in rows:
        grouped.setdefault(key(row), []).append(row)
    return {k: dataclasses.asdict(outcomes.figures(v, SETTINGS)) for k, v in grouped.items()}


def counted(courses, keys, ors, srs, visible=()) -> dict:
    """Figures per cell; ages (whole years) are put in bands as the dashboard does."""
    cube = aggregates.count(
        courses, keys, Measures(ors.pk, info(srs)), SETTINGS, visible_groups=visible
    )
    found = cube.group(
        lambda cell: cell if len(cell) > 1 else band_of_age(cell[0]) if keys == ["age"] else cell[0]
    )
    return {k: dataclasses.asdict(f) for k, f in found.items()}


def half(row: CourseRow) -> str:
    return f"{row.start_date.year}-{1 if row.start_date.month <= 6 else 2}"


@pytest.mark.parametrize(
    ("keys", "key"),
    [
        (["unit"], lambda r: r.unit),
        (["gender"], lambda r: r.gender),
        (["age"], lambda r: r.age_band),
        (["half_year"], half),
        (["intervention", "half_year"], lambda r: (r.intervention, half(r))),
    ],
    ids=["unit", "gender", "age", "half_year", "intervention_half_year"],
)
def test_the_database_counts_what_the_reference_counts(caseload, intervention, ors, srs, keys, key):
    courses = Course.objects.filter(intervention=intervention)
    rows = reference_rows(courses, ors, srs, lambda course: "")

    assert counted(courses, keys, ors, srs) == by_reference(rows, key)


def test_it_counts_a_citizen_with_two_courses_once(caseload, intervention, ors, srs, mette, tree):
    first = caseload[0]
    citizen_services.create_course(
        by=mette, context=None, citizen=first.citizen, intervention=intervention, unit=tree.nord,
        start_date=datetime.date(2025, 9, 1), responsible=[mette],
    )  # fmt: skip
    courses = Course.objects.filter(intervention=intervention)
    cube = aggregates.count(courses, ["unit", "half_year"], Measures(ors.pk, info(srs)), SETTINGS)
    parents = {
        tree.department.pk: None,
        tree.nord.pk: tree.department.pk,
        tree.syd.pk: tree.department.pk,
    }

    total = cube.group(lambda cell: "all")["all"]
    halves = cube.group(lambda cell: cell[1])
    counts = cube.tree(parents)

    assert (total.courses, total.citizens) == (9, 8)
    assert (halves["2025-1"].citizens, halves["2025-2"].citizens) == (8, 1)  # apart, both count
    assert counts[("direct", tree.nord.pk)]["citizens"] == 6  # two courses, one citizen
    assert counts[("total", tree.department.pk)]["citizens"] == 8


@pytest.mark.parametrize(
    ("birth", "start", "band"),
    [
        (datetime.date(2019, 3, 2), datetime.date(2025, 3, 1), "0-5"),  # the day before 6
        (datetime.date(2019, 3, 1), datetime.date(2025, 3, 1), "6-12"),  # the birthday itself
        (datetime.date(2008, 2, 29), datetime.date(2026, 2, 28), "13-17"),  # leap day: still 17
        (datetime.date(2008, 2, 29), datetime.date(2026, 3, 1), "18-24"),
        (datetime.date(1960, 1, 1), datetime.date(2025, 1, 1), "65+"),
    ],
)
def test_it_puts_ages_in_the_bands_the_reference_does(
    mette, intervention, tree, ors, srs, birth, start, band
):
    course = citizen_services.create_citizen(
        by=mette, context=None, first_name="Alma", last_name="Bech", birth_date=birth,
        gender="kvinde", cpr=None, intervention=intervention, unit=tree.nord, start_date=start,
        responsible=[mette],
    )  # fmt: skip

    found = counted(Course.objects.filter(pk=course.pk), ["age"], ors, srs)

    assert list(found) == [band] == [outcomes.age_band(birth, start)]


def test_it_splits_half_years_at_the_first_of_july(mette, intervention, tree, ors, srs):
    for start in (datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)):
        citizen_services.create_citizen(
            by=mette, context=None, first_name="Alma", last_name="Bech",
            birth_date=datetime.date(2015, 1, 1), gender="kvinde", cpr=None,
            intervention=intervention, unit=tree.nord, start_date=start, responsible=[mette],
        )  # fmt: skip

    found = counted(Course.objects.filter(intervention=intervention), ["half_year"], ors, srs)

    assert {k: v["courses"] for k, v in found.items()} == {"2025-1": 1, "2025-2": 1}


def test_it_names_a_course_with_staff_from_two_groups_mixed(
    caseload, intervention, ors, srs, mette, sofie, tree
):
    psychology = create_professional_group(organisation=tree.organisation, name="Psykologi")
    family = create_professional_group(organisation=tree.organisation, name="Familiebehandling")
    update_staff(staff=mette, professional_group=psychology)  # courses follow their staff
    update_staff(staff=sofie, professional_group=family)
    mixed = caseload[0]
    citizen_services.update_course(by=mette, context=None, course=mixed, responsible=[mette, sofie])
    courses = Course.objects.filter(intervention=intervention)
    visible = [psychology.pk]  # the family group is out of this reader's sight

    found = counted(courses, ["group"], ors, srs, visible)

    def group_of(course: Course) -> object:
        ids = {u.professional_group_id for u in course.responsible.all()}
        if len(ids) > 1:
            return MIXED_GROUP_ID
        (only,) = ids
        return only if only in visible else NO_GROUP_ID

    rows = reference_rows(courses, ors, srs, group_of)
    assert found == by_reference(rows, lambda r: r.professional_group)
    assert found[MIXED_GROUP_ID]["courses"] == 1
    assert found[psychology.pk]["courses"] == 5  # Nord's other five
    assert found[NO_GROUP_ID]["courses"] == 2  # Syd's two: their group is out of sight
