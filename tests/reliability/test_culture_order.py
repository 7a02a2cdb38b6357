"""Landmarks and statements added at the same moment still get the places 1, 2, 3, … without
gaps or doubles: the services lock the organisation or the landmark with ``select_for_update``
before they count (REL-02)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from lovende.culture import services, starter
from lovende.culture.models import Landmark, LandmarkStatement
from tests.reliability.test_concurrency import run_threads

THREADS = 20


def span(numbers: list[int]) -> str:
    return f"numbers {numbers[0]}–{numbers[-1]}, {len(set(numbers))} distinct"


@pytest.fixture(autouse=True)
def _threads_need_a_shared_database():
    if connection.vendor == "sqlite":
        pytest.skip("the SQLite test database is in memory; the file tests cover SQLite")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("where", ["nord", "organisation"])
def test_twenty_landmarks_added_at_once_are_numbered_one_to_twenty(lars, tree, where):
    # covers REL-02: the organisation's row is locked, so twenty at once take places 1..20
    unit = tree.nord if where == "nord" else None

    raised = run_threads(
        THREADS, lambda index: services.create_landmark(by=lars, unit=unit, theme=f"Tema {index}")
    )

    orders = sorted(Landmark.objects.filter(unit=unit).values_list("order", flat=True))
    print(f"\nREL-02 {connection.vendor}: {THREADS} landmarks ({where}) at once; {span(orders)}")
    assert raised == []
    assert orders == list(range(1, THREADS + 1))


@pytest.mark.django_db(transaction=True)
def test_twenty_statements_added_at_once_are_numbered_one_to_twenty(lars, tree):
    # covers REL-02: the landmark's row is locked, so twenty at once take places 1..20
    landmark = services.create_landmark(by=lars, unit=tree.nord, theme="Ærlighed")

    raised = run_threads(
        THREADS,
        lambda index: services.add_statement(by=lars, landmark=landmark, text=f"Udsagn {index}"),
    )

    orders = sorted(landmark.statements.values_list("order", flat=True))
    print(f"\nREL-02 {connection.vendor}: {THREADS} statements at once; {span(orders)}")
    assert raised == []
    assert orders == list(range(1, THREADS + 1))


@pytest.mark.django_db(transaction=True)
def test_the_examples_started_twice_at_once_are_added_once(lars, tree):
    # covers REL-02: the organisation's row is locked, so the check for existing landmarks and
    # the examples' creation cannot interleave: one click adds them, the others are refused
    clicks = 5

    raised = run_threads(clicks, lambda _index: services.start_with_examples(by=lars, unit=None))

    landmarks = Landmark.objects.filter(organisation=tree.organisation, unit=None)
    print(
        f"\nREL-02 {connection.vendor}: {clicks} clicks at once; {landmarks.count()} landmarks, "
        f"{len(raised)} refused"
    )
    assert [type(error) for error in raised] == [ValidationError] * (clicks - 1)
    assert landmarks.count() == len(starter.EXAMPLE_LANDMARKS)
    assert LandmarkStatement.objects.filter(landmark__in=landmarks).count() == sum(
        len(statements) for _theme, statements in starter.EXAMPLE_LANDMARKS
    )
