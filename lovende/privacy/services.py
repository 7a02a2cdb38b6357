"""Writes for data-protection rights: erasure, retention and its rules (SECURITY PRIV-04).

Each use case is one transaction (REL-01): the citizen's rows go, the data packs lose their rows
and charts, and the monthly scores of the cells the courses lay in are recomputed, or nothing
happens at all. Outcome summaries belong to their course and go with it (CASCADE).
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lovende.audit.models import AccessLog
from lovende.audit.services import AccessContext, record_access
from lovende.citizens.models import (
    Assessment,
    Change,
    Citizen,
    Course,
    Feedback,
    Goal,
    Observation,
)
from lovende.citizens.services import record_changes
from lovende.measurements.models import Measurement
from lovende.measurements.services import refresh_monthly_scores
from lovende.organisation.models import Organisation, User
from lovende.privacy import permissions, retention
from lovende.privacy.models import RetentionRule

logger = logging.getLogger(__name__)

CLOSED = (Course.Status.COMPLETED, Course.Status.DISCONTINUED)


def _scrub_packs(organisation_id: int, course_ids: set[int]) -> int:
    """Remove the courses' rows, owners and charts from citizen-level data packs.

    The rest of each pack stays as it was frozen; its note about withheld rows is computed when
    read, so a reader simply sees fewer courses.
    """
    packs = permissions.packs_with_courses(organisation_id, course_ids)
    for pack in packs:
        content = dict(pack.content)
        owners = content.get("owners", [])
        keep = [o.get("course") not in course_ids for o in owners]
        tables = content.get("tables", [])
        if tables:
            rows = tables[0].get("rows", [])
            first = dict(tables[0], rows=[r for r, k in zip(rows, keep, strict=True) if k])
            content["tables"] = [first, *tables[1:]]
        content["owners"] = [o for o, k in zip(owners, keep, strict=True) if k]
        charts = content.get("charts", [])
        content["charts"] = [c for c in charts if c.get("course") not in course_ids]
        pack.content = content
        pack.save(update_fields=["content"])
    return len(packs)


def _delete_courses(organisation_id: int, course_ids: set[int]) -> None:
    """Delete the courses and everything recorded in them; recompute the cells they lay in."""
    if not course_ids:
        return
    cells = set(
        Course.objects.filter(pk__in=course_ids).values_list(
            "intervention_id", "unit_id", "start_date"
        )
    )
    _scrub_packs(organisation_id, course_ids)
    for model in (Measurement, Observation, Feedback, Assessment, Goal, Change):
        model.objects.filter(course__in=course_ids).delete()
    # The summaries go by CASCADE; agenda, trial and staff links are many-to-many rows.
    Course.objects.filter(pk__in=course_ids).delete()
    for intervention_id, unit_id, start_date in sorted(cells):
        refresh_monthly_scores(
            intervention_id=intervention_id, unit_id=unit_id, start_date=start_date
        )


@transaction.atomic
def erase_citizen(*, by: User, context: AccessContext | None, citizen: Citizen) -> None:
    """Erase one citizen on an administrator's decision (art. 17), all or nothing.

    The log entry is written first, in the same transaction: if the log refuses, nothing is
    deleted. It keeps only the citizen's id and pseudonym, like every entry before it.
    """
    if context is not None:
        record_access(
            by=by,
            context=context,
            action=AccessLog.Action.DELETE,
            citizens=[citizen],
            criterion="Sletning (art. 17)",
        )
    course_ids = set(citizen.courses.values_list("pk", flat=True))
    _delete_courses(citizen.organisation_id, course_ids)
    Change.objects.filter(citizen=citizen).delete()
    Citizen.objects.filter(pk=citizen.pk).delete()
    logger.info("citizen erased: %s course(s)", len(course_ids))


def retention_months(organisation: Organisation, category: str) -> int:
    """The organisation's own period for the category, or the municipal default setting."""
    rule = RetentionRule.objects.filter(organisation=organisation, category=category).first()
    if rule is not None:
        return rule.months
    return settings.LOVENDE_RETENTION_CLOSED_COURSE_MONTHS


@dataclass(frozen=True)
class RetentionResult:
    """What the job did (or, in a dry run, would do) in one organisation."""

    organisation: str
    months: int
    cutoff: datetime.date
    courses: int
    citizens: int
    closed_without_end_date: int
    kept_restricted: int  # expired, but kept because the citizen's processing is restricted


