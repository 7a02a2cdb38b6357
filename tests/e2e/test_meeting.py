"""A whole intervention meeting in a real browser: pack, minutes, follow-up, development point.

Lars (afdelingsleder over Familiebehandling) opens today's meeting of the intervention's
reflection forum, forms the data pack and reads it, goes back, records who came, writes a
reflection item in the minutes, agrees a follow-up with Mette as owner and creates a development
point. On the forum's next meeting the open follow-up is carried over. axe-core checks every page.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.dashboards.conftest import CASES, add_case
from tests.e2e.test_journey import log_in
from tests.reflection.conftest import days_ago, make_forum, past_meetings

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOLLOW_UP = "Mette samler erfaringer med afsluttende ORS-samtaler til næste møde."
REFLECTION = "Drøftede, hvorfor færre drenge end piger rykker sig på ORS i Nord."
POINT = "Fast ORS-samtale ved afslutning"


@pytest.fixture
def meetings(tree, intervention, lars, mette, sofie, ors, srs):
    """Today's meeting and the next one, 13 weeks on, with a caseload behind the figures."""
    units = {"Nord": (tree.nord, mette), "Syd": (tree.syd, sofie)}
    for unit, first, last, gender, scores, srs_total in CASES:
        team, by = units[unit]
        add_case(by, intervention, team, first, last, gender, scores, srs_total, ors, srs)
    forum = make_forum(lars, intervention, participants=[lars, mette, sofie])
    return past_meetings(lars, forum, count=2, first=days_ago(0))


def test_leader_runs_an_intervention_meeting_and_the_follow_up_carries_over(
    live_server, page: Page, axe_check, screenshot, assert_no_js_errors, meetings
):
    base = live_server.url
    meeting, following = meetings
    log_in(page, base, "lars")

    # The meeting page: agenda, no pack yet, nothing carried over.
    response = page.goto(f"{base}/refleksion/moede/{meeting.pk}/")
    assert response is not None
    assert response.status == 200
    expect(page.get_by_role("heading", name="Dagsorden")).to_be_visible()
    expect(page.get_by_text("Der er ikke dannet en datapakke til mødet.")).to_be_visible()
    axe_check(page)
    screenshot(page, "10-meeting")

    # Form the data pack; it opens at once.
    page.get_by_role("button", name="Dan datapakke").click()
    expect(page).to_have_url(re.compile(r"/refleksion/datapakke/\d+/$"))
    expect(
        page.get_by_role("heading", name="Datapakke: Fagligt refleksionsmøde", level=1)
    ).to_be_visible()
    expect(page.get_by_text("Datapakken er dannet og frosset.")).to_be_visible()
    expect(page.get_by_role("table").first).to_be_visible()
    expect(page.get_by_role("table").first.locator("tbody tr").first).to_be_visible()
    axe_check(page)
    screenshot(page, "11-data-pack-page")

    # Back to the meeting, which now links to the pack.
    page.get_by_role("link", name="Tilbage til mødet").click()
    expect(page).to_have_url(re.compile(rf"/refleksion/moede/{meeting.pk}/"))
    expect(
        page.get_by_role("link", name=re.compile(r"^Datapakke dannet .* af Lars Bech"))
    ).to_be_visible()

    # Attendance: Lars and Mette came, Sofie did not.
    attendance = page.locator("#fremmoede")
    attendance.get_by_role("checkbox", name="Lars Bech").check()
    attendance.get_by_role("checkbox", name="Mette Holm").check()
    attendance.get_by_role("checkbox", name="Sofie Lund").uncheck()
    attendance.get_by_role("button", name="Gem fremmøde").click()
    expect(page.get_by_text("Fremmødet er gemt.")).to_be_visible()
    attendance = page.locator("#fremmoede")
    expect(attendance.get_by_role("checkbox", name="Lars Bech")).to_be_checked()
    expect(attendance.get_by_role("checkbox", name="Mette Holm")).to_be_checked()
    expect(attendance.get_by_role("checkbox", name="Sofie Lund")).not_to_be_checked()

    # A reflection item in the minutes.
    minutes = page.locator("#referat")
    minutes.get_by_text("Tilføj punkt til referatet").click()
    minutes.get_by_label("Type").select_option(label="Refleksion over data")
    minutes.get_by_label("Minutter").fill("45")
    minutes.get_by_label("Referat", exact=True).fill(REFLECTION)
    minutes.get_by_role("button", name="Tilføj").click()
    expect(page.get_by_text("Punktet er tilføjet referatet.")).to_be_visible()
    minutes = page.locator("#referat")
    expect(minutes.get_by_text(REFLECTION)).to_be_visible()
    expect(minutes.get_by_text("Refleksion over data: 45 min. (100 %)")).to_be_visible()

    # A follow-up with Mette as owner.
    follow_ups = page.locator("section[aria-labelledby='follow-up-heading']")
    follow_ups.get_by_text("Tilføj opfølgningspunkt").click()
    follow_ups.get_by_label("Opfølgning", exact=True).fill(FOLLOW_UP)
    follow_ups.get_by_label("Ansvarlig").select_option(label="Mette Holm")
    follow_ups.get_by_role("button", name="Tilføj").click()
    expect(page.get_by_text("Opfølgningen er tilføjet.")).to_be_visible()
    follow_ups = page.locator("section[aria-labelledby='follow-up-heading']")
    expect(follow_ups.get_by_text(FOLLOW_UP)).to_be_visible()
    expect(follow_ups.locator(".reflection-minutes").get_by_text("Mette Holm")).to_be_visible()

    # A development point.
    points = page.locator("#udviklingspunkter")
    points.get_by_text("Opret udviklingspunkt").click()
    points.get_by_label("Udviklingspunkt", exact=True).fill(POINT)
    points.get_by_label("Beskrivelse").fill("Drengene i Nord rykker sig mindre end pigerne.")
    points.get_by_role("button", name="Opret").click()
    expect(page.get_by_text("Udviklingspunktet er oprettet.")).to_be_visible()
    points = page.locator("#udviklingspunkter")
    expect(points.get_by_text(POINT)).to_be_visible()
    expect(points.get_by_text("Åben", exact=True)).to_be_visible()
    axe_check(page)
    screenshot(page, "10-meeting-after")

    # The next meeting carries the open follow-up over.
    page.get_by_role("link", name="Næste møde").click()
    expect(page).to_have_url(re.compile(rf"/refleksion/moede/{following.pk}/$"))
    carried = page.locator("#opfoelgning")
    expect(carried.get_by_text(FOLLOW_UP)).to_be_visible()
    expect(carried.get_by_text("Åben", exact=True)).to_be_visible()
    expect(carried.get_by_text(re.compile(r"Mette Holm · fra mødet"))).to_be_visible()
    expect(page.get_by_role("link", name="Forrige møde")).to_be_visible()
    axe_check(page)
    screenshot(page, "12-next-meeting")

    assert_no_js_errors()
