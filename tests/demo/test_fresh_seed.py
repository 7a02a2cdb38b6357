"""Seeds that need an empty database: the same seed gives the same demo, and the seed command."""

import io
import random

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from lovende.citizens.models import Citizen, Feedback, Observation
from lovende.demo.caseload import create_caseload, plan_neighbour_courses
from lovende.demo.interventions import NEIGHBOUR_INTERVENTIONS, create_interventions
from lovende.demo.progress import install_instruments
from lovende.demo.seed import seed_demo
from lovende.demo.tree import DEMO_NAME, NEIGHBOUR, build_town
from lovende.measurements.models import Measurement
from tests.demo.conftest import CITIZENS

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def rolled_back(write, read) -> list:
    try:
        with transaction.atomic():
            write()
            rows = read()
            raise Rollback
    except Rollback:
        return rows


def seeded_citizens(seed: int) -> list[tuple]:
    return rolled_back(
        lambda: seed_demo(citizens=CITIZENS, seed=seed),
        lambda: list(
            Citizen.objects.order_by("pk").values_list(
                "first_name", "last_name", "cpr", "birth_date"
            )
        ),
    )


def test_it_seeds_the_same_citizens_from_the_same_seed(no_histories):
    first, again, other = seeded_citizens(7), seeded_citizens(7), seeded_citizens(8)

    assert first == again
    assert first != other


def neighbour_with_histories(seed: int) -> list[list]:
    """Nabo Kommune's three courses through the caseload, histories and all: a second, not ten."""

    def write():
        rng, today = random.Random(seed), timezone.localdate()  # noqa: S311 - test data
        town = build_town(NEIGHBOUR, rng)
        create_interventions(town, NEIGHBOUR_INTERVENTIONS)
        install_instruments(town)
        create_caseload(town, plan_neighbour_courses(town, rng, today), rng, today, set())

    def read():
        return [
            list(Measurement.objects.order_by("pk").values_list(
                "course__citizen__first_name", "instrument__code", "measured_on", "score", "answers"
            )),
            list(Observation.objects.order_by("pk").values_list("observed_on", "kind", "text", "tags")),
            list(Feedback.objects.order_by("pk").values_list("given_on", "text")),
        ]  # fmt: skip

    return rolled_back(write, read)


def test_it_writes_the_same_histories_from_the_same_seed():
    first, again, other = (neighbour_with_histories(s) for s in (7, 7, 8))

    assert all(first)
    assert first == again
    assert first != other


def test_the_seed_command_prints_one_line(no_histories):
    out = io.StringIO()

    call_command("seed", citizens=CITIZENS, stdout=out)

    assert len(out.getvalue().strip().splitlines()) == 1
    assert DEMO_NAME in out.getvalue()
