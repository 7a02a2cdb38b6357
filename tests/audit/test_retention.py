"""The access log is kept for its retention period, then deleted by the prune job only (LOG-02)."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from lovende.audit import services
from lovende.audit.models import AccessLog, SecurityEvent, SpotCheck, SpotCheckItem
from lovende.audit.services import prune_access_log

pytestmark = pytest.mark.django_db


def _log(user, age_days: int, now: datetime.datetime) -> AccessLog:
    return AccessLog.objects.create(
        at=now - datetime.timedelta(days=age_days),
        organisation_id=user.organisation_id,
        user=user,
        action=AccessLog.Action.VIEW,
        page="/x",
        request_id=f"r{age_days}",
    )


def test_the_prune_command_deletes_only_entries_past_the_retention(settings, mette):
    # covers LOG-02: entries aged 0, 182 and 184 days; only the 184-day one goes
    settings.LOVENDE_ACCESS_LOG_RETENTION_DAYS = 183
    now = timezone.now()
    for age in (0, 182, 184):
        _log(mette, age, now)
    out = StringIO()

    call_command("prune_access_log", stdout=out)

    assert sorted(AccessLog.objects.values_list("request_id", flat=True)) == ["r0", "r182"]
    assert out.getvalue().strip() == (
        "1 adgangslogposter og 0 sikkerhedshændelser ældre end 183 dage slettet."
    )


def test_the_retention_follows_the_setting(settings, mette):
    # covers LOG-02
    settings.LOVENDE_ACCESS_LOG_RETENTION_DAYS = 30
    now = timezone.now()
    for age in (0, 29, 31):
        _log(mette, age, now)

    assert prune_access_log(now=now) == 1
    assert prune_access_log(now=now + datetime.timedelta(days=2)) == 1
    assert list(AccessLog.objects.values_list("request_id", flat=True)) == ["r0"]


def test_the_retention_is_never_below_30_days(monkeypatch):
    # covers LOG-02
    import importlib

    import lovende.settings as lovende_settings

    monkeypatch.setenv("LOVENDE_ACCESS_LOG_RETENTION_DAYS", "1")
    try:
        assert importlib.reload(lovende_settings).LOVENDE_ACCESS_LOG_RETENTION_DAYS == 30
    finally:
        monkeypatch.delenv("LOVENDE_ACCESS_LOG_RETENTION_DAYS")
        assert importlib.reload(lovende_settings).LOVENDE_ACCESS_LOG_RETENTION_DAYS == 183


def test_the_database_refuses_a_raw_update(mette):
    # covers LOG-02: the trigger, on SQLite and PostgreSQL
    _log(mette, 0, timezone.now())

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accesslog SET criterion = 'x'")

    assert AccessLog.objects.get().criterion == ""


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no session variables (audit.0003)"
)
def test_the_database_refuses_a_raw_delete_but_lets_the_prune_through(settings, mette):
    # covers LOG-02
    now = timezone.now()
    _log(mette, 0, now)
    _log(mette, 200, now)

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslog")
    assert AccessLog.objects.count() == 2

    assert prune_access_log(now=now) == 1
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslog")
    assert AccessLog.objects.count() == 1


def test_a_reviewers_export_of_the_log_is_logged_too(client_for, rikke):
    # covers LOG-02: the reader of the log is in the log
    client_for(rikke).get(reverse("audit:export_access_log"))

    entry = AccessLog.objects.get()
    assert (entry.user, entry.action) == (rikke, AccessLog.Action.LOG_READ)
    assert entry.criterion.startswith("eksport")


def test_the_prune_command_also_expires_security_events_and_spot_checks(settings, mette, rikke):
    # covers LOG-03 retention (same period as the access log) and LOG-02 spot checks
    settings.LOVENDE_ACCESS_LOG_RETENTION_DAYS = 183
    now = timezone.now()
    for age in (182, 184):
        with time_machine.travel(now - datetime.timedelta(days=age), tick=False):
            services.record_rejected_input(by=mette, what=f"alder {age}", fields=["x"])
    old_entry = _log(mette, 184, now)
    check = SpotCheck.objects.create(
        organisation=mette.organisation, reviewer=rikke, unit=mette.roles.get().unit,
        period_start=now, period_end=now,
    )  # fmt: skip
    SpotCheckItem.objects.create(spot_check=check, entry=old_entry)

    call_command("prune_access_log", stdout=StringIO())

    kept = SecurityEvent.objects.filter(event_type=SecurityEvent.EventType.INPUT_REJECTED)
    assert [e.extra_data["what"] for e in kept] == ["alder 182"]
    assert not SpotCheckItem.objects.exists()
    assert SpotCheck.objects.filter(pk=check.pk).exists()
