"""Scaling a unit in a real browser: stages, adaptations and the quality team.

Susanne (teamleder, Familiebehandling Syd) takes her unit from exploration to initial
implementation in two moves, each with what moved it. Sofie (employee in Syd) proposes two local
adaptations: one within an adaptable element, which Susanne approves in the unit, and one that
touches a core element, which goes to the quality team and which Susanne cannot decide. Lars,
the quality team's leader, finds it waiting for the team. axe-core checks every page.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from lovende.improvement import services as improvement_services
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from lovende.scaling import plans
from lovende.scaling.models import Description, Element
from tests.conftest import make_staff
from tests.e2e.test_journey import log_in, log_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ELEMENTS = (
    ("ors-srs", Element.Kind.CORE, "ORS og SRS i hver samtale"),
    ("hjemmebesoeg", Element.Kind.CORE, "Hjemmebesøg"),
    ("moedested", Element.Kind.ADAPTABLE, "Mødested"),
)
LOCAL = "Nogle samtaler holdes i Familiehuset, når hjemmet er for uroligt."
CORE = "De første tre hjemmebesøg sammen med sundhedsplejersken."


@pytest.fixture
def target(tree, intervention, lars, ida, sofie):
    description = Description.objects.create(
        intervention=intervention, version=1, target_group="Familier", goals="Trivsel",
        created_by=ida,
    )  # fmt: skip
    for order, (key, kind, name) in enumerate(ELEMENTS):
        Element.objects.create(description=description, key=key, kind=kind, name=name, order=order)
    team = improvement_services.create_team(by=lars, intervention=intervention, name="KT")
    improvement_services.add_member(
        by=lars, team=team, user=lars, role="teamleder", position="leder"
    )
    plan = plans.create_plan(
        by=lars, intervention=intervention, name="Familiebehandling til Syd",
        pilot_units=[tree.nord], quality_team=team, **plans.frame_prefill(intervention),
    )  # fmt: skip
    susanne = make_staff(tree.organisation, "susanne", "Susanne", "Vind")
    org_services.assign_role(user=susanne, unit=tree.syd, kind=Role.Kind.LEADER, management_level=4)
    return plans.add_target(by=lars, plan=plan, unit=tree.syd)


def move_stage(page: Page, stage: str, reason: str) -> None:
    page.locator("summary", has_text="Flyt fasen").click()
    page.get_by_label("Ny fase").select_option(label=stage)
    page.get_by_label("Hvad flyttede enheden?").fill(reason)
    page.locator("form[action$='/fase/'] button[type=submit]").click()
    expect(page.get_by_text(f"Familiebehandling Syd er nu i fasen {stage}.")).to_be_visible()


def propose(page: Page, element: str, proposal: str) -> None:
    page.locator("summary", has_text="Foreslå en tilpasning").click()
    page.get_by_label("Hvilket element vil I tilpasse?").select_option(label=element)
    page.get_by_label("Hvad vil I gøre anderledes?").fill(proposal)
    page.get_by_role("button", name="Foreslå tilpasningen").click()


def test_a_unit_moves_to_initial_implementation_and_adaptations_are_decided(
    live_server, page: Page, axe_check, screenshot, assert_no_js_errors, target
):
    url = f"{live_server.url}/skalering/enhed/{target.pk}/"

    # Susanne moves Syd twice, each time saying what moved it.
    log_in(page, live_server.url, "susanne")
    page.goto(url)
    expect(page.get_by_role("heading", name="Familiebehandling Syd", level=1)).to_be_visible()
    axe_check(page)
    move_stage(page, "Installation", "Alle har været på ORS/SRS-kursus.")
    move_stage(page, "Indledende implementering", "De første familier er i gang.")
    timeline = page.locator("#fase ol")
    expect(timeline.get_by_text("Alle har været på ORS/SRS-kursus.")).to_be_visible()
    expect(timeline.locator("li")).to_have_count(3)
    axe_check(page)
    log_out(page)

    # Sofie proposes one adaptation within an adaptable element and one touching the core.
    log_in(page, live_server.url, "sofie")
    page.goto(url)
    propose(page, "Mødested", LOCAL)
    expect(page.get_by_text("Tilpasningen er foreslået. Enhedens leder afgør den.")).to_be_visible()
    propose(page, "Hjemmebesøg", CORE)
    expect(page.get_by_text("er sendt til kvalitetsteamet")).to_be_visible()
    axe_check(page)
    log_out(page)

    # Susanne approves the local one; the core one is not hers to decide.
    log_in(page, live_server.url, "susanne")
    page.goto(f"{url}#tilpasninger")
    local = page.locator("article", has_text=LOCAL)
    local.get_by_label("Godkend").check()
    local.get_by_role("button", name="Gem beslutning").click()
    expect(page.get_by_text("Tilpasningen er godkendt.")).to_be_visible()
    expect(page.locator("article", has_text=LOCAL).get_by_text("Godkendt")).to_be_visible()
    core = page.locator("article", has_text=CORE)
    expect(core.get_by_text("Sendt til kvalitetsteamet")).to_be_visible()
    expect(core.get_by_role("button", name="Gem beslutning")).to_have_count(0)
    axe_check(page)
    screenshot(page, "40-scaling-target")
    log_out(page)

    # Lars finds the core change waiting for the quality team.
    log_in(page, live_server.url, "lars")
    page.goto(f"{live_server.url}/skalering/plan/{target.plan_id}/kvalitetsteam/")
    expect(page.get_by_text(CORE)).to_be_visible()
    expect(page.get_by_text(LOCAL)).to_have_count(0)
    axe_check(page)
    page.goto(f"{live_server.url}/skalering/plan/{target.plan_id}/overblik/")
    expect(page.get_by_role("table")).to_contain_text("Indledende implementering")
    expect(page).to_have_url(re.compile(r"/overblik/$"))
    axe_check(page)
    screenshot(page, "41-scaling-overview")
    assert_no_js_errors()
