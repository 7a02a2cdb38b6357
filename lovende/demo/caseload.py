"""The demo citizens and their courses over the two years before today."""

import datetime
import random
from dataclasses import dataclass

from lovende.citizens.models import Citizen, Course
from lovende.citizens.services import CLOSED, create_citizen, create_course, update_course
from lovende.demo.interventions import FAMILY, INFANT, RESIDENTIAL, YOUTH
from lovende.demo.names import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES
from lovende.demo.progress import PlannedCourse, write_histories
from lovende.demo.tree import (
    BRIDGE,
    EGELY,
    INFANT_TEAM,
    NEIGHBOUR_UNIT,
    NORTH,
    SOUTH,
    SPEARHEAD,
    SUNFLOWER,
    Town,
)
from lovende.organisation.models import User

S = Course.Status
DAY = datetime.timedelta(days=1)

# (intervention, unit, share of the citizens left after the fixed caseloads below)
DEMO_SHARES = (
    (FAMILY, NORTH, 0.16),
    (FAMILY, SOUTH, 0.22),
    (INFANT, INFANT_TEAM, 0.18),
    (YOUTH, SPEARHEAD, 0.22),
    (RESIDENTIAL, SUNFLOWER, 0.12),
    (RESIDENTIAL, EGELY, 0.10),
)
CASELOAD_HOLDER, CASELOAD_SIZE = "mette", 20  # Mette's own courses in Familiebehandling Nord
# The scaling to Team Broen has just begun: too few citizens to show in aggregates (SDC-01).
SMALL_UNIT_COURSES = 3
NEIGHBOUR_COURSES = 3
FIXED_COURSES = CASELOAD_SIZE + SMALL_UNIT_COURSES

CLOSED_SHARE, COMPLETED_OF_CLOSED, WAITING_OF_OPEN = 0.4, 0.75, 0.15
CPR_SHARE = 0.7
# Closed infant and residential courses the family continues in family treatment: two courses.
FOLLOW_UP_SHARE = 0.35
AGE_RANGES = {  # years at the course's start; one range is drawn per citizen
    FAMILY: ((2, 17), (23, 50)),  # the child or a parent
    INFANT: ((0, 0), (18, 40)),  # the infant or a parent
    YOUTH: ((15, 24),),
    RESIDENTIAL: ((6, 17),),
}


@dataclass(frozen=True)
class CourseSpec:
    intervention: str
    unit: str
    status: str
    start: datetime.date
    end: datetime.date | None
    responsible: list[User]


def plan_demo_courses(
    town: Town, rng: random.Random, citizens: int, today: datetime.date
) -> list[CourseSpec]:
    """One first course per citizen: Mette's caseload, the small unit, then the shares."""
    mette = town.staff[CASELOAD_HOLDER]
    specs = [
        _spec(FAMILY, NORTH, status, rng, today, [mette, *_colleague(town, rng)])
        for status in _statuses(CASELOAD_SIZE, rng)
    ]
    for _ in range(SMALL_UNIT_COURSES):
        start = today - rng.randint(14, 75) * DAY
        specs.append(CourseSpec(YOUTH, BRIDGE, S.ACTIVE, start, None, _pick(town, BRIDGE, rng)))
    counts = _allocate(citizens - FIXED_COURSES, [share for *_, share in DEMO_SHARES])
    for (intervention, unit, _), count in zip(DEMO_SHARES, counts, strict=True):
        specs += [
            _spec(intervention, unit, status, rng, today, _pick(town, unit, rng, intervention))
            for status in _statuses(count, rng)
        ]
    return specs


def plan_neighbour_courses(
    town: Town, rng: random.Random, today: datetime.date
) -> list[CourseSpec]:
    karin = town.employees[NEIGHBOUR_UNIT]
    return [
        _spec(FAMILY, NEIGHBOUR_UNIT, S.ACTIVE, rng, today, karin) for _ in range(NEIGHBOUR_COURSES)
    ]


