"""Who reaches a round's questionnaire, and who answers a culture round (ACL-02, SDC-02).

- The security review found that any employee could open ``/kultur/maaling/<id>/svar/`` for any
  round of the organisation and read a 360° round's title and leader on the refusal page. Now a
  round is 404 unless the person could answer it or may already see it; the specific Danish
  reasons are kept for those.
- The culture's leaders over a round's unit read its results, so they neither answer nor count
  towards the threshold.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lovende.culture import permissions, survey_services
from lovende.culture.models import Participation, SurveyRound
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from tests.conftest import make_staff
from tests.culture.conftest import answer

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Lars: hemmelig 360"


def _closes():
    return timezone.localdate() + datetime.timedelta(days=14)


@pytest.fixture
def lars_360(lars, tree, nord_team):
    return survey_services.open_feedback_round(
        by=lars, unit=tree.nord, title=SECRET_TITLE, closes_on=_closes()
    )


def _answer_url(survey):
    return reverse("culture:answer_survey", args=[survey.pk])


# The review's finding: another leader's 360° round is 404 to everyone else ------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_employee_elsewhere_cannot_learn_of_a_leaders_360_round(
    client_for, sofie, lars_360, method
):
    # covers ACL-02: the review's attack (Sofie, Syd, not invited) now gets 404 and nothing more
    response = getattr(client_for(sofie), method)(_answer_url(lars_360))

    assert response.status_code == 404
    body = response.content.decode()
    assert SECRET_TITLE not in body
    assert "Lars" not in body
    assert (
        client_for(sofie).get(reverse("culture:survey_detail", args=[lars_360.pk])).status_code
        == 404
    )


def test_a_personal_link_to_a_round_out_of_reach_is_404(client_for, sofie, lars_360):
    # covers ACL-02: even a validly signed link for Sofie herself does not open it
    token = permissions.survey_link_token(lars_360, sofie)

    response = client_for(sofie).get(reverse("culture:survey_link", args=[token]))

    assert response.status_code == 404
    assert SECRET_TITLE not in response.content.decode()


def test_an_administrator_cannot_learn_of_a_leaders_360_round(client_for, ida, lars_360):
    # covers ACL-02: decision 18, also on the answer page
    assert client_for(ida).get(_answer_url(lars_360)).status_code == 404


def test_another_units_employee_cannot_reach_a_culture_round(client_for, sofie, culture_round):
    # covers ACL-02
    response = client_for(sofie).get(_answer_url(culture_round))

    assert response.status_code == 404
    assert culture_round.title not in response.content.decode()


# The specific reasons stay for those who could answer, or see the round anyway ------------------


def test_an_eligible_employee_is_told_the_round_is_closed(client_for, lars, mette, lars_360):
    survey_services.close_survey_round(by=lars, survey=lars_360)

    response = client_for(mette).get(_answer_url(lars_360))

    assert response.status_code == 403
    assert "Runden er lukket" in response.content.decode()


def test_an_eligible_employee_is_told_they_have_answered(client_for, mette, lars_360):
    answer(lars_360, mette)

    response = client_for(mette).get(_answer_url(lars_360))

    assert response.status_code == 403
    assert "Du har allerede svaret" in response.content.decode()


def test_the_leader_is_told_to_give_a_self_assessment(client_for, lars, lars_360):
    response = client_for(lars).get(_answer_url(lars_360))

    assert response.status_code == 403
    assert "din egen 360°-runde" in response.content.decode()


def test_a_colleague_the_results_are_shared_with_gets_the_reason(client_for, lars, sofie, lars_360):
    survey_services.share_reflection(by=lars, colleague=sofie)

    response = client_for(sofie).get(_answer_url(lars_360))

    assert response.status_code == 403
    assert "Du kan ikke svare på denne runde" in response.content.decode()


# The culture's leaders neither answer nor count (finding 6) -------------------------------------


def test_a_culture_leader_of_the_unit_is_not_in_the_eligible_group(hanne, culture_round):
    # covers SDC-02: Hanne leads Nord's culture and reads the results
    assert not culture_round.eligibility.filter(user=hanne).exists()
    assert culture_round.eligibility.count() == 5


def test_a_culture_leader_is_refused_with_the_reason(client_for, hanne, culture_round):
    # covers SDC-02
    response = client_for(hanne).get(_answer_url(culture_round))

    assert response.status_code == 403
    assert "Du leder kulturen for Familiebehandling Nord" in response.content.decode()
    with pytest.raises(ValidationError, match="svarer ikke selv"):
        answer(culture_round, hanne)
    assert not Participation.objects.exists()
    assert culture_round not in [survey for survey, _done in permissions.rounds_to_answer(hanne)]


def test_a_culture_leader_who_was_eligible_at_opening_still_cannot_answer(
    tree, hanne, culture_round, nord_team
):
    # Made a leader after the round opened: the current role decides, not only the snapshot.
    org_services.assign_role(user=nord_team[1], unit=tree.nord, kind=Role.Kind.LEADER,
                             management_level=4)  # fmt: skip

    with pytest.raises(ValidationError, match="svarer ikke selv"):
        answer(culture_round, nord_team[1])


def test_the_opening_check_counts_employees_only(lars, hanne, tree, landmark, mette):
    # covers SDC-02: four employees and their leader are not five who can answer
    for username in ("anna", "bo", "carl"):
        user = make_staff(tree.organisation, username, username.title(), "Berg")
        org_services.assign_role(user=user, unit=tree.nord, kind=Role.Kind.EMPLOYEE)

    with pytest.raises(ValidationError, match="Der er kun 4, der kan svare") as refused:
        survey_services.open_survey_round(
            by=lars, unit=tree.nord, title="For få", closes_on=_closes()
        )

    assert "De, der leder kulturen for enheden, tæller ikke med" in refused.value.messages[0]
    assert not SurveyRound.objects.exists()


def test_a_consultant_with_a_role_in_the_unit_does_not_answer(pia, tree, culture_round):
    org_services.assign_role(user=pia, unit=tree.nord, kind=Role.Kind.EMPLOYEE)

    with pytest.raises(ValidationError, match="svarer ikke selv"):
        answer(culture_round, pia)