def _apply_to(organisation: Organisation, today: datetime.date, dry_run: bool) -> RetentionResult:
    months = retention_months(organisation, RetentionRule.Category.CLOSED_COURSES)
    expired = Course.objects.filter(
        citizen__organisation=organisation,
        status__in=CLOSED,
        end_date__lt=retention.cutoff(today, months),
    )
    # A restricted citizen's courses are kept (art. 18(1)(b) and (c): the citizen asked for the
    # data to be kept instead of erased, or needs it for a legal claim); the job counts them.
    restricted = Q(citizen__restricted_since__isnull=False)
    course_ids = set(expired.exclude(restricted).values_list("pk", flat=True))
    touched = set(Course.objects.filter(pk__in=course_ids).values_list("citizen_id", flat=True))
    # A citizen is only ever reached through a course: with none left, nothing justifies the
    # citizen's own record any longer, so it goes too.
    emptied = set(
        Citizen.objects.filter(pk__in=touched)
        .exclude(courses__in=Course.objects.exclude(pk__in=course_ids))
        .values_list("pk", flat=True)
    )
    if not dry_run:
        with transaction.atomic():
            _delete_courses(organisation.pk, course_ids)
            Change.objects.filter(citizen__in=emptied).delete()
            Citizen.objects.filter(pk__in=emptied).delete()
    undated = Course.objects.filter(
        citizen__organisation=organisation, status__in=CLOSED, end_date__isnull=True
    ).count()
    return RetentionResult(
        organisation=organisation.name,
        months=months,
        cutoff=retention.cutoff(today, months),
        courses=len(course_ids),
        citizens=len(emptied),
        closed_without_end_date=undated,
        kept_restricted=expired.filter(restricted).count(),
    )


def apply_retention(
    *, today: datetime.date | None = None, dry_run: bool = False
) -> list[RetentionResult]:
    """Delete what every organisation's retention rules say has expired (nightly job).

    Each organisation is its own transaction, so one organisation's failure does not hold back
    the others' deletions.
    """
    day = today or timezone.localdate()
    return [_apply_to(org, day, dry_run) for org in Organisation.objects.order_by("pk")]


RESTRICTION_SET = "Begrænsning sat (art. 18)"
RESTRICTION_LIFTED = "Begrænsning ophævet (art. 18)"


def _log_restriction(by: User, context: AccessContext | None, citizen: Citizen, what: str) -> None:
    if context is not None:
        record_access(
            by=by,
            context=context,
            action=AccessLog.Action.UPDATE,
            citizens=[citizen],
            criterion=what,
        )


def _set_restriction(
    *, by: User, context: AccessContext | None, citizen: Citizen, restrict: bool, reason: str
) -> Citizen:
    """Set or lift the restriction under a row lock, with the reason kept in the history."""
    locked = Citizen.objects.select_for_update().get(pk=citizen.pk)
    if locked.is_restricted == restrict:
        raise ValidationError(
            _("Behandlingen af borgerens oplysninger er allerede begrænset.")
            if restrict
            else _("Behandlingen af borgerens oplysninger er ikke begrænset.")
        )
    label = RESTRICTION_SET if restrict else RESTRICTION_LIFTED
    before = "" if restrict else locked.restriction_reason
    citizen.restricted_since = timezone.now() if restrict else None
    citizen.restriction_reason = reason if restrict else ""
    citizen.save(update_fields=["restricted_since", "restriction_reason"])
    record_changes(
        by=by,
        citizen=citizen,
        kind=Change.Record.RESTRICTION,
        before={label: before},
        after={label: reason},
    )
    _log_restriction(by, context, citizen, label)
    return citizen


@transaction.atomic
def restrict_processing(
    *, by: User, context: AccessContext | None, citizen: Citizen, reason: str
) -> Citizen:
    """Restrict the processing of a citizen's data (art. 18), on an administrator's decision.

    From now on every write service refuses the citizen's record; it can still be read, exported
    to the citizen and erased, and the retention job keeps it. The reason is kept on the record
    and in its change history.
    """
    return _set_restriction(by=by, context=context, citizen=citizen, restrict=True, reason=reason)


@transaction.atomic
def lift_restriction(
    *, by: User, context: AccessContext | None, citizen: Citizen, reason: str
) -> Citizen:
    """Lift a restriction (art. 18(3): the citizen is told before it is lifted)."""
    return _set_restriction(by=by, context=context, citizen=citizen, restrict=False, reason=reason)


@transaction.atomic
def save_retention_rule(*, by: User, category: str, months: int, note: str) -> RetentionRule:
    """Set the organisation's period for a category (administrators only, checked by the view)."""
    rule, _created = RetentionRule.objects.update_or_create(
        organisation_id=by.organisation_id,
        category=category,
        defaults={"months": months, "note": note, "updated_by": by},
    )
    return rule
