"""The intervention's description: the current version, a new version, the history of versions
and what changed from one to the next.

Everyone in the organisation reads them; those who manage the intervention's scaling
(``permissions.can_manage_scaling``) make a new version (403 for the others); another
organisation's intervention answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lovende.interventions.models import Intervention
from lovende.interventions.permissions import get_intervention_for_user
from lovende.scaling import description as descriptions
from lovende.scaling import description_forms, permissions
from lovende.scaling.models import Description, Element
from lovende.web import run_service


def _versions(intervention: Intervention) -> list[Description]:
    """Every version, newest first, with what the page and the comparison read prefetched."""
    return list(
        intervention.descriptions.select_related("created_by").prefetch_related(
            "elements", "documentation_tools"
        )
    )


def _columns(description: Description) -> list[tuple[str, str, list[str]]]:
    """The theory of change left to right: (field, label, one item per line)."""
    return [
        (
            name,
            str(Description._meta.get_field(name).verbose_name).capitalize(),
            [line.strip() for line in getattr(description, name).splitlines() if line.strip()],
        )
        for name in descriptions.THEORY_OF_CHANGE
    ]


def _page(
    request: HttpRequest,
    intervention: Intervention,
    versions: list[Description],
    number: int,
    *,
    with_changes: bool,
) -> HttpResponse:
    """Version ``number``; ``with_changes`` adds what changed since the version before it."""
    shown = next((v for v in versions if v.version == number), None)
    if versions and shown is None:
        raise Http404
    previous = next((v for v in versions if v.version == number - 1), None)
    elements = sorted(shown.elements.all(), key=lambda e: (e.order, e.name)) if shown else []
    context = {
        "intervention": intervention,
        "description": shown,
        "latest": versions[0] if versions else None,
        "columns": _columns(shown) if shown else [],
        "assumptions": [line for line in shown.assumptions.splitlines() if line.strip()]
        if shown
        else [],
        "core": [e for e in elements if e.kind == Element.Kind.CORE],
        "adaptable": [e for e in elements if e.kind == Element.Kind.ADAPTABLE],
        "comparison": descriptions.compare(
            descriptions.snapshot(previous), descriptions.snapshot(shown)
        )
        if previous and with_changes
        else None,
        "previous": previous,
        "can_manage": permissions.can_manage_scaling(request.user, intervention),
    }
    return render(request, "scaling/description_detail.html", context)


@login_required
def description_detail(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = get_intervention_for_user(request.user, intervention_id)
    versions = _versions(intervention)
    number = versions[0].version if versions else 0
    return _page(request, intervention, versions, number, with_changes=False)


@login_required
def description_version(request: HttpRequest, intervention_id: int, version: int) -> HttpResponse:
    """One version, with what changed since the one before it."""
    intervention = get_intervention_for_user(request.user, intervention_id)
    versions = _versions(intervention)
    if not versions:
        raise Http404
    return _page(request, intervention, versions, version, with_changes=True)


@login_required
def description_history(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = get_intervention_for_user(request.user, intervention_id)
    versions = _versions(intervention)
    snapshots = [descriptions.snapshot(v) for v in versions]
    rows = [
        (
            version,
            descriptions.compare(snapshots[i + 1], snapshots[i]) if i + 1 < len(versions) else None,
        )
        for i, version in enumerate(versions)
    ]
    context = {
        "intervention": intervention,
        "rows": rows,
        "can_manage": permissions.can_manage_scaling(request.user, intervention),
    }
    return render(request, "scaling/description_history.html", context)


@login_required
def describe_intervention(request: HttpRequest, intervention_id: int) -> HttpResponse:
    """GET shows the current version to change; POST saves a new version."""
    intervention = permissions.get_intervention_to_manage(request.user, intervention_id)
    current = descriptions.current_description(intervention)
    initial = description_forms.DescriptionForm.initial_from(current)
    form = description_forms.DescriptionForm(
        request.POST or None, initial=initial, intervention=intervention, first_version=not current
    )
    elements = list(current.elements.all()) if current else []
    formset = description_forms.ElementFormSet(
        request.POST or None,
        initial=description_forms.ElementFormSet.initial_from(elements),
    )
    if request.method == "POST" and "flere" in request.POST:  # more rows, nothing saved yet
        typed = {name: form[name].value() for name in form.fields}
        form = description_forms.DescriptionForm(
            initial=typed, intervention=intervention, first_version=not current
        )
        formset = formset.with_more_rows()
    elif request.method == "POST" and form.is_valid() and formset.is_valid():
        saved = run_service(
            form,
            descriptions.describe_intervention,
            by=request.user,
            intervention=intervention,
            elements=formset.element_rows(),
            **form.cleaned_data,
        )
        if saved:
            messages.success(
                request,
                _("Version %(version)s af beskrivelsen er gemt.") % {"version": saved.version},
            )
            return redirect("scaling:description_detail", intervention.pk)
    context = {"intervention": intervention, "form": form, "formset": formset, "current": current}
    invalid = formset.is_bound and (any(formset.errors) or formset.non_form_errors())
    status = 422 if form.is_bound and (form.errors or invalid) else 200
    return render(request, "scaling/description_form.html", context, status=status)
