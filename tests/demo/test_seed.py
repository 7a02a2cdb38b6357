"""The seeded demo, seeded once for the module (with its histories that takes a few seconds).

Each test runs in a savepoint inside the module's transaction, which is rolled back at the end.
"""

import io
import math
from collections import Counter, defaultdict

import pytest
from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from openpyxl import load_workbook

from lovende.audit.permissions import is_log_reviewer
from lovende.citizens import cpr
from lovende.citizens.models import Citizen, Course, Feedback, Observation
from lovende.demo.seed import seed_demo
from lovende.demo.tree import DEMO_NAME, DEMO_PASSWORD, NEIGHBOUR_NAME
from lovende.instruments.models import Instrument
from lovende.instruments.services import current_version
from lovende.measurements import outcomes, signals
from lovende.measurements.models import Measurement, OutcomeSummary
from lovende.organisation.models import Role, Unit, User
from tests.demo.conftest import CITIZENS

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


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_demo(citizens=CITIZENS)
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db):
    return seeded_once


def counts() -> tuple[int, ...]:
    models = (User, Unit, Role, Citizen, Course, Measurement, Observation, Feedback)
    return tuple(m.objects.count() for m in models)


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
    assert {login[0] for login in seeded.logins} == set(PERSONAS) | {"bo"}


def test_the_log_reviewer_has_no_role_but_may_read_the_log(seeded):
    # covers LOG-02: the log is read by a log reviewer, not by the administrators
    bo = User.objects.get(username="bo")

    assert not bo.roles.exists()
    assert is_log_reviewer(bo)
    assert bo.check_password(DEMO_PASSWORD)
    assert not is_log_reviewer(User.objects.get(username="it-admin"))


def test_it_gives_generated_staff_no_password(seeded):
    generated = User.objects.exclude(username__in=[*PERSONAS, "bo"])

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


# The courses' histories: measurements, summaries, observations and feedback

S = Course.Status
CATEGORY = OutcomeSummary.Category
OUTCOME, ALLIANCE = ("ors", "cors"), ("srs", "csrs")


def test_it_measures_most_open_courses_and_no_waiting_ones(seeded):
    open_courses = Course.objects.filter(status__in=[S.ACTIVE, S.WAITING])
    measured = open_courses.filter(measurements__isnull=False).distinct()

    assert measured.count() >= 0.8 * open_courses.count()
    assert not measured.filter(status=S.WAITING).exists()
    assert not Course.objects.filter(status=S.ACTIVE, measurements__isnull=True).exists()
    assert seeded.measurements == Measurement.objects.count() > 0
    assert f"{seeded.measurements} målinger" in seeded.summary


def test_it_measured_the_closed_courses_while_they_were_open(seeded):
    closed = Course.objects.filter(status__in=[S.COMPLETED, S.DISCONTINUED])
    dropouts = closed.filter(status=S.DISCONTINUED).annotate(
        sessions=Count("measurements__measured_on", distinct=True)
    )

    assert closed.exists()
    assert not closed.filter(measurements__isnull=True).exists()
    assert all(1 <= course.sessions <= 4 for course in dropouts)


def test_it_dates_every_measurement_and_note_within_its_course(seeded):
    today = timezone.localdate()

    for model, field in (
        (Measurement, "measured_on"),
        (Observation, "observed_on"),
        (Feedback, "given_on"),
    ):
        outside = model.objects.filter(
            Q(**{f"{field}__lt": F("course__start_date")})
            | Q(**{f"{field}__gt": F("course__end_date")})
            | Q(**{f"{field}__gt": today})
        )
        assert model.objects.exists(), model
        assert not outside.exists(), model


def test_it_answers_every_item_on_the_instruments_steps(seeded):
    for measurement in Measurement.objects.select_related("instrument"):
        code, values = measurement.instrument.code, list(measurement.answers.values())
        if code in OUTCOME + ALLIANCE:
            assert all(0 <= v <= 10 and round(v, 1) == v for v in values), measurement.answers
            assert math.isclose(sum(values), measurement.score, abs_tol=1e-6)
        else:
            low, high = {"who5": (0, 5), "hjul": (1, 10), "gas": (-2, 2)}[code]
            assert all(low <= v <= high and v == int(v) for v in values), measurement.answers


def test_every_stored_summary_equals_a_recompute(seeded):
    points = defaultdict(list)
    rows = Measurement.objects.values_list(
        "course_id", "instrument_id", "measured_on", "pk", "score"
    )
    for course_id, instrument_id, measured_on, pk, score in rows:
        points[course_id, instrument_id].append(outcomes.Point(measured_on, pk, score))
    definitions = {i.pk: current_version(i).definition for i in Instrument.objects.all()}
    fields = list(outcomes.Outcome.__dataclass_fields__)

    summaries = OutcomeSummary.objects.values("course_id", "instrument_id", *fields)

    assert len(summaries) == len(points)
    for row in summaries:
        key = (row["course_id"], row["instrument_id"])
        expected = outcomes.summarise(points[key], definitions[row["instrument_id"]])
        assert outcomes.Outcome(**{f: row[f] for f in fields}) == expected, key


