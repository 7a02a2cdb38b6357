"""The learning culture's pages: the overview, landmarks and their statements, the learning log
and the staff meeting list, recognitions, and concerns."""

import datetime
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.culture import forms, permissions, services
from lovende.culture.models import Concern, Landmark, LandmarkStatement, LearningPoint, Recognition
from lovende.improvement.permissions import get_initiative_for_user, initiatives_visible_to
from lovende.organisation.models import Unit
from lovende.organisation.permissions import get_unit_for_user, roles_of
from lovende.scaling import plans as scaling_plans
from lovende.scaling.permissions import targets_visible_to
from lovende.web import paginate, run_service

OVERVIEW_ITEMS = 5
RECOGNITION_FEED_DAYS = 365


def _status(form: Form) -> int:
    return 422 if form.errors else 200


def _confirm_delete(request: HttpRequest, **context: str) -> HttpResponse:
    """The one confirmation page for deleting: eyebrow, title, question and where to cancel to."""
    return render(request, "culture/confirm_delete.html", context)


def _landmark_groups(request: HttpRequest) -> list[tuple[Unit | None, list[Landmark]]]:
    """Active landmarks with their active statements, grouped by unit (organisation first)."""
    statements = LandmarkStatement.objects.filter(active=True)
    landmarks = (
        permissions.landmarks_visible_to(request.user)
        .select_related("unit")
        .prefetch_related(Prefetch("statements", queryset=statements, to_attr="current"))
    )
    ordered = sorted(landmarks, key=lambda m: (m.unit.path if m.unit else "", m.order, m.pk))
    return [(unit, list(items)) for unit, items in groupby(ordered, key=lambda m: m.unit)]


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Læringskultur: the landmarks, the latest learning and recognitions, open concerns."""
    scope = permissions.lead_scope(request.user)
    concerns = permissions.concerns_visible_to(request.user).exclude(status=Concern.Status.HANDLED)
    context = {
        "groups": _landmark_groups(request),
        "points": permissions.learning_points_visible_to(request.user).select_related("unit")[
            :OVERVIEW_ITEMS
        ],
        "awaiting": permissions.learning_points_visible_to(request.user)
        .filter(for_staff_meeting=True, discussed_on__isnull=True)
        .count(),
        "recognitions": permissions.recognitions_visible_to(request.user)[:OVERVIEW_ITEMS],
        "open_concerns": concerns.select_related("unit", "initiative")[:OVERVIEW_ITEMS],
        "open_concern_count": concerns.count(),
        "leads": scope.any,
    }
    return render(request, "culture/overview.html", context)


# Landmarks ------------------------------------------------------------------------------------


def _examples_form(request: HttpRequest, scope: permissions.LeadScope) -> forms.ExamplesForm:
    return forms.ExamplesForm(
        request.POST or None,
        units=permissions.led_units(request.user),
        whole=scope.covers(None),
    )


@login_required
def landmark_list(request: HttpRequest) -> HttpResponse:
    scope = permissions.lead_scope(request.user)
    groups = _landmark_groups(request)
    context = {
        "groups": [(unit, items, scope.covers(unit)) for unit, items in groups],
        "leads": scope.any,
        "examples_form": _examples_form(request, scope) if scope.any else None,
    }
    return render(request, "culture/landmark_list.html", context)


@require_POST
@login_required
def start_with_examples(request: HttpRequest) -> HttpResponse:
    scope = permissions.require_culture_leader(request.user)
    form = _examples_form(request, scope)
    if form.is_valid():
        landmarks = run_service(
            form, services.start_with_examples, by=request.user, unit=form.cleaned_data["unit"]
        )
        if landmarks:
            messages.success(
                request,
                _("Socialstyrelsens syv eksempler er tilføjet. Ret dem, så de bliver jeres egne."),
            )
            return redirect("culture:landmark_list")
    messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect("culture:landmark_list")


@login_required
def create_landmark(request: HttpRequest) -> HttpResponse:
    scope = permissions.require_culture_leader(request.user)
    form = forms.NewLandmarkForm(
        request.POST or None,
        units=permissions.led_units(request.user),
        whole=scope.covers(None),
    )
    if request.method == "POST" and form.is_valid():
        landmark = run_service(form, services.create_landmark, by=request.user, **form.cleaned_data)
        if landmark:
            messages.success(request, _("Pejlemærket %(theme)s er oprettet.") % {"theme": landmark})
            return redirect("culture:update_landmark", landmark.pk)
    return render(
        request,
        "culture/landmark_form.html",
        {"form": form, "landmark": None},
        status=_status(form),
    )


def _landmark_initial(landmark: Landmark) -> dict[str, str]:
    return {"theme": landmark.theme, "intent": landmark.intent, "intent_note": landmark.intent_note}


def _landmark_page(
    request: HttpRequest, landmark: Landmark, form: Form, statement_form: Form
) -> HttpResponse:
    context = {
        "landmark": landmark,
        "form": form,
        "statement_form": statement_form,
        "statements": landmark.statements.filter(active=True),
    }
    status = 422 if form.errors or statement_form.errors else 200
    return render(request, "culture/landmark_form.html", context, status=status)


@login_required
def update_landmark(request: HttpRequest, landmark_id: int) -> HttpResponse:
    """The theme, what to change or keep, and its statements."""
    landmark = permissions.get_landmark_for_user(request.user, landmark_id, manage=True)
    form = forms.LandmarkForm(request.POST or None, initial=_landmark_initial(landmark))
    saved = (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form, services.update_landmark, by=request.user, landmark=landmark, **form.cleaned_data
        )
    )
    if saved:
        messages.success(request, _("Pejlemærket er gemt."))
        return redirect("culture:landmark_list")
    return _landmark_page(request, landmark, form, forms.StatementForm())


@login_required
def delete_landmark(request: HttpRequest, landmark_id: int) -> HttpResponse:
    """GET asks for confirmation; POST removes the theme and its statements."""
    landmark = permissions.get_landmark_for_user(request.user, landmark_id, manage=True)
    if request.method == "POST":
        services.delete_landmark(by=request.user, landmark=landmark)
        messages.success(request, _("Pejlemærket %(theme)s er slettet.") % {"theme": landmark})
        return redirect("culture:landmark_list")
    return _confirm_delete(
        request,
        eyebrow=_("Pejlemærker for læringskultur"),
        title=_("Slet pejlemærke"),
        question=_("Vil du slette pejlemærket «%(theme)s» og dets udsagn?") % {"theme": landmark},
        cancel_url=reverse("culture:update_landmark", args=[landmark.pk]),
    )


@require_POST
@login_required
def add_statement(request: HttpRequest, landmark_id: int) -> HttpResponse:
    landmark = permissions.get_landmark_for_user(request.user, landmark_id, manage=True)
    form = forms.StatementForm(request.POST)
    if form.is_valid() and run_service(
        form, services.add_statement, by=request.user, landmark=landmark, **form.cleaned_data
    ):
        messages.success(request, _("Udsagnet er tilføjet."))
        return redirect("culture:update_landmark", landmark.pk)
    theme_form = forms.LandmarkForm(initial=_landmark_initial(landmark))
    return _landmark_page(request, landmark, theme_form, form)


@login_required
def update_statement(request: HttpRequest, statement_id: int) -> HttpResponse:
    statement = permissions.get_statement_to_manage(request.user, statement_id)
    form = forms.StatementForm(request.POST or None, initial={"text": statement.text})
    saved = (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.update_statement,
            by=request.user,
            statement=statement,
            **form.cleaned_data,
        )
    )
    if saved:
        messages.success(request, _("Udsagnet er gemt."))
        return redirect("culture:update_landmark", statement.landmark_id)
    context = {"form": form, "statement": statement}
    return render(request, "culture/statement_form.html", context, status=_status(form))


@login_required
def delete_statement(request: HttpRequest, statement_id: int) -> HttpResponse:
    """GET asks for confirmation; POST removes the statement from the landmarks."""
    statement = permissions.get_statement_to_manage(request.user, statement_id)
    if request.method == "POST":
        services.delete_statement(by=request.user, statement=statement)
        messages.success(request, _("Udsagnet er slettet."))
        return redirect("culture:update_landmark", statement.landmark_id)
    return _confirm_delete(
        request,
        eyebrow=statement.landmark.theme,
        title=_("Slet udsagn"),
        question=_("Vil du slette udsagnet «%(text)s»?") % {"text": statement.text},
        cancel_url=reverse("culture:update_landmark", args=[statement.landmark_id]),
    )


# Learning log ---------------------------------------------------------------------------------


def _learning_form(request: HttpRequest, **kwargs: object) -> forms.LearningPointForm:
    return forms.LearningPointForm(
        request.POST or None, organisation_id=request.user.organisation_id, **kwargs
    )


def _with_edit_flags(request: HttpRequest, points: list[LearningPoint]) -> list[LearningPoint]:
    scope = permissions.lead_scope(request.user)
    for point in points:
        point.can_edit = permissions.can_edit_learning_point(request.user, point, scope)
    return points


@login_required
def learning_point_list(request: HttpRequest) -> HttpResponse:
    """The learning log, newest first: learning, not fault-finding."""
    points = permissions.learning_points_visible_to(request.user).select_related(
        "unit", "intervention", "created_by", "trial"
    )
    page = paginate(request, points)
    page.object_list = _with_edit_flags(request, list(page.object_list))
    return render(request, "culture/learning_point_list.html", {"page": page})


@login_required
def create_learning_point(request: HttpRequest) -> HttpResponse:
    own_units = [role.unit for role in roles_of(request.user)]
    form = _learning_form(request, initial={"unit": own_units[0] if own_units else None})
    if request.method == "POST" and form.is_valid():
        point = run_service(
            form, services.create_learning_point, by=request.user, **form.cleaned_data
        )
        if point:
            messages.success(request, _("Læringspunktet er skrevet i læringsloggen."))
            return redirect("culture:learning_point_list")
    context = {"form": form, "point": None}
    return render(request, "culture/learning_point_form.html", context, status=_status(form))


@login_required
def update_learning_point(request: HttpRequest, point_id: int) -> HttpResponse:
    point = permissions.get_learning_point_for_user(request.user, point_id, edit=True)
    fields = [*services.LEARNING_FIELDS, "for_staff_meeting"]
    form = _learning_form(request, initial={name: getattr(point, name) for name in fields})
    saved = (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form, services.update_learning_point, by=request.user, point=point, **form.cleaned_data
        )
    )
    if saved:
        messages.success(request, _("Læringspunktet er gemt."))
        return redirect("culture:learning_point_list")
    context = {"form": form, "point": point}
    return render(request, "culture/learning_point_form.html", context, status=_status(form))


@login_required
def delete_learning_point(request: HttpRequest, point_id: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes the point."""
    point = permissions.get_learning_point_for_user(request.user, point_id, edit=True)
    if request.method == "POST":
        services.delete_learning_point(by=request.user, point=point)
        messages.success(request, _("Læringspunktet er slettet."))
        return redirect("culture:learning_point_list")
    return _confirm_delete(
        request,
        eyebrow=_("Læringslog"),
        title=_("Slet læringspunkt"),
        question=_("Vil du slette læringspunktet «%(point)s»?") % {"point": point},
        cancel_url=reverse("culture:learning_point_list"),
    )


