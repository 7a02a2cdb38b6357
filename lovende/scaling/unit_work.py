"""Every write to a target unit's own work: its readiness analysis, its mapping against existing
practice, its tacit knowledge and its fidelity checks.

Atomic, with the actor first as ``by=``; the checks hold for every caller, not only the forms,
and refuse with Danish messages. Who may call them is the views' business
(``permissions.can_lead_target``).
"""

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lovende.organisation.models import User
from lovende.scaling import readiness
from lovende.scaling.limits import EARLIEST, too_long
from lovende.scaling.limits import MAX_TEXT as MAX_TEXT  # where the tests and forms met it
from lovende.scaling.models import (
    Description,
    Element,
    FidelityAnswer,
    FidelityCheck,
    PracticeMapping,
    ReadinessItem,
    TargetUnit,
)

MAX_ANSWER_NOTE = 300  # FidelityAnswer.note


def core_elements(target: TargetUnit) -> list[Element]:
    """The core elements of the latest description of the target's intervention (1 query)."""
    latest = (
        Description.objects.filter(intervention_id=target.plan.intervention_id)
        .order_by("-version")
        .values("pk")[:1]
    )
    return list(
        Element.objects.filter(description__in=latest, kind=Element.Kind.CORE).order_by(
            "order", "name"
        )
    )


@transaction.atomic
def update_readiness(
    *,
    by: User,
    target: TargetUnit,
    scores: Mapping[str, int | None],
    notes: Mapping[str, str],
) -> list[ReadinessItem]:
    """Save the readiness checklist: one row per item; unknown items and scores are refused."""
    _check_readiness(scores, notes)
    existing = {row.item: row for row in target.readiness.all()}
    saved = []
    for item in readiness.ITEMS:
        score, note = scores.get(item.key), notes.get(item.key, "").strip()
        row = existing.get(item.key)
        if row is None:
            if score is None and not note:
                continue
            row = ReadinessItem.objects.create(target=target, item=item.key, score=score, note=note)
        elif (row.score, row.note) != (score, note):
            row.score, row.note = score, note
            row.save(update_fields=["score", "note"])
        saved.append(row)
    return saved


def _check_readiness(scores: Mapping[str, int | None], notes: Mapping[str, str]) -> None:
    unknown = (set(scores) | set(notes)) - readiness.KEYS
    if unknown:
        raise ValidationError(
            _("Ukendt punkt i foranalysen: %(items)s") % {"items": ", ".join(sorted(unknown))}
        )
    for key, score in scores.items():
        if score is not None and not readiness.LOWEST <= score <= readiness.HIGHEST:
            raise ValidationError(
                _("%(item)s: scoren skal være fra %(low)s til %(high)s.")
                % {
                    "item": _(readiness.BY_KEY[key].name),
                    "low": readiness.LOWEST,
                    "high": readiness.HIGHEST,
                }
            )
    for key, note in notes.items():
        _check_length(note, _(readiness.BY_KEY[key].name))


@transaction.atomic
def update_mapping(
    *,
    by: User,
    target: TargetUnit,
    fits: Mapping[str, str],
    practices: Mapping[str, str],
) -> list[PracticeMapping]:
    """Map each current core element against the unit's practice; a blank fit removes its row.

    Refused: an element that is not a current core element, an unknown fit, and a practice
    written down without saying how it fits.
    """
    keys = {element.key: element for element in core_elements(target)}
    unknown = (set(fits) | set(practices)) - set(keys)
    if unknown:
        raise ValidationError(
            _("Ikke et kerneelement i indsatsen: %(keys)s") % {"keys": ", ".join(sorted(unknown))}
        )
    existing = {row.element_key: row for row in target.mappings.all()}
    saved = []
    for key, element in keys.items():
        fit, practice = fits.get(key, ""), practices.get(key, "").strip()
        _check_fit(element, fit, practice)
        row = existing.get(key)
        if not fit:
            if row is not None:
                row.delete()
            continue
        if row is None:
            row = PracticeMapping.objects.create(
                target=target, element_key=key, fit=fit, existing_practice=practice
            )
        elif (row.fit, row.existing_practice) != (fit, practice):
            row.fit, row.existing_practice = fit, practice
            row.save(update_fields=["fit", "existing_practice"])
        saved.append(row)
    return saved


def _check_fit(element: Element, fit: str, practice: str) -> None:
    if fit and fit not in PracticeMapping.Fit.values:
        raise ValidationError(_("%(element)s: ukendt valg.") % {"element": element.name})
    if practice and not fit:
        raise ValidationError(
            _("%(element)s: vælg, hvordan elementet passer med det, I gør i dag.")
            % {"element": element.name}
        )
    _check_length(practice, element.name)


@transaction.atomic
def update_tacit_knowledge(*, by: User, target: TargetUnit, text: str) -> TargetUnit:
    """Write down the unit's tacit knowledge: what it knows that is written nowhere."""
    text = text.strip()
    _check_length(text, _("Tavs viden"))
    target.tacit_knowledge = text
    target.save(update_fields=["tacit_knowledge"])
    return target


@transaction.atomic
def record_fidelity_check(
    *,
    by: User,
    target: TargetUnit,
    checked_on: datetime.date,
    levels: Mapping[str, str],
    notes: Mapping[str, str],
    note: str = "",
) -> FidelityCheck:
    """Record one fidelity check: every current core element answered ja, delvist or nej."""
    elements = core_elements(target)
    _check_fidelity(elements, checked_on, levels, notes, note)
    check = FidelityCheck.objects.create(
        target=target, checked_on=checked_on, note=note.strip(), checked_by=by
    )
    FidelityAnswer.objects.bulk_create(
        FidelityAnswer(
            fidelity_check=check,
            element_key=element.key,
            level=levels[element.key],
            note=notes.get(element.key, "").strip(),
        )
        for element in elements
    )
    return check


def _check_fidelity(
    elements: list[Element],
    checked_on: datetime.date,
    levels: Mapping[str, str],
    notes: Mapping[str, str],
    note: str,
) -> None:
    if not elements:
        raise ValidationError(_("Indsatsen har endnu ingen kerneelementer at tjekke."))
    if checked_on > timezone.localdate():
        raise ValidationError({"checked_on": _("Datoen kan ikke ligge i fremtiden.")})
    if checked_on < EARLIEST:
        raise ValidationError({"checked_on": _("Datoen ligger for langt tilbage.")})
    keys = {element.key for element in elements}
    unknown = (set(levels) | set(notes)) - keys
    if unknown:
        raise ValidationError(
            _("Ikke et kerneelement i indsatsen: %(keys)s") % {"keys": ", ".join(sorted(unknown))}
        )
    for element in elements:
        if levels.get(element.key) not in FidelityAnswer.Level.values:
            raise ValidationError(
                _("%(element)s: svar ja, delvist eller nej.") % {"element": element.name}
            )
        if len(notes.get(element.key, "").strip()) > MAX_ANSWER_NOTE:
            raise ValidationError(
                _("%(element)s: noten må højst have %(max)s tegn.")
                % {"element": element.name, "max": MAX_ANSWER_NOTE}
            )
    _check_length(note, _("Note"))


def _check_length(text: str, label: str) -> None:
    message = too_long(text, label)
    if message:
        raise ValidationError(message)
