"""Two people edit the same record: the first save wins, the second is told (REL-02).

Each test opens the edit page in two browsers, takes the version each form carries, and submits
both. The first save goes through; the second gets the Danish conflict message (a form error
with 422, or a message after the redirect for the one-button forms) and the database keeps the
first person's data. Kinds: citizen, course, goal, development point, trial (plan and a step).
There is no editable note: observations, feedback and assessments are written once.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from lovende.audit.models import AccessLog
from lovende.citizens import services as citizen_services
from lovende.citizens.models import Citizen, Course
from lovende.improvement.models import Trial
from lovende.reflection import services as reflection_services
from lovende.reflection.models import DevelopmentPoint
from lovende.versioning import CONFLICT_MESSAGE, EditConflict
from tests.improvement.test_trial_views import plan_data
from tests.improvement.test_trials import make_trial

pytestmark = pytest.mark.django_db
CONFLICT = str(CONFLICT_MESSAGE)
FIELD = re.compile(r'<input[^>]*name="version"[^>]*>')


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def shown_version(client: Client, url: str) -> str:
    """Open the page and read the version its form will send back."""
    page = client.get(url)
    assert page.status_code == 200
    field = FIELD.search(page.content.decode())
    assert field, "the form carries no version"
    return re.search(r'value="(\d+)"', field.group()).group(1)


def two_saves(user, page_url: str, post_url: str, first: dict, second: dict):
    """Both open the page, then both submit: the responses to the first and second save."""
    one, two = browser(user), browser(user)
    version_one, version_two = shown_version(one, page_url), shown_version(two, page_url)
    assert version_one == version_two
    return (
        one.post(post_url, {**first, "version": version_one}),
        two.post(post_url, {**second, "version": version_two}, follow=True),
    )


def test_a_citizen_edited_twice_keeps_the_first_save(mette, nord_course):
    # covers REL-02: citizen
    url = reverse("citizens:update_citizen", args=[nord_course.citizen_id])
    data = {"last_name": "Mikkelsen", "cpr": "0103154234", "birth_date": "", "gender": ""}

    first, second = two_saves(
        mette, url, url, {**data, "first_name": "Frida"}, {**data, "first_name": "Fie"}
    )

    assert first.status_code == 302
    assert second.status_code == 422
    assert CONFLICT in second.content.decode()
    assert 'value="Frida"' in second.content.decode()  # the form now shows the newer data
    assert Citizen.objects.get(pk=nord_course.citizen_id).first_name == "Frida"
    # showing the newer data is a read of the citizen: logged like opening the form
    assert AccessLog.objects.filter(action=AccessLog.Action.VIEW).count() == 3


def test_a_course_edited_twice_keeps_the_first_save(mette, nord_course, intervention, tree):
    # covers REL-02: course
    url = reverse("citizens:update_course", args=[nord_course.pk])
    data = {
        "intervention": intervention.pk,
        "unit": tree.nord.pk,
        "start_date": "2025-01-06",
        "end_date": "",
        "responsible": [mette.pk],
    }

    first, second = two_saves(
        mette, url, url, {**data, "status": "afbrudt"}, {**data, "status": "venter"}
    )

    assert first.status_code == 302
    assert second.status_code == 422
    assert CONFLICT in second.content.decode()
    course = Course.objects.get(pk=nord_course.pk)
    assert (course.status, course.version) == (Course.Status.DISCONTINUED, 2)


def test_a_goal_closed_twice_is_closed_once_and_the_second_is_told(mette, nord_course):
    # covers REL-02: goal
    goal = citizen_services.add_goal(by=mette, context=None, course=nord_course, title="Skole")
    page = reverse("citizens:goal_list", args=[nord_course.pk])
    close = reverse("citizens:close_goal", args=[goal.pk])

    first, second = two_saves(mette, page, close, {}, {})

    assert first.status_code == 302
    assert CONFLICT in second.content.decode()
    assert "er afsluttet" not in second.content.decode()
    goal.refresh_from_db()
    assert (goal.is_active, goal.version) == (False, 2)


def test_a_development_point_changed_twice_keeps_the_first_status(lars, intervention):
    # covers REL-02: development point
    point = reflection_services.create_development_point(
        by=lars, intervention=intervention, title="Flere målinger i opstarten"
    )
    page = reverse("reflection:intervention_forum_list", args=[intervention.pk])
    change = reverse("reflection:set_development_point_status", args=[point.pk])

    first, second = two_saves(lars, page, change, {"status": "i_gang"}, {"status": "lukket"})

    assert first.status_code == 302
    assert CONFLICT in second.content.decode()
    assert DevelopmentPoint.objects.get(pk=point.pk).status == DevelopmentPoint.Status.IN_PROGRESS


def test_a_trial_plan_edited_twice_keeps_the_first_save(lars, initiative):
    # covers REL-02: trial (the plan)
    trial = make_trial(lars, initiative)
    url = reverse("improvement:update_plan", args=[trial.pk])

    first, second = two_saves(
        lars, url, url, plan_data(title="Huskeseddel"), plan_data(title="Sms-påmindelse")
    )

    assert first.status_code == 302
    assert second.status_code == 422
    assert CONFLICT in second.content.decode()
    assert Trial.objects.get(pk=trial.pk).title == "Huskeseddel"


def test_a_trial_step_written_twice_keeps_the_first_save(lars, initiative):
    # covers REL-02: trial (the do step, written from the trial page)
    trial = make_trial(lars, initiative)
    page = reverse("improvement:trial_detail", args=[trial.pk])
    post = reverse("improvement:record_do", args=[trial.pk])

    first, second = two_saves(
        lars,
        page,
        post,
        {"what_happened": "Vi målte 9 af 10.", "observations": ""},
        {"what_happened": "Vi glemte det.", "observations": ""},
    )

    assert first.status_code == 302
    assert second.status_code == 422
    assert CONFLICT in second.content.decode()
    assert Trial.objects.get(pk=trial.pk).what_happened == "Vi målte 9 af 10."


def test_a_save_without_a_version_is_still_checked_against_what_was_read(mette, nord_course):
    # covers REL-02: a caller that sends no version (the API, the demo) is checked against the
    # version the object was read with
    stale = Citizen.objects.get(pk=nord_course.citizen_id)
    citizen_services.update_citizen(
        by=mette, context=None, citizen=nord_course.citizen, first_name="Frida"
    )

    with pytest.raises(EditConflict, match="ændret af en anden"):
        citizen_services.update_citizen(by=mette, context=None, citizen=stale, first_name="Fie")

    assert Citizen.objects.get(pk=stale.pk).first_name == "Frida"
