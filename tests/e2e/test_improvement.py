"""Improvement work in a real browser: from a development point to a run chart with a shift.

Lars (afdelingsleder over Familiebehandling) writes a development point on the intervention's
page, makes it an improvement initiative, plans and runs a first trial (adapted), plans a second,
adds a measure, pastes twenty weekly values and reads the run chart: a shift after the trials,
called an improvement because higher is better, with the trials drawn on the chart. axe-core
checks every page.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from lovende.improvement.models import Initiative, Trial
from tests.e2e.test_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

POINT = "Flere målinger i opstarten"
LOW = [52, 55, 50, 58, 54, 51, 56, 53, 55, 50]
HIGH = [71, 75, 73, 78, 74, 76, 72, 77, 75, 79]


def _day(weeks_ago: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(weeks=weeks_ago)


def _dmy(day: datetime.date) -> str:
    return day.strftime("%d-%m-%Y")


def _plan_trial(page: Page, title: str, start: datetime.date, prediction: str) -> None:
    page.get_by_label("Hvad afprøver vi?").fill(title)
    page.get_by_label("Hvem gør hvad?").fill("Mette og Sofie")
    page.get_by_label("Fra").fill(start.isoformat())
    page.get_by_label("Til").fill((start + datetime.timedelta(weeks=3)).isoformat())
    page.get_by_label("Forudsigelse: Hvad forventer vi sker?").fill(prediction)
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


def test_leader_goes_from_a_development_point_to_a_run_chart_with_a_shift(
    live_server, page: Page, axe_check, screenshot, assert_no_js_errors, intervention, lars
):
    base = live_server.url
    log_in(page, base, "lars")

    # A development point written directly on the intervention's page.
    page.goto(f"{base}/refleksion/indsats/{intervention.pk}/")
    points = page.locator("#udviklingspunkter ~ details")
    points.get_by_text("Skriv et udviklingspunkt direkte").click()
    points.get_by_label("Udviklingspunkt", exact=True).fill(POINT)
    points.get_by_label("Beskrivelse").fill("Vi måler for sjældent de første uger.")
    points.get_by_role("button", name="Opret udviklingspunkt").click()
    expect(page.get_by_text("Udviklingspunktet er oprettet.")).to_be_visible()
    axe_check(page)

    # It becomes an initiative, answering the Model for Improvement's questions.
    page.get_by_role("link", name="Gør til forbedringstiltag").click()
    expect(page.get_by_label("Titel")).to_have_value(POINT)
    page.get_by_label("Hvornår skal målet være nået?").fill(
        (timezone.localdate() + datetime.timedelta(days=120)).isoformat()
    )
    page.get_by_label("Procesmål").fill("Andel sessioner med ORS registreret.")
    page.get_by_role("button", name=re.compile("^(Opret|Gem)")).first.click()
    expect(page.get_by_text("Udviklingspunktet er gjort til et forbedringstiltag.")).to_be_visible()
    expect(page.get_by_role("heading", name=POINT, level=1)).to_be_visible()
    initiative = Initiative.objects.get(title=POINT)
    axe_check(page)

    # The first trial: plan, do, study, act (adapt).
    page.get_by_role("link", name="Ny afprøvning").click()
    _plan_trial(page, "ORS som første punkt", _day(10), "Flere sessioner får en ORS.")
    axe_check(page)
    page.get_by_label("Hvad skete der?").fill("Gennemført i tre uger.")
    page.get_by_role("button", name="Gem udførelsen").click()
    page.get_by_label("Hvad viser data holdt op mod forudsigelsen?").fill("Lidt flere målinger.")
    page.get_by_role("button", name="Gem studiet").click()
    page.get_by_label("Tilpas og afprøv igen").check()
    page.get_by_label("Hvad lærte vi?").fill(
        "Det hjælper, men glemmes, når familien er sent på den."
    )
    page.get_by_role("button", name="Gem beslutningen").click()
    expect(page.get_by_text("Det hjælper, men glemmes").first).to_be_visible()
    axe_check(page)
    screenshot(page, "20-trial-decided")

    # The second cycle builds on the first.
    page.get_by_role("link", name="Planlæg næste afprøvning").click()
    _plan_trial(page, "Påmindelse på tabletten", _day(6), "Også travle dage får en ORS.")
    assert list(initiative.trials.values_list("number", "decision")) == [
        (1, Trial.Decision.ADAPT),
        (2, ""),
    ]

    # A measure with twenty weekly values pasted in: ten before the trials, ten after.
    page.goto(f"{base}/forbedring/tiltag/{initiative.pk}/")
    page.get_by_role("link", name="Ny måling").click()
    page.get_by_label("Navn").fill("Andel sessioner med ORS")
    page.get_by_label("Type mål").select_option(label="Procesmål")
    page.get_by_label("Forbedring er").select_option(label="Højere er bedre")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_role("heading", name="Andel sessioner med ORS", level=1)).to_be_visible()
    lines = [f"{_dmy(_day(19 - week))};{value}" for week, value in enumerate(LOW + HIGH)]
    page.get_by_label("Værdier, én pr. linje").fill("\n".join(lines))
    page.get_by_role("button", name="Gem alle værdier").click()

    # The run chart: a shift, an improvement, with both trials drawn on it.
    expect(
        page.get_by_text(re.compile(r"^Skift: 10 punkter i træk over midterlinjen"))
    ).to_be_visible()
    expect(page.get_by_text(re.compile(r"Skift: .* – en forbedring\."))).to_be_visible()
    chart = page.locator(".lovende-chart svg").first
    expect(chart).to_be_visible()
    expect(chart.get_by_text("Afprøvning 1")).to_be_visible()
    expect(chart.get_by_text("Afprøvning 2")).to_be_visible()
    assert initiative.measures.get().values.count() == len(LOW + HIGH)
    axe_check(page)
    screenshot(page, "21-run-chart-shift")

    # The initiative page shows the chart and the two cycles in order.
    page.get_by_role("link", name=POINT).first.click()
    expect(page.get_by_role("heading", name="Målinger over tid")).to_be_visible()
    trials = page.locator("#afproevninger")
    expect(trials.get_by_role("link", name="ORS som første punkt")).to_be_visible()
    expect(trials.get_by_role("link", name="Påmindelse på tabletten")).to_be_visible()
    axe_check(page)
    screenshot(page, "22-initiative")

    assert_no_js_errors()
