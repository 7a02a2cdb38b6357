from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.audit.models import AccessLog
from lovende.audit.services import AccessContext, record_request_access
from lovende.citizens import changes, forms, permissions, services
from lovende.citizens.models import Citizen, Course
from lovende.measurements.exports import course_sheets
from lovende.measurements.progression import course_progression
from lovende.organisation.models import User
from lovende.versioning import has_conflict, with_conflict
from lovende.web import paginate, run_service, xlsx_response, xlsx_sheets_response

COURSE_RELATIONS = ("citizen", "intervention", "unit")


def _filtered_courses(user: User, form: forms.CourseFilterForm) -> QuerySet[Course]:
    courses = permissions.courses_visible_to(user).select_related(*COURSE_RELATIONS)
    if not form.is_valid():
        return courses.none()
    data = form.cleaned_data
    if query := data["q"].strip():
        for word in query.split():
            courses = courses.filter(
                Q(citizen__first_name__icontains=word)
                | Q(citizen__last_name__icontains=word)
                | Q(citizen__pseudonym__iexact=word)
            )
    if data["intervention"]:
        courses = courses.filter(intervention=data["intervention"])
    if data["unit"]:
        courses = courses.filter(unit__path__startswith=data["unit"].path)
    if data["status"] == "åbne":
        courses = courses.filter(status__in=[Course.Status.WAITING, Course.Status.ACTIVE])
    elif data["status"]:
        courses = courses.filter(status=data["status"])
    if data["mine"]:
        courses = courses.filter(responsible=user)
    return courses.order_by("citizen__last_name", "citizen__first_name", "-start_date")


def _filter_form(request: HttpRequest) -> forms.CourseFilterForm:
    """The filters from the query string; by default open courses, and "mine" if I have any."""
    if request.GET:
        return forms.CourseFilterForm(request.GET, user=request.user)
    defaults = {"status": "åbne"}
    if permissions.courses_visible_to(request.user).filter(responsible=request.user).exists():
        defaults["mine"] = "on"
    return forms.CourseFilterForm(defaults, user=request.user)


@login_required
def course_list(request: HttpRequest) -> HttpResponse:
    permissions.require_citizen_access(request.user)
    form = _filter_form(request)
    page = paginate(request, _filtered_courses(request.user, form))
    action = (
        AccessLog.Action.SEARCH
        if form.is_valid() and form.cleaned_data["q"]
        else AccessLog.Action.LIST
    )
    record_request_access(
        request,
        action,
        citizens={course.citizen for course in page},
        criterion=form.criterion(),
    )
    context = {
        "form": form,
        "page": page,
        "query_string": request.GET.urlencode(),
        "cpr_form": forms.CprSearchForm(),
    }
    template = "citizens/_course_rows.html" if request.htmx else "citizens/course_list.html"
    return render(request, template, context)


@login_required
def export_courses(request: HttpRequest) -> HttpResponse:
    permissions.require_citizen_access(request.user)
    form = _filter_form(request)
    courses = list(_filtered_courses(request.user, form).prefetch_related("responsible"))
    record_request_access(
        request,
        AccessLog.Action.EXPORT,
        citizens={course.citizen for course in courses},
        criterion=form.criterion(),
    )
    header = [
        _("Pseudonym"),
        _("Fornavn"),
        _("Efternavn"),
        _("Indsats"),
        _("Enhed"),
        _("Start"),
        _("Slut"),
        _("Status"),
        _("Ansvarlige"),
    ]
    rows = (
        [
            c.citizen.pseudonym,
            c.citizen.first_name,
            c.citizen.last_name,
            c.intervention.name,
            c.unit.name,
            c.start_date,
            c.end_date,
            c.get_status_display(),
            ", ".join(str(u) for u in c.responsible.all()),
        ]
        for c in courses
    )
    return xlsx_response(f"forloeb-{timezone.localdate():%Y-%m-%d}.xlsx", header, rows)


@require_POST
@login_required
def search_cpr(request: HttpRequest) -> HttpResponse:
    permissions.require_citizen_access(request.user)
    form = forms.CprSearchForm(request.POST)
    if not form.is_valid():
        context = {
            "form": forms.CourseFilterForm({"status": "åbne"}, user=request.user),
            "page": None,
            "cpr_form": form,
        }
        return render(request, "citizens/course_list.html", context, status=422)
    number = form.cleaned_data["cpr"]
    citizen = permissions.citizens_visible_to(request.user).filter(cpr=number).first()
    record_request_access(
        request,
        AccessLog.Action.SEARCH,
        citizens=[citizen] if citizen else [],
        criterion=f"cpr={number}",
    )
    if citizen is None:
        messages.info(request, _("Ingen borger med dette CPR-nummer i dine forløb."))
        return redirect("citizens:course_list")
    return redirect("citizens:citizen_detail", citizen.pk)


