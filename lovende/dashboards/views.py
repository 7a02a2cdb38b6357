from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from lovende.dashboards import intervention_dashboard, organisation_dashboard, permissions
from lovende.web import xlsx_sheets_response


@login_required
def intervention_overview(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = permissions.get_intervention_for_dashboard(request.user, intervention_id)
    dashboard = intervention_dashboard.build(request.user, intervention, request.GET)
    return render(request, "dashboards/intervention_overview.html", {"dashboard": dashboard})


@login_required
def export_intervention_overview(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = permissions.get_intervention_for_dashboard(request.user, intervention_id)
    dashboard = intervention_dashboard.build(request.user, intervention, request.GET)
    sheets = [dashboard.key_figures_sheet(), *(table.sheet() for table in dashboard.tables)]
    return xlsx_sheets_response(f"overblik-{slugify(intervention.name)}.xlsx", sheets)


@login_required
def organisation_overview(request: HttpRequest) -> HttpResponse:
    permissions.require_organisation_dashboard(request.user)
    dashboard = organisation_dashboard.build(request.user, request.GET)
    return render(request, "dashboards/organisation_overview.html", {"dashboard": dashboard})


@login_required
def export_organisation_overview(request: HttpRequest) -> HttpResponse:
    permissions.require_organisation_dashboard(request.user)
    dashboard = organisation_dashboard.build(request.user, request.GET)
    return xlsx_sheets_response(
        "overblik-organisation.xlsx", [table.sheet() for table in dashboard.tables]
    )
