"""Defining an instrument without code, previewing it, and revising it into a new version."""

import copy

import pytest
from django.urls import reverse

from lovende.instruments import library, services
from lovende.instruments.models import Instrument, InstrumentVersion
from lovende.organisation import services as org_services
from lovende.organisation.models import Role

pytestmark = pytest.mark.django_db

CREATE = reverse("instruments:create_instrument")


@pytest.fixture
def pia(tree):
    user = org_services.create_staff(
        organisation=tree.organisation, username="pia", first_name="Pia", last_name="Kjær"
    )
    org_services.assign_role(user=user, unit=tree.root, kind=Role.Kind.CONSULTANT)
    return user


def form_data(items=(("Søvn", 0, 10), ("Humør", 0, 10)), **overrides):
    """What the page posts: the instrument's fields and one formset row per item."""
    data = {
        "name": "Trivsel i hverdagen",
        "code": "trivsel",
        "respondent": "citizen",
        "scoring_method": "sum",
        "direction": "higher_better",
        "reliable_method": "",
        "sources": "Lokal praksis\n\nAfprøvet i Nord 2025",
        "items-TOTAL_FORMS": len(items) + 1,  # and one empty row, as the page has
        "items-INITIAL_FORMS": 0,
        f"items-{len(items)}-step": 1,
    }
    for index, (label, low, high) in enumerate(items):
        data |= {
            f"items-{index}-label": label,
            f"items-{index}-min": low,
            f"items-{index}-max": high,
            f"items-{index}-step": 1,
        }
    return {**data, **overrides}


def test_it_lets_a_consultant_define_an_instrument(client_for, pia, tree):
    response = client_for(pia).post(CREATE, form_data())

    instrument = Instrument.objects.get(organisation=tree.organisation, code="trivsel")
    version = services.current_version(instrument)
    assert response.status_code == 302
    assert (version.number, version.created_by) == (1, pia)
    assert [item["key"] for item in version.definition["items"]] == ["soevn", "humoer"]
    assert version.definition["sources"] == ["Lokal praksis", "Afprøvet i Nord 2025"]
    assert version.definition["reliable_change"] is None


def test_it_makes_unique_keys_from_equal_labels(client_for, pia):
    client_for(pia).post(CREATE, form_data(items=[("Humør", 0, 10), ("Humør", 0, 10)]))

    definition = InstrumentVersion.objects.get().definition
    assert [item["key"] for item in definition["items"]] == ["humoer", "humoer_2"]


def test_it_builds_linear_scoring_cutoffs_and_jacobson_truax_with_decimal_commas(client_for, pia):
    client_for(pia).post(
        CREATE,
        form_data(
            scoring_method="linear",
            factor="2,5",
            cutoff_value="20",
            cutoff_label="Lav trivsel",
            cutoff_inclusive="on",
            reliable_method="jacobson_truax",
            reliable_sd="7",
            reliable_reliability="0,93",
        ),
    )

    definition = InstrumentVersion.objects.get().definition
    assert definition["scoring"] == {"method": "linear", "factor": 2.5, "offset": 0}
    assert definition["cutoffs"] == [{"value": 20, "label": "Lav trivsel", "inclusive": True}]
    assert definition["reliable_change"] == {
        "method": "jacobson_truax",
        "sd": 7,
        "reliability": 0.93,
    }


SOUND_ITEMS = (("Søvn", 0, 10),)
MALFORMED = [
    ([("Søvn", 5, 5)], {}, "Spørgsmål 1: mindste værdi skal være mindre end største."),
    ([], {}, "Måleredskabet skal have mindst ét spørgsmål."),
    (
        SOUND_ITEMS,
        {"reliable_method": "jacobson_truax", "reliable_sd": "7", "reliable_reliability": "1,5"},
        "Pålidelig ændring skal være et fast antal point over 0",
    ),
    (SOUND_ITEMS, {"scoring_method": "linear"}, "Lineær omregning kræver en faktor"),
]


@pytest.mark.parametrize(("items", "overrides", "message"), MALFORMED)
@pytest.mark.parametrize("button", ["gem", "forhaandsvisning"])
def test_it_rejects_a_malformed_definition_in_danish_and_saves_nothing(
    client_for, pia, items, overrides, message, button
):
    data = form_data(items=items, **overrides, **{button: "1"})

    response = client_for(pia).post(CREATE, data)

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Instrument.objects.exists()


def test_it_names_the_row_of_a_half_filled_item(client_for, pia):
    response = client_for(pia).post(CREATE, form_data(**{"items-1-max": ""}))

    assert response.status_code == 422
    assert "Spørgsmål 2, største værdi" in response.content.decode()
    assert not Instrument.objects.exists()


