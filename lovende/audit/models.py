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
