"""A target unit's page and its actions: the adoption stage, local adaptations and ideas.

Everyone in the organisation reads it. The unit's leaders (``can_lead_target``) move its stage,
change its owner, answer ideas and decide adaptations within adaptable elements; everyone at or
below the unit proposes adaptations and ideas; an adaptation that touches a core element is
decided by the quality team, and the unit's leader gets 403 with the reason. Another
organisation's unit answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.culture.models import Concern
from lovende.culture.permissions import concerns_visible_to
from lovende.scaling import permissions, plan_forms, plan_views, plans, rules, unit_views
from lovende.scaling.models import Adaptation, Element, TargetUnit
from lovende.web import run_service


def _anchor(target: TargetUnit, anchor: str) -> str:
    return f"{reverse('scaling:target_detail', args=[target.pk])}#{anchor}"


def _adaptation_items(
    request: HttpRequest,
    target: TargetUnit,
    elements: list[Element],
    bound: Form | None,
) -> list[dict[str, object]]:
    names = {element.key: element.name for element in elements}
    # An element may have become core since the proposal: then the quality team decides.
    core_keys = {element.key for element in elements if element.kind == Element.Kind.CORE}
    decides = {
        False: permissions.can_lead_target(request.user, target),
        True: None,  # asked only when a core adaptation is open
    }
    items = []
    for adaptation in target.adaptations.select_related("proposed_by", "decided_by"):
        form = None
        core = adaptation.touches_core or adaptation.element_key in core_keys
        if adaptation.status in plans.OPEN_ADAPTATIONS:
            if decides[core] is None:
                decides[True] = permissions.can_decide_adaptation(request.user, adaptation)
            if decides[core]:
                prefix = f"tilpasning-{adaptation.pk}"
                is_bound = bound is not None and bound.prefix == prefix
                form = bound if is_bound else plan_forms.DecisionForm(prefix=prefix)
        items.append(
            {
                "adaptation": adaptation,
                "element": names.get(adaptation.element_key, adaptation.element_key),
                "decider": rules.decider(touches_core=core),
                "form": form,
            }
        )
    return items


def _idea_items(target: TargetUnit, can_lead: bool, bound: Form | None) -> list[dict[str, object]]:
    items = []
    for idea in target.ideas.select_related("proposed_by"):
        form = None
        if can_lead:
            prefix = f"ide-{idea.pk}"
            is_bound = bound is not None and bound.prefix == prefix
            initial = {"status": idea.status, "response": idea.response}
            form = (
                bound if is_bound else plan_forms.IdeaResponseForm(prefix=prefix, initial=initial)
            )
        items.append({"idea": idea, "form": form})
    return items


def _target_page(request: HttpRequest, target: TargetUnit, **bound: Form) -> HttpResponse:
    can_lead = permissions.can_lead_target(request.user, target)
    can_contribute = can_lead or permissions.can_contribute_to_target(request.user, target)
    elements = plans.current_elements(target.plan.intervention)
    context = {
        "target": target,
        "plan": target.plan,
        "can_lead": can_lead,
        "can_contribute": can_contribute,
        "timeline": plans.timeline(target),
        "stage_form": bound.get("stage") or plan_forms.StageForm(target=target),
        "owner_form": bound.get("owner")
        or plan_forms.OwnerForm(
            initial={"owner": target.owner}, leaders=plans.leaders_over(target.unit)
        ),
        "adaptation_form": bound.get("adaptation") or plan_forms.AdaptationForm(elements=elements),
        "has_elements": bool(elements),
        "adaptations": _adaptation_items(request, target, elements, bound.get("decision")),
        "idea_form": bound.get("idea") or plan_forms.IdeaForm(),
        "ideas": _idea_items(target, can_lead, bound.get("response")),
        "open_concerns": concerns_visible_to(request.user)
        .filter(scaling_target=target)
        .exclude(status=Concern.Status.HANDLED)
        .count(),
        **unit_views.target_context(request, target),
    }
    status = 422 if any(form.errors for form in bound.values()) else 200
    return render(request, "scaling/target_detail.html", context, status=status)


@login_required
def target_detail(request: HttpRequest, target_id: int) -> HttpResponse:
    return _target_page(request, permissions.get_target_for_user(request.user, target_id))


@require_POST
@login_required
def move_stage(request: HttpRequest, target_id: int) -> HttpResponse:
    target = permissions.get_target_for_user(request.user, target_id, lead=True)
    form = plan_forms.StageForm(request.POST, target=target)
    if form.is_valid() and run_service(
        form, plans.move_stage, by=request.user, target=target, **form.cleaned_data
    ):
        messages.success(
            request,
            _("%(unit)s er nu i fasen %(stage)s.")
            % {"unit": target.unit, "stage": target.get_stage_display()},
        )
        return redirect(_anchor(target, "fase"))
    return _target_page(request, target, stage=form)


@require_POST
@login_required
def change_owner(request: HttpRequest, target_id: int) -> HttpResponse:
    target = permissions.get_target_for_user(request.user, target_id, lead=True)
    form = plan_forms.OwnerForm(request.POST, leaders=plans.leaders_over(target.unit))
    if form.is_valid() and run_service(
        form, plans.change_owner, by=request.user, target=target, **form.cleaned_data
    ):
        messages.success(
            request, _("%(name)s ejer nu skaleringen i enheden.") % {"name": target.owner}
        )
        return redirect("scaling:target_detail", target.pk)
    return _target_page(request, target, owner=form)


@require_POST
@login_required
def propose_adaptation(request: HttpRequest, target_id: int) -> HttpResponse:
    target = permissions.get_target_for_user(request.user, target_id, contribute=True)
    elements = plans.current_elements(target.plan.intervention)
    form = plan_forms.AdaptationForm(request.POST, elements=elements)
    adaptation = form.is_valid() and run_service(
        form, plans.propose_adaptation, by=request.user, target=target, **form.cleaned_data
    )
    if not adaptation:
        return _target_page(request, target, adaptation=form)
    if adaptation.status == Adaptation.Status.WITH_QUALITY_TEAM:
        message = _(
            "Tilpasningen berører et kerneelement og er sendt til kvalitetsteamet, der afgør den."
        )
    else:
        message = _("Tilpasningen er foreslået. Enhedens leder afgør den.")
    messages.success(request, message)
    return redirect(_anchor(target, "tilpasninger"))


@require_POST
@login_required
def decide_adaptation(request: HttpRequest, adaptation_id: int) -> HttpResponse:
    adaptation = permissions.get_adaptation_for_user(request.user, adaptation_id)
    target = adaptation.target
    if not permissions.can_decide_adaptation(request.user, adaptation):
        context = {"target": target, "message": plans.refusal(adaptation)}
        return render(request, "scaling/target_refused.html", context, status=403)
    from_queue = request.POST.get("fra") == "kvalitetsteam"
    form = plan_forms.DecisionForm(request.POST, prefix=f"tilpasning-{adaptation.pk}")
    if form.is_valid() and run_service(
        form, plans.decide_adaptation, by=request.user, adaptation=adaptation,
        decision=form.cleaned_data["decision"], note=form.cleaned_data["note"],
    ):  # fmt: skip
        messages.success(
            request,
            _("Tilpasningen er %(status)s.") % {"status": adaptation.get_status_display().lower()},
        )
        if from_queue:
            return redirect(plan_views.queue_url(target.plan))
        return redirect(_anchor(target, "tilpasninger"))
    if from_queue:
        context = plan_views.queue_context(request, target.plan, form)
        return render(request, "scaling/plan_queue.html", context, status=422)
    return _target_page(request, target, decision=form)


@require_POST
@login_required
def propose_idea(request: HttpRequest, target_id: int) -> HttpResponse:
    target = permissions.get_target_for_user(request.user, target_id, contribute=True)
    form = plan_forms.IdeaForm(request.POST)
    if form.is_valid() and run_service(
        form, plans.propose_idea, by=request.user, target=target, **form.cleaned_data
    ):
        messages.success(request, _("Tak for idéen. Enhedens leder svarer på den."))
        return redirect(_anchor(target, "ideer"))
    return _target_page(request, target, idea=form)


@require_POST
@login_required
def respond_to_idea(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = permissions.get_idea_to_answer(request.user, idea_id)
    target = idea.target
    form = plan_forms.IdeaResponseForm(request.POST, prefix=f"ide-{idea.pk}")
    if form.is_valid() and run_service(
        form, plans.respond_to_idea, by=request.user, idea=idea, **form.cleaned_data
    ):
        messages.success(request, _("Svaret på idéen er gemt."))
        return redirect(_anchor(target, "ideer"))
    return _target_page(request, target, response=form)
