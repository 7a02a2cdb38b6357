"""Every write to the learning culture: landmarks and their statements (with the starter set),
learning points (also from a decided trial), recognitions and concerns.

Atomic, with the actor first as ``by=``; the checks hold for every caller, not only the forms.
Themes and statements are never deleted, only marked inactive, because survey rounds refer to them.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lovende.culture import permissions, starter
from lovende.culture.models import Concern, Landmark, LandmarkStatement, LearningPoint, Recognition
from lovende.culture.survey_services import survey_threshold
from lovende.improvement.models import Initiative, Trial
from lovende.interventions.models import Intervention
from lovende.organisation.models import Organisation, Unit, User


def _check_unit(unit: Unit | None, by: User, errors: dict[str, str]) -> None:
    if unit is not None and unit.organisation_id != by.organisation_id:
        errors["unit"] = _("Enheden hører til en anden organisation.")


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


# Landmarks ------------------------------------------------------------------------------------


def _check_landmark(by: User, unit: Unit | None, theme: str, intent: str) -> None:
    errors: dict[str, str] = {}
    if not theme.strip():
        errors["theme"] = _("Giv pejlemærket et tema, fx «Effektivt teamsamarbejde».")
    if intent not in ("", *Landmark.Intent.values):
        errors["intent"] = _("Vælg, om I vil ændre eller fastholde det, eller lad feltet stå tomt.")
    _check_unit(unit, by, errors)
    _raise(errors)


def _next_order(rows: QuerySet) -> int:
    """One past the highest ``order``; call it only with the rows' parent locked (REL-02)."""
    return (rows.aggregate(last=Max("order"))["last"] or 0) + 1


def _lock_organisation(organisation_id: int) -> None:
    """Hold back other writers of the organisation's landmarks until the transaction ends.

    Landmarks are numbered per unit, or per organisation when they have no unit; no unit has no
    row to lock, so the organisation's row is the one lock that covers both (REL-02).
    """
    Organisation.objects.select_for_update().get(pk=organisation_id)


@transaction.atomic
def create_landmark(
    *, by: User, unit: Unit | None, theme: str, intent: str = "", intent_note: str = ""
) -> Landmark:
    """Add a theme to the landmarks of ``unit`` (None: the whole organisation), last in order."""
    _check_landmark(by, unit, theme, intent)
    _lock_organisation(by.organisation_id)
    siblings = Landmark.objects.filter(organisation_id=by.organisation_id, unit=unit, active=True)
    return Landmark.objects.create(
        organisation_id=by.organisation_id,
        unit=unit,
        theme=theme.strip(),
        order=_next_order(siblings),
        intent=intent,
        intent_note=intent_note.strip(),
        created_by=by,
    )


@transaction.atomic
def update_landmark(
    *, by: User, landmark: Landmark, theme: str, intent: str, intent_note: str
) -> Landmark:
    """Rename the theme and mark what the leaders want to change or keep."""
    _check_landmark(by, landmark.unit, theme, intent)
    landmark.theme, landmark.intent = theme.strip(), intent
    landmark.intent_note = intent_note.strip()
    landmark.save(update_fields=["theme", "intent", "intent_note"])
    return landmark


@transaction.atomic
def delete_landmark(*, by: User, landmark: Landmark) -> None:
    """Mark the theme and its statements inactive; survey rounds may still refer to them."""
    landmark.statements.update(active=False)
    landmark.active = False
    landmark.save(update_fields=["active"])


def _check_statement_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError(
            {"text": _("Skriv udsagnet, fx «Teamet er større end de enkelte medlemmer».")}
        )
    if len(text) > LandmarkStatement.MAX_TEXT_LENGTH:
        raise ValidationError(
            {
                "text": _("Udsagnet må højst være %(max)d tegn.")
                % {"max": LandmarkStatement.MAX_TEXT_LENGTH}
            }
        )
    return text


