"""Goal Attainment Scaling on a course: goals, levels −2…+2, a T-score per measurement."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lovende.citizens import services as citizen_services
from lovende.citizens.models import Goal
from lovende.instruments import services as instrument_services
from lovende.measurements import services
from lovende.measurements.models import Measurement, OutcomeSummary

pytestmark = pytest.mark.django_db


@pytest.fixture
def gas(tree, intervention):
    instrument = instrument_services.install_builtin(organisation=tree.organisation, code="gas")
    instrument_services.enable_instrument(instrument=instrument, intervention=intervention)
    return instrument


@pytest.fixture
def goals(mette, nord_course):
    add = citizen_services.add_goal
    return [
        add(by=mette, context=None, course=nord_course, title="Mødes i skole", weight=3),
        add(by=mette, context=None, course=nord_course, title="Faste sengetider", weight=2),
        add(by=mette, context=None, course=nord_course, title="En fritidsaktivitet", weight=1),
    ]


def levels(goals, *values):
    return {f"goal_{goal.pk}": value for goal, value in zip(goals, values, strict=True)}


def test_it_scores_goal_attainment_as_a_weighted_t_score(mette, nord_course, gas, goals):
    # weights 3,2,1 and levels -1,0,2: T = 50 + 10*(-1) / sqrt(0.7*14 + 0.3*36) = 47.80
    measurement = services.record_measurement(
        by=mette,
        context=None,
        course=nord_course,
        instrument=gas,
        answers=levels(goals, -1, 0, 2),
        measured_on=timezone.localdate(),
    )

    assert measurement.score == pytest.approx(47.80, abs=0.01)
    assert OutcomeSummary.objects.get(instrument=gas).latest_score == measurement.score


def test_it_requires_a_level_for_every_active_goal(mette, nord_course, gas, goals):
    with pytest.raises(ValidationError) as error:
        services.record_measurement(
            by=mette,
            context=None,
            course=nord_course,
            instrument=gas,
            answers=levels(goals[:2], 1, 1),
            measured_on=timezone.localdate(),
        )

    assert f"goal_{goals[2].pk}" in error.value.error_dict
    assert not Measurement.objects.exists()


def test_it_refuses_goal_attainment_without_goals(mette, nord_course, gas):
    with pytest.raises(ValidationError, match="ingen aktive mål"):
        services.record_measurement(
            by=mette,
            context=None,
            course=nord_course,
            instrument=gas,
            answers={},
            measured_on=timezone.localdate(),
        )


def test_it_leaves_a_closed_goal_out_of_new_scores(mette, nord_course, gas, goals):
    citizen_services.close_goal(by=mette, context=None, goal=goals[2])

    measurement = services.record_measurement(
        by=mette,
        context=None,
        course=nord_course,
        instrument=gas,
        answers=levels(goals[:2], 0, 0),
        measured_on=timezone.localdate(),
    )

    assert measurement.score == 50


def test_it_adds_goals_and_records_attainment_from_the_pages(client_for, mette, nord_course, gas):
    client = client_for(mette)
    client.post(
        reverse("citizens:goal_list", args=[nord_course.pk]),
        {"title": "Mødes i skole", "expected": "4 af 5 dage", "weight": 2},
    )
    goal = Goal.objects.get()

    url = reverse("measurements:record_measurement", args=[nord_course.pk]) + f"?redskab={gas.pk}"
    response = client.post(
        url, {"measured_on": timezone.localdate().isoformat(), f"goal_{goal.pk}": "1"}
    )

    assert response.status_code == 302
    assert Measurement.objects.get().score == 60


@pytest.mark.parametrize("persona", ["sofie", "lars", "karin"])
def test_it_returns_404_for_goals_out_of_reach(request, client_for, persona, goals, nord_course):
    client = client_for(request.getfixturevalue(persona))

    assert client.get(reverse("citizens:goal_list", args=[nord_course.pk])).status_code == 404
    assert client.post(reverse("citizens:close_goal", args=[goals[0].pk])).status_code == 404
    assert Goal.objects.get(pk=goals[0].pk).is_active


def test_it_shows_each_goals_latest_level_on_the_course_page(
    client_for, mette, nord_course, gas, goals
):
    services.record_measurement(
        by=mette,
        context=None,
        course=nord_course,
        instrument=gas,
        answers=levels(goals, -1, 0, 2),
        measured_on=timezone.localdate(),
    )

    body = (
        client_for(mette)
        .get(reverse("citizens:course_detail", args=[nord_course.pk]))
        .content.decode()
    )

    assert "Faste sengetider" in body
    assert "<td>+2</td>" in body