def test_it_refuses_a_code_already_in_use(client_for, pia):
    services.install_builtin(organisation=pia.organisation, code="ors")

    response = client_for(pia).post(CREATE, form_data(code="ors"))

    assert response.status_code == 422
    assert "findes allerede et måleredskab med denne kode" in response.content.decode()
    assert Instrument.objects.count() == 1


def test_it_previews_the_measurement_form_without_saving(client_for, pia):
    response = client_for(pia).post(CREATE, form_data(forhaandsvisning="1"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Intet er gemt endnu" in page
    assert 'id="vis_item_soevn"' in page
    assert not Instrument.objects.exists()


def test_it_adds_empty_rows_without_validating_or_saving(client_for, pia):
    response = client_for(pia).post(CREATE, form_data(name="", flere="1"))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="items-TOTAL_FORMS" value="6"' in page  # 2 items, the empty row, 3 more
    assert 'value="Humør"' in page
    assert "alert-error" not in page
    assert not Instrument.objects.exists()


def test_it_prefills_a_new_instrument_from_an_existing_one(client_for, pia):
    wheel = services.install_builtin(organisation=pia.organisation, code="hjul")

    response = client_for(pia).get(CREATE + f"?fra={wheel.pk}")

    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Bolig og hverdag"' in page
    assert 'value="hjul-egen"' in page
    assert "Udfyldt fra Progressionshjul" in page


def test_it_saves_a_prefilled_copy_with_its_own_life_areas(client_for, pia):
    wheel = services.install_builtin(organisation=pia.organisation, code="hjul")
    data = form_data(items=[("Skole", 1, 10), ("Venner", 1, 10)], code="hjul-egen")

    client_for(pia).post(CREATE + f"?fra={wheel.pk}", {**data, "scoring_method": "mean"})

    copy_ = Instrument.objects.get(code="hjul-egen")
    definition = services.current_version(copy_).definition
    assert definition["purpose"] == "outcome"  # kept from the wheel, not on the page
    assert [item["label"] for item in definition["items"]] == ["Skole", "Venner"]
    assert services.current_version(wheel).definition["items"][0]["label"] == "Bolig og hverdag"


def test_it_explains_that_measurements_keep_their_version(client_for, pia):
    ors = services.install_builtin(organisation=pia.organisation, code="ors")

    response = client_for(pia).get(reverse("instruments:revise_instrument", args=[ors.pk]))

    assert response.status_code == 200
    assert "beholder deres version" in response.content.decode()
    assert 'value="individuelt"' in response.content.decode()  # the item keys travel along


def test_it_revises_into_a_new_version_and_leaves_the_earlier_untouched(client_for, pia):
    who5 = services.install_builtin(organisation=pia.organisation, code="who5")
    items = [(f"Spørgsmål {n}", 0, 5) for n in range(1, 6)]
    data = form_data(items=items, **{f"items-{n}-key": f"who5_{n + 1}" for n in range(5)})

    response = client_for(pia).post(reverse("instruments:revise_instrument", args=[who5.pk]), data)

    first, second = who5.versions.order_by("number")
    assert response.status_code == 302
    assert second.number == 2
    assert second.created_by == pia
    assert first.definition == copy.deepcopy(library.WHO5)
    assert [item["key"] for item in second.definition["items"]][:2] == ["who5_1", "who5_2"]


def test_it_keeps_the_version_when_nothing_changed(client_for, pia):
    client = client_for(pia)
    client.post(CREATE, form_data())
    instrument = Instrument.objects.get()

    response = client.post(
        reverse("instruments:revise_instrument", args=[instrument.pk]), form_data()
    )

    assert response.status_code == 302
    assert instrument.versions.count() == 1


def test_it_rejects_a_malformed_revision_and_keeps_one_version(client_for, pia):
    ors = services.install_builtin(organisation=pia.organisation, code="ors")

    response = client_for(pia).post(
        reverse("instruments:revise_instrument", args=[ors.pk]), form_data(items=[("Søvn", 9, 1)])
    )

    assert response.status_code == 422
    assert "mindste værdi skal være mindre end største" in response.content.decode()
    assert ors.versions.count() == 1


def test_it_asks_for_the_clinical_cutoff_before_a_second_one(client_for, pia):
    response = client_for(pia).post(CREATE, form_data(cutoff2_value="28"))

    assert response.status_code == 422
    assert "Udfyld den kliniske grænse før den anden grænse." in response.content.decode()
    assert not Instrument.objects.exists()
