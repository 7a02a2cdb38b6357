"""Every write to citizens and courses: atomic, checked and written to the access log.

The checks here hold for every caller (forms, imports, the API, the demo), not only the forms.
"""

import datetime
from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lovende.audit.models import AccessLog
from lovende.audit.services import AccessContext, record_access
from lovende.citizens import changes
from lovende.citizens import cpr as cpr_numbers
from lovende.citizens.models import (
    Assessment,
    Change,
    Citizen,
    Course,
    Feedback,
    Goal,
    Observation,
)
from lovende.interventions.models import Intervention
from lovende.organisation.models import Unit, User
from lovende.versioning import claim

CLOSED = (Course.Status.COMPLETED, Course.Status.DISCONTINUED)

RESTRICTED_MESSAGE = gettext_lazy(
    "Behandlingen af borgerens oplysninger er begrænset (databeskyttelsesforordningens art. 18). "
    "Oplysningerne kan ses, men intet kan registreres eller rettes, før en administrator "
    "ophæver begrænsningen."
)


class ProcessingRestricted(ValidationError):
    """A write to a citizen whose processing an administrator has restricted (art. 18)."""

    def __init__(self) -> None:
        super().__init__(RESTRICTED_MESSAGE, code="restricted")


def record_changes(
    *,
    by: User | None,
    citizen: Citizen,
    kind: str,
    before: Mapping[str, str],
    after: Mapping[str, str],
    course: Course | None = None,
) -> list[Change]:
    """Keep the fields that differ between ``before`` and ``after`` as the record's history."""
    return Change.objects.bulk_create(
        Change(
            citizen=citizen,
            course=course,
            changed_by=by,
            record=kind,
            field=label[:100],
            old_value=old,
            new_value=new,
        )
        for label, old, new in changes.diff(before, after)
    )


def check_not_restricted(citizen_id: int) -> None:
    """Refuse the write if the citizen is restricted; read from the database, not the caller's
    copy, so a restriction set a moment ago holds for a form opened before it."""
    if Citizen.objects.filter(pk=citizen_id, restricted_since__isnull=False).exists():
        raise ProcessingRestricted


def _log(by: User, context: AccessContext | None, action: str, citizen: Citizen) -> None:
    # Demo seeding and other system work run without a request and are not a use by a person.
    if context is not None:
        record_access(by=by, context=context, action=action, citizens=[citizen])


def _check_citizen(citizen: Citizen) -> None:
    """Normalise the CPR number, and refuse a bad one, a mismatched birth date or a duplicate."""
    if not citizen.cpr:
        citizen.cpr = None
        return
    try:
        info = cpr_numbers.parse(citizen.cpr)
    except cpr_numbers.InvalidCpr:
        raise ValidationError({"cpr": _("CPR-nummeret er ikke gyldigt.")}) from None
    citizen.cpr = info.number
    if citizen.birth_date != info.birth_date:
        raise ValidationError({"birth_date": _("Fødselsdatoen passer ikke med CPR-nummeret.")})
    clash = Citizen.objects.filter(organisation_id=citizen.organisation_id, cpr=citizen.cpr)
    if clash.exclude(pk=citizen.pk).exists():
        raise ValidationError(
            {
                "cpr": _(
                    "Der findes allerede en borger med dette CPR-nummer. Opret i stedet et nyt forløb for borgeren."
                )
            }
        )


def _apply_status(course: Course) -> None:
    """A closed course gets today's date if it has none; a reopened one loses its end date."""
    if course.status in CLOSED and not course.end_date:
        course.end_date = timezone.localdate()
    elif course.status not in CLOSED:
        course.end_date = None


def _check_course(course: Course, responsible: Sequence[User]) -> None:
    organisation_id = course.citizen.organisation_id
    errors = {}
    if course.end_date and course.end_date < course.start_date:
        errors["end_date"] = _("Slutdatoen kan ikke ligge før startdatoen.")
    if organisation_id not in (
        course.unit.organisation_id,
        course.intervention.organisation_id,
    ) or (course.unit.organisation_id != course.intervention.organisation_id):
        errors["unit"] = _("Enheden eller indsatsen hører til en anden organisation.")
    elif not course.intervention.delivers_in(course.unit):
        errors["unit"] = _("Indsatsen %(intervention)s leveres ikke i enheden %(unit)s.") % {
            "intervention": course.intervention,
            "unit": course.unit,
        }
    if course.start_date < course.citizen.birth_date:
        errors["start_date"] = _("Forløbet kan ikke starte før borgerens fødselsdato.")
    if any(user.organisation_id != organisation_id for user in responsible):
        errors["responsible"] = _(
            "En af de ansvarlige medarbejdere hører til en anden organisation."
        )
    if errors:
        raise ValidationError(errors)


