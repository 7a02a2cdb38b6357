"""Trials planned at the same moment still get the numbers 1, 2, 3, … without gaps or doubles:
``trials.create_trial`` locks the initiative with ``select_for_update`` (REL-02)."""

import pytest
from django.db import connection

from lovende.improvement.models import Trial
from tests.improvement.test_trials import make_trial
from tests.reliability.test_concurrency import run_threads


@pytest.mark.django_db(transaction=True)
def test_twenty_trials_planned_at_once_are_numbered_one_to_twenty(lars, initiative):
    # covers REL-02: counters use select_for_update, so twenty at once end at exactly 20
    if connection.vendor == "sqlite":
        pytest.skip("the SQLite test database is in memory; the file tests cover SQLite")

    raised = run_threads(20, lambda index: make_trial(lars, initiative, title=f"Nr. {index}"))

    numbers = sorted(Trial.objects.filter(initiative=initiative).values_list("number", flat=True))
    print(f"\nREL-02 {connection.vendor}: 20 trials planned at once; numbers 1–{numbers[-1]}")
    assert raised == []
    assert numbers == list(range(1, 21))
