"""Stored XSS payloads in a real browser: not one dialog opens (SECURITY OUT-01).

The demo is seeded and every free-text column is overwritten with the payload corpus of
tests/security/test_xss.py (``alert(...)`` in scripts, event handlers, ``javascript:`` links).
An employee and a leader then open the main pages and the pages linked from them in Chromium,
which runs Lovende's own JavaScript (htmx, Vega charts) under the CSP; a ``dialog`` listener
counts every alert, confirm or prompt.
"""

import re

import pytest
from playwright.sync_api import Dialog, Page

from lovende.demo.seed import seed_demo
from lovende.demo.tree import DEMO_PASSWORD
from tests.security.test_xss import plant_payloads

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MAIN_PAGES = ("/", "/borgere/", "/indsatser/", "/refleksion/", "/forbedring/tavle/", "/kultur/")
LINKED_PAGES = 12  # per persona, beyond the main pages
SKIP = re.compile(r"/accounts/logout|/selvrapport/|/eksport|/excel|/pdf|\.ics|\.json|/udskrift")


@pytest.fixture
def poisoned_demo(db):
    seed_demo(citizens=60)
    return plant_payloads()


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("button", name="Log af").wait_for()


def links(page: Page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href^='/']", "els => els.map(e => e.getAttribute('href'))")
    return [h for h in dict.fromkeys(hrefs) if not SKIP.search(h)]


@pytest.mark.parametrize("persona", ["mette", "lars"])
def test_no_stored_payload_opens_a_dialog(poisoned_demo, live_server, page, persona):
    # covers OUT-01: page.on("dialog") sees 0 dialogs over the main pages and their links
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message} on {page.url}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    log_in(page, live_server.url, persona)
    visited, queue = [], list(MAIN_PAGES)

    while queue and len(visited) < len(MAIN_PAGES) + LINKED_PAGES:
        path = queue.pop(0)
        if path in visited:
            continue
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        visited.append(path)
        queue.extend(links(page))

    seen_from_payloads = list(dialogs)
    page.evaluate("alert('kontrol')")  # the listener does see a dialog when one opens

    assert seen_from_payloads == []
    assert len(dialogs) == 1
    assert len(visited) >= len(MAIN_PAGES)
    print(
        f"\nOUT-01 browser {persona}: {len(visited)} pages with payloads, payload dialogs: {len(seen_from_payloads)}"
    )
