import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.audit import forms, permissions, services
from lovende.audit.models import AccessLog, SecurityEvent, SpotCheckItem
from lovende.audit.services import record_request_access, record_security_event
from lovende.web import paginate, run_service, xlsx_response


def _filtered(request: HttpRequest) -> tuple[forms.AccessLogFilterForm, QuerySet[AccessLog]]:
    entries = permissions.access_log_visible_to(request.user)
    form = forms.AccessLogFilterForm(request.GET, organisation_id=request.user.organisation_id)
    if not form.is_valid():
        return form, entries.none()
    data = form.cleaned_data
    if data["citizen"]:
        entries = entries.filter(citizen_pseudonym__iexact=data["citizen"].strip())
    if data["user"]:
        entries = entries.filter(user=data["user"])
    tz = timezone.get_current_timezone()
    if data["date_from"]:
        entries = entries.filter(
            at__gte=datetime.datetime.combine(data["date_from"], datetime.time.min, tz)
        )
    if data["date_to"]:
        entries = entries.filter(
            at__lt=datetime.datetime.combine(
                data["date_to"] + datetime.timedelta(days=1), datetime.time.min, tz
            )
        )
    return form, entries


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    form, entries = _filtered(request)
    record_request_access(
        request,
        AccessLog.Action.LOG_READ,
        criterion=form.criterion(),
    )
    context = {
        "form": form,
        "page": paginate(request, entries),
        "query_string": request.GET.urlencode(),
    }
    return render(request, "audit/access_log.html", context)


@login_required
def export_access_log(request: HttpRequest) -> HttpResponse:
    form, entries = _filtered(request)
    record_request_access(
        request,
        AccessLog.Action.LOG_READ,
        criterion="eksport " + form.criterion(),
    )
    header = [
        _("Tidspunkt"),
        _("Bruger"),
        _("Anvendelse"),
        _("Borger"),
        _("Søgekriterium"),
        _("Side"),
        _("IP-adresse"),
        _("Forespørgsel"),
    ]
    rows = (
        [
            timezone.localtime(e.at).strftime("%d-%m-%Y %H:%M:%S"),
            e.user.username,
            e.get_action_display(),
            e.citizen_pseudonym,
            e.criterion,
            e.page,
            e.ip_address,
            e.request_id,
        ]
        for e in entries.iterator(chunk_size=2000)
    )
    return xlsx_response(f"adgangslog-{timezone.localdate():%Y-%m-%d}.xlsx", header, rows)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """settings.CSRF_FAILURE_VIEW: a Danish 403 page, and a security event (LOG-03, CSRF-01).

    Django's ``reason`` is a fixed English phrase ("CSRF token missing."), never the token.
    """
    record_security_event(
        event_type=SecurityEvent.EventType.CSRF_FAILURE,
        request=request,
        extra_data={"path": request.path[:300], "method": request.method, "reason": reason[:100]},
    )
    request.security_event_recorded = True  # the middleware must not count it twice
    return render(request, "audit/csrf_failure.html", {"is_error_page": True}, status=403)


@login_required
def spot_check_list(request: HttpRequest) -> HttpResponse:
    """Stikprøvekontrol: earlier spot checks, and the form to draw a new one (LOG-02)."""
    spot_checks = permissions.spot_checks_visible_to(request.user)
    form = forms.SpotCheckForm(organisation_id=request.user.organisation_id)
    context = {"form": form, "spot_checks": paginate(request, spot_checks)}
    return render(request, "audit/spot_check_list.html", context)


@require_POST
@login_required
def draw_spot_check(request: HttpRequest) -> HttpResponse:
    permissions.require_log_reviewer(request.user)
    form = forms.SpotCheckForm(request.POST, organisation_id=request.user.organisation_id)
    spot_check = form.is_valid() and run_service(
        form, services.draw_spot_check, by=request.user, **form.cleaned_data
    )
    if not spot_check:
        spot_checks = paginate(request, permissions.spot_checks_visible_to(request.user))
        context = {"form": form, "spot_checks": spot_checks}
        return render(request, "audit/spot_check_list.html", context, status=422)
    return redirect("audit:spot_check_detail", spot_check.pk)


@login_required
def spot_check_detail(request: HttpRequest, spot_check_id: int) -> HttpResponse:
    spot_check = permissions.get_spot_check_for_user(request.user, spot_check_id)
    # Reading the sample is reading the log, and is itself logged.
    record_request_access(
        request, AccessLog.Action.LOG_READ, criterion=f"stikprøve {spot_check.pk}"
    )
    context = {
        "spot_check": spot_check,
        "rows": permissions.spot_check_entries(spot_check),
        "verdicts": SpotCheckItem.Verdict,
    }
    return render(request, "audit/spot_check_detail.html", context)


@require_POST
@login_required
def mark_spot_check_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = permissions.get_spot_check_item_for_user(request.user, item_id)
    form = forms.VerdictForm(request.POST)
    if form.is_valid():
        services.mark_spot_check_item(
            by=request.user, item=item, verdict=form.cleaned_data["verdict"]
        )
        messages.success(request, _("Vurderingen er gemt."))
    else:
        messages.error(request, _("Vælg «I orden» eller «Undersøges»."))
    return redirect(
        reverse("audit:spot_check_detail", args=[item.spot_check_id]) + f"#post-{item.pk}"
    )
