"""Every write to scaling plans and their target units: the plan and its frame, target units and
their owners, the adoption stage with its dated history, local adaptations and employee ideas.

Atomic, with the actor first as ``by=``; the checks hold for every caller, not only the forms.
Who decides an adaptation is the pure rule in ``scaling.rules``.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lovende.culture import services as culture_services
from lovende.culture.models import Concern
from lovende.culture.permissions import survey_respondents
from lovende.culture.survey_services import survey_threshold
from lovende.improvement.models import QualityTeam
from lovende.interventions import services as intervention_services
from lovende.interventions.models import Intervention
from lovende.organisation.models import Role, Unit, User
from lovende.scaling import description, permissions, rules
from lovende.scaling.limits import EARLIEST, length_errors
from lovende.scaling.models import (
    Adaptation,
    Element,
    Idea,
    ScalingPlan,
    StageChange,
    TargetUnit,
)

STAGES = list(TargetUnit.Stage.values)
OPEN_ADAPTATIONS = (Adaptation.Status.PROPOSED, Adaptation.Status.WITH_QUALITY_TEAM)
OPEN_IDEAS = (Idea.Status.NEW, Idea.Status.CONSIDERED, Idea.Status.TRIED)
DECISIONS = (Adaptation.Status.APPROVED, Adaptation.Status.REJECTED)


# Elements and the frame -----------------------------------------------------------------------


def current_elements(intervention: Intervention) -> list[Element]:
    """The current description's core elements, then its adaptable ones (none yet: [])."""
    by_kind = description.current_elements(intervention)
    return [*by_kind[Element.Kind.CORE], *by_kind[Element.Kind.ADAPTABLE]]


def frame_prefill(intervention: Intervention) -> dict[str, str]:
    """The frame said plainly, from the description: what is fixed, what is free, who decides."""
    elements = current_elements(intervention)
    core = [f"- {e.name}" for e in elements if e.kind == Element.Kind.CORE]
    free = [f"- {e.name}" for e in elements if e.kind == Element.Kind.ADAPTABLE]
    return {
        "fixed": "\n".join(core),
        "free": "\n".join(free),
        "decides": _(
            "Enhedens leder godkender tilpasninger inden for tilpasningselementerne. "
            "Ændringer, der berører et kerneelement, afgøres af kvalitetsteamet."
        ),
    }


# Plans ----------------------------------------------------------------------------------------


def _overlaps(unit: Unit, other: Unit) -> bool:
    """``unit`` is ``other``, or lies above or below it."""
    return unit.is_within(other) or other.is_within(unit)


def _check_plan(
    by: User,
    intervention: Intervention,
    name: str,
    pilot_units: list[Unit],
    quality_team: QualityTeam | None,
    frame: dict[str, str],
) -> None:
    errors = length_errors(ScalingPlan, frame)
    if intervention.organisation_id != by.organisation_id:
        errors["name"] = _("Indsatsen hører til en anden organisation.")
    if not name.strip():
        errors["name"] = _("Giv skaleringsplanen et navn.")
    if not pilot_units:
        errors["pilot_units"] = _("Vælg mindst én pilotenhed, der leverer indsatsen i dag.")
    for unit in pilot_units:
        if unit.organisation_id != intervention.organisation_id:
            errors["pilot_units"] = _("En af enhederne hører til en anden organisation.")
        elif not intervention.delivers_in(unit):
            errors["pilot_units"] = _("Indsatsen leveres ikke i pilotenheden %(unit)s.") % {
                "unit": unit
            }
    if quality_team is not None and quality_team.intervention_id != intervention.pk:
        errors["quality_team"] = _("Kvalitetsteamet hører til en anden indsats.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_plan(
    *,
    by: User,
    intervention: Intervention,
    name: str,
    pilot_units: Iterable[Unit],
    fixed: str = "",
    free: str = "",
    decides: str = "",
    quality_team: QualityTeam | None = None,
) -> ScalingPlan:
    """Plan the spread of ``intervention`` from its pilot unit(s), with the frame said plainly."""
    pilot_units = list(pilot_units)
    frame = {"fixed": fixed, "free": free, "decides": decides}
    _check_plan(by, intervention, name, pilot_units, quality_team, frame)
    plan = ScalingPlan.objects.create(
        intervention=intervention,
        name=name.strip(),
        fixed=fixed.strip(),
        free=free.strip(),
        decides=decides.strip(),
        quality_team=quality_team,
        created_by=by,
    )
    plan.pilot_units.set(pilot_units)
    return plan