@transaction.atomic
def add_statement(*, by: User, landmark: Landmark, text: str) -> LandmarkStatement:
    """Add a statement last under the theme."""
    text = _check_statement_text(text)
    # Lock the landmark so that two statements added at once never get the same place (REL-02).
    landmark = Landmark.objects.select_for_update().get(pk=landmark.pk)
    if not landmark.active:
        raise ValidationError(_("Pejlemærket er slettet."))
    order = _next_order(landmark.statements.filter(active=True))
    return LandmarkStatement.objects.create(landmark=landmark, text=text, order=order)


@transaction.atomic
def update_statement(*, by: User, statement: LandmarkStatement, text: str) -> LandmarkStatement:
    """Change the wording; the statement keeps its identity (survey rounds copy the old text)."""
    statement.text = _check_statement_text(text)
    statement.save(update_fields=["text"])
    return statement


@transaction.atomic
def delete_statement(*, by: User, statement: LandmarkStatement) -> None:
    """Mark the statement inactive: it leaves the landmarks but survives for old survey rounds."""
    statement.active = False
    statement.save(update_fields=["active"])


@transaction.atomic
def start_with_examples(*, by: User, unit: Unit | None) -> list[Landmark]:
    """Fill the landmarks of ``unit`` with the seven example themes and their statements.

    Refused when the unit (or the organisation) already has landmarks, so the examples are
    never added twice.
    """
    errors: dict[str, str] = {}
    _check_unit(unit, by, errors)
    _raise(errors)
    _lock_organisation(by.organisation_id)  # two clicks at once add the examples only once
    existing = Landmark.objects.filter(organisation_id=by.organisation_id, unit=unit, active=True)
    if existing.exists():
        raise ValidationError(
            _("Der er allerede pejlemærker her. Tilføj eller ret temaerne enkeltvis.")
        )
    landmarks = []
    for order, (theme, statements) in enumerate(starter.EXAMPLE_LANDMARKS, start=1):
        landmark = Landmark.objects.create(
            organisation_id=by.organisation_id, unit=unit, theme=theme, order=order, created_by=by
        )
        LandmarkStatement.objects.bulk_create(
            LandmarkStatement(landmark=landmark, text=text, order=number)
            for number, text in enumerate(statements, start=1)
        )
        landmarks.append(landmark)
    return landmarks


# Learning log ---------------------------------------------------------------------------------

LEARNING_FIELDS = ("source", "unit", "intervention", "what_happened", "learned", "do_now")

# What the team does now after a decided trial, by its decision.
TRIAL_DO_NOW = {
    Trial.Decision.ADOPT: gettext_lazy("Indfør: Vi gør det til en fast del af praksis."),
    Trial.Decision.ADAPT: gettext_lazy("Tilpas: Vi justerer og afprøver igen."),
    Trial.Decision.ABANDON: gettext_lazy(
        "Opgiv: Vi stopper afprøvningen og tager læringen med os."
    ),
}


def _check_learning_point(point: LearningPoint, by: User) -> None:
    errors: dict[str, str] = {}
    if point.source not in LearningPoint.Source.values:
        errors["source"] = _("Vælg, hvor læringen kommer fra: møde, afprøvning, fejl eller andet.")
    if not point.what_happened.strip():
        errors["what_happened"] = _("Beskriv kort, hvad der skete.")
    if point.source != LearningPoint.Source.TRIAL and not point.learned.strip():
        errors["learned"] = _("Skriv, hvad I lærte. Det er læringen, vi deler, ikke fejlen.")
    _check_unit(point.unit, by, errors)
    if point.intervention and point.intervention.organisation_id != by.organisation_id:
        errors["intervention"] = _("Indsatsen hører til en anden organisation.")
    _raise(errors)


