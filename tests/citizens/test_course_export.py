import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lovende.audit.models import AccessLog
from lovende.citizens import services
from lovende.measurements import services as measurement_services
from tests.measurements.conftest import ors_answers

pytestmark = pytest.mark.django_db


def test_it_exports_the_course_with_formulas_neutralised(client_for, mette, nord_course, ors):
    # covers FILE-03: a note starting with "=" is written as text, not a formula
    measurement_services.record_measurement(
        by=mette,
        context=None,
        course=nord_course,
        instrument=ors,
        answers=ors_answers(5, 5, 5, 5),
        measured_on=nord_course.start_date,
    )
    services.record_observation(
        by=mette,
        context=None,
        course=nord_course,
        observed_on=timezone.localdate(),
        kind="trivsel",
        text='=HYPERLINK("http://x","y")',
    )

    response = client_for(mette).get(reverse("citizens:export_course", args=[nord_course.pk]))

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Målinger", "Resultater", "Observationer", "Borgerfeedback"]
    assert workbook["Målinger"]["D2"].value == 20
    note = workbook["Observationer"]["C2"]
    assert note.data_type == "s"
    assert note.value.startswith("'=")
    assert AccessLog.objects.get().action == AccessLog.Action.EXPORT


@pytest.mark.parametrize("persona", ["sofie", "lars", "karin"])
def test_it_returns_404_for_export_and_print_out_of_reach(
    request, client_for, persona, nord_course
):
    client = client_for(request.getfixturevalue(persona))

    assert client.get(reverse("citizens:export_course", args=[nord_course.pk])).status_code == 404
    assert client.get(reverse("citizens:print_course", args=[nord_course.pk])).status_code == 404


def test_it_logs_a_print(client_for, mette, nord_course):
    response = client_for(mette).get(reverse("citizens:print_course", args=[nord_course.pk]))

    assert "data-print-on-load" in response.content.decode()
    assert AccessLog.objects.get().action == AccessLog.Action.PRINT
