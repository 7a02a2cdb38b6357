"""Mapping against existing practice and the unit's tacit knowledge."""

import pytest
from django.core.exceptions import ValidationError

from lovende.scaling import unit_work
from lovende.scaling.models import PracticeMapping

pytestmark = pytest.mark.django_db


def url(target, what="kortlaegning"):
    return f"/skalering/enhed/{target.pk}/{what}/rediger/"


def test_it_maps_the_current_core_elements_only(description, syd_target):
    assert [e.key for e in unit_work.core_elements(syd_target)] == [
        "ors-srs",
        "egne-maal",
        "hjemmebesoeg",
    ]


def test_it_saves_how_each_core_element_fits(lars, description, syd_target):
    unit_work.update_mapping(
        by=lars,
        target=syd_target,
        fits={"ors-srs": "nyt", "hjemmebesoeg": "matcher"},
        practices={"hjemmebesoeg": "Vi kommer allerede hjemme hos familierne"},
    )

    rows = {m.element_key: (m.fit, m.existing_practice) for m in PracticeMapping.objects.all()}
    assert rows == {
        "ors-srs": ("nyt", ""),
        "hjemmebesoeg": ("matcher", "Vi kommer allerede hjemme hos familierne"),
    }


def test_it_removes_a_mapping_left_blank(lars, description, syd_target):
    unit_work.update_mapping(by=lars, target=syd_target, fits={"ors-srs": "nyt"}, practices={})

    unit_work.update_mapping(by=lars, target=syd_target, fits={"ors-srs": ""}, practices={})

    assert not PracticeMapping.objects.exists()


def test_it_refuses_an_adaptable_element(lars, description, syd_target):
    with pytest.raises(ValidationError, match="Ikke et kerneelement"):
        unit_work.update_mapping(
            by=lars, target=syd_target, fits={"moedested": "nyt"}, practices={}
        )


def test_it_refuses_a_practice_without_a_fit_in_danish(lars, description, syd_target):
    with pytest.raises(ValidationError, match="vælg, hvordan elementet passer"):
        unit_work.update_mapping(
            by=lars, target=syd_target, fits={}, practices={"ors-srs": "Vi bruger skalaer"}
        )


def test_it_saves_the_mapping_form(client_for, lars, description, syd_target):
    response = client_for(lars).post(
        url(syd_target), {"fit_egne-maal": "konflikt", "practice_egne-maal": "Vi sætter målene"}
    )

    assert response.status_code == 302
    assert PracticeMapping.objects.get().fit == "konflikt"


def test_it_shows_the_form_again_with_422_on_a_refusal(client_for, lars, description, syd_target):
    response = client_for(lars).post(url(syd_target), {"practice_ors-srs": "Noget"})

    assert response.status_code == 422
    assert "vælg, hvordan elementet passer" in response.content.decode()


def test_it_writes_down_the_tacit_knowledge(client_for, lars, syd_target):
    response = client_for(lars).post(
        url(syd_target, "tavs-viden"), {"text": "Vi ringer altid dagen før et hjemmebesøg."}
    )

    syd_target.refresh_from_db()
    assert response.status_code == 302
    assert syd_target.tacit_knowledge == "Vi ringer altid dagen før et hjemmebesøg."


def test_it_refuses_tacit_knowledge_that_is_too_long(lars, syd_target):
    with pytest.raises(ValidationError, match="Tavs viden må højst have"):
        unit_work.update_tacit_knowledge(
            by=lars, target=syd_target, text="x" * (unit_work.MAX_TEXT + 1)
        )


@pytest.mark.parametrize("what", ["kortlaegning", "tavs-viden"])
def test_it_refuses_an_employee_in_the_unit(client_for, sofie, description, syd_target, what):
    # covers ACL-04 (with the 404 below): employees read, the unit's leaders change
    response = client_for(sofie).post(url(syd_target, what), {"text": "x", "fit_ors-srs": "nyt"})

    assert response.status_code == 403
    assert not PracticeMapping.objects.exists()


@pytest.mark.parametrize("what", ["kortlaegning", "tavs-viden"])
def test_it_answers_404_to_another_organisation(client_for, karin, description, syd_target, what):
    # covers ACL-04
    assert client_for(karin).get(url(syd_target, what)).status_code == 404
