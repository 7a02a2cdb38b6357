import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lovende.audit.models import AccessLog
from lovende.measurements import services
from lovende.measurements.models import Measurement, OutcomeSummary
from tests.conftest import PASSWORD
from tests.measurements.conftest import ors_answers

pytestmark = pytest.mark.django_db


def post_data(answers, on=None):
    data = {f"item_{k}": str(v).replace(".", ",") for k, v in answers.items()}
    return data | {"measured_on": (on or timezone.localdate()).isoformat()}


def record(mette, course, instrument, answers, on):
    return services.record_measurement(
        by=mette,
        context=None,
        course=course,
        instrument=instrument,
        answers=answers,
        measured_on=on,
    )


def test_it_records_an_ors_from_the_form_with_danish_decimals(client_for, mette, nord_course, ors):
    url = reverse("measurements:record_measurement", args=[nord_course.pk])

    response = client_for(mette).post(
        url + f"?redskab={ors.pk}", post_data(ors_answers(4.5, 5, 6, 5))
    )

    assert response.status_code == 302
    assert Measurement.objects.get().score == 20.5


def test_it_shows_which_item_is_out_of_range_and_saves_nothing(client_for, mette, nord_course, ors):
    url = reverse("measurements:record_measurement", args=[nord_course.pk])

    response = client_for(mette).post(url, post_data(ors_answers(12, 5, 6, 5)))

    assert response.status_code == 422
    assert "Individuelt" in response.content.decode()
    assert not Measurement.objects.exists()
    assert not OutcomeSummary.objects.exists()


def test_it_remembers_the_last_instrument(client_for, mette, nord_course, ors, srs):
    client = client_for(mette)
    url = reverse("measurements:record_measurement", args=[nord_course.pk])
    srs_answers = dict.fromkeys(["relation", "maal_og_emner", "tilgang", "generelt"], 9)
    client.post(url + f"?redskab={srs.pk}", post_data(srs_answers))

    response = client.get(url)

    assert response.context["instrument"] == srs


