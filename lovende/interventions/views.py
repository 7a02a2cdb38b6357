from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.citizens import aggregates
from lovende.interventions import forms, permissions, services
from lovende.interventions.models import Intervention, InterventionCost
from lovende.organisation.permissions import aggregate_units, can_manage_interventions
from lovende.reflection.permissions import can_manage_forums
from lovende.web import run_service

FIELDS = ("name", "target_group", "status", "description", "goals", "core_elements")


@login_required
def intervention_list(request: HttpRequest) -> HttpResponse:
    interventions = permissions.interventions_visible_to(request.user).prefetch_related(
        "units", "professional_groups"
    )
    context = {"interventions": interventions, "can_manage": can_manage_interventions(request.user)}
    return render(request, "interventions/intervention_list.html", context)


@login_required
def intervention_detail(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = permissions.get_intervention_for_user(request.user, intervention_id)
    counts = aggregates.active_citizens_by_intervention_unit(request.user, intervention.pk)
    units = aggregate_units(request.user).filter(pk__in=counts)
    context = {
        "intervention": intervention,
        "unit_counts": [(unit, counts[unit.pk]) for unit in units],
        "core_elements": [line for line in intervention.core_elements.splitlines() if line.strip()],
        "can_manage": can_manage_interventions(request.user),
        "instruments": intervention.instruments.order_by("name"),
        "can_review": can_manage_forums(request.user),
        "costs": [
            (c, number_format(c.amount, force_grouping=True)) for c in intervention.costs.all()
        ],
        "can_record_costs": permissions.can_record_costs(request.user, intervention),
    }
    return render(request, "interventions/intervention_detail.html", context)


def _save(request: HttpRequest, intervention=None) -> HttpResponse:
    if not can_manage_interventions(request.user):
        raise PermissionDenied
    organisation = request.user.organisation
    initial = None
    if intervention:
        initial = {f: getattr(intervention, f) for f in FIELDS}
        initial["units"] = intervention.units.all()
        initial["professional_groups"] = intervention.professional_groups.all()
    form = forms.InterventionForm(request.POST or None, organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(
            form.cleaned_data,
            units=list(form.cleaned_data["units"]),
            professional_groups=list(form.cleaned_data["professional_groups"]),
        )
        saved = run_service(
            form,
            services.save_intervention,
            organisation=organisation,
            intervention=intervention,
            **data,
        )
        if saved:
            messages.success(request, _("Indsatsen %(name)s er gemt.") % {"name": saved.name})
            return redirect("interventions:intervention_detail", saved.pk)
    context = {
        "form": form,
        "intervention": intervention,
        "target_groups": form.target_group_suggestions,
    }
    return render(
        request, "interventions/intervention_form.html", context, status=422 if form.errors else 200
    )


@login_required
def create_intervention(request: HttpRequest) -> HttpResponse:
    return _save(request)


@login_required
def update_intervention(request: HttpRequest, intervention_id: int) -> HttpResponse:
    return _save(request, permissions.get_intervention_for_user(request.user, intervention_id))


def _costs_url(intervention_id: int) -> str:
    return reverse("interventions:intervention_detail", args=[intervention_id]) + "#udgifter"


def _save_cost(
    request: HttpRequest, intervention: Intervention, cost: InterventionCost | None = None
) -> HttpResponse:
    """The cost form: record a new year, or change ``cost`` when given."""
    last_year = {"year": timezone.localdate().year - 1}
    amount = number_format(cost.amount, force_grouping=True) if cost else ""
    initial = {"year": cost.year, "amount": amount, "note": cost.note} if cost else last_year
    form = forms.InterventionCostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        target = {"cost": cost} if cost else {"intervention": intervention}
        service = services.update_intervention_cost if cost else services.record_intervention_cost
        saved = run_service(form, service, by=request.user, **target, **form.cleaned_data)
        if saved:
            messages.success(request, _("Udgifterne for %(year)s er gemt.") % {"year": saved.year})
            return redirect(_costs_url(intervention.pk))
    context = {"form": form, "intervention": intervention, "cost": cost}
    return render(
        request, "interventions/cost_form.html", context, status=422 if form.errors else 200
    )


@login_required
def record_intervention_cost(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = permissions.get_intervention_for_user(request.user, intervention_id)
    if not permissions.can_record_costs(request.user, intervention):
        raise PermissionDenied
    return _save_cost(request, intervention)


@login_required
def update_intervention_cost(request: HttpRequest, cost_id: int) -> HttpResponse:
    cost = permissions.get_cost_for_user(request.user, cost_id)
    return _save_cost(request, cost.intervention, cost)


@require_POST
@login_required
def delete_intervention_cost(request: HttpRequest, cost_id: int) -> HttpResponse:
    cost = permissions.get_cost_for_user(request.user, cost_id)
    services.delete_intervention_cost(by=request.user, cost=cost)
    messages.success(request, _("Udgifterne for %(year)s er slettet.") % {"year": cost.year})
    return redirect(_costs_url(cost.intervention_id))
