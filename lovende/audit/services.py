"""Writing the access log. Reads fail closed: no log entry, no data (SECURITY LOG-01)."""

import datetime
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from lovende.audit.models import AccessLog
from lovende.citizens.models import Citizen
from lovende.organisation.models import User

logger = logging.getLogger(__name__)


class AccessLogUnavailable(Exception):
    """The access log could not be written; the request must not show citizen data."""


@dataclass(frozen=True)
class AccessContext:
    """Where a use of citizen data happened: the page, the address and the request."""

    page: str
    ip_address: str | None
    request_id: str

    @classmethod
    def of(cls, request: HttpRequest) -> "AccessContext":
        return cls(
            page=request.path[:300],
            ip_address=request.META.get("REMOTE_ADDR") or None,
            request_id=getattr(request, "request_id", ""),
        )


CPR_ANYWHERE = re.compile(r"(?<!\d)(\d{6})-?\d{4}(?!\d)")


def safe_criterion(criterion: str) -> str:
    """A search criterion fit for the log: anything shaped like a CPR number masked (PRIV-02)."""
    return CPR_ANYWHERE.sub(r"\1-****", criterion)[:300]


def record_access(
    *,
    by: User,
    context: AccessContext,
    action: str,
    citizens: Iterable[Citizen] = (),
    criterion: str = "",
) -> None:
    """Write one log row per citizen shown (or one row for the search alone), in one INSERT.

    Raises AccessLogUnavailable if the database refuses, so the caller shows no data.
    """
    base = {
        "organisation_id": by.organisation_id,
        "user": by,
        "action": action,
        "criterion": safe_criterion(criterion),
        "page": context.page,
        "ip_address": context.ip_address,
        "request_id": context.request_id,
    }
    rows = [
        AccessLog(citizen_id=c.pk, citizen_pseudonym=c.pseudonym, **base) for c in citizens
    ] or [AccessLog(**base)]
    try:
        with transaction.atomic():
            AccessLog.objects.bulk_create(rows)
    except DatabaseError as error:
        logger.error("access log write failed: %s", type(error).__name__)
        raise AccessLogUnavailable from error


def record_request_access(
    request: HttpRequest, action: str, *, citizens: Iterable[Citizen] = (), criterion: str = ""
) -> None:
    """``record_access`` for the signed-in user of ``request``, from where the request came."""
    record_access(
        by=request.user,
        context=AccessContext.of(request),
        action=action,
        citizens=citizens,
        criterion=criterion,
    )


def prune_access_log(*, now: datetime.datetime | None = None) -> int:
    """Delete the entries older than ``LOVENDE_ACCESS_LOG_RETENTION_DAYS``; the number deleted.

    The only sanctioned deletion of the access log (LOG-02). ``AccessLog.objects`` refuses
    ``update()`` and ``delete()``, so this bypasses it deliberately with ``_raw_delete`` on a
    filtered queryset. On PostgreSQL the table's trigger rejects every DELETE unless the
    transaction has set ``lovende.prune = 'on'``, which only this function does, and undoes
    before it returns (migration ``audit.0003``).
    """
    days = settings.LOVENDE_ACCESS_LOG_RETENTION_DAYS
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    with transaction.atomic():
        postgresql = connection.vendor == "postgresql"
        if postgresql:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lovende.prune = 'on'")
        try:
            expired = AccessLog.objects.filter(at__lt=cutoff)
            deleted = expired._raw_delete(expired.db)
        finally:
            if postgresql:
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lovende.prune = 'off'")
    return deleted
