"""The scaling review's findings, each pinned down: a target unit's leader leads only her unit,
who decides follows the current description, target units do not overlap, a version for a
scaled intervention keeps a core element, texts and dates have limits, and an anonymous concern
about a small unit's step keeps its author hidden and still reaches the leaders."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lovende.culture.models import Concern
from lovende.culture.permissions import concerns_visible_to
from lovende.improvement import services as improvement_services
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from lovende.scaling import assessment, permissions, plans
from lovende.scaling.limits import MAX_TEXT
from lovende.scaling.models import Adaptation, Description, TargetUnit
from tests.conftest import make_staff
from tests.scaling.description_data import ADAPTABLE, CORE, all_scores, describe, element

pytestmark = pytest.mark.django_db

TOO_LONG = "x" * (MAX_TEXT + 1)


def decision(adaptation, value="godkendt", note=""):
    prefix = f"tilpasning-{adaptation.pk}"
    return {f"{prefix}-decision": value, f"{prefix}-note": note}


def decide_url(adaptation):
    return reverse("scaling:decide_adaptation", args=[adaptation.pk])


def version_2(by, intervention, **changes):
    """A new version of the plan fixtures' description, as the services take it."""
    rows = [
        {"key": e.key, "kind": e.kind, "name": e.name, "text": e.text}
        for e in Description.objects.get(intervention=intervention, version=1).elements.all()
    ]
    fields = {"target_group": "Familier", "goals": "Trivsel", "change_note": "Ny viden"}
    fields.update(changes)
    fields.setdefault("elements", rows)
    return describe(by, intervention, **fields)


def form_data(intervention, **changes):
    """The description form as posted, with the plan fixtures' elements carried over."""
    rows = Description.objects.get(intervention=intervention, version=1).elements.all()
    data = {
        "target_group": "Familier",
        "goals": "Trivsel",
        "change_note": "Ny viden",
        "elementer-TOTAL_FORMS": str(len(rows)),
        "elementer-INITIAL_FORMS": str(len(rows)),
        "elementer-MIN_NUM_FORMS": "0",
        "elementer-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update(
            {
                f"elementer-{i}-key": row.key,
                f"elementer-{i}-kind": row.kind,
                f"elementer-{i}-name": row.name,
                f"elementer-{i}-text": row.text,
            }
        )
    data.update(changes)
    return data


# 1. A target unit's leader leads her unit, not the intervention ------------------------------


@pytest.fixture
def youth_target(lars, plan, youth, youth_leader):
    """Ungeteamet joins: the intervention becomes delivered there, so it is an owning unit."""
    return plans.add_target(by=lars, plan=plan, unit=youth)


def test_a_new_target_units_leader_cannot_move_another_targets_stage(
    client_for, youth_leader, target, youth_target
):
    assert youth_target.unit in target.plan.intervention.units.all()
    data = {"stage": "installation", "changed_on": "2026-01-05", "reason": "Jeg bestemmer"}

    response = client_for(youth_leader).post(reverse("scaling:move_stage", args=[target.pk]), data)

    assert response.status_code == 403
    target.refresh_from_db()
    assert target.stage == TargetUnit.Stage.EXPLORATION


def test_a_new_target_units_leader_still_leads_her_own_unit(client_for, youth_leader, youth_target):
    data = {"stage": "installation", "changed_on": youth_target.stage_changes.get().changed_on}
    data["reason"] = "Alle har været på kursus"

    response = client_for(youth_leader).post(
        reverse("scaling:move_stage", args=[youth_target.pk]), data
    )

    assert response.status_code == 302
    assert permissions.can_lead_target(youth_leader, youth_target)


def test_a_new_target_units_leader_cannot_change_the_plan(
    client_for, youth_leader, plan, youth_target, tree
):
    own = improvement_services.create_team(
        by=youth_leader, intervention=plan.intervention, name="Mit eget team"
    )
    url = reverse("scaling:update_plan", args=[plan.pk])
    data = {"name": plan.name, "pilot_units": [tree.nord.pk], "quality_team": own.pk}

    client = client_for(youth_leader)

    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    plan.refresh_from_db()
    assert plan.quality_team != own
    assert not permissions.can_manage_scaling(youth_leader, plan.intervention)


