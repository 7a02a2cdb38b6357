"""The instrument list and detail pages, installing from the library, enabling per intervention."""

import re

import pytest
from django.urls import reverse

from lovende.instruments import services
from lovende.instruments.models import Instrument
from lovende.interventions import services as intervention_services
from lovende.organisation import services as org_services
from lovende.organisation.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def pia(tree):
    user = org_services.create_staff(
        organisation=tree.organisation, username="pia", first_name="Pia", last_name="Kjær"
    )
    org_services.assign_role(user=user, unit=tree.root, kind=Role.Kind.CONSULTANT)
    return user


@pytest.fixture
def ors(tree):
    return services.install_builtin(organisation=tree.organisation, code="ors")


def test_it_lists_the_organisations_instruments_with_version_and_interventions(
    client_for, mette, ors, intervention
):
    services.enable_instrument(instrument=ors, intervention=intervention)

    response = client_for(mette).get(reverse("instruments:instrument_list"))

    assert response.status_code == 200
    assert ors.name in response.content.decode()
    assert intervention.name in response.content.decode()
    assert "Tilføj til kommunen" not in response.content.decode()


def test_it_offers_managers_the_library_entries_not_yet_installed(client_for, pia, ors):
    response = client_for(pia).get(reverse("instruments:instrument_list"))

    page = response.content.decode()
    assert "Tilføj til kommunen" in page
    assert 'value="who5"' in page
    assert 'value="ors"' not in page


def test_it_keeps_other_organisations_instruments_out_of_the_list(client_for, karin, ors):
    response = client_for(karin).get(reverse("instruments:instrument_list"))

    assert ors.name not in response.content.decode()


def test_it_shows_the_definition_readably_with_the_jacobson_truax_threshold(client_for, mette, pia):
    instrument = services.create_instrument(
        by=pia,
        code="sdq",
        name="Styrker og vanskeligheder",
        definition={
            "items": [{"key": "humoer", "label": "Humør", "min": 0, "max": 10, "step": 1}],
            "scoring": {"method": "sum"},
            "direction": "lower_better",
            "cutoffs": [{"value": 7, "label": "Bekymring", "inclusive": True}],
            "reliable_change": {"method": "jacobson_truax", "sd": 7, "reliability": 0.93},
            "sources": ["Lokal afprøvning 2025"],
        },
    )

    response = client_for(mette).get(reverse("instruments:instrument_detail", args=[instrument.pk]))

    page = response.content.decode()
    assert "5,13" in page  # 1.96 × √2 × 7 × √(1 − 0.93)
    assert "klinisk område 7 eller derover" in page
    assert "Lokal afprøvning 2025" in page
    assert "disabled" in re.search(r'<input[^>]*id="vis_item_humoer"[^>]*>', page).group()


def test_it_shows_the_version_history(client_for, mette, pia, ors):
    services.revise_instrument(
        by=pia,
        instrument=ors,
        name=ors.name,
        definition={**services.current_version(ors).definition, "sources": ["Ny kilde"]},
    )

    response = client_for(mette).get(reverse("instruments:instrument_detail", args=[ors.pk]))

    assert "Version 2" in response.content.decode()
    assert "Version 1" in response.content.decode()
    assert "Pia Kjær" in response.content.decode()


@pytest.mark.parametrize("route", ["instrument_detail", "revise_instrument"])
def test_it_returns_404_for_an_instrument_in_another_organisation(client_for, karin, ors, route):
    url = reverse(f"instruments:{route}", args=[ors.pk])

    assert client_for(karin).get(url).status_code == 404


def test_it_returns_404_when_copying_another_organisations_instrument(
    client_for, pia, other_organisation
):
    foreign = services.install_builtin(organisation=other_organisation, code="ors")

    response = client_for(pia).get(reverse("instruments:create_instrument") + f"?fra={foreign.pk}")

    assert response.status_code == 404


def test_it_lets_a_consultant_add_a_library_instrument(client_for, pia, tree):
    response = client_for(pia).post(reverse("instruments:install_builtin"), {"code": "who5"})

    instrument = Instrument.objects.get(organisation=tree.organisation, code="who5")
    assert response.status_code == 302
    assert response["Location"] == reverse("instruments:instrument_detail", args=[instrument.pk])
    assert services.current_version(instrument).number == 1


def test_it_rejects_an_unknown_library_code(client_for, pia):
    response = client_for(pia).post(reverse("instruments:install_builtin"), {"code": "nope"})

    assert response.status_code == 422
    assert not Instrument.objects.exists()


def test_it_lets_an_administrator_enable_and_disable_per_intervention(
    client_for, ida, ors, intervention, tree
):
    other = intervention_services.save_intervention(
        organisation=tree.organisation,
        name="Spædeteamet",
        target_group="Familier med spædbørn",
        units=[tree.nord],
        professional_groups=[],
        status="pilot",
    )
    url = reverse("instruments:choose_interventions", args=[ors.pk])
    client = client_for(ida)

    enabled = client.post(url, {"interventions": [intervention.pk, other.pk]})
    assert set(ors.interventions.all()) == {intervention, other}

    disabled = client.post(url, {"interventions": [other.pk]})
    assert enabled.status_code == disabled.status_code == 302
    assert list(ors.interventions.all()) == [other]


def test_it_refuses_to_enable_for_another_organisations_intervention(
    client_for, pia, ors, other_organisation
):
    foreign = intervention_services.save_intervention(
        organisation=other_organisation,
        name="Naboens indsats",
        target_group="Unge",
        units=[
            org_services.create_unit(organisation=other_organisation, name="Center", kind="center")
        ],
        professional_groups=[],
        status="pilot",
    )

    response = client_for(pia).post(
        reverse("instruments:choose_interventions", args=[ors.pk]), {"interventions": [foreign.pk]}
    )

    assert response.status_code == 422
    assert not ors.interventions.exists()


WRITES = [
    ("post", "install_builtin", False, {"code": "who5"}),
    ("get", "create_instrument", False, {}),
    ("post", "create_instrument", False, {"name": "X", "code": "x"}),
    ("get", "revise_instrument", True, {}),
    ("post", "revise_instrument", True, {"name": "X"}),
    ("post", "choose_interventions", True, {"interventions": []}),
]


@pytest.mark.parametrize("persona", ["mette", "lars"])
@pytest.mark.parametrize(("method", "route", "with_id", "data"), WRITES)
def test_it_refuses_every_write_to_employees_and_leaders(
    request, client_for, ors, intervention, persona, method, route, with_id, data
):
    services.enable_instrument(instrument=ors, intervention=intervention)
    url = reverse(f"instruments:{route}", args=[ors.pk] if with_id else [])

    response = getattr(client_for(request.getfixturevalue(persona)), method)(url, data)

    assert response.status_code == 403
    assert Instrument.objects.count() == 1
    assert ors.versions.count() == 1
    assert list(ors.interventions.all()) == [intervention]
