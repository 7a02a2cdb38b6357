import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from lovende.citizens import cpr
from lovende.citizens.models import Citizen, Course
from lovende.demo.seed import seed_demo
from lovende.demo.tree import DEMO_NAME, DEMO_PASSWORD, NEIGHBOUR_NAME
from lovende.organisation.models import Role, Unit, User

CITIZENS = 60  # enough for every unit; the default 300 is for the demo itself

# username: (organisation, unit, role, management level, citizen access)
PERSONAS = {
    "mette": (DEMO_NAME, "Familiebehandling Nord", Role.Kind.EMPLOYEE, None, True),
    "sofie": (DEMO_NAME, "Familiebehandling Syd", Role.Kind.EMPLOYEE, None, True),
    "lars": (DEMO_NAME, "Familiebehandling", Role.Kind.LEADER, 3, False),
    "hanne": (DEMO_NAME, "Spædeteamet", Role.Kind.LEADER, 4, True),
    "jens": (DEMO_NAME, "Center for Familie og Forebyggelse", Role.Kind.LEADER, 2, False),
    "birgitte": (DEMO_NAME, "Børne- og Familieforvaltningen", Role.Kind.LEADER, 1, False),
    "ahmed": (DEMO_NAME, "Team Spydspidsen", Role.Kind.EMPLOYEE, None, True),
    "pia": (DEMO_NAME, "Børne- og Familieforvaltningen", Role.Kind.CONSULTANT, None, False),
    "it-admin": (
        DEMO_NAME, "Børne- og Familieforvaltningen", Role.Kind.ADMINISTRATOR, None, False,
    ),
    "karin": (NEIGHBOUR_NAME, "Familiecentret", Role.Kind.EMPLOYEE, None, True),
}  # fmt: skip


@pytest.fixture
def seeded(db):
    return seed_demo(citizens=CITIZENS)


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (User, Unit, Role, Citizen, Course))


def test_it_creates_nothing_the_second_time(seeded):
    before = counts()

    again = seed_demo(citizens=CITIZENS)

    assert seeded.created
    assert not again.created
    assert counts() == before
    assert (again.units, again.staff, again.citizens, again.courses) == (
        seeded.units, seeded.staff, seeded.citizens, seeded.courses,
    )  # fmt: skip


def test_it_creates_every_persona(seeded):
    for username, (organisation, unit, kind, level, access) in PERSONAS.items():
        user = User.objects.get(username=username)
        [role] = user.roles.select_related("unit")

        assert user.organisation.name == organisation, username
        assert (role.unit.name, role.kind, role.management_level) == (unit, kind, level), username
        assert role.citizen_access is access, username
        assert user.check_password(DEMO_PASSWORD), username
    assert {login[0] for login in seeded.logins} == set(PERSONAS)


class Rollback(Exception):
    pass


def seed_and_roll_back(seed: int) -> list[tuple]:
    try:
        with transaction.atomic():
            seed_demo(citizens=CITIZENS, seed=seed)
            citizens = Citizen.objects.order_by("pk")
            rows = list(citizens.values_list("first_name", "last_name", "cpr", "birth_date"))
            raise Rollback
    except Rollback:
        return rows


@pytest.mark.django_db
def test_it_seeds_the_same_citizens_from_the_same_seed():
    first, again, other = seed_and_roll_back(7), seed_and_roll_back(7), seed_and_roll_back(8)

    assert first == again
    assert first != other


def test_it_gives_generated_staff_no_password(seeded):
    generated = User.objects.exclude(username__in=PERSONAS)

    assert 30 <= User.objects.count() <= 60
    assert not any(user.has_usable_password() for user in generated)


def test_it_keeps_every_course_within_its_intervention(seeded):
    courses = Course.objects.select_related("unit").prefetch_related("intervention__units")

    assert all(course.intervention.delivers_in(course.unit) for course in courses)


def test_it_gives_cprs_that_match_birth_date_and_gender(seeded):
    with_cpr = Citizen.objects.exclude(cpr=None)

    for citizen in with_cpr:
        info = cpr.parse(citizen.cpr)
        assert info.birth_date == citizen.birth_date, citizen.cpr
        assert info.is_male == (citizen.gender == Citizen.Gender.MALE), citizen.cpr
    assert 0.6 <= with_cpr.count() / Citizen.objects.count() <= 0.8


def test_it_gives_mette_a_caseload_of_open_courses(seeded):
    mette = User.objects.get(username="mette")

    courses = list(mette.responsible_for.select_related("unit"))

    assert sum(course.is_open for course in courses) >= 10
    assert {course.unit.name for course in courses} == {"Familiebehandling Nord"}


def test_it_gives_some_citizens_a_closed_and_an_open_course(seeded):
    twice = Citizen.objects.annotate(n=Count("courses")).filter(n=2)

    assert twice.exists()
    for citizen in twice:
        assert sorted(c.is_open for c in citizen.courses.all()) == [False, True]


def test_it_leaves_one_unit_small_enough_to_suppress(seeded):
    open_courses = Course.objects.filter(status__in=[Course.Status.ACTIVE, Course.Status.WAITING])

    per_unit = open_courses.values("unit__name").annotate(n=Count("id"))

    assert any(row["n"] <= 3 for row in per_unit if row["unit__name"] != "Familiecentret")


def test_it_keeps_the_neighbours_citizens_apart(seeded):
    karin = User.objects.get(username="karin")

    theirs = Course.objects.filter(unit__organisation=karin.organisation)

    assert theirs.exists()
    assert all(course.citizen.organisation == karin.organisation for course in theirs)
    assert not Course.objects.filter(responsible=karin).exclude(pk__in=theirs).exists()


@pytest.mark.django_db
def test_the_seed_command_prints_one_line():
    out = io.StringIO()

    call_command("seed", citizens=CITIZENS, stdout=out)

    assert len(out.getvalue().strip().splitlines()) == 1
    assert DEMO_NAME in out.getvalue()
