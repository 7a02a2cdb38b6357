"""The description pages: who reads and who makes a new version, the form, history and changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lovende.scaling.models import Description
from tests.scaling.description_data import ADAPTABLE, carried, describe, element


def url(name, *args):
    return reverse(f"scaling:{name}", args=args)


@pytest.fixture
def described(lars, intervention):
    first = describe(lars, intervention)
    rows = [*carried(first), element("Sessionslængde", ADAPTABLE, text="45-90 minutter")]
    return describe(
        lars,
        intervention,
        elements=rows,
        activities="Hjemmebesøg\nORS og SRS\nNetværksmøder",
        change_note="Enhederne bad om frihed til sessionernes længde.",
    )


def test_it_shows_the_current_version_to_everyone_in_the_organisation(client_for, mette, described):
    response = client_for(mette).get(url("description_detail", described.intervention_id))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Version 2" in page
    assert "Enhederne bad om frihed" in page
    assert "Familiens egne mål" in page
    assert "Sessionslængde" in page
    assert "Det skal bevares" in page
    assert "Det må enhederne forme" in page
    steps = ["<h3>Ressourcer", "<h3>Aktiviteter", "<h3>Kortsigtede", "<h3>Langsigtede"]
    assert [page.index(step) for step in steps] == sorted(page.index(step) for step in steps)
    assert "Lav en ny version" not in page  # readers get no button


def test_it_shows_an_empty_page_before_the_first_version(client_for, lars, intervention):
    response = client_for(lars).get(url("description_detail", intervention.pk))

    assert response.status_code == 200
    assert "ikke beskrevet endnu" in response.content.decode()
    assert "Beskriv indsatsen" in response.content.decode()


def test_it_hides_the_pages_from_another_organisation(client_for, karin, described):
    # covers ACL-04: the same answer as an intervention that does not exist
    pk = described.intervention_id
    for name, args in [
        ("description_detail", [pk]),
        ("description_history", [pk]),
        ("description_version", [pk, 1]),
        ("describe_intervention", [pk]),
    ]:
        assert client_for(karin).get(url(name, *args)).status_code == 404, name


def test_it_refuses_readers_a_new_version(client_for, mette, described):
    pk = described.intervention_id
    assert client_for(mette).get(url("describe_intervention", pk)).status_code == 403
    assert client_for(mette).post(url("describe_intervention", pk), {}).status_code == 403


def test_it_sends_anonymous_visitors_to_login(client, described):
    response = client.get(url("description_detail", described.intervention_id))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_answers_404_for_a_version_that_does_not_exist(client_for, mette, described):
    assert (
        client_for(mette).get(url("description_version", described.intervention_id, 9)).status_code
        == 404
    )


def form_data(**overrides):
    data = {
        "target_group": "Familier med børn 0-17 år",
        "goals": "Barnets trivsel forbedres",
        "resources": "Familiebehandlere",
        "activities": "Hjemmebesøg",
        "short_term_outcomes": "",
        "long_term_outcomes": "",
        "assumptions": "",
        "documentation_note": "",
        "elementer-TOTAL_FORMS": "3",
        "elementer-INITIAL_FORMS": "0",
        "elementer-0-key": "",
        "elementer-0-kind": "kerne",
        "elementer-0-name": "Familiens egne mål",
        "elementer-0-text": "Målene sættes sammen med familien.",
        "elementer-1-key": "",
        "elementer-1-kind": "tilpasning",
        "elementer-1-name": "Mødested",
        "elementer-1-text": "",
        "elementer-2-key": "",
        "elementer-2-kind": "kerne",
        "elementer-2-name": "",
        "elementer-2-text": "",
    }
    return {**data, **overrides}


def test_it_saves_the_first_version_from_the_form(client_for, lars, intervention):
    response = client_for(lars).post(url("describe_intervention", intervention.pk), form_data())

    assert response.status_code == 302
    saved = Description.objects.get(intervention=intervention)
    assert saved.version == 1
    assert sorted(saved.elements.values_list("key", flat=True)) == [
        "familiens-egne-maal",
        "moedested",
    ]


def test_it_saves_a_new_version_keeping_keys_and_removing_ticked_rows(client_for, lars, described):
    pk = described.intervention_id
    page = client_for(lars).get(url("describe_intervention", pk))
    assert page.status_code == 200
    assert "Hvad er ændret og hvorfor" in page.content.decode()
    rows = carried(described)
    data = form_data(
        **{"elementer-TOTAL_FORMS": str(len(rows)), "elementer-INITIAL_FORMS": str(len(rows))}
    )
    for i, row in enumerate(rows):
        for name, value in row.items():
            data[f"elementer-{i}-{name}"] = value
    data["elementer-0-name"] = "Feedback (ORS og SRS) ved hver session"
    data["elementer-1-DELETE"] = "on"
    data["change_note"] = "Navnet siger nu, hvad det handler om."

    response = client_for(lars).post(url("describe_intervention", pk), data)

    assert response.status_code == 302
    third = Description.objects.get(intervention_id=pk, version=3)
    keys = list(third.elements.order_by("order").values_list("key", flat=True))
    assert keys == ["ors-srs", "moedested", "sessionslaengde"]
    assert third.elements.get(key="ors-srs").name.startswith("Feedback")
    assert Description.objects.get(intervention_id=pk, version=2).elements.count() == 4


def test_it_asks_for_what_changed_from_version_two(client_for, lars, described):
    response = client_for(lars).post(
        url("describe_intervention", described.intervention_id), form_data(change_note="")
    )

    assert response.status_code == 422
    assert "Skriv, hvad der er ændret og hvorfor" in response.content.decode()
    assert Description.objects.filter(intervention_id=described.intervention_id).count() == 2


def test_it_adds_more_element_rows_without_saving(client_for, lars, intervention):
    data = form_data(flere="1", goals="")

    response = client_for(lars).post(url("describe_intervention", intervention.pk), data)

    assert response.status_code == 200
    assert 'name="elementer-TOTAL_FORMS" value="5"' in response.content.decode()
    assert "Formularen indeholder fejl" not in response.content.decode()
    assert not Description.objects.exists()


def test_the_history_lists_versions_with_their_change_notes(client_for, mette, described):
    response = client_for(mette).get(url("description_history", described.intervention_id))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Version 1" in page
    assert "Version 2" in page
    assert "Første version" in page
    assert "Enhederne bad om frihed" in page


def test_a_version_shows_what_changed_since_the_one_before(client_for, mette, described):
    response = client_for(mette).get(url("description_version", described.intervention_id, 2))

    page = response.content.decode()
    assert "Hvad er ændret siden version 1" in page
    assert "Nyt element:" in page
    assert "Sessionslængde" in page
    assert "+ Netværksmøder" in page


def test_an_old_version_says_it_is_not_the_current_one(client_for, mette, described):
    response = client_for(mette).get(url("description_version", described.intervention_id, 1))

    assert "Den gældende version er 2" in response.content.decode()


def test_the_pages_take_the_same_number_of_queries_however_many_versions(
    client_for, lars, described
):
    client = client_for(lars)
    pk = described.intervention_id

    def count(name, *args):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(name, *args)).status_code == 200
        return len(queries)

    before = [count("description_detail", pk), count("description_history", pk)]
    rows = carried(described) + [element(f"Element {n}") for n in range(5)]
    describe(lars, described.intervention, elements=rows, change_note="Fem nye elementer")
    after = [count("description_detail", pk), count("description_history", pk)]

    assert after == before


def test_the_intervention_page_links_to_the_description(client_for, mette, intervention):
    response = client_for(mette).get(
        reverse("interventions:intervention_detail", args=[intervention.pk])
    )

    assert url("description_detail", intervention.pk) in response.content.decode()
