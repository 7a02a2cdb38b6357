"""Improvement work: the quality team (kvalitetsteam) of an intervention, its members and partners,
and the improvement initiatives (forbedringstiltag) it drives."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lovende.improvement import composition
from lovende.interventions.models import Intervention
from lovende.organisation.models import Unit, User
from lovende.reflection.models import DevelopmentPoint, MeetingForum
from lovende.versioning import version_field


class QualityTeam(models.Model):
    """The quality team (kvalitetsteam) that drives development of one intervention (Hæfte 2, §2.3).

    A team may belong to one unit that delivers the intervention; without a unit it covers the
    whole intervention. Its own meeting forum, once created, is kept in ``forum``.
    """

    MAX_NAME_LENGTH = 200

    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.PROTECT,
        related_name="quality_teams",
        verbose_name=_("indsats"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quality_teams",
        verbose_name=_("enhed"),
    )
    name = models.CharField(_("navn"), max_length=MAX_NAME_LENGTH)
    forum = models.OneToOneField(
        MeetingForum,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quality_team",
        verbose_name=_("teamets mødeforum"),
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kvalitetsteam")
        verbose_name_plural = _("kvalitetsteams")
        ordering = ["intervention__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "name"], name="quality_team_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    """A member of a quality team; the professional group is the member's own (``user``)."""

    class Role(models.TextChoices):
        TEAM_LEADER = composition.TEAM_LEADER, _("Teamleder")
        TEAM_MEMBER = composition.TEAM_MEMBER, _("Teammedlem")
        EXPERT = composition.EXPERT, _("Fagprofessionel ekspert")
        SPONSOR = composition.SPONSOR, _("Sponsor")

    class Position(models.TextChoices):
        LEADER = composition.LEADER, _("Leder")
        FRONTLINE = composition.FRONTLINE, _("Frontmedarbejder")

    team = models.ForeignKey(QualityTeam, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="quality_team_memberships",
        verbose_name=_("medarbejder"),
    )
    role = models.CharField(_("rolle i teamet"), max_length=30, choices=Role.choices)
    position = models.CharField(_("stilling"), max_length=20, choices=Position.choices)

    class Meta:
        verbose_name = _("teammedlem")
        verbose_name_plural = _("teammedlemmer")
        ordering = ["team", "user__first_name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="team_member_unique_per_team")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def for_check(self) -> composition.Member:
        group = self.user.professional_group
        return composition.Member(self.role, self.position, group.name if group else None)


class ExternalPartner(models.Model):
    """A central partner outside the organisation's staff, e.g. PPR or a school (valgfrit)."""

    MAX_NAME_LENGTH = 200

    team = models.ForeignKey(QualityTeam, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("navn"), max_length=MAX_NAME_LENGTH)
    contribution = models.CharField(_("organisation og bidrag"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ekstern samarbejdspartner")
        verbose_name_plural = _("eksterne samarbejdspartnere")
        ordering = ["team", "name"]

    def __str__(self) -> str:
        return self.name


class Initiative(models.Model):
    """An improvement initiative (forbedringstiltag) laid out by the Model for Improvement.

    Its three questions: what are we trying to accomplish (``aim``, by ``aim_date``), how will we
    know that a change is an improvement (the measures), and what changes can we make (the change
    ideas and the kind of change, seed §2.1). It often grows from a development point. The
    measures in text are the team's words; their time series are ``Measure`` objects.
    """

    MAX_TITLE_LENGTH = 200

    class Status(models.TextChoices):
        IDEA = "ide", _("Idé")
        PLANNED = "planlagt", _("Planlagt")
        TESTING = "afproeves", _("Afprøves")
        IMPLEMENTING = "implementeres", _("Implementeres")
        DONE = "afsluttet", _("Afsluttet")
        ABANDONED = "opgivet", _("Opgivet")

    class Kind(models.TextChoices):
        ORGANISATIONAL = "organisatorisk", _("organisatorisk")
        IDEOLOGICAL = "ideologisk", _("ideologisk")
        TECHNICAL = "teknisk", _("teknisk")

    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("indsats"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("enhed"),
    )
    development_point = models.ForeignKey(
        DevelopmentPoint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("udviklingspunkt"),
    )
    title = models.CharField(_("titel"), max_length=MAX_TITLE_LENGTH)
    aim = models.TextField(_("mål"))
    aim_date = models.DateField(_("nås senest"))
    outcome_measures = models.TextField(_("resultatmål"), blank=True)
    process_measures = models.TextField(_("procesmål"), blank=True)
    balancing_measures = models.TextField(_("balancemål"), blank=True)
    change_ideas = models.TextField(_("forandringsidéer"), blank=True)
    kind = models.CharField(_("type forandring"), max_length=20, choices=Kind.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("forbedringstiltag")
        verbose_name_plural = _("forbedringstiltag")
        ordering = ["aim_date", "title", "id"]

    def __str__(self) -> str:
        return self.title


class Trial(models.Model):
    """A trial action (afprøvningshandling): one PDSA cycle on an initiative.

    Plan (what, who, where, when, in which courses, the prediction), Do (what happened, the
    observations), Study (the data against the prediction) and Act (adopt, adapt or abandon, and
    what was learned). Cycles are numbered 1, 2, … within the initiative; an adapted trial is
    followed by the next cycle. An abandoned trial is learning, not failure: ``learning`` says what.
    """

    MAX_TITLE_LENGTH = 200
    MAX_SHORT_LENGTH = 300

    class Decision(models.TextChoices):
        ADOPT = "indfoer", _("Indfør")
        ADAPT = "tilpas", _("Tilpas og afprøv igen")
        ABANDON = "opgiv", _("Opgiv")

    class Stage(models.TextChoices):
        PLAN = "plan", _("Planlæg")
        DO = "udfoer", _("Udfør")
        STUDY = "studer", _("Studér")
        ACT = "handl", _("Handl")
        DECIDED = "besluttet", _("Besluttet")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="trials")
    number = models.PositiveSmallIntegerField(_("afprøvning nr."))
    title = models.CharField(_("hvad afprøver vi?"), max_length=MAX_TITLE_LENGTH)
    plan = models.TextField(_("plan"), blank=True)
    who = models.CharField(_("hvem"), max_length=MAX_SHORT_LENGTH, blank=True)
    where = models.CharField(_("hvor"), max_length=MAX_SHORT_LENGTH, blank=True)
    start_date = models.DateField(_("fra"))
    end_date = models.DateField(_("til"))
    courses = models.ManyToManyField(
        "citizens.Course", blank=True, related_name="trials", verbose_name=_("forløb")
    )
    prediction = models.TextField(_("forudsigelse"))
    what_happened = models.TextField(_("hvad skete der?"), blank=True)
    observations = models.TextField(_("observationer"), blank=True)
    study = models.TextField(_("data holdt op mod forudsigelsen"), blank=True)
    decision = models.CharField(
        _("beslutning"), max_length=20, choices=Decision.choices, blank=True
    )
    learning = models.TextField(_("hvad lærte vi?"), blank=True)
    decided_on = models.DateField(_("besluttet den"), null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking: edit forms send it back, stale saves are refused (REL-02)
    version = version_field()

    class Meta:
        verbose_name = _("afprøvningshandling")
        verbose_name_plural = _("afprøvningshandlinger")
        ordering = ["initiative", "number"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "number"], name="trial_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def stage(self) -> str:
        """How far the cycle has come, read from what has been written."""
        if self.decision:
            return self.Stage.DECIDED
        if self.study.strip():
            return self.Stage.ACT
        if self.what_happened.strip() or self.observations.strip():
            return self.Stage.STUDY
        return self.Stage.DO if self.pk else self.Stage.PLAN

    def get_stage_display(self) -> str:
        return self.Stage(self.stage).label


class Measure(models.Model):
    """A measure of an initiative as a time series, read on a run or control chart.

    Values are entered by hand (``MeasureValue``) or derived from Lovende's own summaries per
    month for the initiative's intervention (and unit), so they are always current.
    """

    MAX_NAME_LENGTH = 200

    class Kind(models.TextChoices):
        OUTCOME = "resultat", _("Resultatmål")
        PROCESS = "proces", _("Procesmål")
        BALANCING = "balance", _("Balancemål")

    class Source(models.TextChoices):
        MANUAL = "manuel", _("Indtastes manuelt")
        MEAN_SCORE = "gennemsnit", _("Gennemsnitlig score pr. måned")
        MEASURED_SHARE = "maalt_andel", _("Andel aktive forløb med måling pr. måned")
        IMPROVED_SHARE = "forbedret_andel", _("Andel afsluttede forløb med pålidelig forbedring")

    class ChartType(models.TextChoices):
        RUN = "run", _("Seriediagram")
        I = "i", _("I-kort (enkeltværdier)")  # noqa: E741
        P = "p", _("P-kort (andele)")
        PP = "pp", _("P′-kort (Laney)")
        U = "u", _("U-kort (rater)")
        UP = "up", _("U′-kort (Laney)")
        C = "c", _("C-kort (antal)")
        G = "g", _("G-kort (hændelser imellem)")
        T = "t", _("T-kort (tid imellem)")

    class Direction(models.TextChoices):
        UP = "op", _("Højere er bedre")
        DOWN = "ned", _("Lavere er bedre")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(_("navn"), max_length=MAX_NAME_LENGTH)
    kind = models.CharField(_("type mål"), max_length=20, choices=Kind.choices)
    definition = models.TextField(_("operationel definition"), blank=True)
    source = models.CharField(
        _("datakilde"), max_length=20, choices=Source.choices, default=Source.MANUAL
    )
    instrument = models.ForeignKey(
        "instruments.Instrument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("måleredskab"),
    )
    chart_type = models.CharField(
        _("diagram"), max_length=5, choices=ChartType.choices, default=ChartType.RUN
    )
    direction = models.CharField(
        _("forbedring er"), max_length=5, choices=Direction.choices, blank=True
    )
    multiply = models.FloatField(_("gang med"), default=1.0)
    baseline_end = models.DateField(_("basislinje fastfrosset til og med"), null=True, blank=True)
    phase_starts = models.JSONField(_("nye faser fra"), default=list, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("måling på forbedringstiltag")
        verbose_name_plural = _("målinger på forbedringstiltag")
        ordering = ["initiative", "kind", "name"]

    def __str__(self) -> str:
        return self.name


class MeasureValue(models.Model):
    """One point of a hand-entered measure: for p- and u-type charts a numerator and denominator."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    period = models.DateField(_("dato"))
    value = models.FloatField(_("værdi"))
    denominator = models.FloatField(_("nævner"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("måleværdi")
        verbose_name_plural = _("måleværdier")
        ordering = ["measure", "period"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period"], name="measure_value_unique")
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"
