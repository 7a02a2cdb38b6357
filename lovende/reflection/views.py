import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Min, Q, QuerySet, Sum
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lovende.audit.models import AccessLog
from lovende.audit.services import record_request_access
from lovende.citizens.models import Course
from lovende.interventions.models import Intervention
from lovende.interventions.permissions import get_intervention_for_user, interventions_visible_to
from lovende.organisation.models import User
from lovende.reflection import (
    citizen_pack,
    defaults,
    forms,
    ical,
    permissions,
    review,
    schedule,
    services,
)
from lovende.reflection.messages import describe
from lovende.reflection.models import (
    DevelopmentPoint,
    FollowUp,
    Level,
    Meeting,
    MeetingForum,
    MeetingItem,
)
from lovende.reflection.review_facts import ReviewData, review_intervention
from lovende.versioning import EditConflict
from lovende.web import run_service

PAST_MEETINGS_SHOWN = 10


def _status(form: Form) -> int:
    return 422 if form.errors else 200


@login_required
def forum_list(request: HttpRequest) -> HttpResponse:
    """The organisation's meeting structure: organisation-level forums and each intervention's."""
    visible = permissions.forums_visible_to(request.user)
    counts: dict[int, dict[str, int]] = {}
    for intervention_id, level, n in (
        visible.filter(intervention__isnull=False)
        .values_list("intervention_id", "level")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    ):
        counts.setdefault(intervention_id, {})[level] = n
    interventions = [
        (intervention, [counts.get(intervention.pk, {}).get(level, 0) for level in defaults.LEVELS])
        for intervention in interventions_visible_to(request.user)
    ]
    context = {
        "organisation_forums": visible.filter(level=Level.ORGANISATION).select_related(
            "intervention", "unit"
        ),
        "interventions": interventions,
        "levels": Level.choices,
        "can_manage": permissions.can_manage_forums(request.user),
    }
    return render(request, "reflection/forum_list.html", context)


