"""The access log: who used which citizen's data, when, how and from where (SECURITY LOG-01)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lovende.organisation.models import Organisation


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("Adgangsloggen kan ikke ændres.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError(
            "Adgangsloggen kan ikke slettes, kun udløbe efter opbevaringsfristen."
        )


class AccessLog(models.Model):
    """One use of citizen data (logning efter praksis fra BEK 528/2000 §19).

    The citizen is kept as id and pseudonym, not a foreign key: an erased citizen's log entries
    stay until their own retention period ends.
    """

    class Action(models.TextChoices):
        VIEW = "vist", _("Vist")
        LIST = "liste", _("Vist i liste")
        SEARCH = "søgning", _("Søgning")
        CREATE = "oprettet", _("Oprettet")
        UPDATE = "ændret", _("Ændret")
        DELETE = "slettet", _("Slettet")
        EXPORT = "eksporteret", _("Eksporteret")
        PRINT = "udskrevet", _("Udskrevet")
        LOG_READ = "log_læst", _("Adgangslog læst")
        # Revealing the full CPR number on the citizen page is its own use (PRIV-02)
        CPR_REVEAL = "cpr_vist", _("CPR vist")

    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bruger"),
    )
    action = models.CharField(_("anvendelse"), max_length=20, choices=Action.choices)
    citizen_id = models.BigIntegerField(_("borger-id"), null=True, blank=True, db_index=True)
    citizen_pseudonym = models.CharField(_("borger"), max_length=12, blank=True)
    criterion = models.CharField(_("søgekriterium"), max_length=300, blank=True)
    page = models.CharField(_("side"), max_length=300)
    ip_address = models.GenericIPAddressField(_("IP-adresse"), null=True, blank=True)
    request_id = models.CharField(max_length=32, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("adgangslogpost")
        verbose_name_plural = _("adgangslog")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action} {self.citizen_pseudonym}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Adgangsloggen kan ikke ændres.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError(
            "Adgangsloggen kan ikke slettes, kun udløbe efter opbevaringsfristen."
        )


class SecurityEvent(models.Model):
    """One security-relevant event (sikkerhedshændelse), in the style of Zulip's RealmAuditLog.

    ``extra_data`` holds what changed as ``{"old": ..., "new": ...}`` or the event's details:
    ids, usernames and paths only, never CPR numbers, citizen names, note text or session keys
    (SECURITY LOG-03).
    """

    class EventType(models.TextChoices):
        LOGIN_SUCCEEDED = "login", _("Logget ind")
        LOGIN_FAILED = "login_afvist", _("Login afvist")
        LOCKED_OUT = "spaerret", _("Spærret efter for mange forsøg")
        LOGOUT = "logout", _("Logget ud")
        PERMISSION_DENIED = "adgang_naegtet", _("Adgang nægtet")
        CSRF_FAILURE = "csrf_afvist", _("Forespørgsel uden gyldig CSRF-nøgle")
        INPUT_REJECTED = "input_afvist", _("Input eller import afvist")
        ROLE_CREATED = "rolle_oprettet", _("Rolle oprettet")
        ROLE_CHANGED = "rolle_aendret", _("Rolle ændret")
        ROLE_DELETED = "rolle_slettet", _("Rolle slettet")
        USER_ACTIVE_CHANGED = "bruger_aktiv_aendret", _("Brugerens adgang slået til eller fra")
        PERMISSIONS_CHANGED = "rettigheder_aendret", _("Rettigheder ændret")
        EXPORT = "eksport", _("Eksport")

    event_type = models.CharField(_("hændelse"), max_length=30, choices=EventType.choices)
    event_time = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # SET_NULL: staff are deactivated, not deleted; should one be deleted, the event stays.
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("udført af"),
    )
    modified_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("berørt bruger"),
    )
    ip_address = models.GenericIPAddressField(_("IP-adresse"), null=True, blank=True)
    request_id = models.CharField(max_length=32, blank=True)
    extra_data = models.JSONField(_("detaljer"), default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("sikkerhedshændelse")
        verbose_name_plural = _("sikkerhedshændelser")
        ordering = ["-event_time", "-id"]

    def __str__(self) -> str:
        return f"{self.event_time:%Y-%m-%d %H:%M} {self.event_type}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Sikkerhedsloggen kan ikke ændres.")
        super().save(*args, **kwargs)


class SpotCheck(models.Model):
    """A log reviewer's random sample of a unit's access-log entries (stikprøvekontrol, LOG-02).

    The reviewer confirms for each sampled entry that the use was work-related, or marks it for
    investigation. Only log reviewers hold the ``review_access_log`` permission.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("logkontrollant"),
    )
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("enhed")
    )
    created_at = models.DateTimeField(_("udtaget"), default=timezone.now)
    period_start = models.DateTimeField(_("periodens start"))
    period_end = models.DateTimeField(_("periodens slut"))

    MAX_SAMPLE = 50

    class Meta:
        verbose_name = _("stikprøvekontrol")
        verbose_name_plural = _("stikprøvekontroller")
        ordering = ["-created_at", "-id"]
        permissions = [
            (
                "review_access_log",
                _("Kan læse adgangsloggen og udføre stikprøvekontrol (logkontrollant)"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.unit_id}"


class SpotCheckItem(models.Model):
    """One sampled access-log entry and the reviewer's verdict on it."""

    class Verdict(models.TextChoices):
        PENDING = "ikke_vurderet", _("Ikke vurderet")
        OK = "i_orden", _("I orden")
        INVESTIGATE = "undersoeges", _("Undersøges")

    spot_check = models.ForeignKey(SpotCheck, on_delete=models.CASCADE, related_name="items")
    # No database constraint: the retention job deletes log entries past the ORM
    # (prune_access_log), and removes the items pointing at them first.
    entry = models.ForeignKey(
        AccessLog, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    verdict = models.CharField(
        _("vurdering"), max_length=20, choices=Verdict.choices, default=Verdict.PENDING
    )
    marked_at = models.DateTimeField(_("vurderet"), null=True, blank=True)

    class Meta:
        verbose_name = _("stikprøvepost")
        verbose_name_plural = _("stikprøveposter")
        ordering = ["entry__at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["spot_check", "entry"], name="spot_check_entry_once")
        ]

    def __str__(self) -> str:
        return f"{self.spot_check_id}:{self.entry_id} {self.verdict}"
