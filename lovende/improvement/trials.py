"""Every write to trial actions (afprøvningshandlinger): PDSA cycles on an improvement initiative.

Plan (``create_trial``, ``update_plan``), Do (``record_do``), Study (``record_study``) and Act
(``decide``). Atomic, with the actor first as ``by=``; the checks hold for every caller.

A decision's learning also goes to the learning log (``lovende.culture``), abandoned trials
included, since an abandoned trial is learning, not failure.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lovende.citizens.models import Course
from lovende.citizens.permissions import courses_visible_to
from lovende.culture import services as culture_services
from lovende.improvement import services
from lovende.improvement.models import Initiative, Trial
from lovende.organisation.models import User
from lovende.organisation.permissions import subtree_filter
from lovende.versioning import claim

# What the plan form may change; the rest has its own step.
PLAN_FIELDS = ("title", "plan", "who", "where", "start_date", "end_date", "prediction")
# Statuses a first trial moves on to "afprøves": the initiative has not been tested before.
BEFORE_TESTING = (Initiative.Status.IDEA, Initiative.Status.PLANNED)


def course_candidates(user: User, initiative: Initiative) -> QuerySet[Course]:
    """Courses ``user`` may put on a trial: visible to them, in the initiative's intervention and,
    when the initiative has a unit, in that unit or below."""
    courses = courses_visible_to(user).filter(intervention_id=initiative.intervention_id)
    if initiative.unit_id is not None:
        courses = courses.filter(subtree_filter([initiative.unit], prefix="unit__"))
    return courses


def _course_error(by: User, initiative: Initiative, courses: list[Course]) -> str | None:
    allowed = set(
        course_candidates(by, initiative)
        .filter(pk__in=[course.pk for course in courses])
        .values_list("pk", flat=True)
    )
    for course in courses:
        if course.pk in allowed:
            continue
        if course.intervention_id != initiative.intervention_id:
            return _("Et af forløbene hører til en anden indsats end forbedringstiltaget.")
        if initiative.unit is not None and not course.unit.is_within(initiative.unit):
            return _("Et af forløbene ligger uden for forbedringstiltagets enhed %(unit)s.") % {
                "unit": initiative.unit
            }
        return _("Du har ikke adgang til et af de valgte forløb.")
    return None


def _check_plan(by: User, trial: Trial, courses: list[Course]) -> None:
    errors = {}
    if not trial.title.strip():
        errors["title"] = _("Skriv, hvad I afprøver.")
    if not trial.prediction.strip():
        errors["prediction"] = _("Skriv jeres forudsigelse: Hvad forventer I sker?")
    if trial.start_date is None:
        errors["start_date"] = _("Angiv, hvornår afprøvningen begynder.")
    if trial.end_date is None:
        errors["end_date"] = _("Angiv, hvornår afprøvningen slutter.")
    elif trial.start_date and trial.end_date < trial.start_date:
        errors["end_date"] = _("Slutdatoen ligger før startdatoen. Vælg startdatoen eller senere.")
    if course_error := _course_error(by, trial.initiative, courses):
        errors["courses"] = course_error
    if errors:
        raise ValidationError(errors)


def _clean(fields: dict[str, object]) -> dict[str, object]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


@transaction.atomic
def create_trial(
    *,
    by: User,
    initiative: Initiative,
    title: str,
    plan: str,
    who: str,
    where: str,
    start_date: date | None,
    end_date: date | None,
    prediction: str,
    courses: Iterable[Course] = (),
) -> Trial:
    """Plan the initiative's next cycle (numbered 1, 2, … in order of creation).

    The first trial moves an initiative that is an idea or planned on to "afprøves".
    """
    if initiative.intervention.organisation_id != by.organisation_id:
        raise ValidationError(_("Forbedringstiltaget hører til en anden organisation."))
    # Lock the initiative so that two cycles planned at once never get the same number.
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    courses = list(courses)
    fields = {"title": title, "plan": plan, "who": who, "where": where, "prediction": prediction}
    trial = Trial(
        initiative=initiative,
        start_date=start_date,
        end_date=end_date,
        created_by=by,
        **_clean(fields),
    )
    _check_plan(by, trial, courses)
    highest = locked.trials.aggregate(highest=Max("number"))["highest"]
    trial.number = (highest or 0) + 1
    trial.save()
    trial.courses.set(courses)
    if trial.number == 1 and locked.status in BEFORE_TESTING:
        services.set_initiative_status(
            by=by, initiative=initiative, status=Initiative.Status.TESTING
        )
    return trial


@transaction.atomic
def update_plan(
    *,
    by: User,
    trial: Trial,
    title: str,
    plan: str,
    who: str,
    where: str,
    start_date: date | None,
    end_date: date | None,
    prediction: str,
    courses: Iterable[Course] = (),
    version: int | None = None,
) -> Trial:
    """Change the plan. Courses ``by`` cannot see stay on the trial: they were never offered.

    Every step's ``version`` is the one the editor was shown; a stale save is refused (REL-02).
    """
    courses = list(courses)
    fields = {"title": title, "plan": plan, "who": who, "where": where, "prediction": prediction}
    changed = {**_clean(fields), "start_date": start_date, "end_date": end_date}
    _check_plan(by, Trial(initiative=trial.initiative, **changed), courses)
    for name, value in changed.items():
        setattr(trial, name, value)
    claim(trial, version)
    trial.save(update_fields=list(PLAN_FIELDS))
    withheld = trial.courses.exclude(pk__in=courses_visible_to(by).values("pk"))
    trial.courses.set([*courses, *withheld])
    return trial


@transaction.atomic
def record_do(
    *, by: User, trial: Trial, what_happened: str, observations: str, version: int | None = None
) -> Trial:
    """Write down what happened while the change was tried, and what was observed."""
    if not what_happened.strip() and not observations.strip():
        raise ValidationError(
            {"what_happened": _("Skriv, hvad der skete, eller hvad I observerede.")}
        )
    trial.what_happened, trial.observations = what_happened.strip(), observations.strip()
    claim(trial, version)
    trial.save(update_fields=["what_happened", "observations"])
    return trial


@transaction.atomic
def record_study(*, by: User, trial: Trial, study: str, version: int | None = None) -> Trial:
    """Hold the data up against the prediction."""
    if not study.strip():
        raise ValidationError({"study": _("Skriv, hvad data viser holdt op mod forudsigelsen.")})
    trial.study = study.strip()
    claim(trial, version)
    trial.save(update_fields=["study"])
    return trial


@transaction.atomic
def decide(
    *,
    by: User,
    trial: Trial,
    decision: str,
    learning: str,
    decided_on: date | None = None,
    version: int | None = None,
) -> Trial:
    """Adopt, adapt or abandon the change. Abandoning needs the learning written down.

    What was learned goes to the learning log (one point per trial, refreshed on a new decision),
    so it reaches the next staff meeting: learning, not fault-finding.
    """
    errors = {}
    learning = learning.strip()
    if decision not in Trial.Decision.values:
        errors["decision"] = _("Vælg en beslutning: indfør, tilpas og afprøv igen, eller opgiv.")
    elif decision == Trial.Decision.ABANDON and not learning:
        errors["learning"] = _(
            "Skriv, hvad I lærte. Et opgivet forsøg er læring, ikke fiasko, "
            "og læringen skal med videre."
        )
    if errors:
        raise ValidationError(errors)
    trial.decision, trial.learning = decision, learning
    trial.decided_on = decided_on or timezone.localdate()
    claim(trial, version)
    trial.save(update_fields=["decision", "learning", "decided_on"])
    if learning:
        culture_services.record_trial_learning(by=by, trial=trial)
    return trial
