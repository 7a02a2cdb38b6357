"""Two rounds whose groups differ by a few people cannot both exist (SDC-02, docs/decisions.md).

The security review's attack: results of two rounds of the same kind (360°: the same leader)
whose eligible groups differ by 1 to k−1 people can be subtracted, and with one person the
difference is exactly that person's answers. Each test below first tries the attack and asserts
that the second round is refused, with a Danish reason and what to do instead.

The eligible group is frozen in ``Eligibility`` when a round opens; the tests also hold it to
saying only who *could* answer, with nothing to join to the answers.
"""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lovende.culture import survey_services
from lovende.culture.models import Eligibility, RespondentGroup, SurveyRound
from lovende.organisation import services as org_services
from lovende.organisation.models import Role, User
from tests.conftest import make_staff
from tests.culture.conftest import answer

pytestmark = pytest.mark.django_db

DIFFERENCING = "kan trækkes fra hinanden, så enkeltes svar kan udledes"


def _closes():
    return timezone.localdate() + datetime.timedelta(days=14)


def _culture(by, unit, title="Runde"):
    return survey_services.open_survey_round(by=by, unit=unit, title=title, closes_on=_closes())


def _feedback(by, unit, invitees=(), title="360°"):
    return survey_services.open_feedback_round(
        by=by, unit=unit, title=title, closes_on=_closes(), invitees=invitees
    )


def _staff(tree, unit, names, kind=Role.Kind.EMPLOYEE, level=None):
    people = []
    for name in names:
        user = make_staff(tree.organisation, name, name.title(), "Prøve")
        org_services.assign_role(user=user, unit=unit, kind=kind, management_level=level)
        people.append(user)
    return people


def _close_long_ago(survey, days):
    SurveyRound.objects.filter(pk=survey.pk).update(
        status=SurveyRound.Status.CLOSED,
        closes_on=timezone.localdate() - datetime.timedelta(days=days),
    )


# The attacks of the review, now refused ---------------------------------------------------------


def test_it_refuses_a_child_round_beside_a_parent_round_one_person_larger(
    lars, tree, landmark, nord_team, sofie
):
    # covers SDC-02: Familiebehandling (Nord's five + Sofie) minus Nord would be Sofie's answers
    _culture(lars, tree.department, "Afdeling")

    with pytest.raises(ValidationError, match=DIFFERENCING) as refused:
        _culture(lars, tree.nord, "Nord")

    message = refused.value.messages[0]
    assert "«Afdeling» for Familiebehandling" in message
    assert "Vent" in message
    assert "den samme gruppe eller en gruppe, der adskiller sig med mindst 5" in message
    assert SurveyRound.objects.count() == 1


def test_it_refuses_the_parent_round_beside_an_open_child_round(
    lars, tree, landmark, nord_team, sofie
):
    # covers SDC-02: the same attack in the other order
    _culture(lars, tree.nord, "Nord")

    with pytest.raises(ValidationError, match=DIFFERENCING):
        _culture(lars, tree.department, "Afdeling")


def test_it_refuses_two_360_rounds_with_and_without_one_invitee(lars, tree, nord_team):
    # covers SDC-02: A (Nord + an invited leader from elsewhere) minus B (Nord) would be the
    # invitee's answers, also when A has closed before B opens
    chef = _staff(tree, tree.root, ["chef"], Role.Kind.LEADER, 2)[0]
    first = _feedback(lars, tree.nord, invitees=[chef], title="A")
    survey_services.close_survey_round(by=lars, survey=first)

    with pytest.raises(ValidationError, match=DIFFERENCING) as refused:
        _feedback(lars, tree.nord, title="B")

    assert "lukket for nylig" in refused.value.messages[0]
    assert SurveyRound.objects.filter(subject=lars).count() == 1


def test_it_refuses_a_second_open_360_round_on_the_same_people(lars, hanne, tree, nord_team):
    # covers SDC-02: the review's 360° case. Hanne leads Nord, so she is in both groups; if she
    # answers A and not B, A minus B is her answers, though the groups are the same
    _feedback(lars, tree.nord, invitees=[hanne], title="A")

    with pytest.raises(ValidationError, match=DIFFERENCING) as refused:
        _feedback(lars, tree.nord, title="B")

    assert "stadig åben" in refused.value.messages[0]
    assert SurveyRound.objects.filter(subject=lars).count() == 1


def test_it_refuses_a_second_open_culture_round_on_the_same_people(lars, tree, culture_round):
    # covers SDC-02
    with pytest.raises(ValidationError, match=DIFFERENCING):
        _culture(lars, tree.nord, "Samme gruppe, samme tid")


def test_the_review_attack_cannot_be_carried_out(lars, tree, landmark, nord_team, sofie):
    # covers SDC-02: the review's full attack stops at the second round
    department = _culture(lars, tree.department, "Afdeling")
    for person in nord_team:
        answer(department, person, 4)
    answer(department, sofie, 1)

    with pytest.raises(ValidationError, match=DIFFERENCING):
        _culture(lars, tree.nord, "Nord")


def test_it_refuses_a_round_that_differs_from_a_split_rounds_group(lars, tree, nord_team):
    # covers SDC-02: a split round shows its employees alone; Nord + two invitees minus that
    # group would be the two invitees' answers
    leaders = _staff(tree, tree.root, [f"chef{n}" for n in range(7)], Role.Kind.LEADER, 2)
    split = _feedback(lars, tree.nord, invitees=leaders[:5], title="Delt")
    assert split.split_groups

    with pytest.raises(ValidationError, match=DIFFERENCING):
        _feedback(lars, tree.nord, invitees=leaders[5:], title="Samlet")


