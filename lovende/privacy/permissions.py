"""Who may exercise a citizen's data-protection rights on their behalf (PRIV-03, PRIV-04).

- The right of access (art. 15) is answered by those who already handle the citizen — employees
  with citizen access to one of the citizen's courses — and by the organisation's administrators,
  who answer requests that arrive centrally (to the municipality or its DPO) for any citizen.
- Erasure (art. 17), restriction (art. 18) and the retention rules are for administrators only:
  deleting a citizen or freezing their record is the controller's decision, not a caseworker's.

Anyone else gets 404, the same answer as for a citizen that does not exist (ACL-02).
"""

from django.db.models import QuerySet
from django.http import Http404

from lovende.audit.models import AccessLog
from lovende.citizens import permissions as citizen_permissions
from lovende.citizens.models import Citizen
from lovende.organisation.models import User
from lovende.organisation.permissions import is_administrator
from lovende.privacy.models import RetentionRule
from lovende.reflection.models import DataPack, Level, Meeting


def _organisation_citizen(user: User, citizen_id: int) -> Citizen:
    try:
        return Citizen.objects.get(pk=citizen_id, organisation_id=user.organisation_id)
    except Citizen.DoesNotExist:
        raise Http404 from None


def may_request_access(user: User, citizen: Citizen) -> bool:
    """Whether the citizen page shows «Indsigt (art. 15)»: the page's reader, or an administrator."""
    return (
        is_administrator(user)
        or citizen_permissions.citizens_visible_to(user).filter(pk=citizen.pk).exists()
    )


def get_citizen_for_access_request(user: User, citizen_id: int) -> Citizen:
    """The citizen whose art. 15 export the user may make, or 404."""
    if user.organisation_id is not None and is_administrator(user):
        return _organisation_citizen(user, citizen_id)
    return citizen_permissions.get_citizen_for_user(user, citizen_id)


def get_citizen_for_administrator(user: User, citizen_id: int) -> Citizen:
    """The citizen an administrator of their organisation may erase, or restrict the processing
    of (controller decisions), or 404 for anyone else."""
    if user.organisation_id is None or not is_administrator(user):
        raise Http404
    return _organisation_citizen(user, citizen_id)


def require_privacy_administrator(user: User) -> None:
    """404 for anyone but an administrator: the privacy pages do not exist for them."""
    if user.organisation_id is None or not is_administrator(user):
        raise Http404


def find_citizen(user: User, *, cpr: str = "", pseudonym: str = "") -> Citizen | None:
    """An administrator's lookup by CPR number or pseudonym, within their organisation."""
    require_privacy_administrator(user)
    citizens = Citizen.objects.filter(organisation_id=user.organisation_id)
    if cpr:
        return citizens.filter(cpr=cpr).first()
    if pseudonym:
        return citizens.filter(pseudonym__iexact=pseudonym.strip()).first()
    return None


def citizen_log(citizen: Citizen) -> QuerySet[AccessLog]:
    """Every access-log entry about the citizen, oldest first (for the art. 15 export)."""
    return AccessLog.objects.filter(
        organisation_id=citizen.organisation_id, citizen_id=citizen.pk
    ).order_by("at", "id")


def retention_rules(user: User) -> QuerySet[RetentionRule]:
    require_privacy_administrator(user)
    return RetentionRule.objects.filter(organisation_id=user.organisation_id)


def meetings_with_courses(course_ids: set[int]) -> QuerySet[Meeting]:
    """Meetings that had one of these courses on their agenda."""
    return (
        Meeting.objects.filter(agenda_courses__in=course_ids)
        .select_related("forum")
        .distinct()
        .order_by("starts_at", "id")
    )


def packs_with_courses(organisation_id: int, course_ids: set[int]) -> list[DataPack]:
    """Citizen-level data packs that froze data of one of these courses.

    Packs keep their content as plain JSON, so the owners are read in Python: the citizen-level
    packs of one organisation are few (one per meeting generation).
    """
    packs = DataPack.objects.filter(
        level=Level.CITIZEN, meeting__forum__organisation_id=organisation_id
    ).select_related("meeting__forum")
    return [pack for pack in packs if pack_courses(pack) & course_ids]


def pack_courses(pack: DataPack) -> set[int]:
    content = pack.content or {}
    owners = {o.get("course") for o in content.get("owners", [])}
    return owners | {c.get("course") for c in content.get("charts", [])}