def _citizen_page(user: User, citizen: Citizen) -> dict:
    """The citizen page: the courses the user may see, and their change history."""
    courses = (
        permissions.courses_visible_to(user)
        .filter(citizen=citizen)
        .select_related("intervention", "unit")
    )
    history = changes.for_display(permissions.changes_visible_to(user, citizen))
    return {"citizen": citizen, "courses": courses, "changes": history}


@login_required
def citizen_detail(request: HttpRequest, citizen_id: int) -> HttpResponse:
    citizen = permissions.get_citizen_for_user(request.user, citizen_id)
    record_request_access(
        request,
        AccessLog.Action.VIEW,
        citizens=[citizen],
    )
    return render(request, "citizens/citizen_detail.html", _citizen_page(request.user, citizen))


@require_POST
@login_required
def reveal_cpr(request: HttpRequest, citizen_id: int) -> HttpResponse:
    citizen = permissions.get_citizen_for_user(request.user, citizen_id)
    # Its own action (PRIV-02); the criterion repeats it for log readers filtering on text
    record_request_access(
        request, AccessLog.Action.CPR_REVEAL, citizens=[citizen], criterion="CPR vist"
    )
    context = {"citizen": citizen, "revealed": True}
    if request.htmx:
        return render(request, "citizens/_cpr.html", context)
    # Without JavaScript the form posts as a page: the citizen page, with the number shown
    context = {**_citizen_page(request.user, citizen), "revealed": True}
    return render(request, "citizens/citizen_detail.html", context)


@login_required
def create_citizen(request: HttpRequest) -> HttpResponse:
    permissions.require_citizen_access(request.user)
    form = forms.NewCitizenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        course = run_service(
            form,
            services.create_citizen,
            by=request.user,
            context=AccessContext.of(request),
            first_name=data["first_name"],
            last_name=data["last_name"],
            birth_date=data["birth_date"],
            gender=data["gender"],
            cpr=data["cpr"],
            intervention=data["intervention"],
            unit=data["unit"],
            start_date=data["start_date"],
            responsible=list(data["responsible"]),
        )
        if course:
            messages.success(
                request,
                _("Borgeren er oprettet med et forløb i %(intervention)s.")
                % {"intervention": course.intervention},
            )
            return redirect("citizens:course_detail", course.pk)
    return render(
        request, "citizens/citizen_form.html", {"form": form}, status=422 if form.errors else 200
    )


def _citizen_form(citizen: Citizen, data: QueryDict | None = None) -> forms.CitizenEditForm:
    fields = ("first_name", "last_name", "birth_date", "gender", "version")
    initial = {name: getattr(citizen, name) for name in fields}
    return forms.CitizenEditForm(data, initial=initial, current_cpr=citizen.cpr)


