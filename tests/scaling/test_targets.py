"""Target units: adding one with its owner, the adoption stage with its dated history, and who
may see and move it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lovende.scaling import plans
from lovende.scaling.models import StageChange, TargetUnit

pytestmark = pytest.mark.django_db


def detail_url(target):
    return reverse("scaling:target_detail", args=[target.pk])


def move_url(target):
    return reverse("scaling:move_stage", args=[target.pk])


def today():
    return timezone.localdate()


def test_it_makes_the_nearest_leader_the_owner_by_default(client_for, lars, plan, tree, susanne):
    response = client_for(lars).post(
        reverse("scaling:add_target", args=[plan.pk]), {"unit": tree.syd.pk}
    )

    target = TargetUnit.objects.get()
    assert response["Location"] == detail_url(target)
    assert (target.owner, target.stage) == (susanne, TargetUnit.Stage.EXPLORATION)
    assert target.stage_changes.get().changed_on == today()


def test_it_refuses_an_owner_who_does_not_lead_the_unit_with_422(
    client_for, lars, plan, tree, youth_leader
):
    data = {"unit": tree.syd.pk, "owner": youth_leader.pk}

    response = client_for(lars).post(reverse("scaling:add_target", args=[plan.pk]), data)

    assert response.status_code == 422
    assert "Yasmin Holt er ikke leder i eller over Familiebehandling Syd" in (
        response.content.decode()
    )
    assert not TargetUnit.objects.exists()


def test_it_accepts_a_leader_above_the_unit_as_owner(lars, plan, tree):
    target = plans.add_target(by=lars, plan=plan, unit=tree.syd, owner=lars)

    assert target.owner == lars


def test_it_refuses_a_pilot_unit_and_a_unit_twice(lars, plan, tree, target):
    with pytest.raises(ValidationError, match="pilotenhed"):
        plans.add_target(by=lars, plan=plan, unit=tree.nord)
    with pytest.raises(ValidationError, match="allerede målenhed"):
        plans.add_target(by=lars, plan=plan, unit=tree.syd)


def test_it_makes_the_intervention_delivered_in_a_new_unit(lars, plan, youth, youth_leader):
    assert not plan.intervention.delivers_in(youth)

    target = plans.add_target(by=lars, plan=plan, unit=youth)

    assert target.owner == youth_leader
    assert youth in plan.intervention.units.all()


def test_it_moves_the_stage_with_a_dated_reason(client_for, susanne, target):
    data = {"stage": "installation", "changed_on": today().isoformat(), "reason": "Alle på kursus"}

    response = client_for(susanne).post(move_url(target), data)

    target.refresh_from_db()
    latest = target.stage_changes.last()
    assert response["Location"] == f"{detail_url(target)}#fase"
    assert target.stage == TargetUnit.Stage.INSTALLATION
    assert (latest.stage, latest.changed_on, latest.reason) == (
        "installation", today(), "Alle på kursus",
    )  # fmt: skip
    assert latest.changed_by == susanne


def test_it_requires_a_reason_to_move_with_422(client_for, susanne, target):
    data = {"stage": "installation", "changed_on": today().isoformat(), "reason": ""}

    response = client_for(susanne).post(move_url(target), data)

    target.refresh_from_db()
    assert response.status_code == 422
    assert "Skriv, hvad der flyttede enheden" in response.content.decode()
    assert target.stage == TargetUnit.Stage.EXPLORATION


def test_it_allows_moving_back_and_shows_it_in_the_timeline(client_for, susanne, target):
    plans.move_stage(by=susanne, target=target, stage="installation", reason="Klar")

    plans.move_stage(by=susanne, target=target, stage="udforskning", reason="For få familier")

    page = client_for(susanne).get(detail_url(target)).content.decode()
    assert [entry["step"] for entry in plans.timeline(target)] == [None, "frem", "tilbage"]
    assert "For få familier" in page
    assert ">tilbage<" in page


def test_it_records_a_skipped_stage(susanne, target):
    plans.move_stage(by=susanne, target=target, stage="indledende", reason="Kendte metoden")

    last = plans.timeline(target)[-1]
    assert (last["step"], last["skipped"]) == ("spring", ["Installation"])


def test_it_refuses_a_move_dated_before_the_previous_one(susanne, target):
    earlier = today() - datetime.timedelta(days=3)

    with pytest.raises(ValidationError, match="før det seneste faseskift"):
        plans.move_stage(by=susanne, target=target, stage="fuld", reason="x", changed_on=earlier)


def test_it_refuses_a_move_to_the_same_stage(susanne, target):
    with pytest.raises(ValidationError, match="allerede i fasen"):
        plans.move_stage(by=susanne, target=target, stage="udforskning", reason="x")
    assert StageChange.objects.count() == 1


def test_it_shows_the_target_page_to_a_reader(client_for, mette, target):
    # covers ACL-02: everyone in the organisation reads the scaling; only leaders move it
    response = client_for(mette).get(detail_url(target))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Familiebehandling Syd" in page
    assert "Susanne Vind" in page
    assert f'action="{move_url(target)}"' not in page


def test_it_refuses_an_employee_moving_the_stage_with_403(client_for, sofie, target):
    data = {"stage": "installation", "changed_on": today().isoformat(), "reason": "Klar"}

    response = client_for(sofie).post(move_url(target), data)

    target.refresh_from_db()
    assert response.status_code == 403
    assert target.stage == TargetUnit.Stage.EXPLORATION


def test_it_hides_a_target_from_another_organisation_with_404(client_for, karin, target):
    # covers ACL-04
    data = {"stage": "installation", "changed_on": today().isoformat(), "reason": "Klar"}

    assert client_for(karin).get(detail_url(target)).status_code == 404
    assert client_for(karin).post(move_url(target), data).status_code == 404


def test_it_lets_a_leader_hand_the_unit_to_another_leader(client_for, susanne, lars, target):
    url = reverse("scaling:change_owner", args=[target.pk])

    response = client_for(susanne).post(url, {"owner": lars.pk})

    target.refresh_from_db()
    assert response.status_code == 302
    assert target.owner == lars
