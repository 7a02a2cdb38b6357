"""In a real browser, no request carries a full CPR number in its URL (SECURITY PRIV-02).

Mette finds a citizen by CPR number (a POST), reveals the number on the citizen page (an htmx
POST), opens the course and the art. 15 page and downloads the export. Playwright's network log
holds every request the browser made, sub-resources and htmx calls included.
"""

import re

import pytest
from playwright.sync_api import Page, Request, expect

from lovende.audit.models import AccessLog
from tests.conftest import PASSWORD

# The browser fixtures live in tests/e2e/conftest.py; imported, they serve this module too.
from tests.e2e.conftest import _orm_beside_playwright, browser, browser_problems, page  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FULL = re.compile(r"010315-?4234")


def test_no_request_url_holds_a_full_cpr_number(live_server, page: Page, mette, nord_course):  # noqa: F811
    # covers PRIV-02: Playwright's network log, the CPR search and the reveal included
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    base = live_server.url

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Brugernavn").fill("mette")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("button", name="Log af")).to_be_visible()
    page.goto(f"{base}/borgere/")
    page.get_by_text("Find en borger ud fra CPR-nummer").click()
    page.get_by_label("CPR-nummer").fill("010315-4234")
    page.get_by_role("button", name="Find borger").click()
    expect(page.get_by_role("heading", name="Freja Mikkelsen")).to_be_visible()
    expect(page.get_by_text("010315-****")).to_be_visible()
    page.get_by_role("button", name="Vis CPR-nummer").click()
    expect(page.get_by_text("010315-4234")).to_be_visible()
    page.get_by_role("link", name="Familiebehandling").first.click()
    page.wait_for_load_state("load")
    page.go_back()
    page.get_by_role("link", name="Indsigt (art. 15)").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som JSON").click()
    page.wait_for_load_state("load")

    urls = [request.url for request in requests]
    leaks = [url for url in urls if FULL.search(url)]
    assert leaks == []
    assert not FULL.search(download.value.suggested_filename)
    assert any(r.method == "POST" and "cpr-soegning" in r.url for r in requests)
    assert AccessLog.objects.filter(action=AccessLog.Action.CPR_REVEAL).count() == 1
    print(f"\nPRIV-02 browser: {len(urls)} requests in Playwright's network log, 0 with a full CPR")