def _unit_filter(request: HttpRequest) -> Unit | None:
    unit_id = request.GET.get("enhed", "")
    return get_unit_for_user(request.user, int(unit_id)) if unit_id.isdigit() else None


@login_required
def staff_meeting(request: HttpRequest) -> HttpResponse:
    """The learning points listed for the next staff meeting, oldest first, per unit if chosen."""
    unit = _unit_filter(request)
    points = permissions.learning_points_visible_to(request.user).select_related(
        "unit", "intervention", "created_by"
    )
    if unit:
        points = points.filter(unit__path__startswith=unit.path)
    awaiting = points.filter(for_staff_meeting=True, discussed_on__isnull=True).order_by(
        "created_at", "id"
    )
    context = {
        "unit": unit,
        "units": Unit.objects.filter(organisation_id=request.user.organisation_id),
        "awaiting": _with_edit_flags(request, list(awaiting)),
        "discussed": points.filter(discussed_on__isnull=False).order_by("-discussed_on", "-id")[
            :10
        ],
    }
    return render(request, "culture/staff_meeting.html", context)


@require_POST
@login_required
def mark_discussed(request: HttpRequest, point_id: int) -> HttpResponse:
    point = permissions.get_learning_point_for_user(request.user, point_id, edit=True)
    services.mark_discussed(by=request.user, point=point)
    messages.success(request, _("Læringspunktet er markeret som drøftet på personalemødet."))
    unit_id = request.POST.get("enhed", "")
    query = f"?enhed={unit_id}" if unit_id.isdigit() else ""
    return redirect(f"{reverse('culture:staff_meeting')}{query}")


