"""A leader reads the intervention and organisation dashboards in a real browser.

Lars (afdelingsleder over Familiebehandling) opens the intervention's overview: key figures, the
charts drawn by vega-embed, the tables by unit; splits by gender, where the small group of men and
its complement read «færre end 5»; downloads the Excel file; then compares interventions on the
organisation level. axe-core checks every page, charts included.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.dashboards.conftest import CASES, add_case
from tests.e2e.test_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def caseload(tree, intervention, lars, mette, sofie, ors, srs):
    units = {"Nord": (tree.nord, mette), "Syd": (tree.syd, sofie)}
    for unit, first, last, gender, scores, srs_total in CASES:
        team, by = units[unit]
        add_case(by, intervention, team, first, last, gender, scores, srs_total, ors, srs)
    return intervention


def test_leader_reads_the_dashboards_split_and_exports(
    live_server, page: Page, axe_check, screenshot, assert_no_js_errors, caseload
):
    base = live_server.url
    log_in(page, base, "lars")

    page.goto(f"{base}/overblik/indsats/{caseload.pk}/")
    expect(page.get_by_role("heading", name=caseload.name, level=1)).to_be_visible()
    expect(page.get_by_text("Borgere", exact=True).first).to_be_visible()
    drawn = page.locator('[data-vega-spec="chart-change-spec"] :is(svg, canvas)').first
    expect(drawn).to_be_visible()  # drawn by vega-embed
    axe_check(page)
    screenshot(page, "13-intervention-dashboard")

    page.get_by_label("Opdel efter").select_option("koen")
    page.get_by_role("button", name="Vis").click()
    expect(page).to_have_url(re.compile(r"opdeling=koen"))
    men = page.get_by_role("row").filter(has_text="Mand").first
    expect(men).to_contain_text("færre end 5")
    expect(page.get_by_role("row").filter(has_text="I alt").first).to_contain_text("8")
    axe_check(page)

    # The Excel link keeps the split (fetched with the browser's session; a click would abort
    # the request as Chromium turns it into a download)
    href = page.get_by_role("link", name="Hent som Excel").get_attribute("href")
    assert "opdeling=koen" in href
    excel = page.request.get(f"{base}{href}" if href.startswith("/") else href)
    assert excel.status == 200
    assert excel.headers["content-type"].startswith("application/vnd.openxmlformats")

    page.goto(f"{base}/overblik/organisation/")
    expect(page.get_by_role("heading", name="Indsatserne side om side", level=1)).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=caseload.name).first).to_be_visible()
    axe_check(page)
    screenshot(page, "14-organisation-dashboard")
    assert_no_js_errors()
