"""The eleven elements of promising practice, the scale, and the pure profile functions."""

import ast
from pathlib import Path

import pytest

from lovende.scaling import assessment_charts, promising

PACKAGE = Path(promising.__file__).resolve().parent


def test_it_has_the_eleven_elements_of_figure_two_in_order():
    assert [e.name for e in promising.ELEMENTS] == [
        "Teori og viden",
        "Beskrivelse",
        "Mål",
        "Faglig refleksion",
        "Relationelt samarbejde",
        "Individuel tilrettelæggelse",
        "Opfølgning",
        "Monitorering",
        "Overførbarhed",
        "Økonomi",
        "Virkning",
    ]
    assert len(set(promising.KEYS)) == 11
    assert all(e.question.endswith("?") for e in promising.ELEMENTS)


def test_the_scale_runs_from_not_in_place_to_in_place():
    assert promising.SCALE == (
        (1, "Ikke på plads"),
        (2, "Påbegyndt"),
        (3, "Delvist på plads"),
        (4, "På plads"),
    )


@pytest.mark.parametrize(("value", "ok"), [(1, True), (4, True), (0, False), (5, False),
                                           (2.5, False), ("3", False), (True, False), (None, False)])  # fmt: skip
def test_is_score_takes_whole_numbers_from_one_to_four(value, ok):
    assert promising.is_score(value) is ok


def test_profile_pairs_each_element_with_its_previous_score():
    rows = promising.profile({"teori": 3, "maal": 2}, {"teori": 2, "maal": 2})

    assert len(rows) == 11
    assert (rows[0].key, rows[0].score, rows[0].previous, rows[0].change) == ("teori", 3, 2, 1)
    assert rows[0].direction == promising.IMPROVED
    assert rows[2].direction == promising.UNCHANGED
    assert rows[1].score is None
    assert rows[1].direction is None


def test_change_since_says_what_moved_and_the_sum():
    now = dict.fromkeys(promising.KEYS, 2) | {"monitorering": 4, "oekonomi": 1}
    before = dict.fromkeys(promising.KEYS, 2)

    change = promising.change_since(now, before)

    assert change.improved == ("monitorering",)
    assert change.declined == ("oekonomi",)
    assert len(change.unchanged) == 9
    assert (change.total, change.previous_total, change.total_change) == (23, 22, 1)


def test_change_since_without_a_previous_assessment():
    change = promising.change_since(dict.fromkeys(promising.KEYS, 3), None)

    assert change.improved == change.declined == change.unchanged == ()
    assert change.total_change is None


def test_in_place_counts_the_top_of_the_scale():
    assert promising.in_place({"teori": 4, "maal": 4, "virkning": 3}) == 2


def labels():
    return {"element": "Element", "score": "Score", "previous": "Forrige"} | {
        str(value): f"{value} {name}" for value, name in promising.SCALE
    }


def test_the_chart_has_a_bar_per_element_and_a_mark_for_the_previous_score():
    rows = promising.profile(dict.fromkeys(promising.KEYS, 3), {"teori": 2})
    names = {e.key: e.name for e in promising.ELEMENTS}
    data = assessment_charts.profile_rows(rows, names, labels())

    spec = assessment_charts.profile_spec(data, labels())

    bars, ticks = spec["layer"]
    values = spec["data"]["values"]
    assert len(values) == 11
    assert values[0]["label"] == "3 Delvist på plads"
    assert values[0]["label"] in bars["encoding"]["color"]["scale"]["domain"]
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, 4]
    assert [row["previous"] for row in values if row["previous"]] == [2]
    assert ticks["mark"]["type"] == "tick"
    assert spec["encoding"]["y"]["sort"][0] == "Teori og viden"


def test_the_chart_has_no_mark_layer_without_a_previous_assessment():
    rows = promising.profile(dict.fromkeys(promising.KEYS, 1))
    data = assessment_charts.profile_rows(rows, {k: k for k in promising.KEYS}, labels())

    assert len(assessment_charts.profile_spec(data, labels())["layer"]) == 1


@pytest.mark.parametrize("module", ["promising.py", "assessment_charts.py"])
def test_the_pure_modules_import_no_django(module):
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    imported = {
        name
        for node in ast.walk(tree)
        for name in (
            [a.name for a in node.names] if isinstance(node, ast.Import)
            else [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
        )
    }  # fmt: skip

    assert not [name for name in imported if name.split(".")[0] == "django"]
    assert not [n for n in imported if n.startswith("lovende") and n != "lovende.scaling.promising"]