@login_required
def intervention_forum_list(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = get_intervention_for_user(request.user, intervention_id)
    return _forum_list_page(request, intervention)


def _forum_list_page(
    request: HttpRequest, intervention: Intervention, point_form: Form | None = None
) -> HttpResponse:
    """The intervention's forums by level and its development points (with the form to add one)."""
    can_manage = permissions.can_manage_forums(request.user)
    if can_manage and point_form is None:
        point_form = forms.DevelopmentPointForm()
    now = timezone.now()
    forums = (
        permissions.forums_covering(permissions.forums_visible_to(request.user), intervention)
        .select_related("unit")
        .annotate(
            next_meeting=Min(
                "meetings__starts_at",
                filter=Q(meetings__status=Meeting.Status.PLANNED, meetings__starts_at__gte=now),
            )
        )
    )
    by_level = {level: [] for level in defaults.LEVELS}
    for forum in forums:
        by_level[forum.level].append(forum)
    context = {
        "intervention": intervention,
        "levels": [(code, label, by_level[code]) for code, label in Level.choices],
        "points": permissions.development_points_visible_to(request.user)
        .filter(intervention=intervention)
        .select_related("meeting__forum"),
        "status_choices": DevelopmentPoint.Status.choices,
        "can_manage": can_manage,
        "point_form": point_form,
    }
    status = 422 if point_form is not None and point_form.errors else 200
    return render(request, "reflection/intervention_forum_list.html", context, status=status)


@require_POST
@login_required
def create_intervention_development_point(
    request: HttpRequest, intervention_id: int
) -> HttpResponse:
    """A development point entered directly for the intervention, not from a meeting."""
    intervention = get_intervention_for_user(request.user, intervention_id)
    if not permissions.can_manage_forums(request.user):
        raise PermissionDenied
    form = forms.DevelopmentPointForm(request.POST)
    if form.is_valid() and run_service(
        form,
        services.create_development_point,
        by=request.user,
        intervention=intervention,
        **form.cleaned_data,
    ):
        messages.success(request, _("Udviklingspunktet er oprettet."))
        url = reverse("reflection:intervention_forum_list", args=[intervention.pk])
        return redirect(f"{url}#udviklingspunkter")
    return _forum_list_page(request, intervention, point_form=form)


def _requested_intervention(request: HttpRequest) -> Intervention | None:
    value = request.GET.get("indsats", "")
    if not value.isdigit():
        return None
    return interventions_visible_to(request.user).filter(pk=value).first()


@login_required
def create_forum(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_forums(request.user):
        raise PermissionDenied
    level = request.POST.get("level") or request.GET.get("niveau")
    intervention = _requested_intervention(request)
    if request.method == "GET" and level not in Level.values:
        if level:
            messages.error(request, _("Ukendt niveau. Vælg et af de tre niveauer nedenfor."))
        context = {"suggestions": _suggestions(), "intervention": intervention}
        return render(
            request, "reflection/level_choice.html", context, status=400 if level else 200
        )
    form = forms.ForumForm(
        request.POST or None,
        organisation=request.user.organisation,
        initial=forms.forum_initial(level, intervention) if request.method == "GET" else None,
    )
    if request.method == "POST" and form.is_valid():
        forum = run_service(form, services.create_forum, by=request.user, **_forum_data(form))
        if forum:
            messages.success(request, _("Mødeforummet %(name)s er oprettet.") % {"name": forum})
            return redirect("reflection:forum_detail", forum.pk)
    context = {"form": form, "suggestion": _suggestion(level)}
    return render(request, "reflection/forum_form.html", context, status=_status(form))


def _suggestions() -> list:
    return [(code, label, defaults.defaults_for(code)) for code, label in Level.choices]


def _suggestion(level: str | None) -> defaults.ForumDefaults | None:
    return defaults.DEFAULTS.get(level or "")


def _forum_data(form: forms.ForumForm) -> dict:
    data = dict(form.cleaned_data)
    data["participants"] = list(data["participants"])
    return data


@login_required
def update_forum(request: HttpRequest, forum_id: int) -> HttpResponse:
    forum = permissions.get_forum_for_user(request.user, forum_id, manage=True)
    initial = {name: getattr(forum, name) for name in services.FORUM_FIELDS}
    initial["participants"] = list(forum.participants.all())
    form = forms.ForumForm(
        request.POST or None, organisation=request.user.organisation, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = _forum_data(form)
        if run_service(form, services.update_forum, by=request.user, forum=forum, **data):
            messages.success(request, _("Mødeforummet er gemt."))
            return redirect("reflection:forum_detail", forum.pk)
    context = {"form": form, "forum": forum, "suggestion": _suggestion(forum.level)}
    return render(request, "reflection/forum_form.html", context, status=_status(form))


def _month(request: HttpRequest, upcoming: list[Meeting]) -> tuple[int, int]:
    chosen = schedule.parse_month(request.GET.get("maaned"))
    if chosen:
        return chosen
    today = timezone.localdate()
    first = timezone.localtime(upcoming[0].starts_at).date() if upcoming else today
    return first.year, first.month


def _calendar(request: HttpRequest, forum: MeetingForum, upcoming: list[Meeting]) -> dict:
    year, month = _month(request, upcoming)
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, month, 1, tzinfo=zone)
    end_year, end_month = schedule.shift_month(year, month, 1)
    end = datetime.datetime(end_year, end_month, 1, tzinfo=zone)
    meetings = forum.meetings.filter(starts_at__gte=start, starts_at__lt=end)
    by_day = schedule.group_by_day(meetings, lambda m: timezone.localtime(m.starts_at).date())
    previous, following = schedule.shift_month(year, month, -1), (end_year, end_month)
    return {
        "weeks": schedule.month_weeks(year, month, by_day),
        "month": datetime.date(year, month, 1),
        "previous_month": f"{previous[0]:04d}-{previous[1]:02d}",
        "next_month": f"{following[0]:04d}-{following[1]:02d}",
    }


def _forum_page(
    request: HttpRequest, forum: MeetingForum, schedule_form: forms.ScheduleForm | None = None
) -> HttpResponse:
    now = timezone.now()
    meetings = forum.meetings.annotate(
        item_count=Count("items", distinct=True), minutes=Sum("items__minutes")
    )
    upcoming = list(meetings.filter(starts_at__gte=now).exclude(status=Meeting.Status.HELD))
    past = list(
        meetings.filter(Q(starts_at__lt=now) | Q(status=Meeting.Status.HELD)).order_by(
            "-starts_at"
        )[:PAST_MEETINGS_SHOWN]
    )
    can_manage = permissions.can_manage_forums(request.user)
    if schedule_form is None and can_manage:
        latest = forum.meetings.order_by("-starts_at").first()
        first = forms.default_first_start(forum, latest)
        schedule_form = forms.ScheduleForm(initial={"first_starts_at": first, "count": 4})
    context = {
        "forum": forum,
        "participants": forum.participants.all(),
        "upcoming": upcoming,
        "past": past,
        "calendar": _calendar(request, forum, upcoming),
        "schedule_form": schedule_form,
        "can_manage": can_manage,
    }
    status = _status(schedule_form) if schedule_form else 200
    return render(request, "reflection/forum_detail.html", context, status=status)


@login_required
def forum_detail(request: HttpRequest, forum_id: int) -> HttpResponse:
    return _forum_page(request, permissions.get_forum_for_user(request.user, forum_id))


@require_POST
@login_required
def schedule_meetings(request: HttpRequest, forum_id: int) -> HttpResponse:
    forum = permissions.get_forum_for_user(request.user, forum_id, manage=True)
    form = forms.ScheduleForm(request.POST)
    if form.is_valid():
        planned = run_service(
            form, services.schedule_meetings, by=request.user, forum=forum, **form.cleaned_data
        )
        if planned is not None:
            text = ngettext("%(n)s møde er planlagt.", "%(n)s møder er planlagt.", len(planned))
            messages.success(request, text % {"n": len(planned)})
            return redirect("reflection:forum_detail", forum.pk)
    return _forum_page(request, forum, schedule_form=form)


@login_required
def export_forum_calendar(request: HttpRequest, forum_id: int) -> HttpResponse:
    """The forum's meetings as an .ics file for Outlook and other calendars."""
    forum = permissions.get_forum_for_user(request.user, forum_id)
    host = request.get_host().split(":")[0]
    description = "\n".join([forum.purpose, "", *forum.agenda_lines()]).strip()
    events = [
        ical.Event(
            uid=f"lovende-meeting-{meeting.pk}@{host}",
            starts_at=meeting.starts_at,
            ends_at=meeting.starts_at + forum.duration,
            summary=forum.name,
            description="\n".join(
                [description, "", request.build_absolute_uri(meeting_url(meeting))]
            ).strip(),
            cancelled=meeting.status == Meeting.Status.CANCELLED,
        )
        for meeting in forum.meetings.all()
    ]
    text = ical.calendar(events, name=forum.name, now=timezone.now())
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="moedeforum-{forum.pk}.ics"'
    return response


def meeting_url(meeting: Meeting) -> str:
    return reverse("reflection:meeting_detail", args=[meeting.pk])


def _attendance_form(
    meeting: Meeting, planned: list[User], data: QueryDict | None = None
) -> forms.AttendanceForm:
    rows = list(meeting.attendance.all())
    planned_ids = {user.pk for user in planned}
    initial = {
        "present": [row.user_id for row in rows if row.present and row.user_id in planned_ids],
        "guests": [row.user_id for row in rows if row.present and row.user_id not in planned_ids],
    }
    return forms.AttendanceForm(
        data,
        planned=planned,
        organisation_id=meeting.forum.organisation_id,
        initial=initial,
    )


def _minute_shares(items: list[MeetingItem]) -> list[dict]:
    """Minutes and share per kind, with each kind's offset for the stacked bar (0-100)."""
    totals: dict[str, int] = {}
    for item in items:
        totals[item.kind] = totals.get(item.kind, 0) + item.minutes
    shares = review.minute_shares(totals)
    rows, offset = [], 0.0
    for kind, label in MeetingItem.Kind.choices:
        if shares.get(kind):
            share = shares[kind] * 100
            rows.append(
                {
                    "kind": kind,
                    "label": label,
                    "minutes": totals[kind],
                    "percent": round(share),
                    "offset": f"{offset:.2f}",
                    "width": f"{share:.2f}",
                }
            )
            offset += share
    return rows


def _meeting_page(request: HttpRequest, meeting: Meeting, **forms_in_use: Form) -> HttpResponse:
    forum = meeting.forum
    planned = list(forum.participants.all())
    items = list(meeting.items.select_related("created_by"))
    siblings = forum.meetings.exclude(pk=meeting.pk)
    context = {
        "meeting": meeting,
        "forum": forum,
        "planned": planned,
        "attendance": meeting.attendance.select_related("user").order_by("user__first_name"),
        "items": items,
        "shares": _minute_shares(items),
        "follow_ups": meeting.follow_ups.select_related("owner", "completed_in"),
        "carried": FollowUp.objects.filter(
            meeting__forum=forum, meeting__starts_at__lt=meeting.starts_at
        )
        .filter(Q(done=False) | Q(completed_in=meeting))
        .select_related("owner", "meeting"),
        "points": meeting.development_points.all(),
        "packs": meeting.data_packs.select_related("created_by"),
        "previous": siblings.filter(starts_at__lt=meeting.starts_at).order_by("-starts_at").first(),
        "next": siblings.filter(starts_at__gt=meeting.starts_at).order_by("starts_at").first(),
        "today": timezone.localdate(),
        "can_write": permissions.can_take_minutes(request.user, forum),
        # attendance, minutes and "held" are refused before the meeting day, so are not offered
        "has_begun": timezone.localdate(meeting.starts_at) <= timezone.localdate(),
        "can_manage": permissions.can_manage_forums(request.user),
        "attendance_form": forms_in_use.get("attendance_form")
        or _attendance_form(meeting, planned),
        "item_form": forms_in_use.get("item_form") or forms.MeetingItemForm(),
        "follow_up_form": forms_in_use.get("follow_up_form")
        or forms.FollowUpForm(organisation_id=forum.organisation_id),
        "point_form": forms_in_use.get("point_form") or forms.DevelopmentPointForm(meeting=meeting),
        "status_form": forms_in_use.get("status_form"),
        **_agenda_courses(request, meeting, forms_in_use.get("agenda_form")),
    }
    status = 422 if any(getattr(f, "errors", None) for f in forms_in_use.values()) else 200
    return render(request, "reflection/meeting_detail.html", context, status=status)


def _agenda_candidates(user: User, meeting: Meeting) -> QuerySet[Course]:
    """Open courses in reach of the user and the forum, not yet on the meeting's agenda."""
    return (
        permissions.agenda_course_candidates(user, meeting.forum)
        .filter(status__in=citizen_pack.OPEN_STATUSES)
        .exclude(pk__in=meeting.agenda_courses.values("pk"))
    )


def _agenda_courses(request: HttpRequest, meeting: Meeting, form: Form | None) -> dict:
    """A citizen-level meeting's courses (those the reader may see) and, for minute-takers, the
    form to add more; every citizen named on the page is written to the access log."""
    if meeting.forum.level != Level.CITIZEN:
        return {}
    shown = list(
        permissions.agenda_courses_for(request.user, meeting)
        .select_related("citizen", "unit")
        .order_by("citizen__last_name", "citizen__first_name", "pk")
    )
    context: dict = {
        "agenda_courses": shown,
        "agenda_withheld": meeting.agenda_courses.count() - len(shown),
    }
    citizens = {course.citizen_id: course.citizen for course in shown}
    if permissions.can_take_minutes(request.user, meeting.forum):
        form = form or forms.AgendaCourseForm(courses=_agenda_candidates(request.user, meeting))
        context["agenda_form"] = form
        citizens.update((c.citizen_id, c.citizen) for c in form.fields["course"].queryset)
    if citizens:
        record_request_access(
            request,
            AccessLog.Action.LIST,
            citizens=citizens.values(),
            criterion=_("Forløb på mødets dagsorden"),
        )
    return context


@login_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _meeting_page(request, permissions.get_meeting_for_user(request.user, meeting_id))


def _saved(request: HttpRequest, meeting: Meeting, message: str, anchor: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(f"{meeting_url(meeting)}#{anchor}")


@require_POST
@login_required
def set_meeting_status(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, write=True)
    form = forms.MeetingStatusForm(request.POST)
    if form.is_valid() and run_service(
        form, services.set_meeting_status, by=request.user, meeting=meeting, **form.cleaned_data
    ):
        return _saved(request, meeting, _("Mødets status er gemt."), "top")
    return _meeting_page(request, meeting, status_form=form)


@require_POST
@login_required
def record_attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, write=True)
    planned = list(meeting.forum.participants.all())
    form = _attendance_form(meeting, planned, request.POST)
    if form.is_valid():
        present = [*form.cleaned_data["present"], *form.cleaned_data["guests"]]
        absent = [user for user in planned if user not in form.cleaned_data["present"]]
        if run_service(
            form,
            services.record_attendance,
            by=request.user,
            meeting=meeting,
            present=present,
            absent=absent,
        ):
            return _saved(request, meeting, _("Fremmødet er gemt."), "fremmoede")
    return _meeting_page(request, meeting, attendance_form=form)


@require_POST
@login_required
def add_meeting_item(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, write=True)
    form = forms.MeetingItemForm(request.POST)
    if form.is_valid() and run_service(
        form, services.add_meeting_item, by=request.user, meeting=meeting, **form.cleaned_data
    ):
        return _saved(request, meeting, _("Punktet er tilføjet referatet."), "referat")
    return _meeting_page(request, meeting, item_form=form)


@require_POST
@login_required
def add_follow_up(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, write=True)
    form = forms.FollowUpForm(request.POST, organisation_id=meeting.forum.organisation_id)
    if form.is_valid() and run_service(
        form, services.add_follow_up, by=request.user, meeting=meeting, **form.cleaned_data
    ):
        return _saved(request, meeting, _("Opfølgningen er tilføjet."), "opfoelgning")
    return _meeting_page(request, meeting, follow_up_form=form)


@require_POST
@login_required
def complete_follow_up(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = permissions.get_follow_up_for_user(request.user, follow_up_id)
    at = request.POST.get("moede", "")
    meeting = permissions.get_meeting_for_user(request.user, int(at)) if at.isdigit() else None
    try:
        services.complete_follow_up(by=request.user, follow_up=follow_up, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Opfølgningen er markeret som udført."))
    return redirect(f"{meeting_url(meeting or follow_up.meeting)}#opfoelgning")


@require_POST
@login_required
def add_agenda_course(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, write=True)
    if meeting.forum.level != Level.CITIZEN:
        raise Http404
    form = forms.AgendaCourseForm(request.POST, courses=_agenda_candidates(request.user, meeting))
    if form.is_valid() and run_service(
        form, services.add_agenda_course, by=request.user, meeting=meeting, **form.cleaned_data
    ):
        return _saved(request, meeting, _("Forløbet er sat på dagsordenen."), "forloeb")
    return _meeting_page(request, meeting, agenda_form=form)


@require_POST
@login_required
def remove_agenda_course(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, write=True)
    courses = permissions.agenda_courses_for(request.user, meeting)
    form = forms.AgendaCourseForm(request.POST, courses=courses)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("course", [])))
        return redirect(f"{meeting_url(meeting)}#forloeb")
    services.remove_agenda_course(by=request.user, meeting=meeting, **form.cleaned_data)
    return _saved(request, meeting, _("Forløbet er taget af dagsordenen."), "forloeb")


@require_POST
@login_required
def create_development_point(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, write=True)
    form = forms.DevelopmentPointForm(request.POST, meeting=meeting)
    if form.is_valid() and run_service(
        form,
        services.create_development_point,
        by=request.user,
        meeting=meeting,
        **form.cleaned_data,
    ):
        return _saved(request, meeting, _("Udviklingspunktet er oprettet."), "udviklingspunkter")
    return _meeting_page(request, meeting, point_form=form)


@require_POST
@login_required
def set_development_point_status(request: HttpRequest, point_id: int) -> HttpResponse:
    point = permissions.get_development_point_for_user(request.user, point_id)
    form = forms.DevelopmentPointStatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_development_point_status(by=request.user, point=point, **form.cleaned_data)
        except EditConflict as conflict:
            messages.error(request, conflict.message)  # the list shows the point as it is now
        else:
            messages.success(request, _("Udviklingspunktets status er gemt."))
    else:
        messages.error(request, _("Ukendt status."))
    return redirect("reflection:intervention_forum_list", point.intervention_id)


@login_required
def structure_review(request: HttpRequest, intervention_id: int) -> HttpResponse:
    """The review of the intervention's meeting structure (eftersyn), for those who manage it."""
    intervention = get_intervention_for_user(request.user, intervention_id)
    if not permissions.can_manage_forums(request.user):
        raise PermissionDenied
    data = review_intervention(intervention)
    minutes = review.forum_minutes(data.meeting_facts)
    rows = [
        (
            code,
            label,
            [_forum_row(forum, data, minutes) for forum in data.forums if forum.level == code],
        )
        for code, label in Level.choices
    ]
    context = {
        "intervention": intervention,
        "levels": rows,
        "flags": [describe(flag, data) for flag in data.flags],
        "meeting_count": len(data.meetings),
        "kinds": MeetingItem.Kind.choices,
        "threshold": round(review.MIN_REFLECTION_SHARE * 100),
    }
    return render(request, "reflection/structure_review.html", context)


def _forum_row(forum: MeetingForum, data: ReviewData, minutes: dict[int, dict[str, int]]) -> dict:
    facts = next(f for f in data.forum_facts if f.forum_id == forum.pk)
    shares = review.minute_shares(minutes.get(forum.pk, {}))
    return {
        "forum": forum,
        "facts": facts,
        "frontline": review.has_frontline_staff(facts),
        "shares": [round(shares.get(kind, 0) * 100) for kind, _label in MeetingItem.Kind.choices]
        if shares
        else None,
        "flag_count": sum(1 for flag in data.flags if flag.forum_id == forum.pk),
    }