def test_it_refuses_an_overlap_with_a_round_closed_within_the_window(
    lars, tree, landmark, nord_team, sofie
):
    # covers SDC-02
    earlier = _culture(lars, tree.department, "Forår")
    _close_long_ago(earlier, settings.LOVENDE_SURVEY_OVERLAP_DAYS)

    with pytest.raises(ValidationError, match=DIFFERENCING):
        _culture(lars, tree.nord, "Efterår")


def test_it_refuses_an_overlap_with_an_expired_round_that_is_not_closed_yet(
    lars, tree, landmark, nord_team, sofie
):
    # covers SDC-02: past its closing date but still open counts as open
    earlier = _culture(lars, tree.department, "Forår")
    SurveyRound.objects.filter(pk=earlier.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=400)
    )

    with pytest.raises(ValidationError, match=DIFFERENCING):
        _culture(lars, tree.nord, "Efterår")


# What stays allowed ---------------------------------------------------------------------------


def test_it_allows_two_rounds_with_the_same_group(lars, tree, landmark, nord_team):
    first = _culture(lars, tree.nord, "Forår")
    survey_services.close_survey_round(by=lars, survey=first)

    second = _culture(lars, tree.nord, "Efterår")

    assert second.pk != first.pk


def test_it_allows_a_group_at_least_the_threshold_apart(lars, tree, landmark, nord_team):
    _staff(tree, tree.syd, ["sara", "svend", "signe", "sune", "stine"])
    department = _culture(lars, tree.department, "Afdeling")
    survey_services.close_survey_round(by=lars, survey=department)

    nord = _culture(lars, tree.nord, "Nord")  # differs by Syd's five

    assert nord.eligibility.count() == 5


def test_it_allows_an_overlap_once_the_other_round_is_older_than_the_window(
    lars, tree, landmark, nord_team, sofie
):
    earlier = _culture(lars, tree.department, "Sidste år")
    _close_long_ago(earlier, settings.LOVENDE_SURVEY_OVERLAP_DAYS + 1)

    assert _culture(lars, tree.nord, "I år")


def test_it_compares_360_rounds_of_the_same_leader_only(lars, hanne, tree, nord_team):
    # Another leader's round on the same employees is another leader's results.
    _staff(tree, tree.nord, ["niels"], Role.Kind.LEADER, 4)
    niels = User.objects.get(username="niels")
    _feedback(niels, tree.nord, invitees=[hanne], title="Niels")

    assert _feedback(lars, tree.nord, title="Lars")


def test_it_allows_open_rounds_on_groups_without_shared_people(lars, tree, landmark, nord_team):
    _staff(tree, tree.syd, ["sara", "svend", "signe", "sune", "stine"])
    _culture(lars, tree.nord, "Nord")

    assert _culture(lars, tree.syd, "Syd")


def test_it_does_not_compare_culture_rounds_with_360_rounds(lars, tree, landmark, nord_team):
    _feedback(lars, tree.department, title="360°")

    assert _culture(lars, tree.nord, "Kultur")


# The frozen eligible group ----------------------------------------------------------------------


def test_it_freezes_the_eligible_group_when_the_round_opens(lars, tree, culture_round, nord_team):
    # covers SDC-02
    assert sorted(culture_round.eligibility.values_list("user_id", flat=True)) == sorted(
        user.pk for user in nord_team
    )
    late = _staff(tree, tree.nord, ["senere"])[0]

    with pytest.raises(ValidationError, match="da runden åbnede"):
        answer(culture_round, late)


def test_the_eligible_group_says_who_could_answer_and_nothing_more():
    # covers SDC-02: no time, no reference to participations, counters or comments
    columns = {field.column for field in Eligibility._meta.concrete_fields}
    assert columns == {"id", "round_id", "user_id", "group"}
    assert not any(
        field.get_internal_type() in ("DateTimeField", "DateField", "TimeField")
        for field in Eligibility._meta.concrete_fields
    )


def test_it_writes_the_eligible_group_on_opening_in_user_order_and_never_when_answering(
    lars, tree, culture_round, nord_team
):
    # covers SDC-02: written before any answer, in an order that tells nothing
    by_id = list(culture_round.eligibility.order_by("id").values_list("user_id", flat=True))
    assert by_id == sorted(by_id)

    with CaptureQueriesContext(connection) as queries:
        answer(culture_round, nord_team[2])
    survey_services.close_survey_round(by=lars, survey=culture_round)

    table = Eligibility._meta.db_table
    writes = [q["sql"] for q in queries.captured_queries if table in q["sql"]]
    assert all(sql.lstrip().upper().startswith("SELECT") for sql in writes)
    after = list(culture_round.eligibility.order_by("id").values_list("user_id", flat=True))
    assert after == by_id


def test_it_keeps_a_split_rounds_groups_in_the_eligible_group(lars, tree, nord_team):
    leaders = _staff(tree, tree.root, [f"chef{n}" for n in range(5)], Role.Kind.LEADER, 2)

    survey = _feedback(lars, tree.nord, invitees=leaders)

    groups = dict(survey.eligibility.values_list("user_id", "group"))
    assert {groups[user.pk] for user in nord_team} == {RespondentGroup.EMPLOYEES}
    assert {groups[user.pk] for user in leaders} == {RespondentGroup.COLLEAGUES}