def test_a_new_target_units_leader_cannot_decide_her_own_units_core_adaptation(
    client_for, lars, youth_leader, plan, youth_target
):
    # Even as the leader of the plan's quality team (what update_plan let her set up).
    team = improvement_services.create_team(by=lars, intervention=plan.intervention, name="Ny")
    improvement_services.add_member(
        by=lars, team=team, user=youth_leader, role="teamleder", position="leder"
    )
    plan.quality_team = team
    plan.save(update_fields=["quality_team"])
    adaptation = plans.propose_adaptation(
        by=youth_leader, target=youth_target, element_key="ors-srs", proposal="ORS en gang"
    )
    adaptation = permissions.get_adaptation_for_user(youth_leader, adaptation.pk)

    response = client_for(youth_leader).post(decide_url(adaptation), decision(adaptation))

    assert response.status_code == 403
    assert "afgøres af kvalitetsteamet" in response.content.decode()
    adaptation.refresh_from_db()
    assert adaptation.status == Adaptation.Status.WITH_QUALITY_TEAM
    with pytest.raises(PermissionDenied):
        plans.decide_adaptation(by=youth_leader, adaptation=adaptation, decision="godkendt")


def test_a_new_target_units_leader_cannot_make_a_new_description_version(
    client_for, youth_leader, plan, youth_target
):
    url = reverse("scaling:describe_intervention", args=[plan.intervention.pk])

    response = client_for(youth_leader).post(url, form_data(plan.intervention))

    assert response.status_code == 403
    assert plan.intervention.descriptions.count() == 1


def test_the_department_leader_above_the_target_still_decides_for_the_quality_team(
    client_for, lars, sofie, target, youth_target
):
    # The demo: Lars leads Familiebehandling above Syd and leads the quality team.
    adaptation = plans.propose_adaptation(
        by=sofie, target=target, element_key="hjemmebesoeg", proposal="Sammen med sundhedsplejen"
    )

    response = client_for(lars).post(decide_url(adaptation), decision(adaptation))

    adaptation.refresh_from_db()
    assert response.status_code == 302
    assert (adaptation.status, adaptation.decided_by) == (Adaptation.Status.APPROVED, lars)
    assert permissions.can_manage_scaling(lars, target.plan.intervention)


def test_the_targets_own_leader_in_the_quality_team_does_not_decide_its_core(
    lars, sofie, susanne, quality_team, target
):
    improvement_services.add_member(
        by=lars, team=quality_team, user=susanne, role="sponsor", position="leder"
    )
    adaptation = plans.propose_adaptation(
        by=sofie, target=target, element_key="ors-srs", proposal="ORS hver anden gang"
    )

    assert not permissions.can_decide_adaptation(susanne, adaptation)
    assert permissions.can_decide_adaptation(lars, adaptation)


def test_consultants_and_administrators_still_manage_and_decide(ida, sofie, target, youth_target):
    adaptation = plans.propose_adaptation(
        by=sofie, target=target, element_key="ors-srs", proposal="ORS hver anden gang"
    )

    assert permissions.can_manage_scaling(ida, target.plan.intervention)
    assert permissions.can_decide_adaptation(ida, adaptation)


# 2. Who decides follows the current description --------------------------------------------


def test_a_new_version_sends_an_open_adaptation_on_a_now_core_element_to_the_quality_team(
    client_for, ida, sofie, susanne, plan, target
):
    adaptation = plans.propose_adaptation(
        by=sofie, target=target, element_key="moedested", proposal="På biblioteket"
    )
    rows = [
        {"key": e.key, "kind": CORE, "name": e.name, "text": e.text}
        for e in Description.objects.get(intervention=plan.intervention).elements.all()
    ]

    version_2(ida, plan.intervention, elements=rows)

    adaptation.refresh_from_db()
    assert adaptation.touches_core is True
    assert adaptation.status == Adaptation.Status.WITH_QUALITY_TEAM
    response = client_for(susanne).post(decide_url(adaptation), decision(adaptation))
    assert response.status_code == 403


