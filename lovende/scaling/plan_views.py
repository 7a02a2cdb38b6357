"""Scaling plans: the list, a new plan with its frame, target units, the overview matrix and the
quality team's list of adaptations that wait for it.

Everyone in the organisation reads plans (they are about practice, not citizens); those who
manage the intervention's quality work change them (403 for the rest), and another
organisation's plan answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.culture.models import Concern
from lovende.culture.permissions import concerns_visible_to
from lovende.interventions.models import Intervention
from lovende.interventions.permissions import interventions_visible_to
from lovende.scaling import permissions, plan_forms, plans, unit_views
from lovende.scaling.models import Adaptation, ScalingPlan, TargetUnit
from lovende.web import run_service


def _status(*forms: Form | None) -> int:
    return 422 if any(form is not None and form.errors for form in forms) else 200


def _manageable(user: object) -> list[Intervention]:
    interventions = interventions_visible_to(user).prefetch_related("units")
    return [i for i in interventions if permissions.can_manage_scaling(user, i)]


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans_ = (
        permissions.plans_visible_to(request.user)
        .select_related("intervention", "quality_team")
        .prefetch_related("pilot_units")
        .annotate(target_count=Count("targets"))
    )
    manageable = _manageable(request.user)
    context = {
        "plans": plans_,
        "choose_form": plan_forms.ChooseInterventionForm(
            interventions=Intervention.objects.filter(pk__in=[i.pk for i in manageable])
        )
        if manageable
        else None,
    }
    return render(request, "scaling/plan_list.html", context)


@login_required
def create_plan(request: HttpRequest) -> HttpResponse:
    """``?indsats=<id>`` picks the intervention; the frame is filled in from its description."""
    manageable = _manageable(request.user)
    chosen = request.GET.get("indsats", "")
    intervention = next((i for i in manageable if str(i.pk) == chosen), None)
    if intervention is None:
        if chosen.isdigit() and interventions_visible_to(request.user).filter(pk=chosen).exists():
            raise PermissionDenied
        raise Http404
    initial = {**plans.frame_prefill(intervention), "pilot_units": list(intervention.units.all())}
    initial["name"] = _("Skalering af %(intervention)s") % {"intervention": intervention}
    form = plan_forms.PlanForm(request.POST or None, initial=initial, intervention=intervention)
    if request.method == "POST" and form.is_valid():
        plan = run_service(
            form, plans.create_plan, by=request.user, intervention=intervention, **form.cleaned_data
        )
        if plan:
            messages.success(request, _("Skaleringsplanen er oprettet. Tilføj nu målenhederne."))
            return redirect("scaling:plan_detail", plan.pk)
    context = {"form": form, "intervention": intervention, "plan": None}
    return render(request, "scaling/plan_form.html", context, status=_status(form))


@login_required
def update_plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = permissions.get_plan_for_user(request.user, plan_id, manage=True)
    initial = {
        "name": plan.name,
        "pilot_units": list(plan.pilot_units.all()),
        "fixed": plan.fixed,
        "free": plan.free,
        "decides": plan.decides,
        "quality_team": plan.quality_team,
    }
    form = plan_forms.PlanForm(
        request.POST or None, initial=initial, intervention=plan.intervention
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(form, plans.update_plan, by=request.user, plan=plan, **form.cleaned_data)
    ):
        messages.success(request, _("Skaleringsplanen er gemt."))
        return redirect("scaling:plan_detail", plan.pk)
    context = {"form": form, "intervention": plan.intervention, "plan": plan}
    return render(request, "scaling/plan_form.html", context, status=_status(form))


def _plan_page(
    request: HttpRequest, plan: ScalingPlan, target_form: Form | None = None
) -> HttpResponse:
    can_manage = permissions.can_manage_scaling(request.user, plan.intervention)
    if can_manage and target_form is None:
        target_form = plan_forms.TargetForm(plan=plan)
    context = {
        "plan": plan,
        "pilot_units": list(plan.pilot_units.all()),
        "targets": plan.targets.select_related("unit", "owner"),
        "can_manage": can_manage,
        "target_form": target_form if can_manage else None,
        "waiting": plan.targets.filter(
            adaptations__status=Adaptation.Status.WITH_QUALITY_TEAM
        ).count(),
    }
    return render(request, "scaling/plan_detail.html", context, status=_status(target_form))


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _plan_page(request, permissions.get_plan_for_user(request.user, plan_id))


@require_POST
@login_required
def add_target(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = permissions.get_plan_for_user(request.user, plan_id, manage=True)
    form = plan_forms.TargetForm(request.POST, plan=plan)
    if form.is_valid():
        target = run_service(
            form, plans.add_target, by=request.user, plan=plan, **form.cleaned_data
        )
        if target:
            messages.success(
                request,
                _("%(unit)s er føjet til planen med %(owner)s som ejer.")
                % {"unit": target.unit, "owner": target.owner},
            )
            return redirect("scaling:target_detail", target.pk)
    return _plan_page(request, plan, form)


def _open_concern_counts(user: object, targets: list[TargetUnit]) -> dict[int, int]:
    """Open concerns per target unit, counting only those ``user`` may see (one query)."""
    rows = (
        concerns_visible_to(user)
        .filter(scaling_target__in=[t.pk for t in targets])
        .exclude(status=Concern.Status.HANDLED)
        .values_list("scaling_target")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


def _rows(user: object, plan: ScalingPlan) -> list[dict[str, object]]:
    open_adaptations = Q(adaptations__status__in=plans.OPEN_ADAPTATIONS)
    targets = list(
        plan.targets.select_related("unit", "owner").annotate(
            open_adaptations=Count("adaptations", filter=open_adaptations, distinct=True),
            open_ideas=Count("ideas", filter=Q(ideas__status__in=plans.OPEN_IDEAS), distinct=True),
        )
    )
    glances = unit_views.glance(targets, user=user)
    concerns = _open_concern_counts(user, targets)
    return [
        {
            "target": target,
            "glance": glances.get(target.pk, {}),
            "concerns": concerns.get(target.pk, 0),
            "cells": [stage == target.stage for stage in plans.STAGES],
        }
        for target in targets
    ]


@login_required
def overview(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The matrix of units × stage, with readiness, fidelity and outcome at a glance."""
    plan = permissions.get_plan_for_user(request.user, plan_id)
    rows = _rows(request.user, plan)
    context = {
        "plan": plan,
        "stages": TargetUnit.Stage.choices,
        "pilot_units": list(plan.pilot_units.all()),
        "rows": rows,
        "stage_counts": [
            sum(1 for row in rows if row["target"].stage == stage) for stage in plans.STAGES
        ],
    }
    return render(request, "scaling/overview.html", context)


