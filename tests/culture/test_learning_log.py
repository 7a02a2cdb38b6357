import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lovende.culture import services
from lovende.culture.models import LearningPoint
from lovende.improvement import trials
from tests.culture.conftest import make_point
from tests.improvement.conftest import make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def trial(lars, intervention, tree):
    initiative = make_initiative(lars, intervention, unit=tree.nord)
    today = timezone.localdate()
    return trials.create_trial(
        by=lars,
        initiative=initiative,
        title="Ring dagen før første samtale",
        plan="Teamlederen ringer.",
        who="Teamlederen",
        where="Nord",
        start_date=today - datetime.timedelta(days=30),
        end_date=today - datetime.timedelta(days=2),
        prediction="Færre udeblivelser.",
    )


def test_it_lets_an_employee_write_a_learning_point(client_for, mette, tree):
    data = {
        "source": "fejl",
        "what_happened": "Indkaldelsen blev ikke sendt.",
        "learned": "En tjekliste hjælper.",
        "do_now": "",
        "unit": tree.nord.pk,
        "for_staff_meeting": "on",
    }

    response = client_for(mette).post(reverse("culture:create_learning_point"), data)

    point = LearningPoint.objects.get()
    assert response.status_code == 302
    assert (point.created_by, point.unit, point.awaits_staff_meeting) == (mette, tree.nord, True)


def test_it_asks_for_what_was_learned_in_danish(mette):
    with pytest.raises(ValidationError) as error:
        make_point(mette, learned=" ")

    assert "Skriv, hvad I lærte" in error.value.message_dict["learned"][0]


def test_it_refuses_an_unknown_source(mette):
    with pytest.raises(ValidationError) as error:
        make_point(mette, source="skyld")

    assert "source" in error.value.message_dict


def test_it_says_learning_not_fault_finding_on_the_log(client_for, mette):
    response = client_for(mette).get(reverse("culture:learning_point_list"))

    assert "Læring, ikke fejlfinding" in response.content.decode()


def test_it_lists_undiscussed_points_for_the_staff_meeting(client_for, lars, mette, tree):
    waiting = make_point(mette, unit=tree.nord, what_happened="Venter på mødet")
    make_point(mette, unit=tree.nord, what_happened="Ikke til mødet", for_staff_meeting=False)
    done = make_point(mette, unit=tree.nord, what_happened="Allerede drøftet")
    services.mark_discussed(by=lars, point=done)

    response = client_for(mette).get(reverse("culture:staff_meeting"), {"enhed": tree.nord.pk})

    assert [p.pk for p in response.context["awaiting"]] == [waiting.pk]


def test_it_records_today_when_discussed_at_the_staff_meeting(client_for, lars, mette, tree):
    point = make_point(mette, unit=tree.nord)

    response = client_for(lars).post(reverse("culture:mark_discussed", args=[point.pk]))

    point.refresh_from_db()
    assert response.status_code == 302
    assert point.discussed_on == timezone.localdate()


def test_it_refuses_a_colleague_marking_a_point_discussed(client_for, mette, sofie):
    point = make_point(mette)

    assert (
        client_for(sofie).post(reverse("culture:mark_discussed", args=[point.pk])).status_code
        == 403
    )


def test_it_refuses_a_trial_that_is_not_decided(lars, trial):
    with pytest.raises(ValidationError) as error:
        services.record_trial_learning(by=lars, trial=trial)

    assert error.value.messages == ["Afprøvningen er ikke besluttet endnu."]


def test_it_writes_one_learning_point_per_decided_trial(lars, trial, tree):
    trials.decide(
        by=lars, trial=trial, decision="opgiv", learning="Familierne vil hellere have sms."
    )

    first = services.record_trial_learning(by=lars, trial=trial)
    trials.decide(by=lars, trial=trial, decision="tilpas", learning="Prøv med sms i stedet.")
    second = services.record_trial_learning(by=lars, trial=trial)

    assert first.pk == second.pk
    assert LearningPoint.objects.count() == 1
    assert second.source == LearningPoint.Source.TRIAL
    assert second.unit == tree.nord
    assert "Ring dagen før første samtale" in second.what_happened
    assert "Tilpas og afprøv igen" in second.what_happened
    assert (second.learned, second.do_now[:6]) == ("Prøv med sms i stedet.", "Tilpas")
    assert list(trial.learning_points.all()) == [second]


def test_it_refuses_a_trial_of_another_organisation(karin, trial, lars):
    trials.decide(by=lars, trial=trial, decision="indfoer", learning="Det virker.")

    with pytest.raises(ValidationError):
        services.record_trial_learning(by=karin, trial=trial)