@transaction.atomic
def update_plan(
    *,
    by: User,
    plan: ScalingPlan,
    name: str,
    pilot_units: Iterable[Unit],
    fixed: str = "",
    free: str = "",
    decides: str = "",
    quality_team: QualityTeam | None = None,
) -> ScalingPlan:
    """Change the plan's name, pilots or frame. A pilot may be neither a target unit nor lie
    above or below one."""
    pilot_units = list(pilot_units)
    frame = {"fixed": fixed, "free": free, "decides": decides}
    _check_plan(by, plan.intervention, name, pilot_units, quality_team, frame)
    for target in plan.targets.select_related("unit"):
        pilot = next((p for p in pilot_units if _overlaps(p, target.unit)), None)
        if pilot == target.unit:
            raise ValidationError(
                {"pilot_units": _("%(unit)s er målenhed i planen og kan ikke også være pilot.")
                 % {"unit": target.unit}}
            )  # fmt: skip
        if pilot is not None:
            raise ValidationError(
                {"pilot_units": _("Pilotenheden %(pilot)s ligger i, over eller under målenheden "
                                  "%(unit)s. En pilot og en målenhed må ikke overlappe.")
                 % {"pilot": pilot, "unit": target.unit}}
            )  # fmt: skip
    plan.name, plan.quality_team = name.strip(), quality_team
    plan.fixed, plan.free, plan.decides = fixed.strip(), free.strip(), decides.strip()
    plan.save(update_fields=["name", "quality_team", "fixed", "free", "decides"])
    plan.pilot_units.set(pilot_units)
    return plan


# Target units ---------------------------------------------------------------------------------


def leaders_over(unit: Unit) -> QuerySet[User]:
    """Active staff with a leader role at ``unit`` or above it: who may own its scaling."""
    return User.objects.filter(
        is_active=True,
        organisation_id=unit.organisation_id,
        roles__kind=Role.Kind.LEADER,
        roles__unit_id__in=unit.ancestor_ids(),
    ).distinct()


def nearest_leader(unit: Unit) -> User | None:
    """The leader closest to the unit: its own leader, else the one above, and so on up."""
    roles = Role.objects.filter(
        kind=Role.Kind.LEADER, unit_id__in=unit.ancestor_ids(), user__is_active=True
    ).select_related("user", "unit")
    nearest = max(roles, key=lambda role: (role.unit.depth, -role.user_id), default=None)
    return nearest.user if nearest else None


def _record_stage(by: User, target: TargetUnit, stage: str, on: date, reason: str) -> StageChange:
    return StageChange.objects.create(
        target=target, stage=stage, changed_on=on, reason=reason, changed_by=by
    )


def _deliver_in(intervention: Intervention, unit: Unit) -> None:
    """Make the intervention delivered in ``unit`` through the interventions app's service."""
    if intervention.delivers_in(unit):
        return
    intervention_services.save_intervention(
        organisation=intervention.organisation,
        intervention=intervention,
        name=intervention.name,
        target_group=intervention.target_group,
        units=[*intervention.units.all(), unit],
        professional_groups=list(intervention.professional_groups.all()),
    )


def _check_no_overlap(plan: ScalingPlan, unit: Unit) -> None:
    """A target unit lies neither at, above nor below a pilot unit or another target unit of the
    plan: each unit's stage, mapping and outcomes are its own, and a pilot is compared with it."""
    for pilot in plan.pilot_units.all():
        if pilot == unit:
            message = _("%(unit)s er pilotenhed i planen.") % {"unit": unit}
        elif _overlaps(unit, pilot):
            message = _(
                "%(unit)s ligger over eller under pilotenheden %(pilot)s. En målenhed må ikke "
                "overlappe planens pilotenheder."
            ) % {"unit": unit, "pilot": pilot}
        else:
            continue
        raise ValidationError({"unit": message})
    for target in plan.targets.select_related("unit"):
        if target.unit == unit:
            message = _("%(unit)s er allerede målenhed i planen.") % {"unit": unit}
        elif _overlaps(unit, target.unit):
            message = _(
                "%(unit)s ligger over eller under målenheden %(other)s. En målenhed må ikke "
                "overlappe planens andre målenheder."
            ) % {"unit": unit, "other": target.unit}
        else:
            continue
        raise ValidationError({"unit": message})


@transaction.atomic
def add_target(
    *,
    by: User,
    plan: ScalingPlan,
    unit: Unit,
    owner: User | None = None,
    added_on: date | None = None,
) -> TargetUnit:
    """Add a unit to spread to, owned by a leader at or above it (default: the nearest one).

    The unit starts in exploration, dated ``added_on`` (today), and the intervention becomes
    delivered there.
    """
    if unit.organisation_id != plan.intervention.organisation_id:
        raise ValidationError({"unit": _("Enheden hører til en anden organisation.")})
    _check_no_overlap(plan, unit)
    owner = owner or nearest_leader(unit)
    if owner is None:
        raise ValidationError({"owner": _("Enheden har ingen leder over sig, der kan eje den.")})
    if not leaders_over(unit).filter(pk=owner.pk).exists():
        raise ValidationError(
            {"owner": _("%(name)s er ikke leder i eller over %(unit)s.")
             % {"name": owner, "unit": unit}}
        )  # fmt: skip
    target = TargetUnit.objects.create(plan=plan, unit=unit, owner=owner)
    added_on = added_on or timezone.localdate()
    _record_stage(by, target, target.stage, added_on, _("Enheden er føjet til skaleringsplanen."))
    _deliver_in(plan.intervention, unit)
    return target


