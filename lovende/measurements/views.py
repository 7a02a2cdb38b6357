from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.audit.models import AccessLog
from lovende.audit.services import AccessContext, record_request_access
from lovende.citizens.models import Course
from lovende.citizens.permissions import course_goals, get_course_for_user
from lovende.instruments.models import Instrument
from lovende.instruments.services import current_version
from lovende.measurements import forms, permissions, services

LOCK_KEY = "self_report_lock"


def instruments_for(course: Course) -> QuerySet[Instrument]:
    return Instrument.objects.filter(interventions=course.intervention_id).order_by("name")


def _chosen_instrument(request: HttpRequest, course: Course) -> Instrument | None:
    """The instrument asked for, else the one this user used last for this intervention."""
    available = instruments_for(course)
    remembered = request.session.get("last_instrument", {}).get(str(course.intervention_id))
    wanted = request.GET.get("redskab") or request.POST.get("redskab") or remembered
    chosen = available.filter(pk=wanted).first() if str(wanted or "").isdigit() else None
    return chosen or available.first()


def _remember(request: HttpRequest, course: Course, instrument: Instrument) -> None:
    remembered = request.session.get("last_instrument", {})
    remembered[str(course.intervention_id)] = instrument.pk
    request.session["last_instrument"] = remembered


def _save(form: forms.MeasurementForm, service, **kwargs) -> object | None:
    try:
        return service(
            answers=form.answers(), measured_on=form.cleaned_data["measured_on"], **kwargs
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            form.add_service_errors(
                {k: [e.message % (e.params or {}) for e in v] for k, v in error.error_dict.items()}
            )
        else:
            form.add_error(None, error)
        return None


def _form_for(
    version, course: Course, data, **kwargs
) -> forms.MeasurementForm | forms.GoalAttainmentForm:
    """The item form, or for Goal Attainment Scaling one row per goal of the course."""
    if version.is_gas:
        goals = list(course_goals(course).filter(is_active=True))
        if "initial" in kwargs:
            keys = set(kwargs["initial"])
            goals = [g for g in course_goals(course) if f"goal_{g.pk}" in keys]
        return forms.GoalAttainmentForm(data, goals=goals, **kwargs)
    return forms.MeasurementForm(data, version=version, **kwargs)


@login_required
def record_measurement(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_course_for_user(request.user, course_id)
    instrument = _chosen_instrument(request, course)
    if instrument is None:
        messages.info(request, _("Indsatsen har ingen måleredskaber slået til endnu."))
        return redirect("citizens:course_detail", course.pk)
    version = current_version(instrument)
    form = _form_for(version, course, request.POST or None)
    if request.method == "POST" and form.is_valid():
        measurement = _save(
            form,
            services.record_measurement,
            by=request.user,
            context=AccessContext.of(request),
            course=course,
            instrument=instrument,
        )
        if measurement:
            _remember(request, course, instrument)
            messages.success(
                request,
                _("%(instrument)s er registreret: %(score)s.")
                % {"instrument": instrument, "score": f"{measurement.score:g}"},
            )
            return redirect("citizens:course_detail", course.pk)
    # The form page names the citizen, so showing it is a use of their data (LOG-01).
    record_request_access(request, AccessLog.Action.VIEW, citizens=[course.citizen])
    context = {
        "course": course,
        "citizen": course.citizen,
        "instrument": instrument,
        "version": version,
        "form": form,
        "choice": forms.InstrumentChoiceForm(
            initial={"instrument": instrument}, instruments=instruments_for(course)
        ),
    }
    return render(
        request, "measurements/measurement_form.html", context, status=422 if form.errors else 200
    )


@login_required
def update_measurement(request: HttpRequest, measurement_id: int) -> HttpResponse:
    measurement = permissions.get_measurement_for_user(request.user, measurement_id)
    prefix = "" if measurement.version.is_gas else "item_"
    initial = {"measured_on": measurement.measured_on} | {
        f"{prefix}{k}": v for k, v in measurement.answers.items()
    }
    form = _form_for(measurement.version, measurement.course, request.POST or None, initial=initial)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form,
            services.update_measurement,
            by=request.user,
            context=AccessContext.of(request),
            measurement=measurement,
        )
    )
    if saved:
        messages.success(request, _("Målingen er rettet."))
        return redirect("citizens:course_detail", measurement.course_id)
    record_request_access(request, AccessLog.Action.VIEW, citizens=[measurement.course.citizen])
    context = {
        "course": measurement.course,
        "citizen": measurement.course.citizen,
        "instrument": measurement.instrument,
        "version": measurement.version,
        "form": form,
        "measurement": measurement,
    }
    return render(
        request, "measurements/measurement_form.html", context, status=422 if form.errors else 200
    )


@require_POST
@login_required
def delete_measurement(request: HttpRequest, measurement_id: int) -> HttpResponse:
    measurement = permissions.get_measurement_for_user(request.user, measurement_id)
    course_id = measurement.course_id
    services.delete_measurement(
        by=request.user, context=AccessContext.of(request), measurement=measurement
    )
    messages.success(request, _("Målingen er slettet, og forløbets resultat er opdateret."))
    return redirect("citizens:course_detail", course_id)


@login_required
def self_report(request: HttpRequest, course_id: int, instrument_id: int) -> HttpResponse:
    """The citizen answers on the employee's tablet: nothing else is shown, and it ends locked."""
    course = get_course_for_user(request.user, course_id)
    instrument = instruments_for(course).filter(pk=instrument_id).first()
    if instrument is None or not current_version(instrument).definition.get("self_report"):
        raise Http404
    request.session[LOCK_KEY] = reverse("measurements:self_report", args=[course.pk, instrument.pk])
    version = current_version(instrument)
    form = forms.SelfReportForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        saved = _save(
            form,
            services.record_measurement,
            by=request.user,
            context=AccessContext.of(request),
            course=course,
            instrument=instrument,
            self_report=True,
        )
        if saved:
            request.session[LOCK_KEY] = reverse("measurements:locked")
            request.session["unlock_to"] = reverse("citizens:course_detail", args=[course.pk])
            return redirect("measurements:locked")
    return render(
        request,
        "measurements/self_report.html",
        {"form": form, "instrument": instrument},
        status=422 if form.errors else 200,
    )


@login_required
def locked(request: HttpRequest) -> HttpResponse:
    """The screen the tablet returns to; only the employee's password opens it again."""
    form = forms.UnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if authenticate(
            request, username=request.user.get_username(), password=form.cleaned_data["password"]
        ):
            request.session.pop(LOCK_KEY, None)
            return redirect(request.session.pop("unlock_to", None) or "home")
        form.add_error("password", _("Forkert adgangskode."))
    return render(
        request, "measurements/locked.html", {"form": form}, status=422 if form.errors else 200
    )