@pytest.mark.parametrize("persona", ["sofie", "lars", "karin"])
def test_it_returns_404_for_measurements_out_of_reach(
    request, client_for, persona, mette, nord_course, ors
):
    measurement = record(mette, nord_course, ors, ors_answers(5, 5, 5, 5), nord_course.start_date)
    client = client_for(request.getfixturevalue(persona))

    assert (
        client.get(reverse("measurements:record_measurement", args=[nord_course.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("measurements:update_measurement", args=[measurement.pk])).status_code
        == 404
    )
    assert (
        client.post(reverse("measurements:delete_measurement", args=[measurement.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("measurements:self_report", args=[nord_course.pk, ors.pk])).status_code
        == 404
    )
    assert Measurement.objects.count() == 1


def test_it_deletes_a_measurement_by_post_and_updates_the_summary(
    client_for, mette, nord_course, ors
):
    measurement = record(mette, nord_course, ors, ors_answers(5, 5, 5, 5), nord_course.start_date)

    client_for(mette).post(reverse("measurements:delete_measurement", args=[measurement.pk]))

    assert not OutcomeSummary.objects.exists()


def test_it_locks_the_tablet_until_the_employee_unlocks_it(client, mette, nord_course, ors):
    client.post(reverse("login"), {"username": "mette", "password": PASSWORD})
    url = reverse("measurements:self_report", args=[nord_course.pk, ors.pk])
    page = client.get(url).content.decode()
    assert "Mikkelsen" not in page  # no other data visible

    assert client.get(reverse("citizens:course_list"))["Location"] == reverse("measurements:locked")
    client.post(url, post_data(ors_answers(3, 4, 5, 6)))

    assert Measurement.objects.get().self_report
    assert client.get(reverse("citizens:course_detail", args=[nord_course.pk]))[
        "Location"
    ] == reverse("measurements:locked")
    assert client.post(reverse("measurements:locked"), {"password": "forkert"}).status_code == 422
    response = client.post(reverse("measurements:locked"), {"password": PASSWORD})
    assert response["Location"] == reverse("citizens:course_detail", args=[nord_course.pk])
    assert client.get(reverse("citizens:course_list")).status_code == 200


def test_it_shows_the_progression_with_chart_summary_and_signal(
    client_for, mette, nord_course, ors, srs
):
    start = nord_course.start_date
    for week, value in enumerate([4, 4.5, 4, 4.2, 4.4, 4.1]):
        record(
            mette,
            nord_course,
            ors,
            ors_answers(value, value, value, value),
            start + datetime.timedelta(weeks=week),
        )

    body = (
        client_for(mette)
        .get(reverse("citizens:course_detail", args=[nord_course.pk]))
        .content.decode()
    )

    assert f'id="chart-{ors.pk}"' in body
    assert "Ingen pålidelig ændring" in body
    assert "ingen pålidelig forbedring efter 6 sessioner" in body


def test_it_renders_the_course_page_in_constant_queries(client_for, mette, nord_course, ors, srs):
    client = client_for(mette)
    url = reverse("citizens:course_detail", args=[nord_course.pk])
    record(mette, nord_course, ors, ors_answers(5, 5, 5, 5), nord_course.start_date)
    with CaptureQueriesContext(connection) as few:
        client.get(url)

    for week in range(1, 15):
        on = nord_course.start_date + datetime.timedelta(weeks=week)
        record(mette, nord_course, ors, ors_answers(5, 6, 5, 6), on)
        record(
            mette,
            nord_course,
            srs,
            dict.fromkeys(["relation", "maal_og_emner", "tilgang", "generelt"], 9),
            on,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_it_records_an_observation_and_feedback_on_the_timeline(client_for, mette, nord_course):
    client = client_for(mette)
    today = timezone.localdate().isoformat()

    client.post(
        reverse("citizens:record_observation", args=[nord_course.pk]),
        {
            "observed_on": today,
            "kind": "trivsel",
            "text": "Sov godt hele ugen.",
            "tags": "søvn, Skole",
        },
    )
    client.post(
        reverse("citizens:record_feedback", args=[nord_course.pk]),
        {"given_on": today, "text": "Det hjælper at tale om morgenerne."},
    )

    body = client.get(reverse("citizens:course_detail", args=[nord_course.pk])).content.decode()
    assert "Sov godt hele ugen." in body
    assert "skole" in body
    assert "Det hjælper at tale om morgenerne." in body
    assert AccessLog.objects.filter(action=AccessLog.Action.CREATE).count() == 2


def test_it_rejects_an_observation_dated_before_the_course(client_for, mette, nord_course):
    data = {"observed_on": "2020-01-01", "kind": "trivsel", "text": "x", "tags": ""}

    response = client_for(mette).post(
        reverse("citizens:record_observation", args=[nord_course.pk]), data
    )

    assert response.status_code == 422
    assert "før forløbets start" in response.content.decode()


def test_it_shows_which_data_support_the_assessment(client_for, mette, nord_course, ors):
    start = nord_course.start_date
    record(mette, nord_course, ors, ors_answers(4, 4, 4, 4), start)
    record(mette, nord_course, ors, ors_answers(6, 6, 6, 6), start + datetime.timedelta(weeks=2))
    client = client_for(mette)
    data = {
        "assessed_on": timezone.localdate().isoformat(),
        "direction": "stable",
        "text": "Familien står stille.",
    }

    client.post(reverse("citizens:record_assessment", args=[nord_course.pk]), data)

    body = client.get(reverse("citizens:course_detail", args=[nord_course.pk])).content.decode()
    assert "Familien står stille." in body
    _supporting, not_supporting = body.split("Data der ikke understøtter vurderingen")
    assert "Pålideligt forbedret" in not_supporting
