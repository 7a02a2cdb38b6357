"""Build a municipality-scale database fast, with bulk inserts.

The services are the right door for real writes; for 1,000,000 benchmark rows they would take an
hour, so this builder inserts in bulk and computes the outcome summaries with the same pure
function the services use (lovende.measurements.outcomes.summarise).

The municipality is shaped like a real one: a forvaltning with four centres, three departments
each and three or four teams under every department; twelve interventions for four target groups
whose sizes fall off like a real portfolio (the largest has about a fifth of all courses); citizens
with genders and ages that fit their intervention's target group; and every course has one or two
responsible employees from its team, each in a professional group.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import connection, transaction

from lovende.citizens import services as citizen_services
from lovende.citizens.models import Citizen, Course
from lovende.instruments import scoring
from lovende.instruments import services as instrument_services
from lovende.interventions import services as intervention_services
from lovende.measurements import outcomes
from lovende.measurements import services as measurement_services
from lovende.measurements.models import Measurement, OutcomeSummary
from lovende.organisation import services as org_services
from lovende.organisation.models import Organisation, ProfessionalGroup, Role, Unit, User

BATCH = 5000
TODAY = datetime.date(2026, 11, 1)
GROUPS = ("Familiebehandling", "Myndighed", "Pædagogik", "Psykologi", "Sundhedspleje", "SSA")
# (target group, youngest, oldest age at start, [(intervention, share of all courses), ...])
PORTFOLIO = (
    ("Familier med børn 0-17 år", 0, 17,
     [("Familiebehandling i hjemmet", 0.22), ("Familierådslagning", 0.08),
      ("Forældreprogram", 0.07), ("Netværksanbringelse", 0.04)]),
    ("Unge 15-24 år", 15, 24,
     [("Ungevejledning", 0.14), ("Praktikforløb", 0.07), ("Mentorordning", 0.05)]),
    ("Voksne med psykiske vanskeligheder", 25, 70,
     [("Bostøtte", 0.10), ("Recoverykursus", 0.06), ("Gruppeforløb", 0.04)]),
    ("Voksne med misbrug", 20, 65,
     [("Ambulant behandling", 0.08), ("Efterværn", 0.05)]),
)  # fmt: skip


@dataclass
class Built:
    reader: User  # a 4th-level leader at the top: sees every course page
    director: User  # a 1st-level leader at the top: sees every dashboard
    open_courses: list[int]
    instruments: list
    interventions: dict[int, int] = field(default_factory=dict)  # id → courses
    target_groups: list[str] = field(default_factory=list)
    seconds: float = 0.0


def build(*, citizens: int, courses: int, measurements: int, seed: int = 7) -> Built:
    rng = random.Random(seed)  # noqa: S311 - benchmark data
    with transaction.atomic():
        town = _organisation(rng)
        plan = _interventions(town)
        instruments = [
            instrument_services.install_builtin(organisation=town.organisation, code=c)
            for c in ("ors", "srs")
        ]
        for instrument in instruments:
            for intervention, *_rest in plan:
                instrument_services.enable_instrument(
                    instrument=instrument, intervention=intervention
                )
    assignment = [_pick(plan, rng) for _ in range(courses)]
    citizen_ids = _citizens(town.organisation, citizens, assignment, rng)
    course_rows = _courses(citizen_ids, assignment, town, rng)
    employees = [user for team in town.staff.values() for user in team]
    _measurements(course_rows, instruments, measurements, employees, rng)
    measurement_services.rebuild_monthly_scores()  # what the services keep at every write
    _analyze()
    open_ids = [pk for pk, _unit, _start, status in course_rows if status == Course.Status.ACTIVE]
    sizes: dict[int, int] = {}
    for intervention, *_rest in assignment:
        sizes[intervention.pk] = sizes.get(intervention.pk, 0) + 1
    return Built(
        reader=town.reader,
        director=town.director,
        open_courses=open_ids,
        instruments=instruments,
        interventions=sizes,
        target_groups=[target for target, *_rest in PORTFOLIO],
    )


def _analyze() -> None:
    """Gather planner statistics, as after any bulk load.

    PostgreSQL's autovacuum would do it within minutes; the timings start at once, and without
    statistics the planner takes a 212-row staff table for 40 rows and loops over it per course.
    SQLite keeps no statistics until asked.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@dataclass
class Town:
    organisation: Organisation
    departments: list[Unit]
    teams: dict[int, list[Unit]]  # department id → its teams
    staff: dict[int, list[User]]  # team id → its employees
    reader: User
    director: User