@transaction.atomic
def change_owner(*, by: User, target: TargetUnit, owner: User) -> TargetUnit:
    """Hand the unit's scaling to another leader at or above it."""
    if not leaders_over(target.unit).filter(pk=owner.pk).exists():
        raise ValidationError(
            {"owner": _("%(name)s er ikke leder i eller over %(unit)s.")
             % {"name": owner, "unit": target.unit}}
        )  # fmt: skip
    target.owner = owner
    target.save(update_fields=["owner"])
    return target


@transaction.atomic
def move_stage(
    *, by: User, target: TargetUnit, stage: str, reason: str, changed_on: date | None = None
) -> StageChange:
    """Move the unit's adoption stage and write down what moved it, dated.

    Moving back and skipping a stage are allowed: the history shows them as such.
    """
    errors = {}
    changed_on = changed_on or timezone.localdate()
    latest = target.stage_changes.order_by("-changed_on", "-id").first()
    if stage not in STAGES:
        errors["stage"] = _("Vælg en af de fire faser.")
    elif stage == target.stage:
        errors["stage"] = _("Enheden er allerede i fasen %(stage)s.") % {
            "stage": TargetUnit.Stage(stage).label
        }
    if not reason.strip():
        errors["reason"] = _("Skriv, hvad der flyttede enheden. Det bliver en del af historikken.")
    errors.update(length_errors(StageChange, {"reason": reason}))
    if changed_on > timezone.localdate():
        errors["changed_on"] = _("Datoen ligger i fremtiden. Skriv den dag, fasen skiftede.")
    elif changed_on < EARLIEST:
        errors["changed_on"] = _("Datoen ligger for langt tilbage.")
    elif latest is not None and changed_on < latest.changed_on:
        errors["changed_on"] = _("Datoen ligger før det seneste faseskift (%(date)s).") % {
            "date": latest.changed_on.strftime("%d.%m.%Y")
        }
    if errors:
        raise ValidationError(errors)
    target.stage = stage
    target.save(update_fields=["stage"])
    return _record_stage(by, target, stage, changed_on, reason.strip())


def timeline(target: TargetUnit) -> list[dict[str, object]]:
    """The stage history, oldest first, each change marked as forward, back or a skip."""
    entries, previous = [], None
    for change in target.stage_changes.select_related("changed_by"):
        step = rules.stage_step(STAGES, previous, change.stage) if previous else None
        skipped = rules.skipped(STAGES, previous, change.stage) if step == rules.SKIP else []
        entries.append(
            {
                "change": change,
                "step": step,
                "skipped": [TargetUnit.Stage(stage).label for stage in skipped],
            }
        )
        previous = change.stage
    return entries


# Local adaptations ----------------------------------------------------------------------------


def refusal(adaptation: Adaptation) -> str:
    """Why someone may not decide ``adaptation``, in Danish."""
    if adaptation.touches_core:
        return _(
            "Tilpasningen berører et kerneelement, så den afgøres af kvalitetsteamet – "
            "ikke i enheden."
        )
    if permissions.is_core_now(adaptation):
        return _(
            "Elementet er blevet et kerneelement i en ny version af beskrivelsen, så "
            "tilpasningen afgøres nu af kvalitetsteamet – ikke i enheden."
        )
    return _("Tilpasninger inden for tilpasningselementerne godkendes af enhedens leder.")


@transaction.atomic
def propose_adaptation(
    *,
    by: User,
    target: TargetUnit,
    element_key: str,
    proposal: str,
    reason: str = "",
    also_core: bool = False,
    proposed_on: date | None = None,
) -> Adaptation:
    """Propose a local adaptation of one element. One that touches a core element goes to the
    quality team at once; the rest wait for the unit's leader."""
    elements = {e.key: e for e in current_elements(target.plan.intervention)}
    errors = {}
    if element_key not in elements:
        errors["element_key"] = _("Vælg et af indsatsens kerne- eller tilpasningselementer.")
    if not proposal.strip():
        errors["proposal"] = _("Skriv, hvad I vil gøre anderledes.")
    errors.update(length_errors(Adaptation, {"proposal": proposal, "reason": reason}))
    if errors:
        raise ValidationError(errors)
    core = rules.touches_core(elements[element_key].kind, also_core=also_core)
    status = (
        Adaptation.Status.WITH_QUALITY_TEAM
        if rules.decider(touches_core=core) == rules.QUALITY_TEAM
        else Adaptation.Status.PROPOSED
    )
    return Adaptation.objects.create(
        target=target,
        element_key=element_key,
        touches_core=core,
        proposal=proposal.strip(),
        reason=reason.strip(),
        status=status,
        proposed_by=by,
        proposed_on=proposed_on or timezone.localdate(),
    )