@transaction.atomic
def create_learning_point(
    *,
    by: User,
    source: str,
    what_happened: str,
    learned: str,
    do_now: str = "",
    unit: Unit | None = None,
    intervention: Intervention | None = None,
    for_staff_meeting: bool = True,
) -> LearningPoint:
    """Write a point in the learning log, listed for the next staff meeting unless told not to."""
    point = LearningPoint(
        organisation_id=by.organisation_id,
        source=source,
        unit=unit,
        intervention=intervention,
        what_happened=what_happened.strip(),
        learned=learned.strip(),
        do_now=do_now.strip(),
        for_staff_meeting=for_staff_meeting,
        created_by=by,
    )
    _check_learning_point(point, by)
    point.save()
    return point


@transaction.atomic
def update_learning_point(
    *,
    by: User,
    point: LearningPoint,
    source: str,
    what_happened: str,
    learned: str,
    do_now: str = "",
    unit: Unit | None = None,
    intervention: Intervention | None = None,
    for_staff_meeting: bool = True,
) -> LearningPoint:
    """Change the point; the author stays the one who wrote it."""
    point.source, point.unit, point.intervention = source, unit, intervention
    point.what_happened, point.learned = what_happened.strip(), learned.strip()
    point.do_now, point.for_staff_meeting = do_now.strip(), for_staff_meeting
    _check_learning_point(point, by)
    point.save(update_fields=[*LEARNING_FIELDS, "for_staff_meeting"])
    return point


@transaction.atomic
def delete_learning_point(*, by: User, point: LearningPoint) -> None:
    point.delete()


@transaction.atomic
def mark_discussed(
    *, by: User, point: LearningPoint, discussed_on: datetime.date | None = None
) -> LearningPoint:
    """Record that the point was discussed at a staff meeting (today unless told otherwise)."""
    discussed_on = discussed_on or timezone.localdate()
    if discussed_on > timezone.localdate():
        raise ValidationError({"discussed_on": _("Datoen for personalemødet ligger i fremtiden.")})
    point.discussed_on = discussed_on
    point.save(update_fields=["discussed_on"])
    return point


@transaction.atomic
def record_trial_learning(*, by: User, trial: Trial) -> LearningPoint:
    """Create or refresh the one learning point of a decided trial (source «afprøvning»).

    What happened is the trial and its decision, what we learned is the trial's learning, and
    what we do now follows the decision. A refreshed point keeps its author and, if it was
    discussed, its meeting date.
    """
    initiative = trial.initiative
    if initiative.intervention.organisation_id != by.organisation_id:
        raise ValidationError(_("Afprøvningen hører til en anden organisation."))
    if not trial.decision:
        raise ValidationError(_("Afprøvningen er ikke besluttet endnu."))
    fields = {
        "organisation_id": by.organisation_id,
        "unit": initiative.unit,
        "intervention": initiative.intervention,
        "source": LearningPoint.Source.TRIAL,
        "what_happened": _("%(trial)s (%(initiative)s): %(decision)s")
        % {
            "trial": trial.title,
            "initiative": initiative.title,
            "decision": trial.get_decision_display(),
        },
        "learned": trial.learning.strip(),
        "do_now": str(TRIAL_DO_NOW[trial.decision]),
    }
    point, _created = LearningPoint.objects.update_or_create(
        trial=trial, defaults=fields, create_defaults={**fields, "created_by": by}
    )
    return point


# Recognitions ---------------------------------------------------------------------------------


def _check_recognition(recognition: Recognition, by: User) -> None:
    errors: dict[str, str] = {}
    if recognition.behaviour not in Recognition.Behaviour.values:
        errors["behaviour"] = _("Vælg, hvilken spirende læringskultur I så.")
    if not recognition.description.strip():
        errors["description"] = _("Beskriv kort, hvad I så.")
    if recognition.recognised_on > timezone.localdate():
        errors["recognised_on"] = _("Datoen ligger i fremtiden.")
    _check_unit(recognition.unit, by, errors)
    _raise(errors)