# Recognitions ---------------------------------------------------------------------------------


def _recognition_form(
    request: HttpRequest, scope: permissions.LeadScope, **kwargs: object
) -> forms.RecognitionForm:
    return forms.RecognitionForm(
        request.POST or None,
        units=permissions.led_units(request.user),
        whole=scope.covers(None),
        **kwargs,
    )


def _feed(recognitions: QuerySet[Recognition]) -> list[tuple[str, str, list[Recognition]]]:
    """(behaviour, label, recognitions) for each of the five behaviours, in the seed's order."""
    by_behaviour: dict[str, list[Recognition]] = {value: [] for value in Recognition.Behaviour}
    for recognition in recognitions:
        by_behaviour[recognition.behaviour].append(recognition)
    return [(value, label, by_behaviour[value]) for value, label in Recognition.Behaviour.choices]


@login_required
def recognition_list(request: HttpRequest) -> HttpResponse:
    """Recognitions of the last year as a dated feed per behaviour, counted per behaviour only."""
    since = timezone.localdate() - datetime.timedelta(days=RECOGNITION_FEED_DAYS)
    recognitions = (
        permissions.recognitions_visible_to(request.user)
        .filter(recognised_on__gte=since)
        .select_related("unit", "created_by")
    )
    scope = permissions.lead_scope(request.user)
    recognitions = list(recognitions)
    for recognition in recognitions:
        recognition.can_edit = recognition.created_by_id == request.user.pk or scope.covers(
            recognition.unit
        )
    context = {"feed": _feed(recognitions), "since": since, "leads": scope.any}
    return render(request, "culture/recognition_list.html", context)


