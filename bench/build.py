"""Build a municipality-scale database fast, with bulk inserts.

The services are the right door for real writes; for 1,000,000 benchmark rows they would take an
hour, so this builder inserts in bulk and computes the outcome summaries with the same pure
function the services use (lovende.measurements.outcomes.summarise).
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from lovende.citizens.models import Citizen, Course
from lovende.instruments import scoring
from lovende.instruments import services as instrument_services
from lovende.interventions import services as intervention_services
from lovende.measurements import outcomes
from lovende.measurements.models import Measurement, OutcomeSummary
from lovende.organisation import services as org_services
from lovende.organisation.models import Organisation, Role, Unit, User

BATCH = 5000
TODAY = datetime.date(2026, 11, 1)


@dataclass
class Built:
    reader: User
    open_courses: list[int]
    instruments: list
    seconds: float = 0.0


def build(*, citizens: int, courses: int, measurements: int, seed: int = 7) -> Built:
    rng = random.Random(seed)  # noqa: S311 - benchmark data
    with transaction.atomic():
        organisation, teams, staff, reader = _organisation(rng)
        intervention = intervention_services.save_intervention(
            organisation=organisation, name="Familiebehandling", target_group="Familier",
            units=[teams[0].parent], professional_groups=[], status="etableret",
        )  # fmt: skip
        instruments = [
            instrument_services.install_builtin(organisation=organisation, code=c)
            for c in ("ors", "srs")
        ]
        for instrument in instruments:
            instrument_services.enable_instrument(instrument=instrument, intervention=intervention)
    citizen_ids = _citizens(organisation, citizens, rng)
    course_rows = _courses(citizen_ids, courses, intervention, teams, rng)
    _measurements(course_rows, instruments, measurements, staff, rng)
    open_ids = [pk for pk, _unit, _start, status in course_rows if status == Course.Status.ACTIVE]
    return Built(reader=reader, open_courses=open_ids, instruments=instruments)


def _organisation(rng: random.Random):
    organisation = Organisation.objects.create(name="Benchmark Kommune")
    root = org_services.create_unit(
        organisation=organisation, name="Forvaltningen", kind="forvaltning"
    )
    centre = org_services.create_unit(
        organisation=organisation, name="Familiecentret", kind="center", parent=root
    )
    teams = [
        org_services.create_unit(
            organisation=organisation, name=f"Team {i}", kind="team", parent=centre
        )
        for i in range(40)
    ]
    staff = []
    for i in range(200):
        user = org_services.create_staff(
            organisation=organisation, username=f"bench{i}", first_name="Ansat", last_name=str(i)
        )
        org_services.assign_role(user=user, unit=teams[i % len(teams)], kind=Role.Kind.EMPLOYEE)
        staff.append(user)
    reader = org_services.create_staff(
        organisation=organisation, username="bench-reader", first_name="Faglig", last_name="Leder"
    )
    org_services.assign_role(user=reader, unit=centre, kind=Role.Kind.LEADER, management_level=4)
    return organisation, teams, staff, reader


def _citizens(organisation: Organisation, count: int, rng: random.Random) -> list[int]:
    rows = [
        Citizen(
            organisation=organisation, first_name="Borger", last_name=f"Nr{i}", gender="kvinde",
            birth_date=datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randint(0, 20000)),
            pseudonym=f"B-{i:06d}",
        )
        for i in range(count)
    ]  # fmt: skip
    for start in range(0, count, BATCH):
        Citizen.objects.bulk_create(rows[start : start + BATCH])
    return list(Citizen.objects.filter(organisation=organisation).values_list("pk", flat=True))


def _courses(
    citizen_ids: list[int], count: int, intervention, teams: list[Unit], rng: random.Random
) -> list[tuple]:
    rows = []
    for i in range(count):
        start = TODAY - datetime.timedelta(days=rng.randint(30, 700))
        status = Course.Status.ACTIVE if rng.random() < 0.6 else Course.Status.COMPLETED
        end = (
            None
            if status == Course.Status.ACTIVE
            else min(TODAY, start + datetime.timedelta(days=rng.randint(60, 300)))
        )
        citizen = citizen_ids[i % len(citizen_ids)]
        rows.append(
            Course(
                citizen_id=citizen,
                intervention=intervention,
                unit=rng.choice(teams),
                start_date=start,
                end_date=end,
                status=status,
            )
        )
    for begin in range(0, count, BATCH):
        Course.objects.bulk_create(rows[begin : begin + BATCH])
    return [
        (c.pk, c.unit_id, c.start_date, c.status)
        for c in Course.objects.filter(intervention=intervention).order_by("pk")
    ]


def _measurements(
    course_rows: list[tuple], instruments: list, total: int, staff: list[User], rng: random.Random
) -> None:
    versions = [instrument_services.current_version(i) for i in instruments]
    base, remainder = divmod(total // len(instruments), len(course_rows))
    batch, summaries = [], []
    for index, (pk, _unit, start, _status) in enumerate(course_rows):
        sessions = base + (1 if index < remainder else 0)
        for instrument, version in zip(instruments, versions, strict=True):
            points = []
            level = rng.uniform(14, 30)
            for session in range(max(1, sessions)):
                day = min(TODAY, start + datetime.timedelta(days=7 * session))
                value = max(0.0, min(10.0, round(level / 4 + rng.uniform(-1, 1.2), 1)))
                answers = {item["key"]: value for item in version.definition["items"]}
                score = scoring.score(version.definition, answers)
                batch.append(
                    Measurement(
                        course_id=pk,
                        instrument=instrument,
                        version=version,
                        measured_on=day,
                        answers=answers,
                        score=score,
                        respondent="citizen",
                        created_by=staff[0],
                    )
                )
                points.append(outcomes.Point(day, session, score))
                level += rng.uniform(-0.5, 1.0)
            outcome = outcomes.summarise(points, version.definition)
            summaries.append(OutcomeSummary(course_id=pk, instrument=instrument, **vars(outcome)))
        if len(batch) >= BATCH:
            Measurement.objects.bulk_create(batch)
            batch = []
    Measurement.objects.bulk_create(batch)
    for begin in range(0, len(summaries), BATCH):
        OutcomeSummary.objects.bulk_create(summaries[begin : begin + BATCH])
