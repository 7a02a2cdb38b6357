"""Measurements (målinger) on a course, and the per-course outcome summary they keep up to date.

Sensitive personal data: query through ``lovende.measurements.permissions`` only.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lovende.citizens.models import Course
from lovende.instruments.models import Instrument, InstrumentVersion
from lovende.interventions.models import Intervention
from lovende.organisation.models import Unit


class Measurement(models.Model):
    """One completed instrument in a course, scored with the version it was answered on."""

    class Respondent(models.TextChoices):
        CITIZEN = "citizen", _("Borgeren")
        PARENT = "parent", _("Forælder")
        EMPLOYEE = "employee", _("Medarbejderen")

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="measurements")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="+")
    measured_on = models.DateField(_("dato"))
    answers = models.JSONField(_("svar"))
    score = models.FloatField(_("score"))
    respondent = models.CharField(_("besvaret af"), max_length=10, choices=Respondent.choices)
    self_report = models.BooleanField(_("udfyldt af borgeren selv"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("måling")
        verbose_name_plural = _("målinger")
        ordering = ["measured_on", "id"]
        indexes = [
            # A course's measurements in order; with the score, feedback by month on the
            # dashboards reads the index alone
            models.Index(
                fields=["course", "instrument", "measured_on", "score"],
                name="measurement_by_month_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.measured_on}: {self.score}"


class OutcomeSummary(models.Model):
    """First and latest score of one instrument on one course, kept in the measurement's transaction.

    Dashboards above the citizen level aggregate these rows, never raw measurements.
    """

    class Category(models.TextChoices):
        IMPROVED = "improved", _("Pålideligt forbedret")
        UNCHANGED = "unchanged", _("Ingen pålidelig ændring")
        DETERIORATED = "deteriorated", _("Pålideligt forværret")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="summaries")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(_("antal målinger"))
    first_score = models.FloatField(_("første score"))
    first_on = models.DateField(_("første måling"))
    latest_score = models.FloatField(_("seneste score"))
    latest_on = models.DateField(_("seneste måling"))
    change = models.FloatField(_("ændring"))
    category = models.CharField(
        _("pålidelig ændring"), max_length=20, choices=Category.choices, blank=True
    )
    clinical_at_start = models.BooleanField(_("i klinisk område ved start"), null=True)
    clinical_now = models.BooleanField(_("i klinisk område nu"), null=True)

    class Meta:
        verbose_name = _("forløbsresultat")
        verbose_name_plural = _("forløbsresultater")
        constraints = [
            models.UniqueConstraint(fields=["course", "instrument"], name="summary_unique")
        ]
        indexes = [
            # Covers every column the dashboards count, so a course's summary is one index read
            models.Index(
                fields=[
                    "course", "instrument", "count", "change", "category", "clinical_at_start",
                    "clinical_now", "latest_on", "latest_score",
                ],
                name="summary_dashboard_idx",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.instrument}: {self.first_score} → {self.latest_score}"


class MonthlyScores(models.Model):
    """One instrument's scores in one month, over the courses of one intervention in one unit
    that started on one day; kept in the same transaction as every change to their source.

    A course lies in exactly one such cell, so the courses measured in a month add up across
    cells, and the dashboards draw citizen feedback over time from a few of these rows instead
    of every raw measurement, honouring the unit and start-date filters exactly. No citizen or
    course id is stored.
    """

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    start_date = models.DateField(_("forløbenes startdato"))
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("måned"))  # its first day
    courses = models.PositiveIntegerField(_("forløb målt"))
    measurements = models.PositiveIntegerField(_("målinger"))
    score_sum = models.FloatField(_("sum af scorer"))

    class Meta:
        verbose_name = _("månedstal")
        verbose_name_plural = _("månedstal")
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "unit", "start_date", "instrument", "month"],
                name="monthly_scores_unique",
            )
        ]
        indexes = [
            models.Index(
                fields=[
                    "intervention", "instrument", "month", "unit", "start_date", "courses",
                    "measurements", "score_sum",
                ],
                name="monthly_scores_dashboard_idx",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.instrument} {self.month:%Y-%m}: {self.courses}"
