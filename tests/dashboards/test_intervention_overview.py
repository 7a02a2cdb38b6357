"""The intervention dashboard: hand-computed figures, suppression, permissions (see conftest)."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify
from openpyxl import load_workbook

from tests.conftest import make_course
from tests.dashboards.conftest import NAMES

pytestmark = pytest.mark.django_db


def url(intervention, query: str = "", excel: bool = False) -> str:
    return f"/overblik/indsats/{intervention.pk}/{'excel/' if excel else ''}{query}"


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def sheets(response) -> dict[str, list[list]]:
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in workbook}


def test_it_shows_the_key_figures_computed_by_hand(client_for, lars, caseload, intervention):
    # 8 citizens; 7 of 8 measured twice; improved n1 n2 n6 s1 = 4/7; clinical 5/7 → 2/7
    body = text_of(client_for(lars).get(url(intervention)))

    assert "Borgere 8" in body
    assert "Målt mindst 2 gange 87,5 %" in body
    assert "Pålideligt forbedret 57,1 %" in body
    assert "I klinisk område nu 28,6 % ved start: 71,4 %" in body
    assert "Seneste borgerfeedback 37,0" in body  # (7 × 38 + 30) / 8


def test_it_hides_syd_and_then_nord_so_syd_cannot_be_computed(
    client_for, lars, caseload, intervention
):
    # Syd has 2 citizens (< 5); 8 − Nord would give Syd away, so Nord is hidden too
    book = sheets(client_for(lars).get(url(intervention, excel=True)))

    rows = {row[0]: row for row in book["Forløb og målinger"][1:]}
    assert rows["Familiebehandling Syd"][1] == "færre end 5"
    assert rows["Familiebehandling Nord"][1] == "færre end 5"
    assert rows["I alt"][1:4] == [8, 8, 8]


def test_it_hides_the_same_cells_in_the_page_and_the_excel_file(
    client_for, lars, caseload, intervention
):
    client = client_for(lars)

    for query in ("", "?opdeling=koen", "?opdeling=alder", "?opdeling=faggruppe"):
        page = client.get(url(intervention, query)).content.decode()
        book = sheets(client.get(url(intervention, query, excel=True)))
        for title in ("Forløb og målinger", "Resultater"):
            section = page.split(f'<h2 id="{slugify(title)}">')[1].split("</table>")[0]
            for row in book[title][1:]:
                hidden = [v for v in row if v in ("færre end 5", "skjult")]
                label = re.escape(str(row[0]))
                cells = re.search(rf">{label}</(?:a></)?th>(.*?)</tr>", section, re.S)
                assert cells, (query, row[0])
                assert cells.group(1).count("lovende-suppressed") == len(hidden), (query, row)


def test_it_hides_a_small_gender_and_its_complement(client_for, lars, caseload, intervention):
    # kvinde 5, mand 3: mand is small, so kvinde is hidden too; the total of 8 stays
    book = sheets(client_for(lars).get(url(intervention, "?opdeling=koen", excel=True)))

    rows = {row[0]: row for row in book["Forløb og målinger"][1:]}
    assert rows["Mand"][1] == rows["Kvinde"][1] == "færre end 5"
    assert rows["I alt"][1] == 8


def test_it_answers_404_to_another_organisation(client_for, karin, caseload, intervention):
    assert client_for(karin).get(url(intervention)).status_code == 404
    assert client_for(karin).get(url(intervention, excel=True)).status_code == 404


@pytest.mark.parametrize("persona", ["mette", "sofie", "lars", "ida"])
def test_it_never_shows_a_citizen_name(client_for, request, caseload, intervention, persona):
    # covers ACL-03: aggregates only, for every role, on the page and in the export
    client = client_for(request.getfixturevalue(persona))

    for query in ("", "?opdeling=koen", "?opdeling=faggruppe", "?opdeling=alder"):
        for excel in (False, True):
            response = client.get(url(intervention, query, excel))
            body = response.content.decode("latin-1") if excel else response.content.decode()
            assert response.status_code == 200
            assert not [name for name in NAMES if name in body or name.split()[1] in body]
            assert not re.search(r"\b\d{6}-?\d{4}\b", body)


def test_it_shows_an_employee_only_their_own_unit(client_for, sofie, caseload, intervention):
    # Sofie's scope is Syd: 2 citizens, so the whole view is below the threshold
    body = text_of(client_for(sofie).get(url(intervention)))

    assert "Der er færre end 5 borgere i det valgte udsnit" in body


def test_it_explains_an_unknown_unit_and_shows_all_units(
    client_for, lars, karin, caseload, intervention
):
    foreign = karin.roles.get().unit_id

    for unit in (999_999, foreign, "abc"):
        response = client_for(lars).get(url(intervention, f"?enhed={unit}"))

        assert response.status_code == 200
        assert "Enheden findes ikke, eller du ser ikke tal for den." in text_of(response)
        assert "Borgere 8" in text_of(response)


def test_it_explains_a_period_that_ends_before_it_starts(client_for, lars, caseload, intervention):
    response = client_for(lars).get(url(intervention, "?fra=2025-06-01&til=2025-01-01"))

    assert response.status_code == 200
    assert "Slutdatoen ligger før startdatoen" in text_of(response)


def test_it_shows_an_honest_empty_state_for_an_intervention_without_courses(
    client_for, lars, intervention, ors
):
    page = client_for(lars).get(url(intervention))
    export = client_for(lars).get(url(intervention, excel=True))

    assert page.status_code == 200
    assert "Der er ingen forløb i indsatsen" in text_of(page)
    assert export.status_code == 200


def test_it_filters_on_a_unit_and_keeps_the_tree_suppression(
    client_for, lars, tree, caseload, intervention
):
    # Nord alone has 6 citizens, but the tree hid Nord (else Syd = 8 − 6): it stays hidden
    body = text_of(client_for(lars).get(url(intervention, f"?enhed={tree.nord.pk}")))

    assert "Der er færre end 5 borgere i det valgte udsnit" in body


def queries_for(client, intervention) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url(intervention, "?opdeling=faggruppe")).status_code == 200
    return len(captured)


def test_it_runs_the_same_number_of_queries_for_1_and_20_courses(
    client_for, lars, mette, tree, intervention, ors, srs
):
    client = client_for(lars)
    make_course(mette, intervention, tree.nord)
    one = queries_for(client, intervention)

    for number in range(19):
        make_course(mette, intervention, tree.nord, "Borger", f"Nummer{number}")
    twenty = queries_for(client, intervention)

    assert one == twenty
    assert twenty <= 19  # 18, plus one grouped query for recent observations by kind
