import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lovende.audit import forms, permissions
from lovende.audit.models import AccessLog
from lovende.audit.services import record_request_access
from lovende.web import paginate, xlsx_response


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
