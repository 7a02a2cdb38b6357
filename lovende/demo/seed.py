"""Seed the demo municipality, Demo Kommune, and its neighbour, Nabo Kommune.

Everything is written through the services, deterministically from one ``random.Random(seed)``
and relative to today, so the courses always cover the last two years. Seeding again when Demo
Kommune exists changes nothing.
"""

import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lovende.audit.services import set_log_reviewer
from lovende.citizens.models import Change, Citizen, Course
from lovende.demo.caseload import (
    FIXED_COURSES,
    create_caseload,
    plan_demo_courses,
    plan_neighbour_courses,
)
from lovende.demo.culture import create_culture
from lovende.demo.description import create_description
from lovende.demo.economy import record_costs
from lovende.demo.initiatives import create_initiatives
from lovende.demo.interventions import (
    DEMO_INTERVENTIONS,
    NEIGHBOUR_INTERVENTIONS,
    create_interventions,
)
from lovende.demo.meetings import create_meeting_structure
from lovende.demo.progress import install_instruments
from lovende.demo.quality import create_quality_team
from lovende.demo.rights import create_rights_examples
from lovende.demo.scaling import create_scaling
from lovende.demo.tree import DEMO, DEMO_NAME, DEMO_PASSWORD, NEIGHBOUR, PERSONAS, build_town
from lovende.demo.trials import create_trials_and_measures
from lovende.measurements.models import Measurement
from lovende.organisation.models import Organisation, Unit, User

DEFAULT_CITIZENS = 300
MIN_CITIZENS = FIXED_COURSES + 20  # enough for every unit in the shares to get citizens
DEMO_MODES = ("demo", "test")
REFUSAL = (
    "Demodata må kun oprettes, når LOVENDE_MODE er 'demo' eller 'test' "
    "(demologins har en offentlig adgangskode). Kør fx: LOVENDE_MODE=demo lovende demo"
)


@dataclass(frozen=True)
class SeedResult:
    created: bool  # False when Demo Kommune already existed and nothing was written
    organisations: int
    units: int
    staff: int
    citizens: int
    courses: int
    measurements: int
    logins: list[tuple[str, str, str]]  # (username, password, who they are, in Danish)

    @property
    def summary(self) -> str:
        counts = (
            f"{self.organisations} organisationer, {self.units} enheder, "
            f"{self.staff} medarbejdere, {self.citizens} borgere, {self.courses} forløb "
            f"og {self.measurements} målinger"
        )
        if self.created:
            return f"{DEMO_NAME} er oprettet: {counts}."
        return f"{DEMO_NAME} fandtes allerede, intet er ændret: {counts}."


def demo_data_allowed() -> bool:
    """Demo logins share a published password, so they never go into a production database."""
    return settings.MODE in DEMO_MODES


def seed_demo(*, citizens: int = DEFAULT_CITIZENS, seed: int = 2026) -> SeedResult:
    """Create Demo Kommune and Nabo Kommune in one transaction, unless Demo Kommune exists."""
    with transaction.atomic():
        exists = Organisation.objects.filter(name=DEMO_NAME).exists()
        if not exists:
            if citizens < MIN_CITIZENS:
                raise ValueError(
                    f"Demo Kommune skal have mindst {MIN_CITIZENS} borgere, ikke {citizens}."
                )
            rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
            _seed(rng, citizens, timezone.localdate())
            _date_course_closures()
        return _result(created=not exists)


CLOSING_TIME = datetime.time(15, 0)


def _seed(rng: random.Random, citizens: int, today: datetime.date) -> None:
    used_cprs: set[str] = set()
    demo = build_town(DEMO, rng)
    create_interventions(demo, DEMO_INTERVENTIONS)
    install_instruments(demo)
    create_caseload(demo, plan_demo_courses(demo, rng, citizens, today), rng, today, used_cprs)
    record_costs(demo, today)
    create_meeting_structure(demo, today)
    create_quality_team(demo)
    create_trials_and_measures(create_initiatives(demo, today), today)
    create_culture(demo, today)
    create_description(demo, today)
    create_scaling(demo, today)
    create_rights_examples(demo)
    # The log is read by a log reviewer, not by the administrators (LOG-02, decision 22).
    set_log_reviewer(user=demo.staff["bo"], reviewer=True)
    if Organisation.objects.filter(name=NEIGHBOUR.name).exists():
        return
    neighbour = build_town(NEIGHBOUR, rng)
    create_interventions(neighbour, NEIGHBOUR_INTERVENTIONS)
    install_instruments(neighbour)
    create_caseload(neighbour, plan_neighbour_courses(neighbour, rng, today), rng, today, used_cprs)


def _date_course_closures() -> int:
    """The seed closes courses through the services, so their history says «today»; date each
    closure at the afternoon of the day the course ended, as if it had been entered then."""
    closures = list(
        Change.objects.filter(
            record=Change.Record.COURSE, course__end_date__isnull=False
        ).select_related("course")
    )
    for change in closures:
        day = change.course.end_date
        change.changed_at = timezone.make_aware(datetime.datetime.combine(day, CLOSING_TIME))
    Change.objects.bulk_update(closures, ["changed_at"], batch_size=1000)
    return len(closures)


def _result(*, created: bool) -> SeedResult:
    organisations = Organisation.objects.filter(name__in=[DEMO.name, NEIGHBOUR.name])
    return SeedResult(
        created=created,
        organisations=organisations.count(),
        units=Unit.objects.filter(organisation__in=organisations).count(),
        staff=User.objects.filter(organisation__in=organisations).count(),
        citizens=Citizen.objects.filter(organisation__in=organisations).count(),
        courses=Course.objects.filter(citizen__organisation__in=organisations).count(),
        measurements=Measurement.objects.filter(
            course__citizen__organisation__in=organisations
        ).count(),
        logins=[(p.username, DEMO_PASSWORD, p.description) for p in PERSONAS],
    )
