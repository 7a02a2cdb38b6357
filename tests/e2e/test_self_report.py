"""A citizen fills in the ORS on the employee's tablet, and the chart on the course page updates.

Mette opens the self-report mode from the course page; the tablet shows only the four visual
scales, refuses "Færdig" until every line is touched, ends on a locked screen, and opens again
only with Mette's password. The course page then draws the new point in the ORS chart.
"""

import datetime

import pytest
from playwright.sync_api import Page, expect

from lovende.measurements import services
from tests.conftest import PASSWORD
from tests.e2e.test_journey import log_in
from tests.measurements.conftest import ors_answers

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def drag(page: Page, label: str, fraction: float) -> None:
    """Click a slider at ``fraction`` of its width, as a finger would on the tablet."""
    slider = page.get_by_label(label)
    box = slider.bounding_box()
    page.mouse.click(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2)


def chart_points(page: Page, chart_id: str) -> int:
    return page.locator(
        f"[data-vega-spec='{chart_id}'] svg path[aria-roledescription='point']"
    ).count()


def test_citizen_self_reports_ors_and_the_chart_updates(
    live_server, page: Page, axe_check, screenshot, assert_no_js_errors, mette, nord_course, ors
):
    start = nord_course.start_date
    services.record_measurement(
        by=mette,
        context=None,
        course=nord_course,
        instrument=ors,
        answers=ors_answers(4, 4, 4, 4),
        measured_on=start,
    )
    services.record_measurement(
        by=mette,
        context=None,
        course=nord_course,
        instrument=ors,
        answers=ors_answers(5, 5, 4, 5),
        measured_on=start + datetime.timedelta(days=14),
    )
    log_in(page, live_server.url, "mette")
    page.goto(f"{live_server.url}/borgere/forloeb/{nord_course.pk}/")
    chart = f"chart-{ors.pk}"
    expect(page.locator(f"[data-vega-spec='{chart}'] svg")).to_be_visible()
    before = chart_points(page, chart)
    axe_check(page)

    page.get_by_text("Borgeren udfylder selv").click()
    page.get_by_role("link", name=ors.name).click()
    expect(page.get_by_role("heading", name="Hvordan har du det?")).to_be_visible()
    expect(page.get_by_text("Freja")).to_have_count(0)
    axe_check(page)
    page.get_by_role("button", name="Færdig").click()
    expect(page.get_by_text("Træk i alle linjerne").first).to_be_visible()
    for label, fraction in [
        ("Individuelt", 0.7),
        ("Relationer", 0.8),
        ("Socialt", 0.6),
        ("Generelt", 0.75),
    ]:
        drag(page, label, fraction)
    screenshot(page, "07-self-report")
    page.get_by_role("button", name="Færdig").click()

    expect(page.get_by_role("heading", name="Tak for dine svar")).to_be_visible()
    axe_check(page)
    page.goto(f"{live_server.url}/borgere/")
    expect(page.get_by_role("heading", name="Tak for dine svar")).to_be_visible()
    page.get_by_label("Medarbejderens adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Lås op").click()

    expect(page.get_by_role("heading", name="Freja Mikkelsen")).to_be_visible()
    expect(page.locator(f"[data-vega-spec='{chart}'] svg")).to_be_visible()
    assert before == 2
    assert chart_points(page, chart) == before + 1
    axe_check(page)
    screenshot(page, "08-course-after-self-report")
    assert_no_js_errors()
