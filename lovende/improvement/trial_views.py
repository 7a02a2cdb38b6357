"""Trial actions (PDSA cycles) on an initiative: plan a cycle, then record do, study and act.

Everyone in the organisation reads the trials; those who manage the intervention's teams change
them (403 for the rest), and another organisation's trial answers 404. A trial's courses name
citizens: the page shows only those the reader may see, and writes them to the access log.
"""

from collections.abc import Iterable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lovende.audit.models import AccessLog
from lovende.audit.services import record_request_access
from lovende.citizens.models import Citizen, Course
from lovende.citizens.permissions import courses_visible_to
from lovende.improvement import permissions, trial_forms, trials
from lovende.improvement.models import Initiative, Trial
from lovende.versioning import has_conflict, with_conflict
from lovende.web import run_service

# The steps after the plan, each with its anchor on the trial page and the stage it fills.
STEPS = (
    (Trial.Stage.PLAN, "plan"),
    (Trial.Stage.DO, "udfoer"),
    (Trial.Stage.STUDY, "studer"),
    (Trial.Stage.ACT, "handl"),
)
EDITABLE = {Trial.Stage.DO, Trial.Stage.STUDY, Trial.Stage.ACT}


def trials_context(request: HttpRequest, initiative: Initiative) -> dict:
    """What the initiative page needs to show its trials (``_trials.html``): one query."""
    return {"trials": list(initiative.trials.all())}


def _log_citizens(request: HttpRequest, courses: Iterable[Course], criterion: str) -> None:
    citizens: dict[int, Citizen] = {course.citizen_id: course.citizen for course in courses}
    if citizens:
        record_request_access(
            request, AccessLog.Action.LIST, citizens=citizens.values(), criterion=criterion
        )


def _plan_page(
    request: HttpRequest, form: trial_forms.PlanForm, initiative: Initiative, trial: Trial | None
) -> HttpResponse:
    _log_citizens(
        request,
        form.fields["courses"].queryset,
        _("Forløb, der kan vælges til en afprøvning"),
    )
    context = {"form": form, "initiative": initiative, "trial": trial}
    status = 422 if form.errors else 200
    return render(request, "improvement/trial_form.html", context, status=status)


@login_required
def create_trial(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = permissions.get_initiative_for_user(request.user, initiative_id, manage=True)
    form = trial_forms.PlanForm(
        request.POST or None, courses=trials.course_candidates(request.user, initiative)
    )
    if request.method == "POST" and form.is_valid():
        trial = run_service(
            form, trials.create_trial, by=request.user, initiative=initiative, **form.cleaned_data
        )
        if trial:
            messages.success(request, _("Afprøvning %(number)s er planlagt.") % {"number": trial})
            return redirect("improvement:trial_detail", trial.pk)
    return _plan_page(request, form, initiative, None)


def _plan_form(
    request: HttpRequest, trial: Trial, data: QueryDict | None = None
) -> trial_forms.PlanEditForm:
    candidates = trials.course_candidates(request.user, trial.initiative)
    initial = {name: getattr(trial, name) for name in (*trials.PLAN_FIELDS, "version")}
    initial["courses"] = list(candidates.filter(trials=trial))
    return trial_forms.PlanEditForm(data, initial=initial, courses=candidates)


@login_required
def update_plan(request: HttpRequest, trial_id: int) -> HttpResponse:
    trial = permissions.get_trial_for_user(request.user, trial_id, manage=True)
    form = _plan_form(request, trial, request.POST or None)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and run_service(form, trials.update_plan, by=request.user, trial=trial, **form.cleaned_data)
    )
    if saved:
        messages.success(request, _("Planen er gemt."))
        return redirect(f"{reverse('improvement:trial_detail', args=[trial.pk])}#plan")
    if has_conflict(form):  # someone saved first: show their plan, not the stale form
        trial = permissions.get_trial_for_user(request.user, trial_id, manage=True)
        form = with_conflict(_plan_form(request, trial))
    return _plan_page(request, form, trial.initiative, trial)


