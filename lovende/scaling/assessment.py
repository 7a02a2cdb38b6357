"""Every write to the promising-practice assessments of an intervention.

Atomic, with the actor first as ``by=``; the checks hold for every caller, not only the forms.
An assessment is dated and kept: the next one is a new assessment, so the profile shows the way.
"""

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lovende.interventions.models import Intervention
from lovende.organisation.models import User
from lovende.scaling import promising
from lovende.scaling.limits import EARLIEST, length_errors
from lovende.scaling.models import PracticeAssessment, PracticeScore


def score_field(key: str) -> str:
    """The name the score of element ``key`` has in the form and in the errors."""
    return f"score_{key}"


def _check(
    by: User,
    intervention: Intervention,
    assessed_on: datetime.date,
    scores: Mapping[str, Mapping[str, object]],
    note: str,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if intervention.organisation_id != by.organisation_id:
        errors["__all__"] = [_("Indsatsen hører til en anden organisation.")]
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = [_("Datoen for vurderingen kan ikke ligge i fremtiden.")]
    elif assessed_on < EARLIEST:
        errors["assessed_on"] = [_("Datoen ligger for langt tilbage.")]
    unknown = sorted(set(scores) - set(promising.KEYS))
    if unknown:
        errors.setdefault("__all__", []).append(
            _("Ukendte elementer: %(keys)s.") % {"keys": ", ".join(unknown)}
        )
    for element in promising.ELEMENTS:
        name = _(element.name)
        score = scores.get(element.key, {}).get("score")
        if score is None:
            errors[score_field(element.key)] = [
                _("Vælg en score for %(element)s.") % {"element": name}
            ]
        elif not promising.is_score(score):
            errors[score_field(element.key)] = [
                _("Scoren for %(element)s skal være et helt tal fra %(min)s til %(max)s.")
                % {"element": name, "min": promising.MIN_SCORE, "max": promising.MAX_SCORE}
            ]
        texts = {
            field: str(scores.get(element.key, {}).get(field) or "")
            for field in ("evidence", "next_step")
        }
        for field, message in length_errors(PracticeScore, texts).items():
            errors[f"{field}_{element.key}"] = [message]
    for field, message in length_errors(PracticeAssessment, {"note": note}).items():
        errors[field] = [message]
    return errors


@transaction.atomic
def record_assessment(
    *,
    by: User,
    intervention: Intervention,
    assessed_on: datetime.date,
    scores: Mapping[str, Mapping[str, object]],
    note: str = "",
) -> PracticeAssessment:
    """Record an assessment of all eleven elements of promising practice.

    ``scores`` maps each element's key to its score (1–4), evidence and next step. An element
    without a score, a score off the scale, a date in the future or before 2000, and a text
    longer than ``limits.MAX_TEXT`` are refused.
    """
    errors = _check(by, intervention, assessed_on, scores, note)
    if errors:
        raise ValidationError(errors)
    assessment = PracticeAssessment.objects.create(
        intervention=intervention, assessed_on=assessed_on, note=note.strip(), created_by=by
    )
    PracticeScore.objects.bulk_create(
        PracticeScore(
            assessment=assessment,
            element=key,
            score=scores[key]["score"],
            evidence=str(scores[key].get("evidence") or "").strip(),
            next_step=str(scores[key].get("next_step") or "").strip(),
        )
        for key in promising.KEYS
    )
    return assessment


def score_map(assessment: PracticeAssessment | None) -> dict[str, int]:
    """The assessment's scores by element key (``scores`` may be prefetched)."""
    if assessment is None:
        return {}
    return {score.element: score.score for score in assessment.scores.all()}