@transaction.atomic
def decide_adaptation(
    *,
    by: User,
    adaptation: Adaptation,
    decision: str,
    note: str = "",
    decided_on: date | None = None,
) -> Adaptation:
    """Approve or reject an open adaptation; a rejection says why. Refuses (PermissionDenied)
    anyone the rule does not let decide it, as the current description has it: an element that
    has become core since the proposal is the quality team's to decide."""
    if not permissions.can_decide_adaptation(by, adaptation):
        raise PermissionDenied(refusal(adaptation))
    core = permissions.is_core_now(adaptation)
    errors = length_errors(Adaptation, {"note": note}, {"note": "decision_note"})
    if adaptation.status not in OPEN_ADAPTATIONS:
        errors["decision"] = _("Tilpasningen er allerede afgjort.")
    elif decision not in DECISIONS:
        errors["decision"] = _("Vælg godkend eller afvis.")
    elif decision == Adaptation.Status.REJECTED and not note.strip():
        errors["note"] = _("Skriv, hvorfor tilpasningen afvises, så forslagsstilleren kan lære.")
    if errors:
        raise ValidationError(errors)
    adaptation.status, adaptation.decision_note = decision, note.strip()
    adaptation.touches_core = core
    adaptation.decided_by = by
    adaptation.decided_on = decided_on or timezone.localdate()
    adaptation.save(
        update_fields=["status", "decision_note", "touches_core", "decided_by", "decided_on"]
    )
    return adaptation


# Employee ideas -------------------------------------------------------------------------------


@transaction.atomic
def propose_idea(
    *, by: User, target: TargetUnit, text: str, proposed_on: date | None = None
) -> Idea:
    """Write down an employee's idea for the intervention in the unit."""
    if not text.strip():
        raise ValidationError({"text": _("Skriv din idé.")})
    errors = length_errors(Idea, {"text": text})
    if errors:
        raise ValidationError(errors)
    return Idea.objects.create(
        target=target,
        text=text.strip(),
        proposed_by=by,
        proposed_on=proposed_on or timezone.localdate(),
    )


@transaction.atomic
def respond_to_idea(*, by: User, idea: Idea, status: str, response: str = "") -> Idea:
    """The unit's leader answers an idea and sets its status; "ikke nu" says why."""
    errors = {}
    if status not in Idea.Status.values:
        errors["status"] = _("Vælg en status for idéen.")
    elif status == Idea.Status.DECLINED and not response.strip():
        errors["response"] = _("Skriv, hvorfor idéen ikke bruges nu.")
    errors.update(length_errors(Idea, {"response": response}))
    if errors:
        raise ValidationError(errors)
    idea.status, idea.response = status, response.strip()
    idea.save(update_fields=["status", "response"])
    return idea


# Concerns about a step ------------------------------------------------------------------------


def _anonymous_unit(unit: Unit) -> Unit | None:
    """``unit`` or the nearest unit above it with at least k people (SDC-02), else None."""
    threshold = survey_threshold()
    ancestors = Unit.objects.in_bulk(unit.ancestor_ids())
    for pk in reversed(unit.ancestor_ids()):
        if survey_respondents(ancestors[pk]).count() >= threshold:
            return ancestors[pk]
    return None


@transaction.atomic
def raise_concern_about_target(
    *, by: User, scaling_target: TargetUnit, **fields: object
) -> Concern:
    """Raise a concern (the culture app's service) about a unit's step in scaling. Without a
    unit it goes to the leaders over the target unit, who can act on it.

    An anonymous one about a unit of fewer than k people would point to its author, so it goes
    to the nearest unit above with at least k (whose leaders include the plan's leaders over
    the unit), or to the whole organisation when there is none: still about the step, never
    refused with advice that cannot work here. A unit chosen other than the target's own is
    checked as any anonymous concern is."""
    if scaling_target.plan.intervention.organisation_id != by.organisation_id:
        raise ValidationError({"scaling_target": _("Skaleringen hører til en anden organisation.")})
    unit = fields.get("unit") or scaling_target.unit
    if fields.get("anonymous") and unit == scaling_target.unit:
        unit = _anonymous_unit(scaling_target.unit)
    fields["unit"] = unit
    concern = culture_services.raise_concern(by=by, **fields)
    concern.scaling_target = scaling_target
    concern.save(update_fields=["scaling_target"])
    return concern