@login_required
def update_citizen(request: HttpRequest, citizen_id: int) -> HttpResponse:
    citizen = permissions.get_citizen_for_user(request.user, citizen_id)
    form = _citizen_form(citizen, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run_service(
            form,
            services.update_citizen,
            by=request.user,
            context=AccessContext.of(request),
            citizen=citizen,
            **form.cleaned_data,
        ):
            messages.success(request, _("Borgerens oplysninger er gemt."))
            return redirect("citizens:citizen_detail", citizen.pk)
        if has_conflict(form):  # someone saved first: show their data, not the stale form
            citizen.refresh_from_db()
            form = with_conflict(_citizen_form(citizen))
            record_request_access(request, AccessLog.Action.VIEW, citizens=[citizen])
    else:
        record_request_access(
            request,
            AccessLog.Action.VIEW,
            citizens=[citizen],
        )
    return render(
        request,
        "citizens/citizen_form.html",
        {"form": form, "citizen": citizen},
        status=422 if form.errors else 200,
    )


def _course_page(
    request: HttpRequest, course_id: int, action: str, *, printing: bool = False
) -> HttpResponse:
    course = permissions.get_course_for_user(request.user, course_id)
    record_request_access(request, action, citizens=[course.citizen])
    context = {
        "course": course,
        "citizen": course.citizen,
        "responsible": course.responsible.all(),
        "progression": course_progression(course),
        "printing": printing,
    }
    return render(request, "citizens/course_detail.html", context)


@login_required
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    return _course_page(request, course_id, AccessLog.Action.VIEW)


@login_required
def create_course(request: HttpRequest, citizen_id: int) -> HttpResponse:
    citizen = permissions.get_citizen_for_user(request.user, citizen_id)
    form = forms.CourseForm(
        request.POST or None,
        user=request.user,
        initial={
            "start_date": timezone.localdate(),
            "status": Course.Status.ACTIVE,
            "responsible": [request.user.pk],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data, responsible=list(form.cleaned_data["responsible"]))
        course = run_service(
            form,
            services.create_course,
            by=request.user,
            context=AccessContext.of(request),
            citizen=citizen,
            **data,
        )
        if course:
            messages.success(request, _("Forløbet er oprettet."))
            return redirect("citizens:course_detail", course.pk)
    return render(
        request,
        "citizens/course_form.html",
        {"form": form, "citizen": citizen},
        status=422 if form.errors else 200,
    )


def _course_form(course: Course, user: User, data: QueryDict | None = None) -> forms.CourseEditForm:
    fields = ("intervention", "unit", "start_date", "end_date", "status", "version")
    initial = {name: getattr(course, name) for name in fields}
    initial["responsible"] = list(course.responsible.values_list("pk", flat=True))
    return forms.CourseEditForm(data, user=user, initial=initial)


@login_required
def update_course(request: HttpRequest, course_id: int) -> HttpResponse:
    course = permissions.get_course_for_user(request.user, course_id)
    form = _course_form(course, request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run_service(
            form,
            services.update_course,
            by=request.user,
            context=AccessContext.of(request),
            course=course,
            **form.cleaned_data,
        ):
            messages.success(request, _("Forløbet er gemt."))
            return redirect("citizens:course_detail", course.pk)
        if has_conflict(form):  # someone saved first: show their data, not the stale form
            course = permissions.get_course_for_user(request.user, course_id)
            form = with_conflict(_course_form(course, request.user))
            record_request_access(request, AccessLog.Action.VIEW, citizens=[course.citizen])
    else:
        record_request_access(
            request,
            AccessLog.Action.VIEW,
            citizens=[course.citizen],
        )
    return render(
        request,
        "citizens/course_form.html",
        {"form": form, "course": course, "citizen": course.citizen},
        status=422 if form.errors else 200,
    )


def _note_view(
    request: HttpRequest, course_id: int, form_class: type, service, title: str
) -> HttpResponse:
    """Observation, assessment and feedback pages: the same shape, one service each."""
    course = permissions.get_course_for_user(request.user, course_id)
    form = form_class(request.POST or None)
    context = {"by": request.user, "context": AccessContext.of(request), "course": course}
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(form, service, **context, **form.cleaned_data)
    ):
        messages.success(request, _("Det er gemt i forløbets tidslinje."))
        return redirect("citizens:course_detail", course.pk)
    # The form page names the citizen, so showing it is a use of their data (LOG-01).
    record_request_access(request, AccessLog.Action.VIEW, citizens=[course.citizen])
    page = {"form": form, "course": course, "citizen": course.citizen, "title": title}
    return render(request, "citizens/note_form.html", page, status=422 if form.errors else 200)


@login_required
def record_observation(request: HttpRequest, course_id: int) -> HttpResponse:
    return _note_view(
        request, course_id, forms.ObservationForm, services.record_observation, _("Ny observation")
    )


@login_required
def record_assessment(request: HttpRequest, course_id: int) -> HttpResponse:
    return _note_view(
        request, course_id, forms.AssessmentForm, services.record_assessment, _("Faglig vurdering")
    )


@login_required
def record_feedback(request: HttpRequest, course_id: int) -> HttpResponse:
    return _note_view(
        request, course_id, forms.FeedbackForm, services.record_feedback, _("Ny borgerfeedback")
    )


@login_required
def export_course(request: HttpRequest, course_id: int) -> HttpResponse:
    course = permissions.get_course_for_user(request.user, course_id)
    record_request_access(
        request,
        AccessLog.Action.EXPORT,
        citizens=[course.citizen],
    )
    return xlsx_sheets_response(
        f"forloeb-{course.citizen.pseudonym}-{timezone.localdate():%Y-%m-%d}.xlsx",
        course_sheets(course),
    )


@login_required
def print_course(request: HttpRequest, course_id: int) -> HttpResponse:
    """The course page laid out for paper; the browser's print dialog opens by itself."""
    return _course_page(request, course_id, AccessLog.Action.PRINT, printing=True)


@login_required
def goal_list(request: HttpRequest, course_id: int) -> HttpResponse:
    """The course's individual goals for Goal Attainment Scaling, and a form to add one."""
    course = permissions.get_course_for_user(request.user, course_id)
    form = forms.GoalForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.add_goal,
            by=request.user,
            context=AccessContext.of(request),
            course=course,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("Målet er tilføjet."))
        return redirect("citizens:goal_list", course.pk)
    if request.method == "GET":
        record_request_access(
            request,
            AccessLog.Action.VIEW,
            citizens=[course.citizen],
        )
    context = {
        "course": course,
        "citizen": course.citizen,
        "goals": permissions.course_goals(course),
        "form": form,
    }
    return render(request, "citizens/goal_list.html", context, status=422 if form.errors else 200)


@require_POST
@login_required
def close_goal(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = permissions.get_goal_for_user(request.user, goal_id)
    form = forms.CloseGoalForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else None
    try:
        services.close_goal(
            by=request.user, context=AccessContext.of(request), goal=goal, version=version
        )
    except ValidationError as refusal:  # a conflict, or the citizen's processing is restricted
        messages.error(request, refusal.message)  # the list shows the goal as it is now
    else:
        messages.success(request, _("Målet «%(goal)s» er afsluttet.") % {"goal": goal.title})
    return redirect("citizens:goal_list", goal.course_id)
