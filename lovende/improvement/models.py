"""Improvement work: the quality team (kvalitetsteam) of an intervention, its members and partners,
and the improvement initiatives (forbedringstiltag) it drives."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lovende.improvement import composition
from lovende.interventions.models import Intervention
from lovende.organisation.models import Unit, User
from lovende.reflection.models import DevelopmentPoint, MeetingForum


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
    measures are text for now; time series come later (issue 5, item 4).
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
