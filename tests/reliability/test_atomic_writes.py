"""A measurement write either happens whole or not at all, whichever step fails (REL-01).

A Hypothesis state machine creates, updates and deletes measurements through the real services
and, at random, makes one step inside the service raise: after the row is written, after the
outcome summary, between deleting and rewriting the monthly cell, or at the access log. After a
fault nothing has changed (0 partial writes); after every step the stored summary and monthly
scores equal a recompute from the raw measurements.
"""

import datetime
from collections import Counter
from unittest import mock

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from lovende.audit.models import AccessLog
from lovende.measurements import services
from lovende.measurements.models import Measurement, MonthlyScores, OutcomeSummary
from tests.conftest import make_course
from tests.measurements.conftest import ors_answers
from tests.measurements.test_summary_consistency import (
    monthly_recomputed,
    monthly_stored,
    recompute,
    stored,
)
from tests.state_machine_settings import STATE_MACHINE

pytestmark = pytest.mark.django_db
START = datetime.date(2025, 1, 6)
scores = st.floats(0, 10, allow_nan=False).map(lambda v: round(v, 1))
answers = st.tuples(scores, scores, scores, scores).map(lambda v: ors_answers(*v))
days = st.integers(0, 200).map(lambda n: START + datetime.timedelta(days=n))


class Boom(Exception):
    """A fault injected in the middle of a write."""


def fault_at(point: str | None):
    """Make one step inside the measurement services raise ``Boom``."""
    if point is None:
        return mock.MagicMock()  # a context manager that changes nothing
    if point == "monthly_rewrite":  # the stale cell is deleted, its new rows are not yet written
        return mock.patch.object(MonthlyScores.objects, "bulk_create", side_effect=Boom)
    return mock.patch.object(services, point, side_effect=Boom)


FAULTS = ["refresh_outcome_summary", "_refresh_cell", "monthly_rewrite", "_log"]
POINTS = [None, None, None, *FAULTS]  # most writes go through, so the data grows


def snapshot() -> tuple:
    """Everything a measurement write touches."""
    return (
        sorted(Measurement.objects.values_list("pk", "score", "measured_on", "answers")),
        sorted(OutcomeSummary.objects.values_list()),
        sorted(MonthlyScores.objects.values_list()),
        AccessLog.objects.count(),
    )


def run_machine(mette, course, ors) -> Counter:  # noqa: C901 - nested rules
    tally: Counter = Counter()

    class Writes(RuleBasedStateMachine):
        def ids(self) -> list[int]:
            return list(Measurement.objects.filter(course=course).values_list("pk", flat=True))

        def write(self, kind: str, point: str | None, call) -> None:
            before = snapshot()
            try:
                with fault_at(point):
                    call()
            except Boom:
                tally["faults"] += 1
                tally[f"faults at {point}"] += 1
                tally["partial writes"] += snapshot() != before
            tally["steps"] += 1
            tally[kind] += 1

        @rule(values=answers, on=days, point=st.sampled_from(POINTS))
        def create(self, values, on, point):
            self.write(
                "creates",
                point,
                lambda: services.record_measurement(
                    by=mette, context=None, course=course, instrument=ors,
                    answers=values, measured_on=on,
                ),
            )  # fmt: skip

        @rule(index=st.integers(0, 30), values=answers, on=days, point=st.sampled_from(POINTS))
        def update(self, index, values, on, point):
            if ids := self.ids():
                measurement = Measurement.objects.get(pk=ids[index % len(ids)])
                self.write(
                    "updates",
                    point,
                    lambda: services.update_measurement(
                        by=mette, context=None, measurement=measurement,
                        answers=values, measured_on=on,
                    ),
                )  # fmt: skip

        @rule(index=st.integers(0, 30), point=st.sampled_from(POINTS))
        def delete(self, index, point):
            if ids := self.ids():
                measurement = Measurement.objects.get(pk=ids[index % len(ids)])
                self.write(
                    "deletes",
                    point,
                    lambda: services.delete_measurement(
                        by=mette, context=None, measurement=measurement
                    ),
                )

        @invariant()
        def summary_equals_recompute(self):
            assert stored(course, ors) == recompute(course, ors)

        @invariant()
        def monthly_scores_equal_recompute(self):
            assert monthly_stored() == monthly_recomputed()

    run_state_machine_as_test(Writes, settings=STATE_MACHINE)
    return tally


def test_a_fault_anywhere_in_a_measurement_write_leaves_nothing_behind(
    mette, intervention, tree, ors
):
    # covers REL-01: random creates, updates and deletes with faults injected inside the
    # services; after every step summary == recompute(raw), and 0 partial writes
    course = make_course(mette, intervention, tree.nord, "Tilfældig", "Borger")

    tally = run_machine(mette, course, ors)

    points = ", ".join(f"{point} {tally[f'faults at {point}']}" for point in FAULTS)
    print(
        f"\nREL-01: {tally['steps']} steps ({tally['creates']} creates, {tally['updates']} "
        f"updates, {tally['deletes']} deletes); {tally['faults']} injected faults ({points}); "
        f"partial writes {tally['partial writes']}"
    )
    assert tally["partial writes"] == 0
    assert tally["steps"] > 50
    assert all(tally[f"faults at {point}"] > 0 for point in FAULTS)