def test_a_new_version_leaves_decided_and_adaptable_adaptations_alone(
    ida, sofie, susanne, plan, target
):
    decided = plans.propose_adaptation(
        by=sofie, target=target, element_key="moedested", proposal="På biblioteket"
    )
    plans.decide_adaptation(by=susanne, adaptation=decided, decision="godkendt")
    still_free = plans.propose_adaptation(
        by=sofie, target=target, element_key="sessionslaengde", proposal="45 minutter"
    )
    rows = [
        {"key": e.key, "kind": CORE if e.key == "moedested" else e.kind, "name": e.name}
        for e in Description.objects.get(intervention=plan.intervention).elements.all()
    ]

    version_2(ida, plan.intervention, elements=rows)

    decided.refresh_from_db()
    still_free.refresh_from_db()
    assert (decided.status, decided.touches_core) == (Adaptation.Status.APPROVED, False)
    assert (still_free.status, still_free.touches_core) == (Adaptation.Status.PROPOSED, False)


def test_deciding_rechecks_an_element_that_has_become_core(
    client_for, ida, lars, sofie, susanne, plan, target
):
    rows = [
        {"key": e.key, "kind": CORE, "name": e.name}
        for e in Description.objects.get(intervention=plan.intervention).elements.all()
    ]
    version_2(ida, plan.intervention, elements=rows)
    # Proposed as a unit matter before the re-routing existed (or in between).
    stale = Adaptation.objects.create(
        target=target, element_key="moedested", touches_core=False, proposal="Biblioteket",
        status=Adaptation.Status.PROPOSED, proposed_by=sofie, proposed_on=timezone.localdate(),
    )  # fmt: skip
    stale = permissions.get_adaptation_for_user(susanne, stale.pk)

    with pytest.raises(PermissionDenied, match="er blevet et kerneelement"):
        plans.decide_adaptation(by=susanne, adaptation=stale, decision="godkendt")
    response = client_for(susanne).post(decide_url(stale), decision(stale))
    assert response.status_code == 403
    assert "er blevet et kerneelement" in response.content.decode()

    plans.decide_adaptation(by=lars, adaptation=stale, decision="godkendt")
    stale.refresh_from_db()
    assert (stale.status, stale.touches_core) == (Adaptation.Status.APPROVED, True)


# 3. Target units overlap neither the pilots nor each other ---------------------------------


def test_it_refuses_a_target_above_the_pilot_and_an_existing_target(client_for, lars, plan, tree):
    plans.add_target(by=lars, plan=plan, unit=tree.syd)

    response = client_for(lars).post(
        reverse("scaling:add_target", args=[plan.pk]), {"unit": tree.department.pk}
    )

    assert response.status_code == 422
    assert "ligger over eller under pilotenheden Familiebehandling Nord" in (
        response.content.decode()
    )
    assert response.context["target_form"].errors["unit"]
    assert plan.targets.count() == 1
    with pytest.raises(ValidationError, match="pilotenheden"):
        plans.add_target(by=lars, plan=plan, unit=tree.root)


def test_it_refuses_a_target_below_an_existing_target(lars, plan, tree, susanne):
    plans.add_target(by=lars, plan=plan, unit=tree.syd)
    below = org_services.create_unit(
        organisation=tree.organisation, name="Syd Øst", kind="team", parent=tree.syd
    )

    with pytest.raises(ValidationError, match="målenheden Familiebehandling Syd") as refused:
        plans.add_target(by=lars, plan=plan, unit=below)
    assert "unit" in refused.value.error_dict


def test_it_refuses_a_target_above_an_existing_target(lars, plan, tree, youth, youth_leader):
    below = org_services.create_unit(
        organisation=tree.organisation, name="Unge Nord", kind="team", parent=youth
    )
    plans.add_target(by=lars, plan=plan, unit=below, owner=youth_leader)

    with pytest.raises(ValidationError, match="målenheden Unge Nord"):
        plans.add_target(by=lars, plan=plan, unit=youth)


def test_it_refuses_a_pilot_above_a_target_in_update_plan(client_for, lars, plan, target, tree):
    url = reverse("scaling:update_plan", args=[plan.pk])
    data = {"name": plan.name, "pilot_units": [tree.department.pk]}

    response = client_for(lars).post(url, data)

    assert response.status_code == 422
    assert "ligger i, over eller under målenheden Familiebehandling Syd" in (
        response.content.decode()
    )
    assert list(plan.pilot_units.all()) == [tree.nord]


# 4. A scaled intervention's description keeps a core element --------------------------------


