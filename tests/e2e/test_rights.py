"""Rectification and restriction in a real browser (GDPR art. 16 and 18, SECURITY PRIV-03).

Mette corrects a citizen's surname and sees the old one in the change history; the
administrator finds the citizen by CPR number and restricts the processing with a reason; Mette
then sees the banner, and her new observation is refused in Danish. axe checks every page.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from lovende.citizens.models import Citizen
from tests.e2e.test_journey import log_in, log_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
REASON = "Forælderen bestrider oplysningernes rigtighed (art. 18, stk. 1, litra a)."


def test_a_correction_is_kept_and_a_restriction_stops_every_change(
    live_server, page: Page, axe_check, screenshot, assert_no_js_errors, mette, ida, nord_course
):
    # covers PRIV-03 (art. 16 history, art. 18 restriction) and PRIV-02 (CPR masked in the form)
    base, citizen = live_server.url, nord_course.citizen
    log_in(page, base, "mette")
    page.goto(f"{base}/borgere/{citizen.pk}/")
    page.get_by_role("link", name="Ret oplysninger").click()
    expect(page.get_by_role("textbox", name="CPR-nummer")).to_have_value("")
    expect(page.get_by_text("Nu: 010315-****")).to_be_visible()
    axe_check(page)
    page.get_by_label("Efternavn").fill("Mikkelsen-Storm")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", name="Freja Mikkelsen-Storm")).to_be_visible()
    history = page.get_by_role("table", name="Ændringshistorik")
    expect(
        history.get_by_role("row", name=re.compile("Efternavn Mikkelsen Mikkelsen-Storm"))
    ).to_be_visible()
    axe_check(page)
    screenshot(page, "rights-01-change-history")
    log_out(page)

    log_in(page, base, "ida")
    page.get_by_role("link", name="Persondata").click()
    page.get_by_label("CPR-nummer").fill("010315-4234")
    page.get_by_role("button", name="Find borger").click()
    expect(page.get_by_role("heading", name=re.compile("Borgerens rettigheder"))).to_be_visible()
    page.get_by_label("Begrundelse").fill(REASON)
    page.get_by_role("button", name="Begræns behandlingen").click()
    expect(page.get_by_text("Behandlingen er begrænset. Borgerens oplysninger")).to_be_visible()
    expect(page.get_by_role("button", name="Ophæv begrænsningen")).to_be_visible()
    axe_check(page)
    screenshot(page, "rights-02-restricted")
    assert Citizen.objects.get(pk=citizen.pk).restriction_reason == REASON
    log_out(page)

    log_in(page, base, "mette")
    page.goto(f"{base}/borgere/forloeb/{nord_course.pk}/")
    expect(page.get_by_text("Behandlingen er begrænset (art. 18)")).to_be_visible()
    expect(page.get_by_role("link", name="Ret forløb")).to_have_count(0)
    axe_check(page)
    screenshot(page, "rights-03-banner")
    page.goto(f"{base}/borgere/forloeb/{nord_course.pk}/observation/")
    page.get_by_label("Dato").fill("2025-02-03")
    page.get_by_label("Observation").fill("Mor fortæller om en god uge.")
    page.get_by_role("button", name="Gem").click()
    expect(
        page.get_by_text(re.compile("begrænset \\(databeskyttelsesforordningens art. 18\\)"))
    ).to_be_visible()
    assert nord_course.observations.count() == 0
    axe_check(page)
    assert_no_js_errors()
