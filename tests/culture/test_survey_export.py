"""The Excel export carries the same columns as the page (FILE-03 "the same as the screen")."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lovende.culture import survey_services
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from tests.conftest import make_staff
from tests.culture.conftest import answer

pytestmark = pytest.mark.django_db


def _sheet(client, survey):
    response = client.get(reverse("culture:export_survey_results", args=[survey.pk]))
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


@pytest.fixture
def split_round(lars, tree, nord_team):
    leaders = []
    for number in range(5):
        user = make_staff(tree.organisation, f"chef{number}", f"Chef{number}", "Kollega")
        org_services.assign_role(user=user, unit=tree.root, kind=Role.Kind.LEADER,
                                 management_level=2)  # fmt: skip
        leaders.append(user)
    survey = survey_services.open_feedback_round(
        by=lars, unit=tree.nord, title="360°", invitees=leaders,
        closes_on=timezone.localdate() + datetime.timedelta(days=14),
    )  # fmt: skip
    for user in nord_team:
        answer(survey, user, value=2)
    for user in leaders:
        answer(survey, user, value=4)
    survey_services.record_self_assessment(
        by=lars, survey=survey, answers={item.pk: 5 for item in survey.items.all()}
    )
    survey_services.close_survey_round(by=lars, survey=survey)
    return survey


def test_a_360_export_has_the_self_assessment_and_the_groups_like_the_page(
    client_for, lars, split_round
):
    # covers FILE-03
    client = client_for(lars)
    page = client.get(reverse("culture:survey_detail", args=[split_round.pk])).content.decode()
    rows = _sheet(client, split_round)

    header = list(rows[0])
    assert header == ["Tema", "Udsagn", "1", "2", "3", "4", "5", "Gennemsnit", "Mit eget",
                      "Medarbejdere", "Lederkolleger"]  # fmt: skip
    for column in ("Mit eget", "Medarbejdere", "Lederkolleger"):
        assert f'<th scope="col" class="lovende-num">{column}</th>' in page
    first = list(rows[1])
    assert first[2:] == [0, 5, 0, 5, 0, 3.0, 5, 2.0, 4.0]
    assert len(rows) == 1 + split_round.items.count()


def test_a_culture_export_keeps_its_columns(client_for, lars, culture_round, nord_team):
    for user in nord_team:
        answer(culture_round, user, value=3)
    survey_services.close_survey_round(by=lars, survey=culture_round)

    rows = _sheet(client_for(lars), culture_round)

    assert list(rows[0]) == ["Tema", "Udsagn", "1", "2", "3", "4", "5", "Gennemsnit"]
    assert list(rows[1])[2:] == [0, 0, 5, 0, 0, 3.0]
