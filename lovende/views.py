"""The start page, the health check and the error pages."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader

from lovende.audit.permissions import is_log_reviewer
from lovende.organisation.permissions import citizen_access_units, roles_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Staff who work with citizens start at their courses; a log reviewer without a role at the
    access log (the only section they have); everyone else at the organisation."""
    if citizen_access_units(request.user).exists():
        return redirect("citizens:course_list")
    if is_log_reviewer(request.user) and not roles_of(request.user).exists():
        return redirect("audit:access_log")
    return redirect("organisation:unit_list")


def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "db-unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def server_error(request: HttpRequest) -> HttpResponse:
    """A plain Danish error page: no context processors, so it renders even with the DB down."""
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404, but flagged as an error page so no menu tab is marked as the current one."""
    return render(request, "404.html", {"is_error_page": True}, status=404)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 403, flagged the same way."""
    return render(request, "403.html", {"is_error_page": True}, status=403)
