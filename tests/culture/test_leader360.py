"""The leaders' reflection: 360° rounds, self-assessment, the private page, sharing, notes."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lovende.culture import leadership, survey_services
from lovende.culture.models import (
    AnswerTally,
    LeaderNote,
    Participation,
    RespondentGroup,
    SelfAssessment,
    SurveyRound,
)
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from tests.conftest import make_staff
from tests.culture.conftest import answer

pytestmark = pytest.mark.django_db

IN_TWO_WEEKS = timezone.localdate() + datetime.timedelta(days=14)
ITEMS = sum(len(texts) for _theme, texts, _reflection in leadership.LEADERSHIP_ITEMS)


def _leaders(tree, count):
    leaders = []
    for number in range(count):
        user = make_staff(tree.organisation, f"leder{number}", f"Leder{number}", "Kollega")
        org_services.assign_role(
            user=user, unit=tree.root, kind=Role.Kind.LEADER, management_level=2
        )
        leaders.append(user)
    return leaders


def _open(lars, tree, invitees=()):
    return survey_services.open_feedback_round(
        by=lars, unit=tree.department, title="360° forår", closes_on=IN_TWO_WEEKS,
        invitees=invitees,
    )  # fmt: skip


def _long_ago(survey):
    """Closed before the differencing check's window, so it no longer limits new rounds."""
    past = timezone.localdate() - datetime.timedelta(days=settings.LOVENDE_SURVEY_OVERLAP_DAYS + 1)
    SurveyRound.objects.filter(pk=survey.pk).update(
        status=SurveyRound.Status.CLOSED, closes_on=past
    )


@pytest.fixture
def feedback_round(lars, tree, nord_team):
    return _open(lars, tree)


def _self(lars, survey, value=5):
    answers = {item.pk: value for item in survey.items.all()}
    return survey_services.record_self_assessment(by=lars, survey=survey, answers=answers)


def test_it_asks_the_handbooks_behaviours_and_dilemmas(feedback_round):
    items = list(feedback_round.items.all())

    assert len(items) == ITEMS
    assert items[0].theme == leadership.ROLE_MODEL
    assert {item.text for item in items if item.reflection} == set(
        leadership.LEADERSHIP_ITEMS[-1][1]
    )


def test_it_refuses_a_unit_the_leader_does_not_lead(lars, tree, nord_team):
    with pytest.raises(ValidationError, match="Vælg en enhed, du er leder for"):
        survey_services.open_feedback_round(
            by=lars, unit=tree.root, title="360°", closes_on=IN_TWO_WEEKS
        )


def test_it_refuses_too_few_respondents(lars, tree, mette, sofie):
    with pytest.raises(ValidationError, match="Der er kun 2, der kan svare"):
        _open(lars, tree)


def test_it_refuses_an_employee_asking_for_feedback(client_for, mette):
    response = client_for(mette).get(reverse("culture:open_feedback_round"))

    assert response.status_code == 403
    assert "Kun ledere kan bede om 360°-feedback." in response.content.decode()


def test_it_counts_the_groups_apart_only_when_both_reach_the_threshold(lars, tree, nord_team):
    leaders = _leaders(tree, 7)

    few = _open(lars, tree, invitees=leaders[:2])
    _long_ago(few)  # its group differs from the next by 2: both at once could be subtracted
    many = _open(lars, tree, invitees=leaders[2:])

    assert not few.split_groups
    assert set(few.respondents.values_list("group", flat=True)) == {RespondentGroup.ALL}
    assert many.split_groups
    assert set(many.respondents.values_list("group", flat=True)) == {
        RespondentGroup.EMPLOYEES,
        RespondentGroup.COLLEAGUES,
    }


def test_it_shows_the_merged_view_when_a_group_is_below_the_threshold(
    client_for, lars, tree, nord_team
):
    leaders = _leaders(tree, 5)
    survey = _open(lars, tree, invitees=leaders)
    for user in [*nord_team, *leaders[:4]]:
        answer(survey, user, value=3)
    survey_services.close_survey_round(by=lars, survey=survey)

    html = client_for(lars).get(reverse("culture:survey_detail", args=[survey.pk])).content
    html = html.decode()

    assert "9 har svaret." in html
    assert "vises samlet, fordi ikke begge grupper har mindst 5 svar" in html
    assert '<th scope="col" class="lovende-num">Lederkolleger</th>' not in html


def test_it_shows_the_groups_apart_when_both_reach_the_threshold(client_for, lars, tree, nord_team):
    leaders = _leaders(tree, 5)
    survey = _open(lars, tree, invitees=leaders)
    for user in nord_team:
        answer(survey, user, value=2)
    for user in leaders:
        answer(survey, user, value=4)
    survey_services.close_survey_round(by=lars, survey=survey)

    html = client_for(lars).get(reverse("culture:survey_detail", args=[survey.pk])).content
    html = html.decode()

    assert '<th scope="col" class="lovende-num">Lederkolleger</th>' in html
    assert '<td class="lovende-num">4,0</td>' in html
    assert '<td class="lovende-num">2,0</td>' in html


def test_it_keeps_the_self_assessment_out_of_the_others_counters(lars, feedback_round):
    _self(lars, feedback_round, value=5)

    assert SelfAssessment.objects.filter(leader=lars).count() == ITEMS
    assert set(AnswerTally.objects.values_list("count", flat=True)) == {0}
    assert not Participation.objects.exists()


def test_it_replaces_an_earlier_self_assessment(lars, feedback_round):
    _self(lars, feedback_round, value=5)
    _self(lars, feedback_round, value=2)

    assert set(SelfAssessment.objects.values_list("value", flat=True)) == {2}


