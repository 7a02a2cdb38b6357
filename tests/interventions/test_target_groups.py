"""Free-text target groups line up however they are spelled."""

import pytest
from django.urls import reverse

from lovende.interventions import services
from lovende.interventions.target_groups import first_spellings, normalise, same


def test_it_ignores_case_and_whitespace():
    assert normalise("  Unge 15-24 år\tuden  for skole ") == "unge 15-24 år uden for skole"
    assert same("Familier med børn", "familier  med BØRN ")


def test_it_keeps_different_groups_apart():
    assert not same("Unge 15-24 år", "Unge 15-25 år")


def test_it_shows_the_spelling_written_first():
    spellings = first_spellings(["Unge  15-24 år", "unge 15-24 år", "Familier", "   "])

    assert spellings == {"unge 15-24 år": "Unge 15-24 år", "familier": "Familier"}


@pytest.mark.django_db
def test_it_suggests_the_organisations_target_groups_on_the_form(
    client_for, pia, tree, intervention, other_organisation
):
    services.save_intervention(
        organisation=tree.organisation, name="Forældrekursus",
        target_group="familier med børn 0-17 år ", units=[tree.nord], professional_groups=[],
    )  # fmt: skip
    services.save_intervention(
        organisation=other_organisation, name="Nabo", target_group="Ældre over 80",
        units=[], professional_groups=[],
    )  # fmt: skip

    html = client_for(pia).get(reverse("interventions:create_intervention")).content.decode()

    assert 'list="target-group-suggestions"' in html
    assert html.count('<option value="Familier med børn 0-17 år">') == 1
    assert "familier med børn 0-17 år" not in html
    assert "Ældre over 80" not in html
