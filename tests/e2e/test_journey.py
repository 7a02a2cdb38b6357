"""A frontline employee's journey in a real browser, and the sibling unit that must see nothing.

Mette (Familiebehandling Nord) logs in through the login form, finds Freja with the search box and
opens her course. Sofie (Familiebehandling Syd, the sibling unit) then gets a 404 for the same URL
that does not leak Freja's name, and Freja is not in Sofie's course list. axe-core checks every
page on the way.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD, make_course

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    expect(page.get_by_role("heading", name="Log ind")).to_be_visible()
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("button", name="Log af")).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log af").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("button", name="Log af")).to_have_count(0)


def test_employee_finds_own_citizen_and_sibling_unit_gets_404(
    live_server,
    page: Page,
    axe_check,
    screenshot,
    assert_no_js_errors,
    mette,
    sofie,
    intervention,
    tree,
    nord_course,
    syd_course,
):
    base = live_server.url
    freja = nord_course.citizen
    # A second citizen in Nord, so the search has something to filter away.
    make_course(mette, intervention, tree.nord, "Anna", "Jensen")
    course_url = f"{base}/borgere/forloeb/{nord_course.pk}/"

    # Mette logs in through the real form.
    response = page.goto(f"{base}/accounts/login/")
    assert response is not None
    assert response.status == 200
    axe_check(page)
    screenshot(page, "01-login")
    log_in(page, base, "mette")

    # She lands on her course list: both her Nord citizens.
    expect(page).to_have_url(re.compile(r"/borgere/$"))
    expect(page.get_by_role("heading", name="Borgere og forløb", level=1)).to_be_visible()
    rows = page.locator("#course-rows")
    expect(rows.get_by_role("link", name="Freja Mikkelsen")).to_be_visible()
    expect(rows.get_by_role("link", name="Anna Jensen")).to_be_visible()
    axe_check(page)
    screenshot(page, "02-mette-course-list")

    # She types the name in the search box and submits; htmx swaps in the matching rows.
    search = page.get_by_label("Søg på navn eller pseudonym")
    search.fill("Freja")
    with page.expect_response(lambda r: "/borgere/?" in r.url and "q=Freja" in r.url) as answer:
        search.press("Enter")
    assert answer.value.request.headers.get("hx-request") == "true", "htmx did not send the search"
    expect(rows.get_by_role("link", name="Anna Jensen")).to_have_count(0)
    expect(rows.get_by_role("link", name="Freja Mikkelsen")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=Freja"))
    axe_check(page)
    screenshot(page, "03-mette-search")

    # She opens Freja's course: name and intervention show.
    rows.get_by_role("link", name="Freja Mikkelsen").click()
    expect(page).to_have_url(course_url)
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_contain_text("Freja Mikkelsen")
    expect(main.get_by_role("link", name=intervention.name, exact=True)).to_be_visible()
    expect(main).to_contain_text("Familiebehandling Nord")
    axe_check(page)
    screenshot(page, "04-mette-course-detail")

    log_out(page)
    axe_check(page)

    # Sofie, in the sibling unit, sees her own citizen but not Freja, even unfiltered.
    log_in(page, base, "sofie")
    expect(page).to_have_url(re.compile(r"/borgere/$"))
    assert page.goto(f"{base}/borgere/?q=&status=").status == 200
    rows = page.locator("#course-rows")
    expect(rows.get_by_role("link", name="Oskar Thygesen")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Freja")
    axe_check(page)
    screenshot(page, "05-sofie-course-list")

    assert page.goto(f"{base}/borgere/?q=Freja&status=").status == 200
    expect(page.locator("#course-rows")).to_contain_text("Ingen forløb matcher søgningen.")
    axe_check(page)

    # The same course URL directly: a 404 that gives nothing away.
    response = page.goto(course_url)
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Siden findes ikke")
    html = page.content()
    for leak in (freja.first_name, freja.last_name, freja.pseudonym):
        assert leak not in html
    axe_check(page)
    screenshot(page, "06-sofie-404")

    assert_no_js_errors()
