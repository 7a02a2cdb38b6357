"""The import pages: who may use them, the steps from upload to commit (FILE-01, FILE-02)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lovende.audit.models import AccessLog
from lovende.citizens.models import Citizen, Course
from lovende.measurements.models import Measurement, OutcomeSummary
from tests.imports import files

pytestmark = pytest.mark.django_db


def upload(client, name, content):
    return client.post(reverse("imports:upload_file"), {"file": SimpleUploadedFile(name, content)})


def check_all(client):
    """Take validation steps until the preview is ready, as htmx would."""
    steps = 0
    while True:
        response = client.post(reverse("imports:validate_step"), HTTP_HX_REQUEST="true")
        steps += 1
        if response.status_code == 204:
            return steps
        assert response.status_code == 200
        assert steps < 100


def test_it_imports_a_file_through_preview_and_commit(client_for, importer, settings):
    # covers FILE-02: whole file validated in steps (progress), preview, then one commit
    settings.LOVENDE_IMPORT_CHUNK_ROWS = 2
    client = client_for(importer)
    response = upload(client, "borgere.csv", files.csv_bytes(files.demo_rows()))
    assert response.status_code == 302
    page = client.get(reverse("imports:preview"))
    assert "Kontrollerer rækkerne: 0 %" in page.content.decode()

    steps = check_all(client)
    preview = client.get(reverse("imports:preview")).content.decode()
    committed = client.post(reverse("imports:commit_import"))

    assert steps == 2
    assert "Nye borgere: 3" in preview
    assert "Målinger: 3" in preview
    assert "010315-****" in preview
    assert "010315-4234" not in preview
    assert committed.status_code == 302
    assert Citizen.objects.count() == 3
    assert Course.objects.count() == 3
    assert Measurement.objects.count() == 3
    assert OutcomeSummary.objects.count() == 2
    assert AccessLog.objects.filter(action=AccessLog.Action.CREATE).count() == 3 + 3


def test_it_shows_row_errors_and_saves_nothing(client_for, importer):
    # covers FILE-02: each error names its row and column, in Danish
    rows = files.demo_rows()
    rows[1][11] = "11"
    rows[2][0] = "310218-1234"
    client = client_for(importer)
    upload(client, "borgere.csv", files.csv_bytes(rows))
    check_all(client)
    preview = client.get(reverse("imports:preview")).content.decode()
    refused = client.post(reverse("imports:commit_import"))

    assert "Række 3, kolonne &#x27;Svar 1&#x27;" in preview
    assert (
        "Række 4, kolonne &#x27;CPR-nummer&#x27;: CPR-nummeret indeholder ikke en gyldig" in preview
    )
    assert refused.status_code == 302
    assert Citizen.objects.count() == 0


def test_it_logs_the_preview_of_citizens_the_user_already_has(client_for, importer, nord_course):
    # covers LOG-01: the preview says which rows are Freja, already Mette's citizen: a read of her
    client = client_for(importer)
    upload(client, "borgere.csv", files.csv_bytes(files.demo_rows()))
    check_all(client)

    preview = client.get(reverse("imports:preview")).content.decode()
    read = AccessLog.objects.filter(action=AccessLog.Action.VIEW, criterion__startswith="Import")

    assert "Borgere, der findes i forvejen: 1" in preview
    assert list(read.values_list("citizen_id", flat=True)) == [nord_course.citizen_id]
