"""The description as versions: never changed in place, keys kept, a change note from version 2."""

import pytest
from django.core.exceptions import ValidationError

from lovende.scaling import description
from lovende.scaling.models import Description, Element
from tests.scaling.description_data import ADAPTABLE, carried, describe, element


def test_it_saves_the_first_version_with_keys_from_the_names(lars, intervention):
    first = describe(lars, intervention)

    assert first.version == 1
    assert first.change_note == ""
    assert [e.key for e in first.elements.order_by("order")] == [
        "ors-srs",
        "familiens-egne-maal",
        "moedested",
    ]


def test_it_makes_a_new_version_and_leaves_the_old_one_as_it_was(lars, intervention):
    first = describe(lars, intervention)
    rows = carried(first)
    rows[1]["name"] = "Familiens egne mål, formuleret ved opstart"

    second = describe(
        lars, intervention, elements=rows, change_note="Målene formuleres ved opstart."
    )

    first.refresh_from_db()
    assert second.version == 2
    assert Description.objects.filter(intervention=intervention).count() == 2
    assert first.elements.get(key="familiens-egne-maal").name == "Familiens egne mål"
    assert second.elements.get(key="familiens-egne-maal").name.endswith("ved opstart")


def test_it_keeps_the_keys_of_carried_elements_and_gives_new_ones_a_unique_key(lars, intervention):
    first = describe(lars, intervention)
    rows = carried(first)
    rows[0]["name"] = "Feedback ved hver session"  # renamed, still the same element
    rows.append(element("Mødested", ADAPTABLE, text="I hjemmet") | {"name": "mødested "})
    rows.append(element("Familiens egne mål!"))

    with pytest.raises(ValidationError):  # two elements called «Mødested»
        describe(lars, intervention, elements=rows, change_note="Nye elementer")
    rows[3]["name"] = "Mødested i weekenden"
    second = describe(lars, intervention, elements=rows, change_note="Nye elementer")

    keys = [e.key for e in second.elements.order_by("order")]
    assert keys[:3] == ["ors-srs", "familiens-egne-maal", "moedested"]
    assert keys[3] == "moedested-i-weekenden"
    assert keys[4] == "familiens-egne-maal-2"  # the name's key is taken in this version
    assert len(set(keys)) == len(keys)


def test_it_requires_what_changed_and_why_from_version_two(lars, intervention):
    first = describe(lars, intervention)

    with pytest.raises(ValidationError) as error:
        describe(lars, intervention, goals="Nye mål", elements=carried(first), change_note=" ")

    assert error.value.message_dict["change_note"] == [
        "Skriv, hvad der er ændret og hvorfor, så enhederne kan se det."
    ]


def test_it_refuses_a_version_that_changes_nothing(lars, intervention):
    first = describe(lars, intervention)

    with pytest.raises(ValidationError) as error:
        describe(lars, intervention, elements=carried(first), change_note="Ingenting")

    assert "Intet er ændret siden version 1" in error.value.messages[0]


def test_it_refuses_missing_target_group_and_goals_in_danish(lars, intervention):
    with pytest.raises(ValidationError) as error:
        describe(lars, intervention, target_group=" ", goals="")

    assert error.value.message_dict["target_group"] == ["Skriv, hvem indsatsen er for."]
    assert error.value.message_dict["goals"] == ["Skriv indsatsens mål."]


def test_it_refuses_an_element_without_a_kind(lars, intervention):
    with pytest.raises(ValidationError) as error:
        describe(lars, intervention, elements=[element("Noget", kind="andet")])

    assert "kerne- eller et tilpasningselement" in error.value.message_dict["elements"][0]


def test_it_accepts_only_the_interventions_instruments(lars, intervention, tree, ors):
    from lovende.instruments import services as instrument_services

    other = instrument_services.install_builtin(organisation=tree.organisation, code="who5")

    with pytest.raises(ValidationError) as error:
        describe(lars, intervention, documentation_tools=[ors, other])

    assert "documentation_tools" in error.value.message_dict
    assert list(describe(lars, intervention, documentation_tools=[ors]).documentation_tools.all())


def test_it_refuses_another_organisations_intervention(karin, intervention):
    with pytest.raises(ValidationError):
        describe(karin, intervention)


def test_current_description_and_elements_follow_the_newest_version(lars, intervention):
    assert description.current_description(intervention) is None
    assert description.current_elements(intervention) == {"kerne": [], "tilpasning": []}
    first = describe(lars, intervention)
    rows = [r for r in carried(first) if r["key"] != "moedested"]

    second = describe(lars, intervention, elements=rows, change_note="Mødestedet er frit.")

    assert description.current_description(intervention) == second
    by_kind = description.current_elements(intervention)
    assert [e.key for e in by_kind[Element.Kind.CORE]] == ["ors-srs", "familiens-egne-maal"]
    assert by_kind[Element.Kind.ADAPTABLE] == []


def test_element_key_writes_danish_letters_out():
    assert description.element_key("Tværfagligt samarbejde – skole") == (
        "tvaerfagligt-samarbejde-skole"
    )
    assert description.element_key("Hjemmebesøg efter behov") == "hjemmebesoeg-efter-behov"


def test_assign_keys_ignores_a_key_that_is_not_a_slug():
    rows = [{"key": "Ikke en nøgle!", "name": "Åbent hus"}, {"key": "aabent-hus", "name": "X"}]

    assert description.assign_keys(rows) == ["aabent-hus-2", "aabent-hus"]
