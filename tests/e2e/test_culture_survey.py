"""A culture survey round in a real browser, with five employees and a leader.

Lars (afdelingsleder over Familiebehandling) opens a culture survey for Familiebehandling Øst,
a team of five. Each of the five logs in, finds the questionnaire under «Mine spørgeskemaer»
and answers; one adds a comment. Before the fifth answer and before the round closes, Lars sees
no results; after closing he reads the distribution, the comment and the trend against the
team's previous round. axe-core checks every page.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from lovende.culture import services, survey_services
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from tests.conftest import make_staff
from tests.e2e.test_journey import log_in, log_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEAM = (("anna", "Anna", "Berg"), ("bo", "Bo", "Dam"), ("carl", "Carl", "Friis"),
        ("dorte", "Dorte", "Kjær"), ("emil", "Emil", "Holt"))  # fmt: skip
COMMENT = "Vi er blevet bedre til at dele læring fra fejl."
TITLE = "Kulturmåling vinter"


@pytest.fixture
def east(tree, lars):
    """Familiebehandling Øst with five employees, landmarks, and last spring's closed round."""
    unit = org_services.create_unit(
        organisation=tree.organisation, name="Familiebehandling Øst", kind="team",
        parent=tree.department,
    )  # fmt: skip
    team = []
    for username, first, last in TEAM:
        user = make_staff(tree.organisation, username, first, last)
        org_services.assign_role(user=user, unit=unit, kind=Role.Kind.EMPLOYEE)
        team.append(user)
    landmark = services.create_landmark(by=lars, unit=tree.department, theme="Teamsamarbejde")
    for text in ("Teamet er større end de enkelte medlemmer.", "Man kan stole på kolleger."):
        services.add_statement(by=lars, landmark=landmark, text=text)
    spring = survey_services.open_survey_round(
        by=lars, unit=unit, title="Kulturmåling forår", closes_on=timezone.localdate()
    )
    for user in team:
        answers = {item.pk: 2 for item in spring.items.all()}
        survey_services.answer_survey(by=user, survey=spring, answers=answers)
    survey_services.close_survey_round(by=lars, survey=spring)
    return unit, team


def _answer(page: Page, base: str, username: str, comment: str = "") -> None:
    log_in(page, base, username)
    page.goto(f"{base}/kultur/")
    page.locator("#my-surveys-heading").locator("..").get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    for fieldset in page.locator("form fieldset").all():
        fieldset.get_by_label("4", exact=True).check()
    if comment:
        page.get_by_label("Kommentar").fill(comment)
    page.get_by_role("button", name="Send mine svar").click()
    expect(page.get_by_text("Tak for dine svar. De er gemt uden dit navn.")).to_be_visible()
    expect(page.get_by_text("Du har svaret")).to_be_visible()
    log_out(page)


def test_five_employees_answer_and_the_leader_reads_the_results(
    live_server, page: Page, axe_check, screenshot, assert_no_js_errors, east
):
    base = live_server.url
    closes_on = timezone.localdate() + datetime.timedelta(days=14)

    # Lars opens the round from the culture overview.
    log_in(page, base, "lars")
    page.goto(f"{base}/kultur/")
    page.get_by_role("link", name="Åbn en kulturmåling").click()
    page.get_by_label("Enhed").select_option(label="Familiebehandling Øst")
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Lukker").fill(closes_on.isoformat())
    axe_check(page)
    page.get_by_role("button", name="Åbn runden").click()
    expect(page).to_have_url(re.compile(r"/kultur/maaling/\d+/$"))
    expect(
        page.get_by_text("Runden er åbnet. Alle i Familiebehandling Øst kan nu svare.")
    ).to_be_visible()
    round_url = page.url
    log_out(page)

    # Five employees answer; the first one also screenshots and checks the questionnaire.
    log_in(page, base, "anna")
    page.goto(f"{base}/kultur/")
    expect(page.get_by_role("heading", name="Mine spørgeskemaer")).to_be_visible()
    page.get_by_role("link", name=TITLE).click()
    axe_check(page)
    screenshot(page, "40-culture-survey-questionnaire")
    log_out(page)
    _answer(page, base, "anna", COMMENT)
    for username in ("bo", "carl", "dorte"):
        _answer(page, base, username)

    # Four answers: Lars sees neither results nor how many exactly.
    log_in(page, base, "lars")
    page.goto(round_url)
    expect(page.get_by_text("Færre end 5 har svaret.")).to_be_visible()
    expect(page.locator("[data-vega-spec]")).to_have_count(0)
    log_out(page)
    _answer(page, base, "emil")

    # Lars closes the round and reads the results.
    log_in(page, base, "lars")
    page.goto(round_url)
    expect(page.get_by_text("Resultaterne vises, når runden er lukket")).to_be_visible()
    page.get_by_role("button", name="Luk runden").click()
    expect(page.get_by_text("Runden er lukket.")).to_be_visible()
    expect(page.get_by_text("5 har svaret.")).to_be_visible()
    expect(page.locator('[data-vega-spec="distribution-spec"] svg')).to_be_visible()
    expect(
        page.get_by_role("cell", name="Teamet er større end de enkelte medlemmer.").or_(
            page.get_by_role("rowheader", name="Teamet er større end de enkelte medlemmer.")
        )
    ).to_be_visible()
    expect(page.get_by_text(COMMENT)).to_be_visible()
    expect(page.locator('[data-vega-spec="trend-spec"] svg')).to_be_visible()
    expect(page.locator('[data-vega-spec="trend-spec"] svg path').first).to_be_attached()
    axe_check(page)
    screenshot(page, "41-culture-survey-results")
    assert_no_js_errors()
