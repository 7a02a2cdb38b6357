"""Instruments (måleredskaber) as versioned data, and which interventions use which."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lovende.instruments import scoring
from lovende.interventions.models import Intervention
from lovende.organisation.models import Organisation


class Instrument(models.Model):
    """A measurement instrument of one organisation; its definition lives in versions."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="instruments"
    )
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("navn"), max_length=200)
    is_builtin = models.BooleanField(_("fra Lovendes bibliotek"), default=False)
    interventions = models.ManyToManyField(
        Intervention, related_name="instruments", blank=True, verbose_name=_("indsatser")
    )

    class Meta:
        verbose_name = _("måleredskab")
        verbose_name_plural = _("måleredskaber")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="instrument_unique_code")
        ]

    def __str__(self) -> str:
        return self.name


class InstrumentVersion(models.Model):
    """One frozen definition. Measurements point here, so history is never rescored silently."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    definition = models.JSONField(_("definition"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("version af måleredskab")
        verbose_name_plural = _("versioner af måleredskaber")
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number"], name="instrument_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} v{self.number}"

    @property
    def items(self) -> list[scoring.Item]:
        return scoring.items_of(self.definition)

    @property
    def is_gas(self) -> bool:
        return self.definition.get("kind") == "gas"
