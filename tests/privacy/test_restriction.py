"""Restriction of processing (GDPR art. 18, SECURITY PRIV-03): kept and readable, never changed."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from lovende.audit.models import AccessLog
from lovende.citizens import services as citizen_services
from lovende.citizens.models import Change, Citizen, Course
from lovende.citizens.services import ProcessingRestricted
from lovende.measurements import services as measurement_services
from lovende.measurements.models import Measurement
from lovende.privacy import services as privacy_services
from tests.conftest import make_course
from tests.measurements.conftest import ors_answers
from tests.privacy.test_retention import close

pytestmark = pytest.mark.django_db

ON = datetime.date(2025, 2, 3)
REASON = "Borgeren bestrider oplysningernes rigtighed (art. 18, stk. 1, litra a)."


@pytest.fixture
def recorded(mette, nord_course, ors):
    """A course with a goal and a measurement, so every kind of write has something to act on."""
    goal = citizen_services.add_goal(by=mette, context=None, course=nord_course, title="Skole")
    measurement = measurement_services.record_measurement(
        by=mette, context=None, course=nord_course, instrument=ors,
        answers=ors_answers(3, 4, 2, 5), measured_on=ON,
    )  # fmt: skip
    return nord_course, goal, measurement


def every_write(mette, intervention, tree, ors, course, goal, measurement):
    """Each write service once, by name, as a caller would make it."""
    common = {"by": mette, "context": None}
    return {
        "update_citizen": lambda: citizen_services.update_citizen(
            **common, citizen=course.citizen, last_name="Ny"
        ),
        "create_course": lambda: citizen_services.create_course(
            **common,
            citizen=course.citizen,
            intervention=intervention,
            unit=tree.nord,
            start_date=ON,
        ),
        "update_course": lambda: citizen_services.update_course(
            **common, course=course, status=Course.Status.WAITING
        ),
        "record_observation": lambda: citizen_services.record_observation(
            **common, course=course, observed_on=ON, kind="trivsel", text="Tekst"
        ),
        "record_feedback": lambda: citizen_services.record_feedback(
            **common, course=course, given_on=ON, text="Tekst"
        ),
        "record_assessment": lambda: citizen_services.record_assessment(
            **common, course=course, assessed_on=ON, direction="stable", text="Tekst"
        ),
        "add_goal": lambda: citizen_services.add_goal(**common, course=course, title="Nyt mål"),
        "close_goal": lambda: citizen_services.close_goal(**common, goal=goal),
        "record_measurement": lambda: measurement_services.record_measurement(
            **common,
            course=course,
            instrument=ors,
            answers=ors_answers(5, 5, 5, 5),
            measured_on=ON,
        ),
        "update_measurement": lambda: measurement_services.update_measurement(
            **common, measurement=measurement, answers=ors_answers(6, 6, 6, 6), measured_on=ON
        ),
        "delete_measurement": lambda: measurement_services.delete_measurement(
            **common, measurement=measurement
        ),
    }


def row_counts() -> dict[str, int]:
    labels = ("citizens.Citizen", "citizens.Course", "citizens.Observation", "citizens.Feedback")
    labels += ("citizens.Assessment", "citizens.Goal", "citizens.Change")
    labels += ("measurements.Measurement", "measurements.OutcomeSummary")
    return {label: apps.get_model(label).objects.count() for label in labels}


def test_every_write_service_refuses_a_restricted_citizen(
    mette, ida, intervention, tree, ors, recorded
):
    # covers PRIV-03: art. 18 — while restricted, every write is refused and nothing changes
    course, goal, measurement = recorded
    privacy_services.restrict_processing(
        by=ida, context=None, citizen=course.citizen, reason=REASON
    )
    before = row_counts()
    citizen_before = Citizen.objects.values().get(pk=course.citizen_id)
    writes = every_write(mette, intervention, tree, ors, course, goal, measurement)

    refused = []
    for name, write in writes.items():
        with pytest.raises(ProcessingRestricted):
            write()
        refused.append(name)

    assert refused == list(writes)
    assert row_counts() == before
    assert Citizen.objects.values().get(pk=course.citizen_id) == citizen_before
    assert Measurement.objects.get(pk=measurement.pk).score == measurement.score
    print(
        f"\nPRIV-03 art. 18: {len(refused)} of {len(writes)} write services refused, 0 rows changed"
    )

    # Lifted, the same writes go through again (the last deletes the measurement)
    privacy_services.lift_restriction(
        by=ida, context=None, citizen=course.citizen, reason="Borgeren er orienteret."
    )
    for write in writes.values():
        write()
    assert not Measurement.objects.filter(pk=measurement.pk).exists()


def test_the_restriction_and_its_lifting_are_kept_in_the_history(ida, nord_course):
    # covers PRIV-03: set and lift with a reason each, both in the change history
    citizen = nord_course.citizen
    privacy_services.restrict_processing(by=ida, context=None, citizen=citizen, reason=REASON)
    citizen.refresh_from_db()
    assert citizen.is_restricted
    assert citizen.restriction_reason == REASON
    with pytest.raises(ValidationError):  # already restricted
        privacy_services.restrict_processing(by=ida, context=None, citizen=citizen, reason="x")

    privacy_services.lift_restriction(by=ida, context=None, citizen=citizen, reason="Orienteret.")

    citizen.refresh_from_db()
    assert not citizen.is_restricted
    assert citizen.restriction_reason == ""
    history = list(Change.objects.filter(citizen=citizen).values_list("old_value", "new_value"))
    assert history == [("", REASON), (REASON, "Orienteret.")]
    with pytest.raises(ValidationError):  # not restricted any more
        privacy_services.lift_restriction(by=ida, context=None, citizen=citizen, reason="x")


def test_an_administrator_restricts_from_the_rights_page(client_for, ida, nord_course):
    # covers PRIV-03: the page sets it with a reason, logs it, and the citizen pages say so
    client = client_for(ida)
    citizen = nord_course.citizen
    url = reverse("privacy:restrict_citizen", args=[citizen.pk])

    empty = client.post(url, {"reason": "   "})
    assert empty.status_code == 422
    assert "Skriv en begrundelse." in empty.content.decode()
    assert not Citizen.objects.get(pk=citizen.pk).is_restricted

    response = client.post(url, {"reason": REASON})
    assert response.status_code == 302
    assert Citizen.objects.get(pk=citizen.pk).is_restricted
    entry = AccessLog.objects.filter(citizen_id=citizen.pk).latest("at", "id")
    assert (entry.action, entry.criterion) == (AccessLog.Action.UPDATE, "Begrænsning sat (art. 18)")
    page = client.get(reverse("privacy:citizen_rights", args=[citizen.pk])).content.decode()
    assert "Ophæv begrænsningen" in page
    assert REASON in page

    lifted = client.post(
        reverse("privacy:lift_restriction", args=[citizen.pk]), {"reason": "Orienteret."}
    )
    assert lifted.status_code == 302
    assert not Citizen.objects.get(pk=citizen.pk).is_restricted


def test_staff_see_the_banner_and_their_saves_are_refused(client_for, ida, mette, nord_course):
    # covers PRIV-03: the caseworker sees why, and a form post changes nothing
    privacy_services.restrict_processing(
        by=ida, context=None, citizen=nord_course.citizen, reason=REASON
    )
    client = client_for(mette)
    citizen_page = client.get(reverse("citizens:citizen_detail", args=[nord_course.citizen_id]))
    course_page = client.get(reverse("citizens:course_detail", args=[nord_course.pk]))

    for page in (citizen_page, course_page):
        html = page.content.decode()
        assert "Behandlingen er begrænset (art. 18)" in html
        assert reverse("citizens:update_citizen", args=[nord_course.citizen_id]) not in html
        assert REASON not in html  # the reason is for the rights page, not every reader
    response = client.post(
        reverse("citizens:record_observation", args=[nord_course.pk]),
        {"observed_on": "2025-02-03", "kind": "trivsel", "text": "Tekst"},
    )
    assert response.status_code == 422
    assert "art. 18" in response.content.decode()
    assert nord_course.observations.count() == 0


def test_only_administrators_set_or_lift_it(client, mette, lars, karin, nord_course):
    # covers PRIV-03: a caseworker, a leader and another municipality get 404; nothing changes
    for user in (mette, lars, karin):
        client.force_login(user)
        for name in ("privacy:restrict_citizen", "privacy:lift_restriction"):
            response = client.post(reverse(name, args=[nord_course.citizen_id]), {"reason": "x"})
            assert response.status_code == 404, (user.username, name)
    assert not Citizen.objects.get(pk=nord_course.citizen_id).is_restricted
    assert Change.objects.count() == 0


def test_retention_keeps_a_restricted_citizens_expired_courses(ida, mette, intervention, tree):
    # covers PRIV-04: art. 18(1)(b)/(c) — the citizen asked to keep it; the job counts it
    kept = make_course(mette, intervention, tree.nord, "Kaja", "Bevar")
    gone = make_course(mette, intervention, tree.nord, "Gorm", "Slet")
    for course in (kept, gone):
        close(mette, course, datetime.date(2025, 1, 31))
    privacy_services.restrict_processing(by=ida, context=None, citizen=kept.citizen, reason=REASON)

    [result] = privacy_services.apply_retention(today=datetime.date(2031, 11, 25))

    assert (result.courses, result.citizens, result.kept_restricted) == (1, 1, 1)
    assert Course.objects.filter(pk=kept.pk).exists()
    assert not Course.objects.filter(pk=gone.pk).exists()


def test_erasure_still_works_on_a_restricted_citizen(client_for, ida, nord_course):
    # covers PRIV-04: restriction does not stand in the way of the controller's erasure
    citizen = nord_course.citizen
    privacy_services.restrict_processing(by=ida, context=None, citizen=citizen, reason=REASON)

    response = client_for(ida).post(
        reverse("privacy:erase_citizen", args=[citizen.pk]), {"pseudonym": citizen.pseudonym}
    )

    assert response.status_code == 302
    assert not Citizen.objects.filter(pk=citizen.pk).exists()
    assert not Change.objects.filter(citizen_id=citizen.pk).exists()
