"""Every data migration (RunPython) with rows to seed before it and what it must make of them.

``conftest.fresh_db`` walks the migrations from zero with django-test-migrations' ``Migrator``:
up to each case's parents, ``seed`` with the historical models, the case's migration, ``check``.
``check`` returns what it found and what was expected, so the test shows both (REL-03).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections, transaction

ALIAS = "fresh"
DAY = datetime.date(2025, 1, 6)


@dataclass(frozen=True)
class Case:
    target: tuple[str, str]
    seed: Callable  # (apps) -> context
    check: Callable  # (apps, context) -> (found, expected)


def _get(apps, label: str):
    return apps.get_model(*label.split(".")).objects.using(ALIAS)


def _organisation(apps):
    return _get(apps, "organisation.Organisation").get_or_create(name="Migreringskommune")[0]


def _user(apps, organisation, name: str = "migrering", group=None):
    return _get(apps, "organisation.User").get_or_create(
        username=name,
        defaults={"password": "!", "organisation": organisation, "professional_group": group},
    )[0]


def seed_courses(apps) -> dict:
    """Courses whose staff belong to one group, two groups, one group twice, none, no group."""
    organisation = _organisation(apps)
    unit = _get(apps, "organisation.Unit").create(organisation=organisation, name="Nord", path="/")
    groups = _get(apps, "organisation.ProfessionalGroup")
    family = groups.create(organisation=organisation, name="Familiebehandling")
    psychology = groups.create(organisation=organisation, name="Psykologi")
    users = [
        _user(apps, organisation, f"migrering{index}", group)
        for index, group in enumerate([family, psychology, family, None])
    ]
    intervention = _get(apps, "interventions.Intervention").create(
        organisation=organisation, name="MST", target_group="Familier"
    )
    citizen = _get(apps, "citizens.Citizen").create(
        organisation=organisation,
        first_name="Anna",
        last_name="Jensen",
        birth_date=datetime.date(2015, 3, 1),
        gender="kvinde",
        pseudonym="B-MIGR01",
    )
    staff_and_expected = [
        ([0], (family.pk, False)),
        ([0, 1], (None, True)),
        ([0, 2], (family.pk, False)),
        ([], (None, False)),
        ([3], (None, False)),
    ]
    expected = {}
    for staff, result in staff_and_expected:
        course = _get(apps, "citizens.Course").create(
            citizen=citizen, intervention=intervention, unit=unit, start_date=DAY
        )
        course.responsible.set([users[index] for index in staff])
        expected[course.pk] = result
    return expected


def check_courses(apps, expected: dict) -> tuple[dict, dict]:
    rows = _get(apps, "citizens.Course").values_list("pk", "staff_group_id", "staff_mixed")
    return {pk: (group, mixed) for pk, group, mixed in rows}, expected


def seed_measurements(apps) -> set:
    """Two courses in one cell measured in January (three times) and one in February."""
    organisation = _organisation(apps)
    user = _user(apps, organisation)
    instrument = _get(apps, "instruments.Instrument").create(
        organisation=organisation, code="ors", name="ORS"
    )
    version = _get(apps, "instruments.InstrumentVersion").create(
        instrument=instrument, number=1, definition={}
    )
    first, second = _get(apps, "citizens.Course").order_by("pk")[:2]
    for course, day, score in [
        (first, datetime.date(2025, 1, 10), 10.0),
        (first, datetime.date(2025, 1, 20), 20.0),
        (second, datetime.date(2025, 1, 15), 5.0),
        (first, datetime.date(2025, 2, 3), 30.0),
    ]:
        _get(apps, "measurements.Measurement").create(
            course=course,
            instrument=instrument,
            version=version,
            measured_on=day,
            answers={},
            score=score,
            respondent="citizen",
            created_by=user,
        )
    return {
        (datetime.date(2025, 1, 1), 2, 3, 35.0),
        (datetime.date(2025, 2, 1), 1, 1, 30.0),
    }


def check_measurements(apps, expected: set) -> tuple[set, set]:
    rows = _get(apps, "measurements.MonthlyScores").values_list(
        "month", "courses", "measurements", "score_sum"
    )
    return set(rows), expected


def seed_survey_rounds(apps) -> set:
    """A culture round and a split 360° round at a team under a department, before the
    eligible group was stored: the backfill derives it from today's roles."""
    organisation = _organisation(apps)
    units = _get(apps, "organisation.Unit")
    department = units.create(organisation=organisation, name="Afdeling", path="")
    team = units.create(organisation=organisation, name="Team", parent=department, path="")
    units.filter(pk=department.pk).update(path=f"/{department.pk}/")
    units.filter(pk=team.pk).update(path=f"/{department.pk}/{team.pk}/")
    team.refresh_from_db()
    people = {}
    for name, unit, kind, active in [
        ("medarbejder", team, "medarbejder", True),
        ("konsulent", team, "udviklingskonsulent", True),
        ("teamleder", team, "leder", True),
        ("afdelingsleder", department, "leder", True),
        ("fratraadt", team, "medarbejder", False),
    ]:
        user = _user(apps, organisation, f"survey-{name}")
        _get(apps, "organisation.User").filter(pk=user.pk).update(is_active=active)
        level = 3 if kind == "leder" else None
        _get(apps, "organisation.Role").create(
            user=user, unit=unit, kind=kind, management_level=level
        )
        people[name] = user
    rounds = _get(apps, "culture.SurveyRound")
    fields = {"organisation": organisation, "unit": team, "opened_by": people["konsulent"],
              "opens_on": DAY, "closes_on": DAY, "threshold": 3}  # fmt: skip
    rounds.create(kind="kultur", title="Kultur", **fields)
    feedback = rounds.create(
        kind="leder360", title="360", subject=people["teamleder"], split_groups=True, **fields
    )
    feedback.invitees.set([people["afdelingsleder"]])
    return {
        # culture: the team's staff without its leaders and consultants
        ("Kultur", "survey-medarbejder", ""),
        # 360°: the team without its leader, and the invited fellow leader, in groups
        ("360", "survey-medarbejder", "medarbejdere"),
        ("360", "survey-konsulent", "medarbejdere"),
        ("360", "survey-afdelingsleder", "lederkolleger"),
    }


