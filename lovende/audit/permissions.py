"""Who may read the access log: log reviewers (logkontrollanter) of the organisation (LOG-02).

A log reviewer holds the Django permission ``audit.review_access_log``, granted by the system
administrator (``lovende log_reviewer grant USERNAME`` or the Django admin), never through the
organisation's own role pages. Administrators are not reviewers by virtue of their role: they
grant the roles whose use the log shows, so reading it is kept apart (separation of duties).
"""

from django.db.models import QuerySet
from django.http import Http404

from lovende.audit.models import AccessLog, SpotCheck, SpotCheckItem
from lovende.organisation.models import User

REVIEW_PERMISSION = "audit.review_access_log"


def is_log_reviewer(user: User) -> bool:
    """A staff member of an organisation holding the reviewer permission (directly or by group)."""
    return (
        user.is_authenticated
        and user.is_active
        and user.organisation_id is not None
        and user.has_perm(REVIEW_PERMISSION)
    )


def require_log_reviewer(user: User) -> None:
    """404 for anyone but a log reviewer: the log's pages do not exist for them."""
    if not is_log_reviewer(user):
        raise Http404


def access_log_visible_to(user: User) -> QuerySet[AccessLog]:
    """The organisation's access log, or 404 for anyone who may not read it."""
    require_log_reviewer(user)
    return AccessLog.objects.filter(organisation_id=user.organisation_id).select_related("user")


def spot_checks_visible_to(user: User) -> QuerySet[SpotCheck]:
    """The organisation's spot checks (every reviewer sees all of them), or 404."""
    require_log_reviewer(user)
    return SpotCheck.objects.filter(organisation_id=user.organisation_id).select_related(
        "unit", "reviewer"
    )


def get_spot_check_for_user(user: User, spot_check_id: int) -> SpotCheck:
    """One spot check of the reviewer's organisation, or 404."""
    spot_check = spot_checks_visible_to(user).filter(pk=spot_check_id).first()
    if spot_check is None:
        raise Http404
    return spot_check


def get_spot_check_item_for_user(user: User, item_id: int) -> SpotCheckItem:
    """One sampled entry of a spot check of the reviewer's organisation, or 404."""
    require_log_reviewer(user)
    item = (
        SpotCheckItem.objects.filter(pk=item_id, spot_check__organisation_id=user.organisation_id)
        .select_related("spot_check")
        .first()
    )
    if item is None:
        raise Http404
    return item


def spot_check_entries(spot_check: SpotCheck) -> list[tuple[SpotCheckItem, AccessLog | None]]:
    """The sampled items with their log entries (None once the retention job has removed one)."""
    items = list(spot_check.items.order_by("id"))
    entries = AccessLog.objects.filter(pk__in=[i.entry_id for i in items]).select_related("user")
    by_id = {entry.pk: entry for entry in entries}
    return [(item, by_id.get(item.entry_id)) for item in items]
