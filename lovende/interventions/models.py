"""Interventions (indsatser): the social services a municipality offers a target group."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lovende.organisation.models import Organisation, ProfessionalGroup, Unit


class Intervention(models.Model):
    """An intervention (indsats) offered to a target group by one or more units."""

    class Status(models.TextChoices):
        PILOT = "pilot", _("Pilot")
        SCALING = "skalering", _("Under skalering")
        ESTABLISHED = "etableret", _("Etableret")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="interventions"
    )
    name = models.CharField(_("navn"), max_length=200)
    target_group = models.CharField(_("målgruppe"), max_length=300)
    units = models.ManyToManyField(
        Unit,
        related_name="interventions",
        verbose_name=_("ansvarlige enheder"),
        help_text=_(
            "Enhederne, der ejer indsatsen. Forløb kan ligge i dem og enhederne under dem."
        ),
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    goals = models.TextField(_("mål"), blank=True)
    core_elements = models.TextField(
        _("kerneelementer"),
        blank=True,
        help_text=_("Det, der skal fastholdes, når indsatsen skaleres."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PILOT
    )
    professional_groups = models.ManyToManyField(
        ProfessionalGroup, related_name="interventions", blank=True, verbose_name=_("faggrupper")
    )

    class Meta:
        verbose_name = _("indsats")
        verbose_name_plural = _("indsatser")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="intervention_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def delivers_in(self, unit: Unit) -> bool:
        """True when ``unit`` is one of the owning units or lies below one of them."""
        return any(unit.is_within(owner) for owner in self.units.all())


class InterventionCost(models.Model):
    """What an intervention cost in one year, in whole kroner (årlige udgifter)."""

    MIN_YEAR = 2000  # older accounts are out of scope; the upper bound is next year
    MAX_AMOUNT = 1_000_000_000  # one intervention's year above a billion kroner is a typing error

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="costs", verbose_name=_("indsats")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    amount = models.PositiveBigIntegerField(_("udgifter i kr."))
    note = models.CharField(_("hvad beløbet dækker"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("udgift")
        verbose_name_plural = _("udgifter")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "year"], name="intervention_cost_unique_year"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="intervention_cost_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intervention} {self.year}"