@login_required
def create_recognition(request: HttpRequest) -> HttpResponse:
    scope = permissions.require_culture_leader(request.user)
    form = _recognition_form(request, scope)
    if request.method == "POST" and form.is_valid():
        recognition = run_service(
            form, services.create_recognition, by=request.user, **form.cleaned_data
        )
        if recognition:
            messages.success(request, _("Anerkendelsen er gemt. Husk også at sige det højt."))
            return redirect("culture:recognition_list")
    context = {"form": form, "recognition": None}
    return render(request, "culture/recognition_form.html", context, status=_status(form))


@login_required
def update_recognition(request: HttpRequest, recognition_id: int) -> HttpResponse:
    recognition = permissions.get_recognition_for_user(request.user, recognition_id)
    fields = ("behaviour", "description", "recognised_on", "recognised", "unit")
    initial = {name: getattr(recognition, name) for name in fields}
    form = _recognition_form(request, permissions.lead_scope(request.user), initial=initial)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.update_recognition,
            by=request.user,
            recognition=recognition,
            **form.cleaned_data,
        )
    )
    if saved:
        messages.success(request, _("Anerkendelsen er gemt."))
        return redirect("culture:recognition_list")
    context = {"form": form, "recognition": recognition}
    return render(request, "culture/recognition_form.html", context, status=_status(form))