def test_it_lets_only_the_leader_give_the_self_assessment(client_for, mette, feedback_round):
    with pytest.raises(ValidationError, match="Kun lederen selv"):
        _self(mette, feedback_round)
    url = reverse("culture:record_self_assessment", args=[feedback_round.pk])

    assert client_for(mette).get(url).status_code == 404


def test_it_refuses_the_leader_answering_their_own_round(lars, feedback_round):
    with pytest.raises(ValidationError, match="din egen 360°-runde"):
        answer(feedback_round, lars)


def test_it_lets_an_employee_and_an_invited_leader_answer(lars, tree, mette, nord_team):
    leaders = _leaders(tree, 2)
    survey = _open(lars, tree, invitees=leaders[:1])

    answer(survey, mette)
    answer(survey, leaders[0])

    assert survey.respondents.get().count == 2
    with pytest.raises(ValidationError, match="de lederkolleger, Lars Bech har inviteret"):
        answer(survey, leaders[1])


def _closed_with_answers(lars, survey, users):
    for user in users:
        answer(survey, user, value=3)
    _self(lars, survey, value=4)
    survey_services.close_survey_round(by=lars, survey=survey)


def test_it_shows_the_leader_self_view_beside_the_others(
    client_for, lars, feedback_round, nord_team
):
    _closed_with_answers(lars, feedback_round, nord_team)

    html = client_for(lars).get(reverse("culture:leader_reflection")).content.decode()

    assert 'id="comparison-spec"' in html
    assert "Min egen vurdering" in html
    assert "Andres vurdering" in html
    assert "Siden er privat" in html


@pytest.mark.parametrize("persona", ["ida", "pia", "mette", "hanne"])
def test_it_hides_a_leaders_results_from_everyone_else(
    request, client_for, lars, feedback_round, nord_team, persona
):
    _closed_with_answers(lars, feedback_round, nord_team)
    client = client_for(request.getfixturevalue(persona))

    assert client.get(reverse("culture:survey_detail", args=[feedback_round.pk])).status_code == 404
    assert client.get(reverse("culture:shared_reflection", args=[lars.pk])).status_code == 404
    export = reverse("culture:export_survey_results", args=[feedback_round.pk])
    assert client.get(export).status_code == 404


def test_it_shares_the_results_but_not_the_notes(
    client_for, lars, hanne, feedback_round, nord_team
):
    _closed_with_answers(lars, feedback_round, nord_team)
    survey_services.write_leader_note(by=lars, text="Vis mere usikkerhed på møderne.")
    client_for(lars).post(reverse("culture:share_reflection"), {"colleague": hanne.pk})

    client = client_for(hanne)
    page = client.get(reverse("culture:shared_reflection", args=[lars.pk])).content.decode()

    assert client.get(reverse("culture:survey_detail", args=[feedback_round.pk])).status_code == 200
    assert 'id="comparison-spec"' in page
    assert "Vis mere usikkerhed" not in page
    assert (
        "Lederrefleksion: Lars Bech"
        in client.get(reverse("culture:leader_reflection")).content.decode()
    )


def test_it_stops_sharing(client_for, lars, hanne, feedback_round):
    survey_services.share_reflection(by=lars, colleague=hanne)

    client_for(lars).post(reverse("culture:stop_sharing", args=[hanne.pk]))

    url = reverse("culture:survey_detail", args=[feedback_round.pk])
    assert client_for(hanne).get(url).status_code == 404


def test_it_refuses_sharing_with_another_organisation(client_for, lars, karin):
    # covers ACL-04
    with pytest.raises(ValidationError):
        survey_services.share_reflection(by=lars, colleague=karin)

    response = client_for(lars).post(reverse("culture:share_reflection"), {"colleague": karin.pk})

    assert response.status_code == 302
    assert not lars.reflection_shares.exists()


def test_it_keeps_notes_private(client_for, lars, hanne):
    client_for(lars).post(reverse("culture:write_leader_note"), {"text": "Min egen note."})
    note = LeaderNote.objects.get()

    response = client_for(hanne).post(reverse("culture:delete_leader_note", args=[note.pk]))

    assert response.status_code == 404
    assert LeaderNote.objects.filter(leader=lars).count() == 1
    assert (
        "Min egen note."
        not in client_for(hanne).get(reverse("culture:leader_reflection")).content.decode()
    )


def test_it_deletes_the_leaders_own_note(client_for, lars):
    note = survey_services.write_leader_note(by=lars, text="Slet mig.")

    client_for(lars).post(reverse("culture:delete_leader_note", args=[note.pk]))

    assert not LeaderNote.objects.exists()


def test_it_opens_a_feedback_round_from_the_form(client_for, lars, tree, nord_team, hanne):
    data = {"unit": tree.department.pk, "title": "360° vinter", "closes_on": IN_TWO_WEEKS,
            "invitees": [hanne.pk]}  # fmt: skip

    response = client_for(lars).post(reverse("culture:open_feedback_round"), data)

    survey = SurveyRound.objects.get()
    assert response["Location"] == reverse("culture:record_self_assessment", args=[survey.pk])
    assert list(survey.invitees.all()) == [hanne]
    assert survey.subject == lars


def test_it_tells_an_employee_what_the_reflection_page_is_for(client_for, mette):
    html = client_for(mette).get(reverse("culture:leader_reflection")).content.decode()

    assert "Lederrefleksion er for ledere" in html
    assert "Del mine resultater" not in html
