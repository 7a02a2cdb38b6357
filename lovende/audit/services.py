"""Writing the access log. Reads fail closed: no log entry, no data (SECURITY LOG-01)."""

import datetime
import logging
import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from lovende.audit.models import AccessLog, SecurityEvent, SpotCheck, SpotCheckItem
from lovende.citizens.models import Citizen
from lovende.client_ip import client_ip
from lovende.organisation.models import Role, Unit, User

logger = logging.getLogger(__name__)
# Shipped as JSON lines (settings.LOGGING, audit/jsonlines.py): ids only, never names or CPR.
access_logger = logging.getLogger("lovende.audit")
security_logger = logging.getLogger("lovende.security")

# The request being served, for security events raised by signals that do not carry it
# (a role saved by an administrator's request). Set by audit.middleware.AccessLogMiddleware.
current_request: ContextVar[HttpRequest | None] = ContextVar("lovende_request", default=None)


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
            ip_address=client_ip(request),
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
    for row in rows:
        access_logger.info("access", extra={"fields": access_fields(row)})


def access_fields(row: AccessLog) -> dict:
    """An access-log row for shipping: ids, action, page and address; no names, no criterion.

    The criterion is left out because a name search puts the citizen's name in it.
    """
    return {
        "event": "access",
        "at": row.at.astimezone(datetime.UTC).isoformat(),
        "id": row.pk,
        "organisation_id": row.organisation_id,
        "user_id": row.user_id,
        "action": row.action,
        "citizen_id": row.citizen_id,
        "page": row.page,
        "ip": row.ip_address,
        "request_id": row.request_id,
    }


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


def _client_ip(request: HttpRequest | None) -> str | None:
    # The real client behind the proxies, as django-axes sees it (lovende/client_ip.py).
    return client_ip(request) if request is not None else None


def _signed_in(request: HttpRequest | None) -> User | None:
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def record_security_event(
    *,
    event_type: str,
    by: User | None = None,
    modified_user: User | None = None,
    request: HttpRequest | None = None,
    extra_data: dict | None = None,
) -> SecurityEvent:
    """Store one security event and ship it as a JSON line on ``lovende.security`` (LOG-03).

    ``by`` defaults to the signed-in user of the request being served. ``extra_data`` must hold
    ids, usernames, paths and old/new values of roles only: never CPR, names or session keys.
    """
    request = request or current_request.get()
    by = by or _signed_in(request)
    anyone = by or modified_user
    event = SecurityEvent.objects.create(
        event_type=event_type,
        organisation_id=anyone.organisation_id if anyone else None,
        acting_user=by,
        modified_user=modified_user,
        ip_address=_client_ip(request),
        request_id=getattr(request, "request_id", "") if request is not None else "",
        extra_data=extra_data or {},
    )
    security_logger.info(event_type, extra={"fields": security_fields(event)})
    return event


def security_fields(event: SecurityEvent) -> dict:
    """A security event for shipping, with its time in UTC."""
    return {
        "event": event.event_type,
        "at": event.event_time.astimezone(datetime.UTC).isoformat(),
        "id": event.pk,
        "organisation_id": event.organisation_id,
        "acting_user_id": event.acting_user_id,
        "modified_user_id": event.modified_user_id,
        "ip": event.ip_address,
        "request_id": event.request_id,
        "extra_data": event.extra_data,
    }


def record_rejected_input(
    *, request: HttpRequest | None = None, by: User | None = None, what: str, fields: Iterable[str]
) -> SecurityEvent:
    """Record refused input or a refused import (``what``: a form or import name).

    Give the names of the refused fields, never the values: they may be a CPR number or a name.
    """
    return record_security_event(
        event_type=SecurityEvent.EventType.INPUT_REJECTED,
        by=by,
        request=request,
        extra_data={"what": what[:100], "fields": sorted(str(f)[:100] for f in fields)},
    )


def record_export(*, request: HttpRequest, content_type: str) -> SecurityEvent:
    """Record that the signed-in user downloaded a file (Excel, PDF, calendar ...) from a page."""
    return record_security_event(
        event_type=SecurityEvent.EventType.EXPORT,
        request=request,
        extra_data={
            "path": request.path[:300],
            "content_type": content_type.split(";")[0][:100],
        },
    )


def prune_security_records(*, now: datetime.datetime | None = None) -> int:
    """Delete security events and spot checks older than the access log's retention period.

    Also drops spot-check items that point at log entries the same cutoff removes, so nothing
    points at a deleted entry. Returns the number of security events deleted.
    """
    days = settings.LOVENDE_ACCESS_LOG_RETENTION_DAYS
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    with transaction.atomic():
        SpotCheckItem.objects.filter(entry__at__lt=cutoff).delete()
        SpotCheck.objects.filter(created_at__lt=cutoff).delete()
        expired = SecurityEvent.objects.filter(event_time__lt=cutoff)
        return expired._raw_delete(expired.db)


SPOT_CHECK_DAYS = 30


@transaction.atomic
def draw_spot_check(
    *, by: User, unit: Unit, size: int, now: datetime.datetime | None = None
) -> SpotCheck:
    """Draw ``size`` random access-log entries of the last 30 days by staff of ``unit``.

    Staff of a unit are those with a role at the unit or below it; a reviewer's own log reads
    are not sampled. Refuses a unit of another organisation, and a sample outside 1 to
    ``SpotCheck.MAX_SAMPLE``. The reviewer's look at the sample is logged by the view.
    """
    if unit.organisation_id != by.organisation_id:
        raise ValidationError({"unit": _("Enheden hører til en anden organisation.")})
    if not 1 <= size <= SpotCheck.MAX_SAMPLE:
        raise ValidationError(
            {"size": _("Vælg mellem 1 og %(max)s poster.") % {"max": SpotCheck.MAX_SAMPLE}}
        )
    end = now or timezone.now()
    start = end - datetime.timedelta(days=SPOT_CHECK_DAYS)
    staff = Role.objects.filter(unit__path__startswith=unit.path).values("user_id")
    sample = (
        AccessLog.objects.filter(
            organisation_id=by.organisation_id, at__gte=start, at__lt=end, user_id__in=staff
        )
        .exclude(action=AccessLog.Action.LOG_READ)
        .order_by("?")
        .values_list("pk", flat=True)[:size]
    )
    spot_check = SpotCheck.objects.create(
        organisation_id=by.organisation_id,
        reviewer=by,
        unit=unit,
        created_at=end,
        period_start=start,
        period_end=end,
    )
    SpotCheckItem.objects.bulk_create(
        SpotCheckItem(spot_check=spot_check, entry_id=pk) for pk in sample
    )
    return spot_check


@transaction.atomic
def mark_spot_check_item(*, by: User, item: SpotCheckItem, verdict: str) -> SpotCheckItem:
    """Record the reviewer's verdict on one sampled entry: in order, or to be investigated."""
    if verdict not in (SpotCheckItem.Verdict.OK, SpotCheckItem.Verdict.INVESTIGATE):
        raise ValidationError({"verdict": _("Ukendt vurdering.")})
    item.verdict = verdict
    item.marked_at = timezone.now()
    item.save(update_fields=["verdict", "marked_at"])
    return item


@transaction.atomic
def set_log_reviewer(*, user: User, reviewer: bool) -> User:
    """Grant or take away the log-reviewer permission; the change is a security event."""
    permission = Permission.objects.get(
        content_type__app_label="audit", codename="review_access_log"
    )
    if reviewer:
        user.user_permissions.add(permission)
    else:
        user.user_permissions.remove(permission)
    return user
