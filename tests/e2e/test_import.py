"""Importing citizens in a real browser: a file with an error, the Danish row error, the fixed
file, the preview and the commit, and the new citizens in the course list (FILE-01, FILE-02).
axe-core checks every page on the way; htmx drives the progress bar."""

import re

import pytest
from playwright.sync_api import Page, expect

from lovende.audit.models import AccessLog
from lovende.citizens.models import Citizen
from tests.e2e.test_journey import log_in
from tests.imports import files

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CSV = "text/csv"


def choose_file(page: Page, name: str, content: bytes) -> None:
    page.get_by_label("Fil (.xlsx eller .csv)").set_input_files(
        {"name": name, "mimeType": CSV, "buffer": content}
    )
    page.get_by_role("button", name="Kontrollér filen").click()


def test_employee_fixes_a_row_error_and_imports_citizens(
    live_server, page: Page, axe_check, screenshot, assert_no_js_errors, mette, ors, intervention
):
    # covers FILE-02 (row errors in Danish, preview, all-or-nothing commit) and LOG-01
    base = live_server.url
    log_in(page, base, "mette")
    page.goto(f"{base}/borgere/")
    page.get_by_role("link", name="Importér fra fil").click()
    expect(page.get_by_role("heading", name="Importér borgere, forløb og målinger")).to_be_visible()
    axe_check(page)
    screenshot(page, "import-01-upload")

    broken = files.demo_rows()
    broken[1][11] = "11"
    choose_file(page, "borgere.csv", files.csv_bytes(broken))
    expect(page.get_by_text("Filen har 1 fejl. Intet er gemt.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Række 3, kolonne 'Svar 1': .* mellem 0"))).to_be_visible()
    axe_check(page)
    screenshot(page, "import-02-row-error")
    assert Citizen.objects.count() == 0

    page.get_by_role("button", name="Send en ny fil").click()
    choose_file(page, "borgere.csv", files.csv_bytes(files.demo_rows()))
    expect(page.get_by_text("Filen er kontrolleret uden fejl.")).to_be_visible()
    expect(page.get_by_text("Nye borgere: 3")).to_be_visible()
    axe_check(page)
    screenshot(page, "import-03-preview")

    page.get_by_role("button", name="Gem importen").click()
    expect(page.get_by_text("Importen er gemt: 3 nye borgere")).to_be_visible()
    for name in ("Freja Mikkelsen", "Liva Sørensen", "Oskar Thygesen"):
        expect(page.get_by_text(name)).to_be_visible()
    axe_check(page)
    screenshot(page, "import-04-citizens")
    assert_no_js_errors()

    created = AccessLog.objects.filter(action=AccessLog.Action.CREATE, user=mette)
    assert Citizen.objects.count() == 3
    assert created.count() == 6  # three citizens with their courses, three measurements
