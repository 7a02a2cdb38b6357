"""Recent observations by kind on the intervention dashboard (dashboards/observations.py)."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from lovende.citizens import services as citizen_services
from lovende.dashboards import observations

pytestmark = pytest.mark.django_db


def observe(by, course, kind: str, days_ago: int) -> None:
    citizen_services.record_observation(
        by=by, context=None, course=course, kind=kind, text="Set i hjemmet.",
        observed_on=timezone.localdate() - datetime.timedelta(days=days_ago),
    )  # fmt: skip


def rows_of(table) -> dict[str, list[str]]:
    return {row[0].text: [v.text for v in row[1:]] for row in table.rows}


def test_it_hides_a_small_kind_and_the_next_smallest_beside_a_shown_total():
    counts = {"trivsel": (9, 6), "bekymring": (3, 2), "ressource": (5, 5), "relationer": (8, 7)}

    rows = rows_of(observations.kind_table(counts, k=5))

    assert rows["Bekymring"] == ["færre end 5", "færre end 5"]
    assert rows["Ressource"] == ["færre end 5", "færre end 5"]  # else 25 − 17 gives Bekymring
    assert rows["Trivsel"] == ["9", "6"]
    assert rows["Relationer og netværk"] == ["8", "7"]
    assert rows["Andet"] == ["0", "0"]
    assert rows["I alt"] == ["25", "–"]


def test_it_hides_the_total_when_the_kinds_are_all_small():
    rows = rows_of(observations.kind_table({"trivsel": (4, 2), "bekymring": (2, 1)}, k=5))

    assert rows["I alt"][0] == "færre end 5"
    assert rows["Trivsel"][0] == rows["Bekymring"][0] == "færre end 5"


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert observations.months_before(datetime.date(2026, 5, 31), 3) == datetime.date(2026, 2, 28)
    assert observations.months_before(datetime.date(2026, 1, 15), 3) == datetime.date(2025, 10, 15)


def test_the_dashboard_counts_the_last_three_months_by_citizen(
    client_for, lars, mette, sofie, caseload, intervention
):
    nord, syd = caseload[:6], caseload[6:]
    for course in nord:
        observe(mette, course, "trivsel", 10)
        observe(mette, course, "trivsel", 20)
    observe(mette, nord[0], "bekymring", 5)
    observe(mette, nord[2], "bekymring", 5)
    observe(mette, nord[1], "bekymring", 200)  # older than three months: not counted
    for course in syd:
        observe(sofie, course, "ressource", 5)

    response = client_for(lars).get(f"/overblik/indsats/{intervention.pk}/excel/")

    book = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = {row[0]: list(row[1:]) for row in book["Observationer"].iter_rows(values_only=True)}
    assert rows["Trivsel"] == [12, 6]
    assert rows["Bekymring"] == rows["Ressource"] == ["færre end 5", "færre end 5"]
    assert rows["I alt"] == [16, "–"]


def test_the_dashboard_page_shows_the_table(client_for, lars, caseload, intervention):
    page = client_for(lars).get(f"/overblik/indsats/{intervention.pk}/").content.decode()

    assert "Seneste observationer efter type (3 måneder)" in page