def test_it_refuses_a_version_without_core_elements_when_there_is_a_scaling_plan(
    client_for, ida, plan
):
    rows = [element("Mødested", ADAPTABLE, key="moedested")]

    with pytest.raises(ValidationError, match="skaleringsplanens enheder"):
        version_2(ida, plan.intervention, elements=rows)

    data = form_data(plan.intervention)
    for i in range(int(data["elementer-TOTAL_FORMS"])):
        data[f"elementer-{i}-kind"] = ADAPTABLE
    url = reverse("scaling:describe_intervention", args=[plan.intervention.pk])
    response = client_for(ida).post(url, data)
    assert response.status_code == 422
    assert "skaleringsplanens enheder" in response.content.decode()
    assert plan.intervention.descriptions.count() == 1


def test_it_accepts_a_version_without_core_elements_before_any_scaling_plan(ida, intervention):
    described = describe(ida, intervention, elements=[element("Mødested", ADAPTABLE)])

    assert described.version == 1


# 5. Texts have a limit ----------------------------------------------------------------------


def test_the_services_refuse_texts_longer_than_the_limit(ida, lars, sofie, susanne, plan, target):
    adaptation = plans.propose_adaptation(
        by=sofie, target=target, element_key="moedested", proposal="x"
    )
    idea = plans.propose_idea(by=sofie, target=target, text="Kaffe")
    refused = [
        (lambda: plans.propose_adaptation(
            by=sofie, target=target, element_key="moedested", proposal=TOO_LONG), "proposal"),
        (lambda: plans.propose_adaptation(
            by=sofie, target=target, element_key="moedested", proposal="x", reason=TOO_LONG),
         "reason"),
        (lambda: plans.decide_adaptation(
            by=susanne, adaptation=adaptation, decision="afvist", note=TOO_LONG), "note"),
        (lambda: plans.propose_idea(by=sofie, target=target, text=TOO_LONG), "text"),
        (lambda: plans.respond_to_idea(
            by=susanne, idea=idea, status="overvejes", response=TOO_LONG), "response"),
        (lambda: plans.move_stage(
            by=susanne, target=target, stage="installation", reason=TOO_LONG), "reason"),
        (lambda: plans.update_plan(
            by=lars, plan=plan, name=plan.name, pilot_units=plan.pilot_units.all(),
            fixed=TOO_LONG), "fixed"),
        (lambda: plans.update_plan(
            by=lars, plan=plan, name=plan.name, pilot_units=plan.pilot_units.all(),
            free=TOO_LONG), "free"),
        (lambda: plans.update_plan(
            by=lars, plan=plan, name=plan.name, pilot_units=plan.pilot_units.all(),
            decides=TOO_LONG), "decides"),
        (lambda: version_2(ida, plan.intervention, goals=TOO_LONG), "goals"),
        (lambda: version_2(ida, plan.intervention, assumptions=TOO_LONG), "assumptions"),
        (lambda: version_2(ida, plan.intervention, change_note=TOO_LONG), "change_note"),
    ]  # fmt: skip
    for call, field in refused:
        with pytest.raises(ValidationError, match=f"højst have {MAX_TEXT} tegn") as error:
            call()
        assert field in error.value.error_dict, field
    adaptation.refresh_from_db()
    idea.refresh_from_db()
    assert (adaptation.status, idea.response) == (Adaptation.Status.PROPOSED, "")


def test_the_services_refuse_a_long_element_text_and_long_assessment_texts(ida, plan):
    rows = [element("ORS", CORE, text=TOO_LONG, key="ors-srs")]
    with pytest.raises(ValidationError, match="Beskrivelsen af «ORS» må højst have"):
        version_2(ida, plan.intervention, elements=rows)

    scores = all_scores()
    scores["maal"]["evidence"] = TOO_LONG
    scores["virkning"]["next_step"] = TOO_LONG
    with pytest.raises(ValidationError) as error:
        assessment.record_assessment(
            by=ida, intervention=plan.intervention, assessed_on=datetime.date(2026, 1, 5),
            scores=scores, note=TOO_LONG,
        )  # fmt: skip
    assert {"evidence_maal", "next_step_virkning", "note"} <= set(error.value.error_dict)


