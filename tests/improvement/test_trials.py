"""The trial services: numbering, the plan's rules, the courses a trial may name, and the steps."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lovende.culture.models import LearningPoint
from lovende.improvement import trials
from lovende.improvement.models import Initiative, Trial
from lovende.interventions import services as intervention_services
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from tests.conftest import make_course
from tests.improvement.conftest import in_days, make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def lars_in_nord(lars, tree):
    """Lars manages the intervention and also works in Nord, so he sees Nord's citizens."""
    org_services.assign_role(user=lars, unit=tree.nord, kind=Role.Kind.EMPLOYEE)
    return lars


def make_trial(by, initiative, **overrides):
    fields = {
        "title": "ORS ved hver session",
        "plan": "Alle i Nord bruger ORS i to uger.",
        "who": "Mette",
        "where": "Familiebehandling Nord",
        "start_date": in_days(1),
        "end_date": in_days(14),
        "prediction": "Mindst 80 % af sessionerne får en måling.",
    }
    return trials.create_trial(by=by, initiative=initiative, **{**fields, **overrides})


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_it_numbers_the_cycles_1_2_3(lars, initiative):
    numbers = [make_trial(lars, initiative).number for _ in range(3)]

    assert numbers == [1, 2, 3]
    assert [t.number for t in initiative.trials.all()] == [1, 2, 3]


def test_it_numbers_each_initiative_on_its_own(lars, initiative, intervention):
    other = make_initiative(lars, intervention, title="Færre afbrudte forløb")
    make_trial(lars, initiative)

    assert make_trial(lars, other).number == 1


@pytest.mark.parametrize("status", [Initiative.Status.IDEA, Initiative.Status.PLANNED])
def test_it_moves_the_initiative_to_testing_with_its_first_trial(lars, initiative, status):
    initiative.status = status
    initiative.save(update_fields=["status"])

    make_trial(lars, initiative)

    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.TESTING


def test_it_keeps_a_later_status(lars, initiative):
    initiative.status = Initiative.Status.IMPLEMENTING
    initiative.save(update_fields=["status"])

    make_trial(lars, initiative)

    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.IMPLEMENTING


def test_it_refuses_a_plan_without_title_and_prediction_in_danish(lars, initiative):
    with pytest.raises(ValidationError) as excinfo:
        make_trial(lars, initiative, title="  ", prediction="")

    assert errors_of(excinfo) == {
        "title": ["Skriv, hvad I afprøver."],
        "prediction": ["Skriv jeres forudsigelse: Hvad forventer I sker?"],
    }
    assert not Trial.objects.exists()


def test_it_refuses_an_end_before_the_start(lars, initiative):
    with pytest.raises(ValidationError) as excinfo:
        make_trial(lars, initiative, start_date=in_days(5), end_date=in_days(4))

    assert errors_of(excinfo)["end_date"] == [
        "Slutdatoen ligger før startdatoen. Vælg startdatoen eller senere."
    ]


def test_it_accepts_a_one_day_trial(lars, initiative):
    assert make_trial(lars, initiative, start_date=in_days(3), end_date=in_days(3)).pk


def test_it_refuses_another_organisations_initiative(karin, initiative):
    # covers ACL-04: the service holds even if a view forgot to check
    with pytest.raises(ValidationError):
        make_trial(karin, initiative)


def test_it_names_courses_the_actor_may_see(lars_in_nord, initiative, nord_course):
    trial = make_trial(lars_in_nord, initiative, courses=[nord_course])

    assert list(trial.courses.all()) == [nord_course]


def test_it_refuses_a_course_the_actor_may_not_see(lars_in_nord, initiative, syd_course):
    # covers ACL-02: Lars works in Nord, not Syd
    with pytest.raises(ValidationError) as excinfo:
        make_trial(lars_in_nord, initiative, courses=[syd_course])

    assert errors_of(excinfo)["courses"] == ["Du har ikke adgang til et af de valgte forløb."]


def test_it_refuses_a_course_in_another_intervention(lars_in_nord, initiative, tree, mette):
    other = intervention_services.save_intervention(
        organisation=tree.organisation,
        name="Skolestøtte",
        target_group="Skolebørn",
        units=[tree.department],
        professional_groups=[],
        status="etableret",
    )
    course = make_course(mette, other, tree.nord, "Ella", "Skov")

    with pytest.raises(ValidationError) as excinfo:
        make_trial(lars_in_nord, initiative, courses=[course])

    assert errors_of(excinfo)["courses"] == [
        "Et af forløbene hører til en anden indsats end forbedringstiltaget."
    ]


