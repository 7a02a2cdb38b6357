"""Citizens (borgere) and their courses (borgerforløb). Identifiable, sensitive data.

Query these only through ``lovende.citizens.permissions``; never ``Citizen.objects`` in a view.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lovende.citizens import cpr
from lovende.interventions.models import Intervention
from lovende.organisation.models import Organisation, ProfessionalGroup, Unit
from lovende.versioning import version_field

PSEUDONYM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud without error


def new_pseudonym() -> str:
    return "B-" + "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(6))


class Citizen(models.Model):
    """A citizen (borger) receiving one or more interventions. Never logs in."""

    class Gender(models.TextChoices):
        FEMALE = "kvinde", _("Kvinde")
        MALE = "mand", _("Mand")
        OTHER = "andet", _("Andet/uoplyst")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="citizens"
    )
    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("efternavn"), max_length=100)
    # NULL, not "", for "no CPR number": the unique constraint below must ignore the missing ones.
    cpr = models.CharField(_("CPR-nummer"), max_length=10, null=True, blank=True)  # noqa: DJ001
    birth_date = models.DateField(_("fødselsdato"))
    gender = models.CharField(_("køn"), max_length=10, choices=Gender.choices)
    pseudonym = models.CharField(
        _("pseudonym"), max_length=12, unique=True, default=new_pseudonym, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Restriction of processing (GDPR art. 18): while set, the record is kept and can be read,
    # but every write service refuses; only an administrator sets or lifts it, with a reason.
    restricted_since = models.DateTimeField(_("behandling begrænset siden"), null=True, blank=True)
    restriction_reason = models.TextField(
        _("begrundelse for begrænsning"), blank=True, default="", db_default=""
    )
    # Optimistic locking: edit forms send it back, stale saves are refused (REL-02)
    version = version_field()

    class Meta:
        verbose_name = _("borger")
        verbose_name_plural = _("borgere")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "cpr"],
                condition=models.Q(cpr__isnull=False),
                name="citizen_cpr_unique_in_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def masked_cpr(self) -> str:
        return cpr.mask(self.cpr) if self.cpr else ""

    @property
    def is_restricted(self) -> bool:
        return self.restricted_since is not None


class Course(models.Model):
    """A citizen's course in one intervention at one unit (borgerforløb)."""

    class Status(models.TextChoices):
        WAITING = "venter", _("Venter")
        ACTIVE = "aktiv", _("Aktiv")
        COMPLETED = "afsluttet", _("Afsluttet")
        DISCONTINUED = "afbrudt", _("Afbrudt")

    citizen = models.ForeignKey(
        Citizen,
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("borger"),
        db_index=False,  # course_citizen_idx starts with the citizen
    )
    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, related_name="courses", verbose_name=_("indsats")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="courses", verbose_name=_("enhed")
    )
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("slutdato"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="responsible_for",
        blank=True,
        verbose_name=_("ansvarlige medarbejdere"),
    )
    # The responsible staff's professional group, kept by the services whenever the staff or a
    # member's group changes, so the dashboards split by group without a subquery per course:
    # one group, or mixed (staff from several groups, or with and without a group), or neither.
    staff_group = models.ForeignKey(
        ProfessionalGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    staff_mixed = models.BooleanField(default=False)
    # Optimistic locking: edit forms send it back, stale saves are refused (REL-02)
    version = version_field()

    class Meta:
        verbose_name = pgettext_lazy("ental", "forløb")
        verbose_name_plural = pgettext_lazy("flertal", "forløb")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="course_ends_after_start",
            )
        ]
        indexes = [
            models.Index(fields=["unit", "status"]),
            # Covers what the dashboards group and count, so they read the index alone
            models.Index(
                fields=[
                    "intervention",
                    "unit",
                    "start_date",
                    "citizen",
                    "status",
                    "staff_group",
                    "staff_mixed",
                ],
                name="course_dashboard_idx",
            ),
            # A citizen's courses; in this order the dashboards find citizens with more than
            # one course in an intervention without sorting
            models.Index(
                fields=["citizen", "intervention", "unit", "start_date"],
                name="course_citizen_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.citizen.pseudonym} · {self.intervention}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.WAITING, self.Status.ACTIVE)


class Observation(models.Model):
    """A structured observation by staff in a course (observation)."""

    class Kind(models.TextChoices):
        WELLBEING = "trivsel", _("Trivsel")
        DEVELOPMENT = "udvikling", _("Udvikling og læring")
        PARENTING = "forældrekompetence", _("Forældrekompetence")
        RELATIONS = "relationer", _("Relationer og netværk")
        DAILY_LIFE = "hverdag", _("Hverdagsliv og mestring")
        COOPERATION = "samarbejde", _("Samarbejde om forløbet")
        CONCERN = "bekymring", _("Bekymring")
        RESOURCE = "ressource", _("Ressource")
        OTHER = "andet", _("Andet")

    MAX_TAGS = 10

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="observations")
    observed_on = models.DateField(_("dato"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("forfatter"),
    )
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    text = models.TextField(_("observation"))
    tags = models.JSONField(_("mærker"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observationer")
        ordering = ["-observed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.observed_on}"


class Feedback(models.Model):
    """The citizen's own words about the course (borgerfeedback). SRS ratings are measurements."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="feedback")
    given_on = models.DateField(_("dato"))
    text = models.TextField(_("borgerens feedback"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registreret af"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("borgerfeedback")
        verbose_name_plural = _("borgerfeedback")
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.given_on}"


class Assessment(models.Model):
    """The employee's professional assessment of where the course is going (faglig vurdering).

    The course page sets it beside the data: which measurements support it and which do not.
    """

    class Direction(models.TextChoices):
        IMPROVING = "improving", _("Fremgang")
        STABLE = "stable", _("Uændret")
        WORSENING = "worsening", _("Tilbagegang")

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="assessments")
    assessed_on = models.DateField(_("dato"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("forfatter"),
    )
    direction = models.CharField(_("borgerens udvikling"), max_length=10, choices=Direction.choices)
    text = models.TextField(_("vurdering"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("faglig vurdering")
        verbose_name_plural = _("faglige vurderinger")
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.assessed_on}"


class Goal(models.Model):
    """An individual goal in a course, scored −2…+2 by Goal Attainment Scaling (mål)."""

    MAX_WEIGHT = 10

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="goals")
    title = models.CharField(_("mål"), max_length=200)
    expected = models.TextField(
        _("forventet resultat (0)"),
        blank=True,
        help_text=_("Hvordan ser det ud, når målet er nået som forventet?"),
    )
    weight = models.PositiveSmallIntegerField(_("vægt"), default=1)
    is_active = models.BooleanField(_("aktivt"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking: edit forms send it back, stale saves are refused (REL-02)
    version = version_field()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=10), name="goal_weight_1_to_10"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Change(models.Model):
    """One field's value before and after a change to a citizen's record (GDPR art. 16).

    Rectification must not erase what the record said: the citizen may ask what was corrected,
    and a professional reading the course later must see that a score or a date was changed.
    Values are kept as the screen showed them (a unit's name, «Aktiv»), so the history reads
    the same after the unit is renamed. Erasure and retention delete a citizen's changes with
    the rest of their record.
    """

    class Record(models.TextChoices):
        CITIZEN = "borger", _("Borger")
        COURSE = "forløb", pgettext_lazy("ental", "Forløb")
        MEASUREMENT = "måling", _("Måling")
        GOAL = "mål", _("Mål")
        RESTRICTION = "begrænsning", _("Begrænsning (art. 18)")

    citizen = models.ForeignKey(Citizen, on_delete=models.PROTECT, related_name="changes")
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, null=True, blank=True, related_name="changes"
    )
    changed_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ændret af"),
    )
    record = models.CharField(_("oplysning"), max_length=20, choices=Record.choices)
    field = models.CharField(_("felt"), max_length=100)
    old_value = models.TextField(_("før"), blank=True)
    new_value = models.TextField(_("efter"), blank=True)

    class Meta:
        verbose_name = _("ændring")
        verbose_name_plural = _("ændringer")
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["citizen", "changed_at"])]

    def __str__(self) -> str:
        return f"{self.get_record_display()}: {self.field}"