def _allocate(total: int, shares: list[float]) -> list[int]:
    """Split ``total`` by ``shares``, giving the leftovers to the largest remainders."""
    exact = [total * share / sum(shares) for share in shares]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(shares)), key=lambda i: counts[i] - exact[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _statuses(count: int, rng: random.Random) -> list[str]:
    closed = round(count * CLOSED_SHARE)
    completed = round(closed * COMPLETED_OF_CLOSED)
    waiting = round((count - closed) * WAITING_OF_OPEN)
    statuses = [S.COMPLETED] * completed + [S.DISCONTINUED] * (closed - completed)
    statuses += [S.WAITING] * waiting + [S.ACTIVE] * (count - closed - waiting)
    rng.shuffle(statuses)
    return statuses


def _spec(
    intervention: str,
    unit: str,
    status: str,
    rng: random.Random,
    today: datetime.date,
    responsible: list[User],
) -> CourseSpec:
    if status in (S.WAITING, S.ACTIVE):
        days_ago = rng.randint(0, 45) if status == S.WAITING else rng.randint(7, 700)
        return CourseSpec(intervention, unit, status, today - days_ago * DAY, None, responsible)
    start = today - rng.randint(60, 730) * DAY
    length = rng.randint(30, 360) if status == S.COMPLETED else rng.randint(7, 150)
    end = min(start + length * DAY, today - DAY)
    return CourseSpec(intervention, unit, status, start, end, responsible)


def _pick(town: Town, unit: str, rng: random.Random, intervention: str = "") -> list[User]:
    """One or two employees of the unit; the infant team always works in pairs."""
    pool = [u for u in town.employees[unit] if u.username != CASELOAD_HOLDER]
    size = 2 if intervention == INFANT or rng.random() < 0.2 else 1
    return rng.sample(pool, min(size, len(pool)))


def _colleague(town: Town, rng: random.Random) -> list[User]:
    return _pick(town, NORTH, rng)[:1] if rng.random() < 0.25 else []


def create_caseload(
    town: Town,
    specs: list[CourseSpec],
    rng: random.Random,
    today: datetime.date,
    used_cprs: set[str],
) -> None:
    """Register one citizen per spec, give some of them a second, follow-up course, then write
    every course's history (closing the closed ones only then: measurements need an open course).
    """
    planned = [_register(town, spec, rng, used_cprs) for spec in specs]
    followed_up = {
        town.interventions[k].pk for k in (INFANT, RESIDENTIAL) if k in town.interventions
    }
    follow_ups = []
    for plan in planned:
        ended_a_while_ago = plan.end and plan.end <= today - 14 * DAY
        chosen = plan.course.intervention_id in followed_up and ended_a_while_ago
        if chosen and rng.random() < FOLLOW_UP_SHARE:
            follow_ups.append(_follow_up(town, plan, rng, today))
    holder = town.staff.get(CASELOAD_HOLDER)
    write_histories(town, planned + follow_ups, rng, today, showcase=holder)
    for plan in planned:
        if plan.status in CLOSED:
            update_course(
                by=plan.staff[0] if plan.staff else town.registrar,
                context=None,
                course=plan.course,
                status=plan.status,
                end_date=plan.end,
            )


def _register(
    town: Town, spec: CourseSpec, rng: random.Random, used_cprs: set[str]
) -> PlannedCourse:
    """The citizen with their course, open for now: a closed course is closed after its history."""
    birth_date = _birth_date(spec.intervention, spec.start, rng)
    course = create_citizen(
        by=town.registrar,
        context=None,
        **_identity(rng, birth_date, used_cprs),
        birth_date=birth_date,
        intervention=town.interventions[spec.intervention],
        unit=town.units[spec.unit],
        start_date=spec.start,
        responsible=spec.responsible,
        status=S.WAITING if spec.status == S.WAITING else S.ACTIVE,
    )
    return PlannedCourse(course, spec.intervention, spec.status, spec.end, spec.responsible)


def _follow_up(
    town: Town, plan: PlannedCourse, rng: random.Random, today: datetime.date
) -> PlannedCourse:
    unit = rng.choice((NORTH, SOUTH))
    latest = min(120, (today - plan.end).days)
    start = plan.end + rng.randint(7, latest) * DAY
    staff = _pick(town, unit, rng)
    course = create_course(
        by=town.registrar,
        context=None,
        citizen=plan.course.citizen,
        intervention=town.interventions[FAMILY],
        unit=town.units[unit],
        start_date=start,
        status=S.ACTIVE,
        responsible=staff,
    )
    return PlannedCourse(course, FAMILY, S.ACTIVE, None, staff)


def _birth_date(intervention: str, start: datetime.date, rng: random.Random) -> datetime.date:
    youngest, oldest = rng.choice(AGE_RANGES[intervention])
    days = rng.randint(int(youngest * 365.25), int((oldest + 1) * 365.25) - 1)
    return start - days * DAY


def _identity(rng: random.Random, birth_date: datetime.date, used_cprs: set[str]) -> dict:
    has_cpr = rng.random() < CPR_SHARE
    gender = rng.choice((Citizen.Gender.FEMALE, Citizen.Gender.MALE))
    if not has_cpr and rng.random() < 0.05:
        gender = Citizen.Gender.OTHER
    first_names = {Citizen.Gender.FEMALE: FEMALE_FIRST_NAMES, Citizen.Gender.MALE: MALE_FIRST_NAMES}
    return {
        "first_name": rng.choice(first_names.get(gender, FEMALE_FIRST_NAMES + MALE_FIRST_NAMES)),
        "last_name": rng.choice(SURNAMES),
        "gender": gender,
        "cpr": _cpr(rng, birth_date, gender == Citizen.Gender.MALE, used_cprs) if has_cpr else None,
    }


def _cpr(rng: random.Random, birth_date: datetime.date, is_male: bool, used: set[str]) -> str:
    """A CPR number that is valid by format and date; its seventh digit gives the right century."""
    while True:
        if birth_date.year < 2000:
            century_digit = rng.randint(0, 3)
        else:  # 4 and 9 cover 2000-2036, 5-8 cover 2000-2057 (cpr.century)
            century_digit = rng.choice((4, 5, 6, 7, 8, 9))
        last = rng.choice((1, 3, 5, 7, 9) if is_male else (0, 2, 4, 6, 8))
        number = f"{birth_date:%d%m%y}{century_digit}{rng.randint(0, 99):02d}{last}"
        if number not in used:
            used.add(number)
            return number
