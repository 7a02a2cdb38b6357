"""Who may read the access log: administrators of the organisation (a log-reviewer role follows)."""

from django.db.models import QuerySet
from django.http import Http404

from lovende.audit.models import AccessLog
from lovende.organisation.models import User
from lovende.organisation.permissions import is_administrator


def access_log_visible_to(user: User) -> QuerySet[AccessLog]:
    """The organisation's access log, or 404 for anyone who may not read it."""
    if not is_administrator(user):
        raise Http404
    return AccessLog.objects.filter(organisation_id=user.organisation_id).select_related("user")