def check_survey_rounds(apps, expected: set) -> tuple[set, set]:
    rows = _get(apps, "culture.Eligibility").values_list("round__title", "user__username", "group")
    return set(rows), expected


def seed_units(apps) -> tuple[int, int]:
    """Two units from before units had a UUID."""
    organisation = _organisation(apps)
    for name in ("UUID A", "UUID B"):
        _get(apps, "organisation.Unit").create(organisation=organisation, name=name, path="")
    return (2, 2)


def check_units(apps, expected: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    """Each got its own UUID (filled, then made unique)."""
    uuids = _get(apps, "organisation.Unit").filter(name__startswith="UUID ")
    uuids = list(uuids.exclude(uuid=None).values_list("uuid", flat=True))
    return (len(uuids), len(set(uuids))), expected


def seed_access_log(apps) -> int:
    organisation = _organisation(apps)
    user = _user(apps, organisation)
    entry = _get(apps, "audit.AccessLog").create(
        organisation=organisation, user=user, action="vist", page="/", request_id="migrering"
    )
    return entry.pk


def check_access_log(apps, pk: int) -> tuple[str, str]:
    """After the trigger migration an UPDATE of the log is refused by the database itself."""
    try:
        with transaction.atomic(using=ALIAS):
            _get(apps, "audit.AccessLog").filter(pk=pk).update(page="/ændret")
    except DatabaseError:
        return "refused", "refused"
    return "allowed", "refused"


def seed_cache(apps) -> list[str]:
    """Nothing to seed: before the migration the database has no cache table."""
    return [settings.CACHES["default"]["LOCATION"]]


def check_cache(apps, expected: list[str]) -> tuple[list[str], list[str]]:
    """The rate limits' shared cache table exists after `migrate` (API-02)."""
    tables = set(connections[ALIAS].introspection.table_names())
    return [name for name in expected if name in tables], expected


CASES = [
    Case(("api", "0001_cache_table"), seed_cache, check_cache),
    Case(("organisation", "0002_unit_uuid"), seed_units, check_units),
    Case(("citizens", "0006_dashboards"), seed_courses, check_courses),
    Case(("measurements", "0002_dashboards"), seed_measurements, check_measurements),
    Case(("audit", "0003_append_only_trigger"), seed_access_log, check_access_log),
    Case(("culture", "0004_eligibility"), seed_survey_rounds, check_survey_rounds),
]
