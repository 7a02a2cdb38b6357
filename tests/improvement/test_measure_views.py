"""The measures' pages: who may see and change them, the forms, the chart on the pages."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from lovende.improvement import measures
from lovende.improvement.models import Measure, MeasureValue
from tests.improvement.conftest import make_initiative

D = datetime.date


@pytest.fixture
def measure(lars, initiative):
    measure = measures.create_measure(
        by=lars, initiative=initiative, name="Ventetid i dage", kind="resultat", direction="ned"
    )
    measures.set_values(
        by=lars, measure=measure, rows=measures.parse_values("01-01-2026;12\n01-02-2026;10")
    )
    return measure


def url(name, *args):
    return reverse(f"improvement:{name}", args=args)


def test_it_shows_a_measure_to_a_reader_in_the_organisation(client_for, mette, measure):
    response = client_for(mette).get(url("measure_detail", measure.pk))

    assert response.status_code == 200
    assert "Ventetid i dage" in response.content.decode()
    assert 'data-vega-spec="measure-chart-' in response.content.decode()
    assert "Tilføj en værdi" not in response.content.decode()  # readers get no forms


def test_it_hides_a_measure_from_another_organisation(client_for, karin, measure):
    # covers ACL-02: the same answer as a measure that does not exist
    assert client_for(karin).get(url("measure_detail", measure.pk)).status_code == 404
    assert client_for(karin).get(url("export_measure", measure.pk)).status_code == 404


def test_it_sends_anonymous_visitors_to_login(client, measure):
    # covers ACL-01
    response = client.get(url("measure_detail", measure.pk))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("create_measure", "initiative"),
        ("update_measure", "measure"),
        ("delete_measure", "measure"),
        ("add_value", "measure"),
        ("set_values", "measure"),
    ],
)
def test_readers_may_not_change_measures(client_for, mette, measure, name, target):
    # covers ACL-02: read-only is 403
    pk = measure.initiative_id if target == "initiative" else measure.pk

    response = client_for(mette).post(url(name, pk), {"text": "01-03-2026;4", "name": "X"})

    assert response.status_code == 403
    assert Measure.objects.filter(pk=measure.pk, name="Ventetid i dage").exists()
    assert measure.values.count() == 2


def test_readers_may_not_delete_a_value(client_for, mette, measure):
    value = measure.values.first()

    assert client_for(mette).post(url("delete_value", value.pk)).status_code == 403
    assert client_for(mette).get(url("delete_value", value.pk)).status_code == 403
    assert MeasureValue.objects.filter(pk=value.pk).exists()


def test_other_organisations_get_404_on_changes(client_for, karin, measure):
    value = measure.values.first()

    assert client_for(karin).post(url("add_value", measure.pk), {}).status_code == 404
    assert client_for(karin).post(url("delete_value", value.pk)).status_code == 404
    assert client_for(karin).post(url("create_measure", measure.initiative_id)).status_code == 404


def test_a_manager_creates_a_derived_measure(client_for, lars, initiative, ors):
    response = client_for(lars).post(
        url("create_measure", initiative.pk),
        {
            "name": "Gennemsnitlig ORS",
            "kind": "resultat",
            "source": "gennemsnit",
            "instrument": ors.pk,
            "chart_type": "i",
            "direction": "op",
            "multiply": "1",
            "phase_starts": "01-03-2026, 2026-09-01",
        },
    )

    measure = Measure.objects.get(name="Gennemsnitlig ORS")
    assert response.status_code == 302
    assert response["Location"] == url("measure_detail", measure.pk)
    assert measure.phase_starts == ["2026-03-01", "2026-09-01"]
    page = client_for(lars).get(url("measure_detail", measure.pk)).content.decode()
    assert "Opdateres automatisk fra Lovendes data" in page
    assert "Tilføj en værdi" not in page


def test_the_form_answers_422_in_danish(client_for, lars, initiative):
    response = client_for(lars).post(
        url("create_measure", initiative.pk),
        {
            "name": "X",
            "kind": "proces",
            "source": "gennemsnit",
            "chart_type": "run",
            "multiply": "0",
        },
    )

    assert response.status_code == 422
    assert "Vælg det måleredskab" in response.content.decode()
    assert not Measure.objects.exists()


def test_a_manager_adds_one_value_with_a_decimal_comma(client_for, lars, measure):
    response = client_for(lars).post(
        url("add_value", measure.pk), {"period": "2026-03-01", "value": "8,5", "note": "=1+1"}
    )

    assert response.status_code == 302
    assert measure.values.get(period=D(2026, 3, 1)).value == 8.5


def test_a_wrong_pasted_line_saves_nothing(client_for, lars, measure):
    response = client_for(lars).post(
        url("set_values", measure.pk), {"text": "01-03-2026;4\n31-02-2026;5"}
    )

    assert response.status_code == 422
    assert "Linje 2: datoen 31-02-2026 findes ikke." in response.content.decode()
    assert measure.values.count() == 2


def test_a_manager_pastes_many_values(client_for, lars, measure):
    response = client_for(lars).post(
        url("set_values", measure.pk), {"text": "01-03-2026;4\n01-04-2026;5,5"}
    )

    assert response.status_code == 302
    assert measure.values.count() == 4


def test_a_manager_deletes_a_value_after_confirming(client_for, lars, measure):
    value = measure.values.first()
    client = client_for(lars)

    assert "Vil du slette værdien" in client.get(url("delete_value", value.pk)).content.decode()
    assert client.post(url("delete_value", value.pk)).status_code == 302
    assert not MeasureValue.objects.filter(pk=value.pk).exists()


def test_a_manager_deletes_a_measure_after_confirming(client_for, lars, measure):
    client = client_for(lars)

    assert (
        "Vil du slette målingen" in client.get(url("delete_measure", measure.pk)).content.decode()
    )
    response = client.post(url("delete_measure", measure.pk))

    assert response["Location"] == url("initiative_detail", measure.initiative_id)
    assert not Measure.objects.exists()


def test_a_manager_edits_a_measure(client_for, lars, measure):
    page = client_for(lars).get(url("update_measure", measure.pk))
    response = client_for(lars).post(
        url("update_measure", measure.pk),
        {"name": "Ventetid", "kind": "resultat", "source": "manuel", "chart_type": "i",
         "direction": "ned", "multiply": "1", "baseline_end": "2026-01-31"},
    )  # fmt: skip

    assert page.status_code == 200
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.name, measure.chart_type, measure.baseline_end) == (
        "Ventetid", "i", D(2026, 1, 31)
    )  # fmt: skip


def test_the_excel_export_writes_text_never_as_a_formula(client_for, lars, mette, measure):
    # covers FILE-03
    client_for(lars).post(
        url("add_value", measure.pk), {"period": "2026-03-01", "value": "8", "note": "=1+1"}
    )

    response = client_for(mette).get(url("export_measure", measure.pk))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Dato", "Værdi", "Tæller", "Nævner", "Note")
    assert rows[-1][1] == 8
    assert rows[-1][4] == "'=1+1"


def test_the_initiative_page_shows_the_measures_with_their_charts(client_for, mette, measure):
    page = client_for(mette).get(url("initiative_detail", measure.initiative_id)).content.decode()

    assert "Målinger over tid" in page
    assert f'id="measure-chart-{measure.pk}"' in page
    assert page.count("vega-lite.min.js") == 1
    assert "Ny måling" not in page  # for managers only


def test_the_initiative_page_offers_a_new_measure_to_managers(client_for, lars, initiative):
    page = client_for(lars).get(url("initiative_detail", initiative.pk)).content.decode()

    assert url("create_measure", initiative.pk) in page
    assert "Ingen målinger endnu." in page


def _measures(by, initiative, source, instrument, count):
    derived = {"instrument": instrument} if source != "manuel" else {}
    for number in range(count):
        made = measures.create_measure(
            by=by, initiative=initiative, name=f"Måling {number}", kind="proces", source=source,
            **derived,
        )  # fmt: skip
        if source == "manuel":
            measures.add_value(by=by, measure=made, period=D(2026, 1, 1), value=number)


def _queries(client, initiative):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("initiative_detail", initiative.pk)).status_code == 200
    return len(queries)


@pytest.mark.parametrize("source", ["manuel", "gennemsnit", "maalt_andel", "forbedret_andel"])
def test_the_initiative_page_reads_measures_in_constant_queries(
    client_for, lars, intervention, ors, source
):
    # covers API-02: no query per measure
    client = client_for(lars)
    one = make_initiative(lars, intervention, title="Én")
    four = make_initiative(lars, intervention, title="Fire")
    _measures(lars, one, source, ors, 1)
    _measures(lars, four, source, ors, 4)
    _queries(client, one)  # warm caches (sessions, content types)

    assert _queries(client, four) == _queries(client, one)