@pytest.mark.parametrize(
    ("url_name", "field", "extra"),
    [
        ("scaling:propose_adaptation", "proposal", {"element_key": "moedested"}),
        ("scaling:propose_adaptation", "reason", {"element_key": "moedested", "proposal": "x"}),
        ("scaling:propose_idea", "text", {}),
        ("scaling:move_stage", "reason", {"stage": "installation"}),
    ],
)
def test_the_forms_answer_a_long_text_with_422(client_for, susanne, target, url_name, field, extra):
    url = reverse(url_name, args=[target.pk])
    today = timezone.localdate().isoformat()

    response = client_for(susanne).post(url, {**extra, "changed_on": today, field: TOO_LONG})

    assert response.status_code == 422
    assert f"(den har {MAX_TEXT + 1})" in response.content.decode()
    assert not target.adaptations.exists()
    assert not target.ideas.exists()
    assert target.stage_changes.count() == 1


def test_the_plan_description_and_assessment_forms_answer_a_long_text_with_422(
    client_for, ida, plan, tree
):
    client = client_for(ida)
    plan_data = {"name": plan.name, "pilot_units": [tree.nord.pk], "fixed": TOO_LONG}
    response = client.post(reverse("scaling:update_plan", args=[plan.pk]), plan_data)
    assert response.status_code == 422

    data = form_data(plan.intervention, **{"elementer-0-text": TOO_LONG})
    url = reverse("scaling:describe_intervention", args=[plan.intervention.pk])
    assert client.post(url, data).status_code == 422
    assert plan.intervention.descriptions.count() == 1

    data = {"assessed_on": "2026-01-05", "evidence_maal": TOO_LONG}
    data.update({f"score_{key}": "2" for key in all_scores()})
    url = reverse("scaling:create_assessment", args=[plan.intervention.pk])
    assert client.post(url, data).status_code == 422
    assert not plan.intervention.practice_assessments.exists()


# 6. An assessment dated in year 1 is a typing error -----------------------------------------


def test_it_refuses_an_assessment_dated_long_ago(client_for, ida, intervention):
    with pytest.raises(ValidationError, match="for langt tilbage"):
        assessment.record_assessment(
            by=ida, intervention=intervention, assessed_on=datetime.date(1, 1, 1),
            scores=all_scores(),
        )  # fmt: skip

    data = {"assessed_on": "0001-01-01"}
    data.update({f"score_{key}": "2" for key in all_scores()})
    url = reverse("scaling:create_assessment", args=[intervention.pk])
    response = client_for(ida).post(url, data)
    assert response.status_code == 422
    assert "Datoen ligger for langt tilbage." in response.content.decode()
    assert not intervention.practice_assessments.exists()


# 7. An anonymous concern about a small unit's step -----------------------------------------


@pytest.fixture
def department_of_five(tree, sofie):
    """Familiebehandling gets enough people for anonymity (k = 5); Syd stays small."""
    for number in range(4):
        user = make_staff(tree.organisation, f"nord{number}", "Behandler", f"Nord {number}")
        org_services.assign_role(user=user, unit=tree.nord, kind=Role.Kind.EMPLOYEE)


def raise_url(target):
    return f"{reverse('culture:raise_concern')}?skalering={target.pk}"


@pytest.mark.parametrize("unit_field", ["syd", ""])
def test_an_anonymous_concern_about_a_small_units_step_goes_to_the_unit_above(
    client_for, lars, sofie, target, tree, department_of_five, settings, unit_field
):
    settings.LOVENDE_SURVEY_MIN_ANSWERS = 5
    data = {"description": "For travlt", "scaling_target": target.pk, "anonymous": "on"}
    data["unit"] = tree.syd.pk if unit_field else ""

    response = client_for(sofie).post(raise_url(target), data)

    assert response.status_code == 302
    concern = Concern.objects.get()
    assert (concern.unit, concern.raised_by, concern.scaling_target) == (
        tree.department,
        None,
        target,
    )
    assert concern in concerns_visible_to(lars)


def test_an_anonymous_concern_goes_to_the_whole_organisation_when_no_unit_is_big_enough(
    sofie, target, settings
):
    settings.LOVENDE_SURVEY_MIN_ANSWERS = 50

    concern = plans.raise_concern_about_target(
        by=sofie, scaling_target=target, description="For travlt", anonymous=True
    )

    assert (concern.unit, concern.raised_by, concern.scaling_target) == (None, None, target)


def test_a_named_concern_about_a_step_keeps_the_target_unit(sofie, target, tree, settings):
    settings.LOVENDE_SURVEY_MIN_ANSWERS = 50

    concern = plans.raise_concern_about_target(
        by=sofie, scaling_target=target, description="For travlt"
    )

    assert (concern.unit, concern.raised_by) == (tree.syd, sofie)
