"""Local adaptations and ideas: employees propose; within an adaptable element the unit's leader
decides, and a change that touches a core element goes to the quality team."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lovende.scaling import plans
from lovende.scaling.models import Adaptation, Idea

pytestmark = pytest.mark.django_db


def propose(by, target, key, **extra):
    return plans.propose_adaptation(
        by=by, target=target, element_key=key, proposal="Vi mødes på biblioteket", **extra
    )


def decide_url(adaptation):
    return reverse("scaling:decide_adaptation", args=[adaptation.pk])


def decision(adaptation, value="godkendt", note=""):
    prefix = f"tilpasning-{adaptation.pk}"
    return {f"{prefix}-decision": value, f"{prefix}-note": note}


def test_it_lets_an_employee_propose_within_an_adaptable_element(client_for, sofie, target):
    url = reverse("scaling:propose_adaptation", args=[target.pk])
    data = {"element_key": "moedested", "proposal": "Møder på biblioteket", "reason": "Tæt på"}

    response = client_for(sofie).post(url, data)

    adaptation = Adaptation.objects.get()
    assert response.status_code == 302
    assert (adaptation.touches_core, adaptation.status) == (False, Adaptation.Status.PROPOSED)
    assert adaptation.proposed_by == sofie


def test_it_sends_a_core_proposal_to_the_quality_team(client_for, sofie, target):
    url = reverse("scaling:propose_adaptation", args=[target.pk])
    data = {"element_key": "ors-srs", "proposal": "ORS hver anden gang"}

    client_for(sofie).post(url, data, follow=True)

    adaptation = Adaptation.objects.get()
    assert adaptation.touches_core is True
    assert adaptation.status == Adaptation.Status.WITH_QUALITY_TEAM
    assert adaptation.get_status_display() == "Sendt til kvalitetsteamet"


def test_it_sends_an_adaptable_proposal_ticked_as_touching_the_core_to_the_team(sofie, target):
    adaptation = propose(sofie, target, "sessionslaengde", also_core=True)

    assert adaptation.status == Adaptation.Status.WITH_QUALITY_TEAM


def test_it_refuses_an_unknown_element(sofie, target):
    with pytest.raises(ValidationError, match="kerne- eller tilpasningselementer"):
        propose(sofie, target, "findes-ikke")


def test_it_refuses_a_proposal_from_another_unit_with_403(client_for, mette, target):
    url = reverse("scaling:propose_adaptation", args=[target.pk])

    response = client_for(mette).post(url, {"element_key": "moedested", "proposal": "x"})

    assert response.status_code == 403


def test_it_lets_the_units_leader_approve_an_adaptable_change(client_for, sofie, susanne, target):
    adaptation = propose(sofie, target, "moedested")

    response = client_for(susanne).post(decide_url(adaptation), decision(adaptation))

    adaptation.refresh_from_db()
    assert response.status_code == 302
    assert adaptation.status == Adaptation.Status.APPROVED
    assert adaptation.decided_by == susanne
    assert adaptation.decided_on is not None


def test_it_refuses_the_units_leader_a_core_change_with_403(client_for, sofie, susanne, target):
    adaptation = propose(sofie, target, "hjemmebesoeg")

    response = client_for(susanne).post(decide_url(adaptation), decision(adaptation))

    adaptation.refresh_from_db()
    assert response.status_code == 403
    assert "afgøres af kvalitetsteamet" in response.content.decode()
    assert adaptation.status == Adaptation.Status.WITH_QUALITY_TEAM


def test_it_lets_the_quality_team_leader_approve_a_core_change(client_for, sofie, lars, target):
    adaptation = propose(sofie, target, "hjemmebesoeg")
    data = {**decision(adaptation, note="Prøv det i tre måneder"), "fra": "kvalitetsteam"}

    response = client_for(lars).post(decide_url(adaptation), data)

    adaptation.refresh_from_db()
    assert response["Location"] == reverse("scaling:quality_team_queue", args=[target.plan.pk])
    assert (adaptation.status, adaptation.decided_by) == (Adaptation.Status.APPROVED, lars)
    assert adaptation.decision_note == "Prøv det i tre måneder"


def test_it_refuses_the_leader_of_a_unit_newly_delivering_the_intervention_a_core_change(
    lars, plan, youth, youth_leader, sofie
):
    target = plans.add_target(by=lars, plan=plan, unit=youth)
    adaptation = propose(sofie, target, "ors-srs")

    with pytest.raises(PermissionDenied):
        plans.decide_adaptation(by=youth_leader, adaptation=adaptation, decision="godkendt")


def test_it_requires_a_reason_to_reject_with_422(client_for, sofie, susanne, target):
    adaptation = propose(sofie, target, "moedested")

    response = client_for(susanne).post(decide_url(adaptation), decision(adaptation, "afvist"))

    adaptation.refresh_from_db()
    assert response.status_code == 422
    assert "hvorfor tilpasningen afvises" in response.content.decode()
    assert adaptation.status == Adaptation.Status.PROPOSED


def test_it_refuses_deciding_twice(sofie, susanne, target):
    adaptation = propose(sofie, target, "moedested")
    plans.decide_adaptation(by=susanne, adaptation=adaptation, decision="godkendt")

    with pytest.raises(ValidationError, match="allerede afgjort"):
        plans.decide_adaptation(by=susanne, adaptation=adaptation, decision="afvist", note="x")


def test_it_lists_what_waits_for_the_quality_team(client_for, sofie, lars, mette, target):
    propose(sofie, target, "moedested")
    waiting = propose(sofie, target, "ors-srs")
    url = reverse("scaling:quality_team_queue", args=[target.plan.pk])

    for_lars = client_for(lars).get(url).content.decode()
    for_mette = client_for(mette).get(url).content.decode()

    assert for_lars.count("Vi mødes på biblioteket") == 1
    assert f'action="{decide_url(waiting)}"' in for_lars
    assert f'action="{decide_url(waiting)}"' not in for_mette


def test_it_hides_an_adaptation_from_another_organisation_with_404(
    client_for, karin, sofie, target
):
    # covers ACL-04
    adaptation = propose(sofie, target, "moedested")

    response = client_for(karin).post(decide_url(adaptation), decision(adaptation))

    assert response.status_code == 404


def test_it_lets_an_employee_share_an_idea_and_the_leader_answer(
    client_for, sofie, susanne, target
):
    client_for(sofie).post(reverse("scaling:propose_idea", args=[target.pk]), {"text": "Kaffe"})
    idea = Idea.objects.get()
    prefix = f"ide-{idea.pk}"
    data = {f"{prefix}-status": "overvejes", f"{prefix}-response": "Vi tager den op"}

    response = client_for(susanne).post(reverse("scaling:respond_to_idea", args=[idea.pk]), data)

    idea.refresh_from_db()
    assert response.status_code == 302
    assert (idea.status, idea.response, idea.proposed_by) == ("overvejes", "Vi tager den op", sofie)


def test_it_refuses_an_employee_answering_an_idea_with_403(client_for, sofie, target):
    idea = plans.propose_idea(by=sofie, target=target, text="Kaffe")
    data = {f"ide-{idea.pk}-status": "indfoert"}

    response = client_for(sofie).post(reverse("scaling:respond_to_idea", args=[idea.pk]), data)

    assert response.status_code == 403
