"""Cost per course on the organisation dashboard, worked out by hand.

Familiebehandling (owned by the department) has these courses:

| course | unit | from       | to         | active in 2024 | active in 2025 |
| 6 × n  | Nord | 2025-01-06 | open       |                | yes            |
| s      | Syd  | 2025-01-06 | open       |                | yes            |
| long   | Nord | 2023-05-01 | 2025-02-15 | yes            | yes            |
| short  | Nord | 2024-03-01 | 2024-10-31 | yes            |                |

2025: 1.000.000 kr. over 8 courses (8 citizens) = 125.000 kr. per course.
2024: 700.000 kr. over 2 courses, 2 citizens: fewer than 5, hidden.
Forældrekursus: 90.000 kr. in 2025 over 3 courses: hidden. Netværksgrupper: nothing recorded.
"""

import datetime
import re

import pytest
from django.urls import reverse

from lovende.citizens import services as citizen_services
from lovende.dashboards import economy
from lovende.dashboards.display import Table, Value
from lovende.interventions import services
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from tests.conftest import make_course
from tests.dashboards.test_intervention_overview import sheets, text_of

pytestmark = pytest.mark.django_db
URL = reverse("dashboards:organisation_overview")
EXCEL = reverse("dashboards:export_organisation_overview")
COLUMN_2025 = "Udgift pr. forløb 2025, hele indsatsen (kr.)"


def dated_course(by, intervention, unit, last, start, end):
    course = make_course(by, intervention, unit, "Borger", last)
    citizen_services.update_course(
        by=by, context=None, course=course, start_date=datetime.date.fromisoformat(start),
        end_date=datetime.date.fromisoformat(end), status="afsluttet",
    )  # fmt: skip
    return course


@pytest.fixture
def costed(tree, intervention, mette, sofie, ida):
    for number in range(6):
        make_course(mette, intervention, tree.nord, "Borger", f"Nord{number}")
    make_course(sofie, intervention, tree.syd, "Borger", "Syd")
    dated_course(mette, intervention, tree.nord, "Lang", "2023-05-01", "2025-02-15")
    dated_course(mette, intervention, tree.nord, "Kort", "2024-03-01", "2024-10-31")
    small = services.save_intervention(
        organisation=tree.organisation, name="Forældrekursus",
        target_group="familier med børn 0-17 år ", units=[tree.department],
        professional_groups=[],
    )  # fmt: skip
    for number in range(3):
        make_course(mette, small, tree.nord, "Kursist", f"Nummer{number}")
    services.save_intervention(
        organisation=tree.organisation, name="Netværksgrupper",
        target_group="Familier med børn 0-17 år", units=[tree.department], professional_groups=[],
    )  # fmt: skip
    for target, year, amount in ((intervention, 2025, 1_000_000), (intervention, 2024, 700_000),
                                 (small, 2025, 90_000)):  # fmt: skip
        services.record_intervention_cost(by=ida, intervention=target, year=year, amount=amount)
    return small


@pytest.fixture
def nord_leader(tree):
    """3rd-level leader of Nord only: sees Nord's figures, yet costs divide over the whole."""
    user = org_services.create_staff(
        organisation=tree.organisation, username="nils", first_name="Nils", last_name="Holt"
    )
    org_services.assign_role(user=user, unit=tree.nord, kind=Role.Kind.LEADER, management_level=3)
    return user


def options(response, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', response.content.decode(), re.S)
    return re.findall(r'<option value="([^"]*)"', select.group())


def cost_column(client, **params) -> dict[str, object]:
    [header, *rows] = sheets(client.get(EXCEL, params))["Indsatser"]
    return {row[0]: row[-1] for row in rows} | {"header": header[-1]}


def test_it_divides_the_last_complete_years_expenses_by_the_whole_interventions_courses(
    client_for, nord_leader, costed
):
    column = cost_column(client_for(nord_leader))

    assert column["header"] == COLUMN_2025
    assert column["Familiebehandling"] == 125_000  # Syd's course counts too


def test_it_hides_a_figure_behind_fewer_than_5_citizens(client_for, ida, costed):
    # covers SDC-01
    in_2025 = cost_column(client_for(ida))
    in_2024 = cost_column(client_for(ida), aar=2024)

    assert in_2025["Forældrekursus"] == "færre end 5"
    assert in_2024["header"] == "Udgift pr. forløb 2024, hele indsatsen (kr.)"
    assert in_2024["Familiebehandling"] == "færre end 5"


def test_it_says_when_no_expenses_are_recorded(client_for, ida, costed):
    column = cost_column(client_for(ida))

    assert column["Netværksgrupper"] == "– (ikke registreret)"


def test_it_shows_the_figure_and_the_note_on_the_page(client_for, ida, costed):
    body = text_of(client_for(ida).get(URL))

    assert COLUMN_2025 in body
    assert "125.000" in body
    assert "i hele indsatsen: i alle dens enheder, ikke kun dem, du ser tal for" in body
    assert options(client_for(ida).get(URL), "aar") == ["", "2025", "2024"]


def test_it_groups_spellings_of_one_target_group_under_the_first(client_for, ida, costed):
    # "familier med børn 0-17 år " was written after "Familier med børn 0-17 år"
    column = cost_column(client_for(ida), maalgruppe="Familier med børn 0-17 år")

    assert options(client_for(ida).get(URL), "maalgruppe") == ["", "Familier med børn 0-17 år"]
    assert set(column) == {"header", "Familiebehandling", "Forældrekursus", "Netværksgrupper"}
    body = client_for(ida).get(URL).content.decode()
    assert "familier med børn 0-17 år" not in body  # the table, too, names the first spelling


def test_it_explains_a_year_without_expenses(client_for, ida, costed):
    response = client_for(ida).get(URL, {"aar": 2019})

    assert response.status_code == 200
    assert "Der er ikke registreret udgifter for det år" in text_of(response)


def test_it_reads_costs_and_courses_in_two_queries_for_any_number_of_interventions(
    django_assert_num_queries, tree, intervention, costed
):
    interventions = list(tree.organisation.interventions.order_by("name"))
    table = Table("Indsatser", "", ["Indsats"], [[Value(i.name)] for i in interventions])

    with django_assert_num_queries(2):
        costs = economy.recorded_costs(interventions)
        economy.add_cost_column(table, interventions, costs, 2025)

    assert [row[-1].number for row in table.rows] == [125_000, None, None]
