"""A citizen-level meeting in a real browser: put a course on the agenda and read its data pack.

Mette (medarbejder in Familiebehandling Nord) opens today's meeting of her team's course forum,
puts Erik's course on the agenda, forms the data pack and sees his progression chart drawn.
axe-core checks every page.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.dashboards.conftest import CASES, add_case
from tests.e2e.test_journey import log_in
from tests.reflection.conftest import days_ago, make_forum, past_meetings

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def meeting(tree, intervention, lars, mette, ors, srs):
    for unit, first, last, gender, scores, srs_total in CASES:
        if unit == "Nord":
            add_case(
                mette, intervention, tree.nord, first, last, gender, scores, srs_total, ors, srs
            )
    forum = make_forum(
        lars, intervention, level="borger", name="Forløbsmøde Nord", unit=tree.nord,
        participants=[mette, lars], participant_roles=["forloebets_medarbejdere"],
    )  # fmt: skip
    return past_meetings(lars, forum, count=1, first=days_ago(0))[0]


def test_employee_puts_a_course_on_the_agenda_and_reads_its_pack(
    live_server, page: Page, axe_check, screenshot, assert_no_js_errors, meeting
):
    base = live_server.url
    log_in(page, base, "mette")

    page.goto(f"{base}/refleksion/moede/{meeting.pk}/")
    expect(page.get_by_role("heading", name="Forløb på dagsordenen")).to_be_visible()
    page.get_by_label("Sæt et forløb på dagsordenen").select_option(
        label="Erik Fjeldborg · Familiebehandling Nord"
    )
    page.get_by_role("button", name="Sæt på dagsordenen").click()

    expect(page.get_by_text("Forløbet er sat på dagsordenen.")).to_be_visible()
    expect(page.locator("#forloeb").get_by_role("link", name="Erik Fjeldborg")).to_be_visible()
    axe_check(page)
    screenshot(page, "11-citizen-meeting")

    page.get_by_role("button", name="Dan datapakke").click()
    expect(page).to_have_url(re.compile(r"/refleksion/datapakke/\d+/$"))
    expect(page.get_by_text("Datapakken viser forløbene på mødets dagsorden.")).to_be_visible()
    expect(page.locator(".lovende-chart svg").first).to_be_visible()
    assert page.locator(".lovende-chart").count() == 2  # ORS and SRS
    axe_check(page)
    screenshot(page, "12-citizen-pack")
    assert_no_js_errors()
