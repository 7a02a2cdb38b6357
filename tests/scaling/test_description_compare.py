"""What changed from one version to the next: per field and per element, matched by key."""

from lovende.scaling import description
from lovende.scaling.description import ElementText, Snapshot
from tests.scaling.description_data import ADAPTABLE, carried, describe, element


def snap(elements=(), tools=(), **fields):
    base = dict.fromkeys(description.TEXT_FIELDS, "")
    return Snapshot({**base, **fields}, tuple(tools), tuple(elements))


def test_it_matches_elements_by_key_not_by_name():
    before = snap([ElementText("ors-srs", "kerne", "ORS og SRS", "")])
    after = snap([ElementText("ors-srs", "kerne", "Feedback ved hver session", "")])

    comparison = description.compare(before, after)

    assert [(c.key, c.status, c.changed) for c in comparison.elements] == [
        ("ors-srs", "changed", ("name",))
    ]


def test_it_finds_added_removed_and_changed_kind():
    before = snap(
        [
            ElementText("a", "kerne", "A", "tekst"),
            ElementText("b", "kerne", "B", ""),
            ElementText("c", "kerne", "C", ""),
        ]
    )
    after = snap(
        [
            ElementText("a", "kerne", "A", "tekst"),
            ElementText("c", "tilpasning", "C", ""),
            ElementText("d", "kerne", "D", ""),
        ]
    )

    comparison = description.compare(before, after)

    assert {(c.key, c.status) for c in comparison.elements} == {
        ("c", "changed"),
        ("d", "added"),
        ("b", "removed"),
    }
    assert comparison.unchanged_elements == 1
    assert comparison.count("added") == 1


def test_it_says_which_lines_of_a_field_are_new_and_gone():
    before = snap(activities="Hjemmebesøg\nORS og SRS")
    after = snap(activities="Hjemmebesøg\nORS og SRS ved hver session\nNetværksmøder")

    (change,) = description.compare(before, after).fields

    assert change.field == "activities"
    assert change.label == "aktiviteter"
    assert change.added == ("ORS og SRS ved hver session", "Netværksmøder")
    assert change.removed == ("ORS og SRS",)


def test_it_ignores_blank_lines_and_spaces():
    comparison = description.compare(snap(goals="Trivsel\n"), snap(goals="  Trivsel  \n\n"))

    assert comparison.is_empty


def test_it_reports_documentation_tools_added_and_removed():
    comparison = description.compare(snap(tools=["ORS"]), snap(tools=["ORS", "SRS"]))

    assert comparison.tools_added == ("SRS",)
    assert comparison.tools_removed == ()


def test_it_compares_two_saved_versions(lars, intervention):
    first = describe(lars, intervention)
    rows = carried(first)
    rows[2]["text"] = "Hjemme eller i familiehuset"
    rows.append(element("Sessionslængde", ADAPTABLE))
    second = describe(lars, intervention, elements=rows, change_note="Mere frihed til enhederne.")

    comparison = description.compare(description.snapshot(first), description.snapshot(second))

    assert {(c.key, c.status) for c in comparison.elements} == {
        ("moedested", "changed"),
        ("sessionslaengde", "added"),
    }
    assert comparison.fields == []
