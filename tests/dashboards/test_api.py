"""The dashboards' JSON API: the page's figures, suppressed alike, for the same users (SDC-01)."""

import pytest

from tests.dashboards.conftest import NAMES
from tests.dashboards.test_intervention_overview import sheets, url

SPLITS = ("", "?opdeling=koen", "?opdeling=alder", "?opdeling=faggruppe", "?opdeling=enhed")


def api(intervention, query: str = "") -> str:
    return f"/api/v1/overblik/indsats/{intervention.pk}{query}"


def shown(cell: dict) -> object:
    """A cell as the Excel file holds it: its number when it has one, else its text."""
    return cell["text"] if cell["number"] is None else cell["number"]


@pytest.mark.parametrize("query", SPLITS)
def test_it_gives_the_excel_files_figures_cell_for_cell(
    client_for, lars, caseload, intervention, query
):
    # covers SDC-01: the API and the Excel file show and hide the same cells for the same filter
    client = client_for(lars)

    tables = client.get(api(intervention, query)).json()["tables"]
    book = sheets(client.get(url(intervention, query, excel=True)))

    by_key = {table["key"]: table for table in tables}
    for title in ("Forløb og målinger", "Resultater"):
        table = by_key[title]
        assert [table["header"], *([shown(c) for c in row] for row in table["rows"])] == book[title]
        hidden = [c for row in table["rows"] for c in row if c["hidden"]]
        assert all(c["number"] is None for c in hidden)  # a hidden figure never travels


def test_it_hides_a_small_gender_and_its_complement(client_for, lars, caseload, intervention):
    # kvinde 5, mand 3: as on the page, mand is small and kvinde is hidden with it
    tables = client_for(lars).get(api(intervention, "?opdeling=koen")).json()["tables"]

    rows = {
        row[0]["text"]: row
        for row in next(t for t in tables if t["key"] == "Forløb og målinger")["rows"]
    }
    assert rows["Mand"][1] == {"text": "færre end 5", "number": None, "hidden": True}
    assert rows["Kvinde"][1]["hidden"]
    assert rows["I alt"][1]["number"] == 8


def test_it_never_names_a_citizen(client_for, lars, caseload, intervention):
    body = client_for(lars).get(api(intervention, "?opdeling=enhed")).content.decode()

    assert not [name for name in NAMES if name.split()[0] in body]


def test_it_answers_401_without_a_login(client, caseload, intervention):
    # covers ACL-01
    assert client.get(api(intervention)).status_code == 401
    assert client.get("/api/v1/overblik/organisation").status_code == 401


def test_it_answers_404_out_of_reach(client_for, karin, mette, caseload, intervention):
    # covers ACL-04: another organisation's intervention, and the organisation level for staff
    assert client_for(karin).get(api(intervention)).status_code == 404
    assert client_for(mette).get("/api/v1/overblik/organisation").status_code == 404


def test_it_refuses_a_bad_filter_in_danish(client_for, lars, caseload, intervention):
    response = client_for(lars).get(api(intervention, "?fra=i-går"))

    assert response.status_code == 400
    assert "gyldig dato" in response.json()["detail"]


def test_it_gives_the_organisation_level_to_a_leader(client_for, lars, caseload, intervention):
    body = client_for(lars).get("/api/v1/overblik/organisation").json()

    side = next(t for t in body["tables"] if t["key"] == "Indsatser")
    assert side["rows"][0][0]["text"] == intervention.name
