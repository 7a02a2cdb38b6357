"""Readiness, fidelity and outcome at a glance for the overview, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lovende.scaling import unit_views, unit_work
from tests.dashboards.conftest import CASES, add_case

pytestmark = pytest.mark.django_db

ALL = {"ors-srs": "ja", "egne-maal": "ja", "hjemmebesoeg": "ja"}


@pytest.fixture
def targets(scaling_plan, tree, vest, lars):
    return [
        scaling_plan.targets.create(unit=unit, owner=lars) for unit in (tree.syd, vest, tree.root)
    ]


@pytest.fixture
def cases(tree, intervention, mette, sofie, ors, srs):
    units = {"Nord": (tree.nord, mette), "Syd": (tree.syd, sofie)}
    for unit, first, last, gender, scores, s in CASES:
        add_case(
            units[unit][1], intervention, units[unit][0], first, last, gender, scores, s, ors, srs
        )


def test_it_gives_readiness_and_the_latest_fidelity_share(lars, description, syd_target):
    unit_work.update_readiness(
        by=lars, target=syd_target, scores={"ledelse": 4, "tid": 2}, notes={}
    )
    for day, level in ((1, "nej"), (20, "delvist")):
        unit_work.record_fidelity_check(
            by=lars, target=syd_target, checked_on=datetime.date(2026, 1, day),
            levels={**ALL, "ors-srs": level}, notes={},
        )  # fmt: skip

    found = unit_views.glance([syd_target], user=lars)[syd_target.pk]

    assert found["readiness"] == 75.0
    assert found["fidelity"] == pytest.approx(83.3)


def test_it_gives_none_before_anything_is_recorded(lars, syd_target):
    found = unit_views.glance([syd_target], user=lars)[syd_target.pk]

    assert found["readiness"] is None
    assert found["fidelity"] is None


def test_it_hides_the_outcome_of_a_small_unit(lars, syd_target, cases):
    # covers SDC-01: Syd has 2 citizens
    outcome = unit_views.glance([syd_target], user=lars)[syd_target.pk]["outcome"]

    assert outcome.hidden
    assert outcome.number is None


def test_it_shows_the_reliably_improved_share_of_a_large_enough_unit(
    lars, scaling_plan, tree, cases
):
    # The department holds all 8 citizens: 4 of 7 with a change reliably improved
    target = scaling_plan.targets.create(unit=tree.department, owner=lars)

    outcome = unit_views.glance([target], user=lars)[target.pk]["outcome"]

    assert outcome.text == "57,1 %"


def test_it_says_ingen_adgang_outside_the_readers_roles(mette, syd_target, cases):
    assert (
        unit_views.glance([syd_target], user=mette)[syd_target.pk]["outcome"].text == "ingen adgang"
    )


def test_it_suppresses_over_the_organisation_without_a_reader(syd_target, cases):
    assert unit_views.glance([syd_target])[syd_target.pk]["outcome"].hidden


def test_it_takes_as_many_queries_for_three_targets_as_for_one(lars, description, targets, cases):
    for target in targets:
        unit_work.update_readiness(by=lars, target=target, scores={"ledelse": 3}, notes={})
        unit_work.record_fidelity_check(
            by=lars, target=target, checked_on=datetime.date(2026, 1, 5), levels=ALL, notes={}
        )

    with CaptureQueriesContext(connection) as one:
        unit_views.glance(targets[:1], user=lars)
    with CaptureQueriesContext(connection) as three:
        found = unit_views.glance(targets, user=lars)

    assert len(three) == len(one)
    assert [found[t.pk]["fidelity"] for t in targets] == [100.0] * 3
