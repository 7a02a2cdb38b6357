"""Every write to citizens and courses: atomic, checked and written to the access log."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lovende.audit.models import AccessLog
from lovende.audit.services import AccessContext, record_access
from lovende.citizens.models import Citizen, Course
from lovende.interventions.models import Intervention
from lovende.organisation.models import Unit, User


def _log(by: User, context: AccessContext | None, action: str, citizen: Citizen) -> None:
    # Demo seeding and other system work run without a request and are not a use by a person.
    if context is not None:
        record_access(by=by, context=context, action=action, citizens=[citizen])


def _check_unique_cpr(citizen: Citizen) -> None:
    if citizen.cpr is None:
        return
    clash = Citizen.objects.filter(organisation_id=citizen.organisation_id, cpr=citizen.cpr)
    if clash.exclude(pk=citizen.pk).exists():
        raise ValidationError(
            {
                "cpr": _(
                    "Der findes allerede en borger med dette CPR-nummer. Opret i stedet et nyt forløb for borgeren."
                )
            }
        )


def _check_course(course: Course) -> None:
    errors = {}
    if course.end_date and course.end_date < course.start_date:
        errors["end_date"] = _("Slutdatoen kan ikke ligge før startdatoen.")
    if course.unit.organisation_id != course.citizen.organisation_id:
        errors["unit"] = _("Enheden hører til en anden organisation.")
    elif not course.intervention.delivers_in(course.unit):
        errors["unit"] = _("Indsatsen %(intervention)s leveres ikke i enheden %(unit)s.") % {
            "intervention": course.intervention,
            "unit": course.unit,
        }
    if course.start_date < course.citizen.birth_date:
        errors["start_date"] = _("Forløbet kan ikke starte før borgerens fødselsdato.")
    if errors:
        raise ValidationError(errors)


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
    responsible: list[User],
) -> Course:
    """Register a citizen together with their first course, so they are never out of reach."""
    citizen = Citizen(
        organisation=by.organisation,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        gender=gender,
        cpr=cpr or None,
    )
    _check_unique_cpr(citizen)
    citizen.save()
    course = Course(citizen=citizen, intervention=intervention, unit=unit, start_date=start_date)
    _check_course(course)
    course.save()
    course.responsible.set(responsible)
    _log(by, context, AccessLog.Action.CREATE, citizen)
    return course


@transaction.atomic
def update_citizen(
    *, by: User, context: AccessContext | None, citizen: Citizen, **fields: object
) -> Citizen:
    """Correct a citizen's name, CPR number, birth date or gender."""
    for name, value in fields.items():
        setattr(citizen, name, value)
    citizen.cpr = citizen.cpr or None
    _check_unique_cpr(citizen)
    citizen.save(update_fields=list(fields))
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
    responsible: list[User] = (),
) -> Course:
    """Start a new course for an existing citizen."""
    course = Course(
        citizen=citizen,
        intervention=intervention,
        unit=unit,
        start_date=start_date,
        end_date=end_date,
        status=status,
    )
    _check_course(course)
    course.save()
    course.responsible.set(responsible)
    _log(by, context, AccessLog.Action.CREATE, citizen)
    return course


@transaction.atomic
def update_course(
    *, by: User, context: AccessContext | None, course: Course, **fields: object
) -> Course:
    """Change a course's dates, status, unit or responsible staff."""
    responsible = fields.pop("responsible", None)
    for name, value in fields.items():
        setattr(course, name, value)
    if (
        course.status in (Course.Status.COMPLETED, Course.Status.DISCONTINUED)
        and not course.end_date
    ):
        course.end_date = timezone.localdate()
        fields["end_date"] = course.end_date
    _check_course(course)
    course.save(update_fields=list(fields))
    if responsible is not None:
        course.responsible.set(responsible)
    _log(by, context, AccessLog.Action.UPDATE, course.citizen)
    return course