@transaction.atomic
def create_recognition(
    *,
    by: User,
    behaviour: str,
    description: str,
    recognised_on: datetime.date,
    recognised: str = "",
    unit: Unit | None = None,
) -> Recognition:
    """Record that a leader saw the emerging learning culture."""
    recognition = Recognition(
        organisation_id=by.organisation_id,
        unit=unit,
        behaviour=behaviour,
        description=description.strip(),
        recognised_on=recognised_on,
        recognised=recognised.strip(),
        created_by=by,
    )
    _check_recognition(recognition, by)
    recognition.save()
    return recognition


@transaction.atomic
def update_recognition(
    *,
    by: User,
    recognition: Recognition,
    behaviour: str,
    description: str,
    recognised_on: datetime.date,
    recognised: str = "",
    unit: Unit | None = None,
) -> Recognition:
    recognition.behaviour, recognition.description = behaviour, description.strip()
    recognition.recognised_on, recognition.recognised = recognised_on, recognised.strip()
    recognition.unit = unit
    _check_recognition(recognition, by)
    recognition.save(
        update_fields=["behaviour", "description", "recognised_on", "recognised", "unit"]
    )
    return recognition


@transaction.atomic
def delete_recognition(*, by: User, recognition: Recognition) -> None:
    recognition.delete()


# Concerns -------------------------------------------------------------------------------------


@transaction.atomic
def raise_concern(
    *,
    by: User,
    description: str,
    background: str = "",
    unit: Unit | None = None,
    initiative: Initiative | None = None,
    anonymous: bool = False,
) -> Concern:
    """Raise a concern about a change. An anonymous one keeps no link to ``by`` at all.

    Only the date is stored, never the time, so the row cannot be matched with who was logged
    in at that moment.
    """
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = _("Beskriv din bekymring.")
    _check_unit(unit, by, errors)
    if initiative and initiative.intervention.organisation_id != by.organisation_id:
        errors["initiative"] = _("Forbedringstiltaget hører til en anden organisation.")
    if anonymous and unit is not None and "unit" not in errors:
        _check_anonymous_unit(unit, errors)
    _raise(errors)
    return Concern.objects.create(
        organisation_id=by.organisation_id,
        unit=unit,
        initiative=initiative,
        description=description.strip(),
        background=background.strip(),
        raised_by=None if anonymous else by,
        raised_on=timezone.localdate(),
    )


def _check_anonymous_unit(unit: Unit, errors: dict[str, str]) -> None:
    """An anonymous concern may name a unit only when at least k people have a role at or below
    it; in a smaller team the unit alone would point to the author (SDC-02)."""
    threshold = survey_threshold()
    if permissions.survey_respondents(unit).count() < threshold:
        errors["unit"] = _(
            "Færre end %(k)d personer hører til %(unit)s, så enheden kan pege på dig, selv om "
            "bekymringen er anonym. Vælg en større enhed, eller lad feltet stå tomt (hele "
            "organisationen)."
        ) % {"k": threshold, "unit": unit}


@transaction.atomic
def respond_to_concern(
    *,
    by: User,
    concern: Concern,
    background: str,
    response: str,
    suggested_role: str,
    status: str,
) -> Concern:
    """The leaders' answer: what lies behind it, a role matched to learning style, and status."""
    errors: dict[str, str] = {}
    if status not in Concern.Status.values:
        errors["status"] = _("Ukendt status. Vælg ny, i dialog eller håndteret.")
    if suggested_role not in ("", *Concern.LearningStyle.values):
        errors["suggested_role"] = _("Vælg teori, fællesskab eller praktisk demonstration.")
    if status == Concern.Status.HANDLED and not response.strip():
        errors["response"] = _("Skriv jeres svar, før bekymringen markeres som håndteret.")
    _raise(errors)
    concern.background, concern.response = background.strip(), response.strip()
    concern.suggested_role, concern.status = suggested_role, status
    concern.save(update_fields=["background", "response", "suggested_role", "status"])
    return concern
