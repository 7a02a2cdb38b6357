"""Retention rules and the nightly job that applies them (SECURITY PRIV-04)."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from lovende.citizens import services as citizen_services
from lovende.citizens.models import Citizen, Course
from lovende.interventions import services as intervention_services
from lovende.measurements import services as measurement_services
from lovende.privacy import retention
from lovende.privacy import services as privacy_services
from lovende.privacy.models import RetentionRule
from tests.conftest import make_course
from tests.measurements.conftest import ors_answers
from tests.privacy.test_erasure import fresh_recompute, snapshot

pytestmark = pytest.mark.django_db

CLOSED_COURSES = RetentionRule.Category.CLOSED_COURSES
D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2027, 1, 15), 6, D(2026, 7, 15)),
        (D(2026, 8, 31), 6, D(2026, 2, 28)),  # clamped to a shorter month
        (D(2028, 8, 31), 6, D(2028, 2, 29)),  # leap year
        (D(2026, 3, 10), 14, D(2025, 1, 10)),  # across a year
        (D(2026, 3, 10), 0, D(2026, 3, 10)),
    ],
)
def test_it_counts_calendar_months_back(day, months, expected):
    # covers PRIV-04: the cutoff is calendar months, clamped to the month's last day
    assert retention.months_before(day, months) == expected


def test_it_expires_only_what_ended_before_the_cutoff():
    # covers PRIV-04: "closed more than N months ago" is strict, and no end date is never expired
    today = D(2027, 1, 15)

    assert retention.is_expired(D(2026, 7, 14), 6, today)
    assert not retention.is_expired(D(2026, 7, 15), 6, today)
    assert not retention.is_expired(None, 6, today)


def close(by, course, end_date, status=Course.Status.COMPLETED) -> Course:
    return citizen_services.update_course(
        by=by, context=None, course=course, status=status, end_date=end_date
    )


@pytest.fixture
def courses(mette, karin, intervention, tree, ors):
    """Courses closed at different times, an open one, and a citizen with one of each."""
    made = {}
    for key, first in (("a", "Alma"), ("b", "Bent"), ("c", "Carl"), ("d", "Dora"), ("f", "Finn")):
        made[key] = make_course(mette, intervention, tree.nord, first, "Retention")
    for key, score in (("a", 3), ("b", 5), ("d", 7)):
        measurement_services.record_measurement(
            by=mette, context=None, course=made[key], instrument=ors,
            answers=ors_answers(score, score, score, score), measured_on=D(2025, 2, 3),
        )  # fmt: skip
    made["e"] = citizen_services.create_course(
        by=mette, context=None, citizen=made["d"].citizen, intervention=intervention,
        unit=tree.nord, start_date=D(2025, 6, 2), responsible=[mette],
    )  # fmt: skip
    close(mette, made["a"], D(2026, 3, 31))
    close(mette, made["b"], D(2026, 9, 30), Course.Status.DISCONTINUED)
    close(mette, made["d"], D(2026, 1, 15), Course.Status.DISCONTINUED)
    close(mette, made["f"], D(2026, 7, 15))  # exactly six months before the run: kept
    nabo = karin.roles.get().unit  # another municipality, which keeps the default rule
    theirs = intervention_services.save_intervention(
        organisation=nabo.organisation, name="Familiestøtte", target_group="Familier",
        units=[nabo], professional_groups=[], status="etableret",
    )  # fmt: skip
    made["k"] = make_course(karin, theirs, nabo, "Kaj", "Nabo")
    close(karin, made["k"], D(2026, 3, 31))
    return made


def test_the_job_deletes_exactly_the_courses_past_the_rule(client_for, ida, courses):
    # covers PRIV-04: move time past the period, run the job, check exactly which courses go
    response = client_for(ida).post(
        reverse("privacy:update_retention_rule", args=[CLOSED_COURSES]),
        {"months": "6", "note": "Arkivpligt efter kommunens bevaringsplan."},
    )
    assert response.status_code == 302
    assert RetentionRule.objects.get().months == 6
    ids = {key: course.pk for key, course in courses.items()}
    before = set(Course.objects.values_list("pk", flat=True))

    with time_machine.travel(datetime.datetime(2027, 1, 15, 3, 0, tzinfo=datetime.UTC), tick=False):
        dry = io.StringIO()
        call_command("apply_retention", "--dry-run", stdout=dry)
        assert set(Course.objects.values_list("pk", flat=True)) == before
        out = io.StringIO()
        call_command("apply_retention", stdout=out)

    remaining = set(Course.objects.values_list("pk", flat=True))
    gone = {key for key, pk in ids.items() if pk not in remaining}
    assert gone == {"a", "d"}
    assert not Citizen.objects.filter(pk=courses["a"].citizen_id).exists()  # no course left
    assert Citizen.objects.filter(pk=courses["d"].citizen_id).exists()  # still has course e
    assert "ville slette 2 forløb og 1 borgere" in dry.getvalue()
    assert "slettede 2 forløb og 1 borgere" in out.getvalue()
    assert "Alma" not in out.getvalue() + dry.getvalue()  # counts only, no names
    assert snapshot() == fresh_recompute()
    print(
        f"\nRetention at 2027-01-15 with 6 months: {len(gone)} of {len(ids)} courses deleted "
        f"({sorted(gone)}), {len(remaining)} kept; summaries equal a fresh recompute"
    )


def test_the_default_applies_without_a_rule(courses, settings):
    # covers PRIV-04: the municipal default (a setting) holds until the administrator sets a rule
    settings.LOVENDE_RETENTION_CLOSED_COURSE_MONTHS = 9

    results = privacy_services.apply_retention(today=D(2027, 1, 15), dry_run=True)

    assert [(r.months, r.courses) for r in results] == [(9, 2), (9, 1)]  # a, d; karin's k


def test_only_administrators_reach_the_rules(client, mette, lars, karin, ida):
    # covers PRIV-04: the rules are the controller's; everyone else gets 404
    for user in (mette, lars, karin):
        client.force_login(user)
        assert client.get(reverse("privacy:privacy_overview")).status_code == 404
        url = reverse("privacy:update_retention_rule", args=[CLOSED_COURSES])
        assert client.post(url, {"months": "1"}).status_code == 404
    client.force_login(ida)

    page = client.get(reverse("privacy:privacy_overview"))

    assert page.status_code == 200
    assert "art. 17, stk. 3, litra b" in page.content.decode()
    assert not RetentionRule.objects.exists()
