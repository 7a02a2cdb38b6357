"""Retention rules per data category, set by the municipality (SECURITY PRIV-04).

The municipality is the controller and decides how long citizen data is kept: the right to
erasure does not apply where the processing is needed for a task in the public interest or the
exercise of official authority (GDPR art. 17(3)(b)), and the archive law may require records to
be kept or handed over. So Lovende ships a default per category (a setting) and the
administrator records the municipality's own period and the reason for it here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lovende.organisation.models import Organisation

ART_17_NOTE = _(
    "Retten til sletning gælder ikke, når behandlingen er nødvendig for at udføre en opgave i "
    "samfundets interesse eller for at udøve offentlig myndighed (databeskyttelsesforordningens "
    "art. 17, stk. 3, litra b). Kommunen fastsætter derfor fristen ud fra sin journaliserings- "
    "og arkivpligt."
)


class RetentionRule(models.Model):
    """How many months after it closed a category of citizen data is kept (opbevaringsfrist)."""

    class Category(models.TextChoices):
        CLOSED_COURSES = "afsluttede_forloeb", _("Afsluttede og afbrudte forløb")

    MIN_MONTHS = 1
    MAX_MONTHS = (
        1200  # a hundred years: long enough for any archive duty, short enough to be a number
    )

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="retention_rules"
    )
    category = models.CharField(_("datakategori"), max_length=30, choices=Category.choices)
    months = models.PositiveIntegerField(_("måneder efter afslutning"))
    note = models.TextField(
        _("begrundelse"),
        blank=True,
        help_text=_("Fx journaliserings- eller arkivpligt, og beslutningen bag fristen."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("opbevaringsregel")
        verbose_name_plural = _("opbevaringsregler")
        ordering = ["category"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "category"], name="retention_rule_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(months__gte=1, months__lte=1200),
                name="retention_rule_months_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.months}"