def _organisation(rng: random.Random) -> Town:
    organisation = Organisation.objects.create(name="Benchmark Kommune")
    groups = [
        ProfessionalGroup.objects.create(organisation=organisation, name=name) for name in GROUPS
    ]
    root = org_services.create_unit(
        organisation=organisation, name="Forvaltningen", kind="forvaltning"
    )
    departments, teams, staff = [], {}, {}
    for c in range(4):
        centre = org_services.create_unit(
            organisation=organisation, name=f"Center {c + 1}", kind="center", parent=root
        )
        for d in range(3):
            department = org_services.create_unit(
                organisation=organisation, name=f"Afdeling {c + 1}.{d + 1}", kind="afdeling",
                parent=centre,
            )  # fmt: skip
            departments.append(department)
            teams[department.pk] = [
                org_services.create_unit(
                    organisation=organisation,
                    name=f"Team {c + 1}.{d + 1}.{t + 1}",
                    kind="team",
                    parent=department,
                )
                for t in range(3 + (c + d) % 2)
            ]
    for team in [t for ts in teams.values() for t in ts]:
        staff[team.pk] = []
        for i in range(5):
            user = org_services.create_staff(
                organisation=organisation, username=f"bench-{team.pk}-{i}", first_name="Ansat",
                last_name=f"{team.pk}-{i}", professional_group=rng.choice(groups),
            )  # fmt: skip
            org_services.assign_role(user=user, unit=team, kind=Role.Kind.EMPLOYEE)
            staff[team.pk].append(user)
    reader = _leader(organisation, root, "bench-reader", 4)
    director = _leader(organisation, root, "bench-director", 1)
    return Town(organisation, departments, teams, staff, reader, director)


def _leader(organisation: Organisation, unit: Unit, username: str, level: int) -> User:
    user = org_services.create_staff(
        organisation=organisation, username=username, first_name="Leder", last_name=str(level)
    )
    org_services.assign_role(user=user, unit=unit, kind=Role.Kind.LEADER, management_level=level)
    return user


def _interventions(town: Town) -> list[tuple]:
    """(intervention, share, youngest, oldest, owning department) for the whole portfolio."""
    plan, index = [], 0
    for target, youngest, oldest, members in PORTFOLIO:
        for name, share in members:
            department = town.departments[index % len(town.departments)]
            intervention = intervention_services.save_intervention(
                organisation=town.organisation, name=name, target_group=target,
                units=[department], professional_groups=[], status="etableret",
            )  # fmt: skip
            plan.append((intervention, share, youngest, oldest, department))
            index += 1
    return plan


def _pick(plan: list[tuple], rng: random.Random) -> tuple:
    return rng.choices(plan, weights=[share for _i, share, *_rest in plan])[0]


def _citizens(
    organisation: Organisation, count: int, assignment: list[tuple], rng: random.Random
) -> list[int]:
    """Citizen i takes course i (and i + count, ...): born to fit that course's target group."""
    rows = []
    for i in range(count):
        _intervention, _share, youngest, oldest, _department = assignment[i % len(assignment)]
        age_days = rng.randint(youngest * 365, oldest * 365 + 364)
        rows.append(
            Citizen(
                organisation=organisation, first_name="Borger", last_name=f"Nr{i}",
                gender=rng.choices(["kvinde", "mand", "andet"], weights=[49, 48, 3])[0],
                birth_date=TODAY - datetime.timedelta(days=age_days + rng.randint(30, 700)),
                pseudonym=f"B-{i:06d}",
            )
        )  # fmt: skip
    for start in range(0, count, BATCH):
        Citizen.objects.bulk_create(rows[start : start + BATCH])
    return list(
        Citizen.objects.filter(organisation=organisation)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _courses(
    citizen_ids: list[int], assignment: list[tuple], town: Town, rng: random.Random
) -> list[tuple]:
    rows = []
    for i, (intervention, _share, _young, _old, department) in enumerate(assignment):
        start = TODAY - datetime.timedelta(days=rng.randint(30, 700))
        status = Course.Status.ACTIVE if rng.random() < 0.6 else Course.Status.COMPLETED
        end = (
            None
            if status == Course.Status.ACTIVE
            else min(TODAY, start + datetime.timedelta(days=rng.randint(60, 300)))
        )
        rows.append(
            Course(
                citizen_id=citizen_ids[i % len(citizen_ids)],
                intervention=intervention,
                unit=rng.choice(town.teams[department.pk]),
                start_date=start,
                end_date=end,
                status=status,
            )
        )
    for begin in range(0, len(rows), BATCH):
        Course.objects.bulk_create(rows[begin : begin + BATCH])
    built = list(
        Course.objects.filter(unit__organisation=town.organisation)
        .order_by("pk")
        .values_list("pk", "unit_id", "start_date", "status")
    )
    _responsible(built, town, rng)
    return built


def _responsible(course_rows: list[tuple], town: Town, rng: random.Random) -> None:
    """One responsible employee from the course's team, a second one for every fifth course."""
    through = Course.responsible.through
    links = []
    for pk, unit_id, _start, _status in course_rows:
        chosen = rng.sample(town.staff[unit_id], 2 if rng.random() < 0.2 else 1)
        links.extend(through(course_id=pk, user_id=user.pk) for user in chosen)
    for begin in range(0, len(links), BATCH):
        through.objects.bulk_create(links[begin : begin + BATCH])
    citizen_services.refresh_staff_groups(Course.objects.all())  # as the services keep it


def _measurements(
    course_rows: list[tuple], instruments: list, total: int, staff: list[User], rng: random.Random
) -> None:
    versions = [instrument_services.current_version(i) for i in instruments]
    base, remainder = divmod(total // len(instruments), len(course_rows))
    batch, summaries = [], []
    for index, (pk, _unit, start, _status) in enumerate(course_rows):
        # Courses differ in length (mean ``base``), so measurement completion is not 100 %.
        extra = 1 if index < remainder else 0  # spread the remainder so the total is as asked
        sessions = (rng.randint(1, 2 * base - 1) if base > 1 else base) + extra
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