def queue_context(request: HttpRequest, plan: ScalingPlan, bound: Form | None = None) -> dict:
    waiting = list(
        Adaptation.objects.filter(
            target__plan=plan, status=Adaptation.Status.WITH_QUALITY_TEAM
        ).select_related("target__unit", "target__plan", "proposed_by")
    )
    names = {e.key: e.name for e in plans.current_elements(plan.intervention)}
    decides: dict[int, bool] = {}
    items = []
    for adaptation in waiting:
        target = adaptation.target
        if target.pk not in decides:
            decides[target.pk] = permissions.can_decide_adaptation(request.user, adaptation)
        form = None
        if decides[target.pk]:
            is_bound = bound is not None and bound.prefix == f"tilpasning-{adaptation.pk}"
            form = (
                bound if is_bound else plan_forms.DecisionForm(prefix=f"tilpasning-{adaptation.pk}")
            )
        items.append(
            {
                "adaptation": adaptation,
                "element": names.get(adaptation.element_key, adaptation.element_key),
                "form": form,
            }
        )
    return {"plan": plan, "items": items}


@login_required
def quality_team_queue(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Adaptations that touch a core element and wait for the plan's quality team."""
    plan = permissions.get_plan_for_user(request.user, plan_id)
    return render(request, "scaling/plan_queue.html", queue_context(request, plan))


def queue_url(plan: ScalingPlan) -> str:
    return reverse("scaling:quality_team_queue", args=[plan.pk])