def test_it_refuses_a_course_outside_the_initiatives_unit(lars, tree, intervention, syd_course):
    org_services.assign_role(user=lars, unit=tree.syd, kind=Role.Kind.EMPLOYEE)
    initiative = make_initiative(lars, intervention, unit=tree.nord)

    with pytest.raises(ValidationError) as excinfo:
        make_trial(lars, initiative, courses=[syd_course])

    assert errors_of(excinfo)["courses"] == [
        "Et af forløbene ligger uden for forbedringstiltagets enhed Familiebehandling Nord."
    ]


def test_it_keeps_courses_the_editor_cannot_see_when_the_plan_changes(
    lars_in_nord, sofie, tree, initiative, nord_course, syd_course
):
    org_services.assign_role(user=sofie, unit=tree.department, kind=Role.Kind.EMPLOYEE)
    trial = make_trial(sofie, initiative, courses=[nord_course, syd_course])

    trials.update_plan(
        by=lars_in_nord,
        trial=trial,
        title="ORS og SRS",
        plan="",
        who="",
        where="",
        start_date=trial.start_date,
        end_date=trial.end_date,
        prediction="Flere målinger",
        courses=[],
    )

    trial.refresh_from_db()
    assert trial.title == "ORS og SRS"
    assert list(trial.courses.all()) == [syd_course]


def test_it_leaves_the_trial_untouched_on_a_bad_plan(lars, initiative):
    trial = make_trial(lars, initiative)

    with pytest.raises(ValidationError):
        trials.update_plan(
            by=lars,
            trial=trial,
            title="",
            plan="",
            who="",
            where="",
            start_date=trial.start_date,
            end_date=trial.end_date,
            prediction="x",
        )

    assert trial.title == "ORS ved hver session"


def test_it_walks_the_stages_do_study_act(lars, initiative):
    trial = make_trial(lars, initiative)
    assert trial.stage == Trial.Stage.DO

    trials.record_do(by=lars, trial=trial, what_happened="Vi målte 9 af 10.", observations="")
    assert trial.stage == Trial.Stage.STUDY

    trials.record_study(by=lars, trial=trial, study="90 % mod forudsagt 80 %.")
    assert trial.stage == Trial.Stage.ACT

    trials.decide(by=lars, trial=trial, decision=Trial.Decision.ADOPT, learning="")
    trial.refresh_from_db()
    assert trial.stage == Trial.Stage.DECIDED
    assert trial.decided_on == timezone.localdate()


def test_it_refuses_an_empty_do_and_study(lars, initiative):
    trial = make_trial(lars, initiative)

    with pytest.raises(ValidationError) as do_error:
        trials.record_do(by=lars, trial=trial, what_happened=" ", observations="")
    with pytest.raises(ValidationError) as study_error:
        trials.record_study(by=lars, trial=trial, study="")

    assert "what_happened" in errors_of(do_error)
    assert "study" in errors_of(study_error)


def test_it_requires_the_learning_when_a_trial_is_abandoned(lars, initiative):
    trial = make_trial(lars, initiative)

    with pytest.raises(ValidationError) as excinfo:
        trials.decide(by=lars, trial=trial, decision=Trial.Decision.ABANDON, learning="  ")

    (message,) = errors_of(excinfo)["learning"]
    assert "Et opgivet forsøg er læring, ikke fiasko" in message
    trial.refresh_from_db()
    assert trial.decision == ""


def test_it_keeps_the_learning_of_an_abandoned_trial(lars, initiative):
    trial = make_trial(lars, initiative)
    day = datetime.date(2025, 6, 2)

    trials.decide(
        by=lars,
        trial=trial,
        decision=Trial.Decision.ABANDON,
        learning="Familierne ville ikke udfylde skemaet i starten.",
        decided_on=day,
    )

    trial.refresh_from_db()
    assert (trial.decision, trial.decided_on) == (Trial.Decision.ABANDON, day)
    assert trial.learning == "Familierne ville ikke udfylde skemaet i starten."


def test_it_refuses_an_unknown_decision(lars, initiative):
    trial = make_trial(lars, initiative)

    with pytest.raises(ValidationError) as excinfo:
        trials.decide(by=lars, trial=trial, decision="måske", learning="")

    assert "decision" in errors_of(excinfo)


def test_what_a_decided_trial_taught_goes_to_the_learning_log_once(lars, initiative):
    trial = make_trial(lars, initiative)

    trials.decide(by=lars, trial=trial, decision="opgiv", learning="Relationen, ikke stedet.")
    trials.decide(by=lars, trial=trial, decision="tilpas", learning="Ring dagen før.")

    point = LearningPoint.objects.get(trial=trial)
    assert (point.source, point.learned) == (LearningPoint.Source.TRIAL, "Ring dagen før.")