@login_required
def delete_recognition(request: HttpRequest, recognition_id: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes the recognition."""
    recognition = permissions.get_recognition_for_user(request.user, recognition_id)
    if request.method == "POST":
        services.delete_recognition(by=request.user, recognition=recognition)
        messages.success(request, _("Anerkendelsen er slettet."))
        return redirect("culture:recognition_list")
    return _confirm_delete(
        request,
        eyebrow=_("Anerkendelser"),
        title=_("Slet anerkendelse"),
        question=_("Vil du slette anerkendelsen fra %(date)s?")
        % {"date": date_format(recognition.recognised_on)},
        cancel_url=reverse("culture:recognition_list"),
    )


# Concerns -------------------------------------------------------------------------------------


@login_required
def concern_list(request: HttpRequest) -> HttpResponse:
    """The concerns the user may see; ``?tiltag=`` narrows to one initiative."""
    concerns = permissions.concerns_visible_to(request.user).select_related(
        "unit", "initiative", "raised_by"
    )
    initiative_id = request.GET.get("tiltag", "")
    initiative = (
        get_initiative_for_user(request.user, int(initiative_id))
        if initiative_id.isdigit()
        else None
    )
    if initiative:
        concerns = concerns.filter(initiative=initiative)
    counts = dict(concerns.values_list("status").annotate(n=Count("id")).order_by())
    context = {
        "page": paginate(request, concerns),
        "initiative": initiative,
        "counts": [(label, counts.get(value, 0)) for value, label in Concern.Status.choices],
        "leads": permissions.lead_scope(request.user).any,
        "base_query": f"tiltag={initiative.pk}" if initiative else "",
    }
    return render(request, "culture/concern_list.html", context)


@login_required
def raise_concern(request: HttpRequest) -> HttpResponse:
    # No unit by default (the whole organisation): one's own unit would name a small team's
    # anonymous author; the service refuses an anonymous concern on a unit of fewer than k.
    initial: dict[str, object] = {}
    initiative_id = request.GET.get("tiltag", "")
    if initiative_id.isdigit():
        initial["initiative"] = get_initiative_for_user(request.user, int(initiative_id))
    # ?skalering=<target id>: a concern about a unit's step in scaling an intervention.
    targets = targets_visible_to(request.user)
    target_id = request.GET.get("skalering", "")
    if target_id.isdigit():
        target = get_object_or_404(targets.select_related("unit"), pk=int(target_id))
        initial.update(scaling_target=target, unit=target.unit)
    form = forms.ConcernForm(
        request.POST or None,
        initial=initial,
        organisation_id=request.user.organisation_id,
        initiatives=initiatives_visible_to(request.user),
        scaling_targets=targets if targets.exists() else None,
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if fields.get("scaling_target"):
            service = scaling_plans.raise_concern_about_target
        else:
            fields.pop("scaling_target", None)
            service = services.raise_concern
        concern = run_service(form, service, by=request.user, **fields)
        if concern and concern.is_anonymous:
            messages.success(
                request,
                _(
                    "Tak. Din bekymring er sendt anonymt til lederne. Den er ikke knyttet til "
                    "dig, så du kan heller ikke selv finde den igen."
                ),
            )
            return redirect("culture:concern_list")
        if concern:
            messages.success(request, _("Tak. Din bekymring er sendt til lederne."))
            return redirect("culture:concern_detail", concern.pk)
    return render(request, "culture/concern_form.html", {"form": form}, status=_status(form))


def _concern_page(request: HttpRequest, concern: Concern, form: Form | None) -> HttpResponse:
    status = 422 if form is not None and form.errors else 200
    context = {"concern": concern, "form": form}
    return render(request, "culture/concern_detail.html", context, status=status)


@login_required
def concern_detail(request: HttpRequest, concern_id: int) -> HttpResponse:
    concern = permissions.get_concern_for_user(request.user, concern_id)
    form = None
    if permissions.can_lead_culture(request.user, concern.unit):
        fields = ("background", "response", "suggested_role", "status")
        form = forms.ConcernResponseForm(initial={f: getattr(concern, f) for f in fields})
    return _concern_page(request, concern, form)


@require_POST
@login_required
def respond_to_concern(request: HttpRequest, concern_id: int) -> HttpResponse:
    concern = permissions.get_concern_for_user(request.user, concern_id, respond=True)
    form = forms.ConcernResponseForm(request.POST)
    if form.is_valid() and run_service(
        form, services.respond_to_concern, by=request.user, concern=concern, **form.cleaned_data
    ):
        messages.success(request, _("Jeres svar på bekymringen er gemt."))
        return redirect("culture:concern_detail", concern.pk)
    return _concern_page(request, concern, form)
