"""Outcomes side by side: the target unit against its pilot, suppressed as on the dashboards.

The caseload of tests/dashboards (Nord 6 citizens, Syd 2) plus Vest with 5, all under the
department: Syd is below k = 5, so the unit tree hides it and, as its complement, the smallest
other team (Vest); Nord, the pilot, shows. Nord's changes are +8 +8 +2 +1 −7 +10: 3 of 6
reliably improved, 2 unchanged, 1 deteriorated, mean +3.7.
"""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from lovende.scaling import side_by_side, unit_views
from tests.dashboards.conftest import CASES, add_case

pytestmark = pytest.mark.django_db

VEST = [("Vest", f"Vestborger{i}", "Vestesen", "kvinde", [20, 26], 38) for i in range(5)]


@pytest.fixture
def outcome_caseload(tree, intervention, mette, sofie, vest, vibeke, ors, srs):
    units = {"Nord": (tree.nord, mette), "Syd": (tree.syd, sofie), "Vest": (vest, vibeke)}
    for unit, first, last, gender, scores, s in [*CASES, *VEST]:
        add_case(
            units[unit][1], intervention, units[unit][0], first, last, gender, scores, s, ors, srs
        )


def column(comparison, name):
    return next(c for c in comparison.columns if c.name == name)


def texts(col):
    return [value.text for value in col.values]


def test_it_shows_the_pilot_with_enough_citizens(lars, syd_target, outcome_caseload):
    comparison = side_by_side.compare(lars, syd_target)

    pilot = column(comparison, "Pilot: Familiebehandling Nord")
    assert comparison.instrument.startswith("ORS")
    assert texts(pilot) == ["6", "6", "6", "50,0 %", "33,3 %", "16,7 %", "+3,7"]


def test_it_shows_no_number_for_a_unit_below_k(lars, syd_target, outcome_caseload):
    # covers SDC-01: Syd has 2 citizens, so every figure of it is hidden, with the dashboards' words
    comparison = side_by_side.compare(lars, syd_target)

    syd = column(comparison, "Familiebehandling Syd")
    assert all(value.hidden and value.number is None for value in syd.values)
    assert texts(syd)[:3] == ["færre end 5"] * 3
    assert texts(syd)[3:] == ["skjult"] * 4


def test_it_hides_what_the_dashboard_hides_even_with_enough_citizens(
    lars, scaling_plan, vest, outcome_caseload
):
    # covers SDC-01: Vest has 5 citizens but is Syd's complement in the unit tree
    target = scaling_plan.targets.create(unit=vest, owner=lars)

    vest_column = column(side_by_side.compare(lars, target), "Familiebehandling Vest")

    assert all(value.hidden and value.number is None for value in vest_column.values)


def test_it_says_ingen_adgang_for_a_unit_outside_the_readers_roles(
    mette, syd_target, outcome_caseload
):
    comparison = side_by_side.compare(mette, syd_target)

    assert texts(column(comparison, "Familiebehandling Syd")) == ["ingen adgang"] * 7
    assert texts(column(comparison, "Pilot: Familiebehandling Nord"))[0] == "6"


def test_it_shows_a_reader_in_the_target_unit_no_pilot_figures(sofie, syd_target, outcome_caseload):
    comparison = side_by_side.compare(sofie, syd_target)

    assert texts(column(comparison, "Pilot: Familiebehandling Nord")) == ["ingen adgang"] * 7
    assert texts(column(comparison, "Familiebehandling Syd"))[0] == "færre end 5"


def test_it_renders_hidden_cells_marked_and_without_numbers(lars, syd_target, outcome_caseload):
    # covers SDC-01
    request = RequestFactory().get("/")
    request.user = lars

    html = render_to_string(
        "scaling/_unit_work.html", unit_views.target_context(request, syd_target)
    )

    rows = html.split('aria-labelledby="unit-outcomes"><table')[1].split("</table>")[0]
    assert rows.count("lovende-suppressed") == 7
    assert "+3,7" in rows


def test_it_counts_the_comparison_in_few_queries(
    lars, syd_target, outcome_caseload, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        side_by_side.compare(lars, syd_target)
