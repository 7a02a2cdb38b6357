"""The pure disclosure rules and charts of survey results (no database)."""

import pytest

from lovende.culture import survey_charts
from lovende.culture.survey_results import (
    ALL,
    Hidden,
    Item,
    shown_groups,
    strengths_and_areas,
    summarise,
)

ITEMS = [Item(1, "Tema A", "Udsagn 1"), Item(2, "Tema A", "Udsagn 2"), Item(3, "Tema B", "U3")]


@pytest.mark.parametrize(
    ("respondents", "expected"),
    [
        ({ALL: 4}, []),
        ({ALL: 5}, [ALL]),
        ({"medarbejdere": 3, "lederkolleger": 1}, []),
        ({"medarbejdere": 5, "lederkolleger": 4}, [ALL]),
        ({"medarbejdere": 4, "lederkolleger": 5}, [ALL]),
        ({"medarbejdere": 5, "lederkolleger": 5}, [ALL, "medarbejdere", "lederkolleger"]),
    ],
)
def test_it_never_shows_a_group_below_the_threshold_alone(respondents, expected):
    # covers SDC-02: never one group alone, or the whole minus it would give the other
    assert shown_groups(respondents, 5) == expected


def test_it_hides_an_open_round_whatever_the_count():
    result = summarise(ITEMS, {}, {ALL: 50}, 5, closed=False)

    assert result.hidden == Hidden.OPEN
    assert result.groups == []


def test_it_hides_a_closed_round_below_the_threshold():
    tallies = {(1, ALL, 4): 4, (2, ALL, 4): 4, (3, ALL, 4): 4}

    result = summarise(ITEMS, tallies, {ALL: 4}, 5, closed=True)

    assert result.hidden == Hidden.TOO_FEW
    assert result.respondents is None


def test_it_gives_distribution_and_means_per_theme_and_statement():
    tallies = {(1, ALL, 5): 3, (1, ALL, 1): 2, (2, ALL, 3): 5, (3, ALL, 4): 5}

    result = summarise(ITEMS, tallies, {ALL: 5}, 5, closed=True)

    theme_a = result.overall.themes[0]
    assert theme_a.statements[0].counts == (2, 0, 0, 0, 3)
    assert theme_a.statements[0].mean == pytest.approx(3.4)
    assert theme_a.mean == pytest.approx(3.2)
    assert result.overall.themes[1].mean == 4


def test_it_sums_the_groups_for_everyone():
    tallies = {(1, "medarbejdere", 2): 5, (1, "lederkolleger", 4): 5}
    respondents = {"medarbejdere": 5, "lederkolleger": 5}

    result = summarise(ITEMS[:1], tallies, respondents, 5, closed=True)

    assert [group.group for group in result.groups] == [ALL, "medarbejdere", "lederkolleger"]
    assert result.overall.statements[0].mean == 3
    assert result.groups[2].statements[0].mean == 4
    assert result.respondents == 10


def test_it_names_strengths_and_areas_without_overlap():
    tallies = {(1, ALL, 5): 5, (2, ALL, 1): 5, (3, ALL, 3): 5}
    result = summarise(ITEMS, tallies, {ALL: 5}, 5, closed=True)

    strengths, areas = strengths_and_areas(result.overall.statements)

    assert [s.item.id for s in strengths] == [1]
    assert [s.item.id for s in areas] == [2]


def test_it_builds_vega_lite_specs():
    labels = {"round": "Runde", "mean": "Gennemsnit", "theme": "Tema"}
    rows = [{"round": "Forår", "order": 0, "theme": "A", "mean": 3.5}]

    spec = survey_charts.trend_spec(rows, labels)

    assert spec["data"]["values"] == rows
    assert spec["encoding"]["y"]["scale"]["domain"] == [1, 5]


def test_it_names_no_strength_or_area_when_the_means_are_equal():
    tallies = {(1, ALL, 4): 5, (2, ALL, 4): 5, (3, ALL, 4): 5}
    result = summarise(ITEMS, tallies, {ALL: 5}, 5, closed=True)

    assert strengths_and_areas(result.overall.statements) == ([], [])