def _step_forms(trial: Trial, open_step: str, bound: Form | None) -> dict[str, Form]:
    """The form of the step that is open: the one just posted, or a fresh one filled in."""
    if bound is not None:
        return {open_step: bound}
    version = trial.version  # sent back, so a save over someone else's is refused (REL-02)
    if open_step == Trial.Stage.DO:
        initial = {"what_happened": trial.what_happened, "observations": trial.observations}
        return {open_step: trial_forms.DoForm(initial={**initial, "version": version})}
    if open_step == Trial.Stage.STUDY:
        initial = {"study": trial.study, "version": version}
        return {open_step: trial_forms.StudyForm(initial=initial)}
    if open_step == Trial.Stage.ACT:
        initial = {"decision": trial.decision, "learning": trial.learning, "version": version}
        return {open_step: trial_forms.ActForm(initial=initial)}
    return {}


def _steps(trial: Trial) -> list[dict[str, object]]:
    """The step indicator: Plan → Udfør → Studér → Handl, the next one to fill marked current."""
    order = [stage for stage, _anchor in STEPS]
    reached = len(order) if trial.stage == Trial.Stage.DECIDED else order.index(trial.stage)
    return [
        {
            "number": index + 1,
            "label": Trial.Stage(stage).label,
            "anchor": anchor,
            "done": index < reached,
            "current": index == reached,
        }
        for index, (stage, anchor) in enumerate(STEPS)
    ]


def _trial_page(
    request: HttpRequest, trial: Trial, open_step: str | None = None, bound: Form | None = None
) -> HttpResponse:
    can_manage = permissions.can_manage_teams(request.user, trial.initiative.intervention)
    shown = list(
        courses_visible_to(request.user)
        .filter(trials=trial)
        .select_related("citizen", "unit")
        .order_by("citizen__last_name", "citizen__first_name", "pk")
    )
    _log_citizens(request, shown, _("Forløb i en afprøvning"))
    if open_step is None:
        asked = request.GET.get("ret", "")
        open_step = asked if asked in EDITABLE else trial.stage
    context = {
        "trial": trial,
        "initiative": trial.initiative,
        "can_manage": can_manage,
        "steps": _steps(trial),
        "courses": [(course, trial_forms.course_label(course)) for course in shown],
        "withheld": trial.courses.count() - len(shown),
        "open_step": open_step if can_manage else None,
        "forms": _step_forms(trial, open_step, bound) if can_manage else {},
    }
    status = 422 if bound is not None and bound.errors else 200
    return render(request, "improvement/trial_detail.html", context, status=status)


@login_required
def trial_detail(request: HttpRequest, trial_id: int) -> HttpResponse:
    return _trial_page(request, permissions.get_trial_for_user(request.user, trial_id))


def _saved(request: HttpRequest, trial: Trial, message: str, anchor: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(f"{reverse('improvement:trial_detail', args=[trial.pk])}#{anchor}")


# Each step after the plan: its form, its service, what to say once saved and where to go next.
STEP_WRITERS = {
    Trial.Stage.DO: (
        trial_forms.DoForm,
        trials.record_do,
        gettext_lazy("Udførelsen er gemt. Næste trin: Studér."),
        "studer",
    ),
    Trial.Stage.STUDY: (
        trial_forms.StudyForm,
        trials.record_study,
        gettext_lazy("Studiet er gemt. Næste trin: Handl."),
        "handl",
    ),
    Trial.Stage.ACT: (
        trial_forms.ActForm,
        trials.decide,
        gettext_lazy("Beslutningen er gemt."),
        "handl",
    ),
}


def _record_step(request: HttpRequest, trial_id: int, stage: str) -> HttpResponse:
    trial = permissions.get_trial_for_user(request.user, trial_id, manage=True)
    form_class, service, message, anchor = STEP_WRITERS[stage]
    form = form_class(request.POST)
    if form.is_valid() and run_service(
        form, service, by=request.user, trial=trial, **form.cleaned_data
    ):
        return _saved(request, trial, str(message), anchor)
    if has_conflict(form):  # someone saved first: show the step as they left it
        trial = permissions.get_trial_for_user(request.user, trial_id, manage=True)
        form = with_conflict(_step_forms(trial, stage, None)[stage])
    return _trial_page(request, trial, stage, form)


@require_POST
@login_required
def record_do(request: HttpRequest, trial_id: int) -> HttpResponse:
    return _record_step(request, trial_id, Trial.Stage.DO)


@require_POST
@login_required
def record_study(request: HttpRequest, trial_id: int) -> HttpResponse:
    return _record_step(request, trial_id, Trial.Stage.STUDY)


@require_POST
@login_required
def decide(request: HttpRequest, trial_id: int) -> HttpResponse:
    return _record_step(request, trial_id, Trial.Stage.ACT)