def test_it_shows_every_outcome_category(seeded):
    categories = set(
        OutcomeSummary.objects.filter(instrument__code__in=OUTCOME).values_list(
            "category", flat=True
        )
    )

    assert categories == {CATEGORY.IMPROVED, CATEGORY.UNCHANGED, CATEGORY.DETERIORATED}
    assert OutcomeSummary.objects.filter(clinical_at_start=True, clinical_now=False).exists()


def course_signals(courses) -> dict[str, set[int]]:
    """The ids of the courses showing each signal of the course page, and the improved ones."""
    series = defaultdict(list)
    rows = Measurement.objects.filter(course__in=courses).select_related("instrument", "version")
    for m in rows.order_by("measured_on", "pk"):
        series[m.course_id, m.instrument.name, m.version.definition["code"]].append(m)
    found = defaultdict(set)
    for course in courses:
        per_instrument = [
            signals.Series(
                name, rows[-1].version.definition, [(m.measured_on, m.score) for m in rows]
            )
            for (course_id, name, _), rows in series.items()
            if course_id == course.pk
        ]
        for signal in signals.course_signals(
            per_instrument,
            today=timezone.localdate(),
            course_start=course.start_date,
            course_open=course.is_open,
            rules=signals.Rules(settings.LOVENDE_SIGNAL_SESSIONS, settings.LOVENDE_SIGNAL_DAYS),
        ):
            found[signal.code].add(course.pk)
    improved = OutcomeSummary.objects.filter(
        course__in=courses, instrument__code__in=OUTCOME, category=CATEGORY.IMPROVED
    )
    found["improved"] = set(improved.values_list("course", flat=True))
    return found


SIGNALS = {"no_improvement", "deterioration", "low_alliance", "falling_alliance", "no_measurement"}


def test_it_shows_every_signal_on_some_open_course(seeded):
    found = course_signals(Course.objects.filter(status=S.ACTIVE))

    assert SIGNALS | {"improved"} <= {code for code, ids in found.items() if ids}, found


def test_mettes_open_courses_show_every_trajectory(seeded):
    mette = User.objects.get(username="mette")

    found = course_signals(mette.responsible_for.filter(status=S.ACTIVE))

    wanted = {"improved", "no_improvement", "deterioration", "low_alliance", "no_measurement"}
    assert wanted <= {code for code, ids in found.items() if ids}, found


def test_it_writes_observations_and_feedback_on_every_course_that_began(seeded):
    began = Course.objects.exclude(status=S.WAITING)
    kinds = set(Observation.objects.values_list("kind", flat=True))

    assert not began.filter(observations__isnull=True).exists()
    assert not began.filter(feedback__isnull=True).exists()
    assert kinds <= set(Observation.Kind.values)
    assert len(kinds) >= 5
    assert all(observation.tags for observation in Observation.objects.all())


def test_it_gives_youth_courses_goals_scored_by_goal_attainment(seeded):
    gas = Measurement.objects.filter(instrument__code="gas")

    assert gas.exists()
    assert all(m.course.goals.exists() for m in gas.select_related("course")[:20])


def test_it_writes_assessments_in_every_direction(seeded):
    from lovende.citizens.models import Assessment

    directions = set(Assessment.objects.values_list("direction", flat=True))

    assert directions == {"improving", "stable", "worsening"}


def test_it_gives_family_treatment_a_meeting_structure_with_review_findings(seeded):
    from lovende.reflection.models import DevelopmentPoint, MeetingForum

    assert MeetingForum.objects.filter(level="indsats").exists()
    assert MeetingForum.objects.filter(level="borger").exists()
    assert DevelopmentPoint.objects.exists()


def test_it_compares_interventions_for_one_target_group_with_cost_per_course(seeded, client):
    client.force_login(User.objects.get(username="birgitte"))
    response = client.get("/overblik/organisation/excel/")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    [header, *rows] = list(workbook["Indsatser"].iter_rows(values_only=True))
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows}

    groups = Counter(row["Målgruppe"] for row in by_name.values())
    year = timezone.localdate().year - 1
    cost = by_name["Familiebehandling i hjemmet"][header[-1]]
    assert max(groups.values()) >= 2
    assert header[-1] == f"Udgift pr. forløb {year}, hele indsatsen (kr.)"
    assert isinstance(cost, int)
    assert cost > 0  # 60 citizens here; the default demo gives about 77.000 kr.
    assert by_name["Det intensive spædeteam"][header[-1]] == "– (ikke registreret)"
