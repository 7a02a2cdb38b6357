"""Results appear only for a closed round with at least the threshold of answers, in HTML,
chart JSON and Excel alike, and no query-string filter narrows them (SDC-02)."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lovende.culture import services, survey_services
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from tests.conftest import make_staff
from tests.culture.conftest import answer

pytestmark = pytest.mark.django_db

TOO_FEW = "Resultaterne vises, når mindst 5 har svaret"
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]+"')


def _answer_and_close(survey, users, by, value=4):
    for number, user in enumerate(users):
        answer(survey, user, value=value, comment=f"Kommentar nummer {number}")
    survey_services.close_survey_round(by=by, survey=survey)


def _page(client, survey, query=""):
    response = client.get(reverse("culture:survey_detail", args=[survey.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


def _main(html):
    """The page's content, without the CSRF token (new on every response)."""
    return CSRF.sub("", html[html.index('id="main-content"') : html.index("</main>")])


def _excel(client, survey):
    response = client.get(reverse("culture:export_survey_results", args=[survey.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]


def test_it_hides_the_results_of_four_answers(client_for, lars, culture_round, nord_team):
    # covers SDC-02
    _answer_and_close(culture_round, nord_team[:4], lars)

    html = _page(client_for(lars), culture_round)

    assert TOO_FEW in html
    assert "Færre end 5 har svaret." in html
    assert "Kommentar nummer" not in html
    assert "distribution-spec" not in html
    assert '<td class="lovende-num">4</td>' not in html
    assert "4 har svaret" not in html


def test_it_shows_the_results_of_five_answers(client_for, lars, culture_round, nord_team):
    _answer_and_close(culture_round, nord_team, lars)

    html = _page(client_for(lars), culture_round)

    assert TOO_FEW not in html
    assert "5 har svaret." in html
    assert 'id="distribution-spec"' in html
    assert "Kommentar nummer 3" in html
    assert "Teamet er større end de enkelte medlemmer." in html


def test_it_hides_the_results_while_the_round_is_open(client_for, lars, culture_round, nord_team):
    for user in nord_team:
        answer(culture_round, user)

    html = _page(client_for(lars), culture_round)

    assert "Resultaterne vises, når runden er lukket" in html
    assert "distribution-spec" not in html


def test_it_exports_no_numbers_below_the_threshold(client_for, lars, culture_round, nord_team):
    # covers SDC-02
    _answer_and_close(culture_round, nord_team[:4], lars)

    rows = _excel(client_for(lars), culture_round)

    assert rows[1] == [f"{TOO_FEW}."]
    assert len(rows) == 2


def test_it_exports_the_same_figures_as_the_page(client_for, lars, culture_round, nord_team):
    _answer_and_close(culture_round, nord_team, lars)

    rows = _excel(client_for(lars), culture_round)

    assert rows[1] == [
        "Effektivt teamsamarbejde",
        "Teamet er større end de enkelte medlemmer.",
        0, 0, 0, 5, 0, 4,
    ]  # fmt: skip


@pytest.mark.parametrize(
    "query",
    ["?gruppe=medarbejdere", "?enhed=999", "?bruger=1", "?unit=1&group=x", "?kun=kommentarer"],
)
def test_it_ignores_any_filter_in_the_query_string(
    client_for, lars, culture_round, nord_team, query
):
    # covers SDC-02: no filter narrows a round below its unit
    _answer_and_close(culture_round, nord_team, lars)
    client = client_for(lars)

    plain = _main(_page(client, culture_round))
    narrowed = _main(_page(client, culture_round, query))

    assert narrowed == plain


def test_it_ignores_filters_below_the_threshold_too(client_for, lars, culture_round, nord_team):
    # covers SDC-02
    _answer_and_close(culture_round, nord_team[:4], lars)

    html = _page(client_for(lars), culture_round, f"?bruger={nord_team[0].pk}&gruppe=")

    assert TOO_FEW in html


def _second_round(lars, tree, nord_team, value):
    survey = survey_services.open_survey_round(
        by=lars,
        unit=tree.nord,
        title=f"Runde {value}",
        closes_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    _answer_and_close(survey, nord_team, lars, value=value)
    return survey


def test_it_draws_the_trend_over_the_units_rounds(client_for, lars, tree, culture_round, nord_team):
    _answer_and_close(culture_round, nord_team, lars, value=2)
    later = _second_round(lars, tree, nord_team, value=4)

    html = _page(client_for(lars), later)

    assert 'id="trend-spec"' in html
    assert '"mean": 2.0' in html
    assert '"mean": 4.0' in html


def test_it_leaves_a_round_below_the_threshold_out_of_the_trend(
    client_for, lars, tree, culture_round, nord_team
):
    _answer_and_close(culture_round, nord_team[:4], lars, value=2)
    later = _second_round(lars, tree, nord_team, value=4)

    html = _page(client_for(lars), later)

    assert 'id="trend-spec"' not in html
    assert '"mean": 2.0' not in html


def _add_statements(lars, landmark, count):
    for number in range(count):
        services.add_statement(by=lars, landmark=landmark, text=f"Udsagn {number}")


def _queries(client, survey):
    with CaptureQueriesContext(connection) as queries:
        _page(client, survey)
    return len(queries)


def test_it_keeps_the_query_count_constant(client_for, lars, tree, landmark, nord_team):
    client = client_for(lars)
    few = _second_round(lars, tree, nord_team, value=3)
    small = _queries(client, few)

    _add_statements(lars, landmark, 6)
    for username in ("erik", "frida", "gorm", "helle", "ivan"):  # five: a group far enough apart
        user = make_staff(tree.organisation, username, username.title(), "Holm")
        org_services.assign_role(user=user, unit=tree.nord, kind=Role.Kind.EMPLOYEE)
        nord_team.append(user)
    _second_round(lars, tree, nord_team, value=4)
    many = _second_round(lars, tree, nord_team, value=5)

    assert _queries(client, many) == small


def test_it_keeps_the_list_query_count_constant(client_for, lars, tree, landmark, nord_team):
    client = client_for(lars)
    _second_round(lars, tree, nord_team, value=3)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("culture:survey_list"))

    for value in (2, 4, 5):
        _second_round(lars, tree, nord_team, value=value)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("culture:survey_list"))

    assert len(many) == len(few)


def test_it_shows_a_leaders_list_no_count_below_the_threshold(
    client_for, lars, culture_round, nord_team
):
    for user in nord_team[:4]:
        answer(culture_round, user)

    html = client_for(lars).get(reverse("culture:survey_list")).content.decode()

    assert "færre end 5" in html
