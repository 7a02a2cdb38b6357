import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lovende.audit.models import AccessLog
from lovende.audit.services import AccessContext
from lovende.citizens.models import Course
from lovende.instruments import services as instrument_services
from lovende.measurements import services
from lovende.measurements.models import Measurement, OutcomeSummary
from tests.measurements.conftest import DAY, ors_answers

pytestmark = pytest.mark.django_db
START = datetime.date(2025, 1, 6)


def record(mette, course, instrument, answers, on=START, **kwargs):
    return services.record_measurement(
        by=mette,
        context=kwargs.pop("context", None),
        course=course,
        instrument=instrument,
        answers=answers,
        measured_on=on,
        **kwargs,
    )


def test_it_scores_the_measurement_and_starts_a_summary(mette, nord_course, ors):
    measurement = record(mette, nord_course, ors, ors_answers(4, 5, 6, 5.5))

    summary = OutcomeSummary.objects.get(course=nord_course, instrument=ors)
    assert measurement.score == 20.5
    assert (summary.count, summary.first_score, summary.latest_score) == (1, 20.5, 20.5)
    assert summary.clinical_at_start is True
    assert summary.category == "unchanged"


def test_it_marks_reliable_improvement_out_of_the_clinical_range(mette, nord_course, ors):
    record(mette, nord_course, ors, ors_answers(4, 5, 6, 5), on=START)
    record(mette, nord_course, ors, ors_answers(6, 7, 7, 6), on=START + 14 * DAY)

    summary = OutcomeSummary.objects.get()
    assert summary.change == 6
    assert summary.category == OutcomeSummary.Category.IMPROVED
    assert (summary.clinical_at_start, summary.clinical_now) == (True, False)
    assert summary.latest_on == START + 14 * DAY


def test_it_keeps_the_version_a_measurement_was_scored_with(mette, nord_course, ors):
    first = record(mette, nord_course, ors, ors_answers(4, 5, 6, 5))
    version = instrument_services.current_version(ors)
    changed = {**version.definition, "scoring": {"method": "mean"}}

    instrument_services.revise_instrument(
        by=mette, instrument=ors, name=ors.name, definition=changed
    )
    second = record(mette, nord_course, ors, ors_answers(4, 5, 6, 5), on=START + DAY)

    first.refresh_from_db()
    assert (first.score, first.version.number) == (20, 1)
    assert (second.score, second.version.number) == (5, 2)


@pytest.mark.parametrize(
    ("answers", "key"),
    [
        (ors_answers(11, 5, 5, 5), "individuelt"),
        ({"individuelt": 5, "relationer": 5, "socialt": 5}, "generelt"),
    ],
)
def test_it_rejects_bad_answers_and_leaves_the_summary_alone(mette, nord_course, ors, answers, key):
    record(mette, nord_course, ors, ors_answers(5, 5, 5, 5))

    with pytest.raises(ValidationError) as error:
        record(mette, nord_course, ors, answers, on=START + DAY)

    assert key in error.value.error_dict
    assert Measurement.objects.count() == 1
    assert OutcomeSummary.objects.get().latest_score == 20


@pytest.mark.parametrize(
    ("on", "message"),
    [(None, "fremtiden"), (START - DAY, "før forløbets start")],
)
def test_it_rejects_dates_outside_the_course(mette, nord_course, ors, on, message):
    on = on or timezone.localdate() + DAY

    with pytest.raises(ValidationError, match=message):
        record(mette, nord_course, ors, ors_answers(5, 5, 5, 5), on=on)

    assert not Measurement.objects.exists()


def test_it_rejects_a_measurement_on_a_closed_course(mette, nord_course, ors):
    nord_course.status = Course.Status.COMPLETED
    nord_course.save()

    with pytest.raises(ValidationError, match="afsluttet"):
        record(mette, nord_course, ors, ors_answers(5, 5, 5, 5))


def test_it_rejects_an_instrument_not_enabled_for_the_intervention(mette, nord_course, tree):
    who5 = instrument_services.install_builtin(organisation=tree.organisation, code="who5")

    with pytest.raises(ValidationError, match="ikke slået til"):
        record(mette, nord_course, who5, {f"who5_{i}": 3 for i in range(1, 6)})


def test_it_updates_and_deletes_with_the_summary_following(mette, nord_course, ors):
    first = record(mette, nord_course, ors, ors_answers(4, 5, 6, 5))
    second = record(mette, nord_course, ors, ors_answers(6, 7, 7, 6), on=START + DAY)

    services.update_measurement(
        by=mette,
        context=None,
        measurement=second,
        answers=ors_answers(5, 5, 5, 5),
        measured_on=START + DAY,
    )
    assert OutcomeSummary.objects.get().category == "unchanged"

    services.delete_measurement(by=mette, context=None, measurement=first)
    assert OutcomeSummary.objects.get().count == 1

    services.delete_measurement(by=mette, context=None, measurement=second)
    assert not OutcomeSummary.objects.exists()


def test_it_logs_the_write_with_the_citizen(mette, nord_course, ors):
    record(
        mette, nord_course, ors, ors_answers(5, 5, 5, 5), context=AccessContext("/x/", None, "r1")
    )

    entry = AccessLog.objects.get()
    assert (entry.action, entry.citizen_id) == (AccessLog.Action.CREATE, nord_course.citizen_id)