def _save_course(
    course: Course, responsible: Sequence[User], update_fields: list[str] | None = None
) -> None:
    _apply_status(course)
    _check_course(course, responsible)
    course.staff_group_id, course.staff_mixed = staff_group_of(
        [user.professional_group_id for user in responsible]
    )
    if update_fields is not None:
        update_fields = [*update_fields, "staff_group", "staff_mixed"]
    course.save(update_fields=update_fields)
    course.responsible.set(responsible)


def staff_group_of(groups: Sequence[int | None]) -> tuple[int | None, bool]:
    """(group, mixed) of staff in these professional groups (None: a member without one)."""
    distinct = set(groups)
    if len(distinct) > 1:
        return None, True
    return (distinct.pop() if distinct else None), False


def refresh_staff_groups(courses: QuerySet[Course]) -> int:
    """Recompute the staff group of ``courses`` after a staff member's group changed."""
    groups: dict[int, list[int | None]] = {pk: [] for pk in courses.values_list("pk", flat=True)}
    links = Course.responsible.through.objects.filter(course_id__in=list(groups))
    for course_id, group in links.values_list("course_id", "user__professional_group_id"):
        groups[course_id].append(group)
    changed = []
    for pk, members in groups.items():
        group, mixed = staff_group_of(members)
        changed.append(Course(pk=pk, staff_group_id=group, staff_mixed=mixed))
    Course.objects.bulk_update(changed, ["staff_group", "staff_mixed"], batch_size=1000)
    return len(changed)


@transaction.atomic
def create_citizen(
    *,
    by: User,
    context: AccessContext | None,
    first_name: str,
    last_name: str,
    birth_date: datetime.date,
    gender: str,
    cpr: str | None,
    intervention: Intervention,
    unit: Unit,
    start_date: datetime.date,
    responsible: Sequence[User] = (),
    status: str = Course.Status.ACTIVE,
    end_date: datetime.date | None = None,
) -> Course:
    """Register a citizen together with their first course, so they are never out of reach."""
    citizen = Citizen(
        organisation=by.organisation,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        gender=gender,
        cpr=cpr,
    )
    _check_citizen(citizen)
    citizen.save()
    course = Course(
        citizen=citizen,
        intervention=intervention,
        unit=unit,
        start_date=start_date,
        end_date=end_date,
        status=status,
    )
    _save_course(course, responsible)
    _log(by, context, AccessLog.Action.CREATE, citizen)
    return course


@transaction.atomic
def update_citizen(
    *,
    by: User,
    context: AccessContext | None,
    citizen: Citizen,
    version: int | None = None,
    **fields: object,
) -> Citizen:
    """Correct a citizen's name, CPR number, birth date or gender.

    ``version`` is the one the editor was shown; a save over someone else's is refused (REL-02).
    The old values are kept in the change history (art. 16).
    """
    check_not_restricted(citizen.pk)
    before = changes.citizen_snapshot(citizen)
    for name, value in fields.items():
        setattr(citizen, name, value)
    _check_citizen(citizen)
    claim(citizen, version)
    citizen.save(update_fields=list(fields))
    record_changes(
        by=by,
        citizen=citizen,
        kind=Change.Record.CITIZEN,
        before=before,
        after=changes.citizen_snapshot(citizen),
    )
    _log(by, context, AccessLog.Action.UPDATE, citizen)
    return citizen


@transaction.atomic
def create_course(
    *,
    by: User,
    context: AccessContext | None,
    citizen: Citizen,
    intervention: Intervention,
    unit: Unit,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    status: str = Course.Status.ACTIVE,
    responsible: Sequence[User] = (),
) -> Course:
    """Start a new course for an existing citizen."""
    check_not_restricted(citizen.pk)
    course = Course(
        citizen=citizen,
        intervention=intervention,
        unit=unit,
        start_date=start_date,
        end_date=end_date,
        status=status,
    )
    _save_course(course, responsible)
    _log(by, context, AccessLog.Action.CREATE, citizen)
    return course


@transaction.atomic
def update_course(
    *,
    by: User,
    context: AccessContext | None,
    course: Course,
    responsible: Sequence[User] | None = None,
    version: int | None = None,
    **fields: object,
) -> Course:
    """Change a course's dates, status, unit or intervention, and optionally its staff.

    ``version`` is the one the editor was shown; a save over someone else's is refused (REL-02).
    The old values are kept in the change history (art. 16).
    """
    check_not_restricted(course.citizen_id)
    cell = _cell(course)
    staff = list(course.responsible.all())
    before = changes.course_snapshot(course, staff)
    for name, value in fields.items():
        setattr(course, name, value)
    if responsible is None:
        responsible = staff
    _save_course(course, responsible, update_fields=[*fields, "end_date"])
    claim(course, version)  # after the checks; a conflict rolls the save back with it
    record_changes(
        by=by,
        citizen=course.citizen,
        course=course,
        kind=Change.Record.COURSE,
        before=before,
        after=changes.course_snapshot(course, responsible),
    )
    if _cell(course) != cell:
        # The course's measurements now count in another cell of the monthly scores
        from lovende.measurements.services import (
            refresh_monthly_scores,  # measurements builds on citizens
        )

        for moved in (cell, _cell(course)):
            refresh_monthly_scores(intervention_id=moved[0], unit_id=moved[1], start_date=moved[2])
    _log(by, context, AccessLog.Action.UPDATE, course.citizen)
    return course


