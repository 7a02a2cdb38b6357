"""Who may import, and what the pages refuse (SECURITY ACL-02, CSRF-01, FILE-03)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from lovende.citizens.models import Citizen
from lovende.organisation.models import Organisation
from tests.conftest import make_staff
from tests.imports import files
from tests.imports.test_import_views import check_all, upload

pytestmark = pytest.mark.django_db
PAGES = [
    ("get", "imports:upload_file"),
    ("post", "imports:upload_file"),
    ("get", "imports:preview"),
    ("post", "imports:validate_step"),
    ("post", "imports:commit_import"),
    ("post", "imports:cancel_import"),
    ("get", "imports:template_xlsx"),
    ("get", "imports:template_csv"),
]


@pytest.fixture
def no_role(tree):
    return make_staff(tree.organisation, "uden", "Uden", "Rolle")


@pytest.mark.parametrize("persona", ["lars", "no_role"])
@pytest.mark.parametrize(("method", "name"), PAGES)
def test_it_answers_404_to_staff_who_may_not_start_courses(
    request, client_for, persona, method, name
):
    # covers ACL-02: a leader without citizen access and an employee without a unit role
    client = client_for(request.getfixturevalue(persona))

    response = getattr(client, method)(reverse(name))

    assert response.status_code == 404


def test_it_gives_another_municipality_no_way_into_our_units(client_for, karin, importer):
    # covers ACL-04: Karin's rows name our units and intervention; they do not exist for her
    client = client_for(karin)
    upload(client, "borgere.csv", files.csv_bytes(files.demo_rows()))
    check_all(client)

    preview = client.get(reverse("imports:preview")).content.decode()
    client.post(reverse("imports:commit_import"))

    assert (
        "Række 2, kolonne &#x27;Enhed&#x27;: Enheden «Familiebehandling Nord» findes ikke"
        in preview
    )
    assert "Række 2, kolonne &#x27;Indsats&#x27;" in preview
    assert Citizen.objects.count() == 0


@pytest.mark.parametrize("name", ["imports:validate_step", "imports:commit_import"])
def test_it_never_writes_on_get(client_for, importer, name):
    # covers CSRF-01: the steps and the commit are POST only
    assert client_for(importer).get(reverse(name)).status_code == 405


def test_it_refuses_a_commit_without_a_checked_file(client_for, importer):
    client = client_for(importer)
    nothing = client.post(reverse("imports:commit_import"))
    upload(client, "borgere.csv", files.csv_bytes(files.demo_rows()))
    unchecked = client.post(reverse("imports:commit_import"))

    assert nothing["Location"] == reverse("imports:preview")
    assert unchecked["Location"] == reverse("imports:preview")
    assert Citizen.objects.count() == 0


def test_it_drops_the_rows_when_cancelled(client_for, importer):
    client = client_for(importer)
    upload(client, "borgere.csv", files.csv_bytes(files.demo_rows()))
    assert "lovende_import" in client.session

    client.post(reverse("imports:cancel_import"))

    assert "lovende_import" not in client.session
    assert client.get(reverse("imports:preview"))["Location"] == reverse("imports:upload_file")


def test_it_checks_the_file_with_csrf_enforced(client, importer):
    # covers CSRF-01: an upload without the token is refused before the file is read
    client.handler.enforce_csrf_checks = True
    client.force_login(importer)

    response = client.post(
        reverse("imports:upload_file"),
        {"file": SimpleUploadedFile("b.csv", files.csv_bytes(files.demo_rows()))},
    )

    assert response.status_code == 403
    assert "lovende_import" not in client.session


def test_it_offers_the_template_as_safe_downloads(client_for, importer):
    # covers FILE-03: attachments, text cells only, and the template reads back as a valid file
    client = client_for(importer)
    xlsx = client.get(reverse("imports:template_xlsx"))
    csv = client.get(reverse("imports:template_csv"))
    workbook = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    header = next(workbook["Borgere"].iter_rows(values_only=True))
    guide = list(workbook["Vejledning"].iter_rows(values_only=True))

    assert xlsx["Content-Disposition"] == 'attachment; filename="lovende-import-skabelon.xlsx"'
    assert csv["Content-Disposition"] == 'attachment; filename="lovende-import-skabelon.csv"'
    assert list(header) == files.HEADER  # ORS has four questions: Svar 1–4
    assert guide[1][0] == "CPR-nummer"
    assert csv.content.startswith(b"\xef\xbb\xbfCPR-nummer;Fornavn;")
    assert csv.content.decode("utf-8-sig").strip().split(";") == files.HEADER


def test_a_filled_in_template_imports(client_for, importer):
    client = client_for(importer)
    template = client.get(reverse("imports:template_csv")).content
    filled = template + b"".join(";".join(row).encode() + b"\r\n" for row in files.demo_rows())

    upload(client, "skabelon.csv", filled)
    check_all(client)
    client.post(reverse("imports:commit_import"))

    assert Citizen.objects.count() == 3
    assert Organisation.objects.count() == 1