def _cell(course: Course) -> tuple[int, int, datetime.date]:
    return (course.intervention_id, course.unit_id, course.start_date)


def _check_note_date(course: Course, on: datetime.date, field: str) -> None:
    if on > timezone.localdate():
        raise ValidationError({field: _("Datoen kan ikke ligge i fremtiden.")})
    if on < course.start_date:
        raise ValidationError({field: _("Datoen ligger før forløbets start.")})


def clean_tags(tags: Sequence[str]) -> list[str]:
    """Tags trimmed, lower-cased, without duplicates, at most Observation.MAX_TAGS."""
    unique = list(dict.fromkeys(tag.strip().lower() for tag in tags if tag.strip()))
    if len(unique) > Observation.MAX_TAGS:
        raise ValidationError({"tags": _("Højst %(n)s mærker.") % {"n": Observation.MAX_TAGS}})
    return unique


@transaction.atomic
def record_observation(
    *,
    by: User,
    context: AccessContext | None,
    course: Course,
    observed_on: datetime.date,
    kind: str,
    text: str,
    tags: Sequence[str] = (),
) -> Observation:
    """Write a structured observation in the course."""
    check_not_restricted(course.citizen_id)
    _check_note_date(course, observed_on, "observed_on")
    observation = Observation.objects.create(
        course=course,
        observed_on=observed_on,
        author=by,
        kind=kind,
        text=text,
        tags=clean_tags(tags),
    )
    _log(by, context, AccessLog.Action.CREATE, course.citizen)
    return observation


@transaction.atomic
def record_feedback(
    *, by: User, context: AccessContext | None, course: Course, given_on: datetime.date, text: str
) -> Feedback:
    """Write down the citizen's own feedback in their words."""
    check_not_restricted(course.citizen_id)
    _check_note_date(course, given_on, "given_on")
    feedback = Feedback.objects.create(course=course, given_on=given_on, text=text, recorded_by=by)
    _log(by, context, AccessLog.Action.CREATE, course.citizen)
    return feedback


@transaction.atomic
def record_assessment(
    *,
    by: User,
    context: AccessContext | None,
    course: Course,
    assessed_on: datetime.date,
    direction: str,
    text: str,
) -> Assessment:
    """Write the employee's professional assessment of the course's direction."""
    check_not_restricted(course.citizen_id)
    _check_note_date(course, assessed_on, "assessed_on")
    assessment = Assessment.objects.create(
        course=course, assessed_on=assessed_on, author=by, direction=direction, text=text
    )
    _log(by, context, AccessLog.Action.CREATE, course.citizen)
    return assessment


@transaction.atomic
def add_goal(
    *,
    by: User,
    context: AccessContext | None,
    course: Course,
    title: str,
    expected: str = "",
    weight: int = 1,
) -> Goal:
    """Add an individual goal to the course, for Goal Attainment Scaling."""
    check_not_restricted(course.citizen_id)
    if not 1 <= weight <= Goal.MAX_WEIGHT:
        raise ValidationError(
            {"weight": _("Vægten skal være mellem 1 og %(max)s.") % {"max": Goal.MAX_WEIGHT}}
        )
    goal = Goal.objects.create(course=course, title=title, expected=expected, weight=weight)
    _log(by, context, AccessLog.Action.CREATE, course.citizen)
    return goal


@transaction.atomic
def close_goal(
    *, by: User, context: AccessContext | None, goal: Goal, version: int | None = None
) -> Goal:
    """Stop scoring a goal; earlier goal attainment keeps it. Refused if the goal changed since
    the page showed it (REL-02)."""
    course = goal.course
    check_not_restricted(course.citizen_id)
    claim(goal, version)
    goal.is_active = False
    goal.save(update_fields=["is_active"])
    label = changes.goal_active_label(goal)
    record_changes(
        by=by,
        citizen=course.citizen,
        course=course,
        kind=Change.Record.GOAL,
        before={label: changes.value(True)},
        after={label: changes.value(False)},
    )
    _log(by, context, AccessLog.Action.UPDATE, goal.course.citizen)
    return goal
