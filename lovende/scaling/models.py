"""Scaling with respect: the intervention described (theory of change, core and adaptable
elements), its promise assessed (the eleven elements of promising practice), and its spread from
pilot units to target units, each owned by its 3rd/4th-level leader.

A description is versioned: a change makes a new version with a note on what changed and why, so
a unit can see it. Elements keep a ``key`` across versions, so a unit's mapping, adaptations and
fidelity checks follow the element, not one version's row.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lovende.improvement.models import QualityTeam
from lovende.interventions.models import Intervention
from lovende.organisation.models import Unit, User


class Description(models.Model):
    """One version of the intervention's description (Hæfte 3): target group, goals, the theory of
    change and the documentation tools chosen. Never changed once saved: a change is a new version.

    The theory of change is text, one item per line in each column: resources → activities →
    short-term outcomes → long-term outcomes, with the assumptions behind the arrows.
    """

    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, related_name="descriptions"
    )
    version = models.PositiveIntegerField(_("version"))
    target_group = models.TextField(_("målgruppe"))
    goals = models.TextField(_("mål"))
    resources = models.TextField(_("ressourcer"), blank=True)
    activities = models.TextField(_("aktiviteter"), blank=True)
    short_term_outcomes = models.TextField(_("kortsigtede resultater"), blank=True)
    long_term_outcomes = models.TextField(_("langsigtede resultater"), blank=True)
    assumptions = models.TextField(_("antagelser"), blank=True)
    documentation_tools = models.ManyToManyField(
        "instruments.Instrument",
        blank=True,
        related_name="+",
        verbose_name=_("dokumentationsredskaber"),
    )
    documentation_note = models.TextField(_("om dokumentationen"), blank=True)
    change_note = models.TextField(_("hvad er ændret og hvorfor"), blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("beskrivelse af indsatsen")
        verbose_name_plural = _("beskrivelser af indsatsen")
        ordering = ["intervention", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "version"], name="description_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.intervention} v{self.version}"


class Element(models.Model):
    """A core element (kerneelement: kept everywhere) or an adaptable element (units may shape it)."""

    class Kind(models.TextChoices):
        CORE = "kerne", _("Kerneelement")
        ADAPTABLE = "tilpasning", _("Tilpasningselement")

    description = models.ForeignKey(Description, on_delete=models.CASCADE, related_name="elements")
    key = models.SlugField(_("nøgle"), max_length=60)  # the same element across versions
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("navn"), max_length=200)
    text = models.TextField(_("beskrivelse"), blank=True)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("element")
        verbose_name_plural = _("elementer")
        ordering = ["description", "kind", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["description", "key"], name="element_unique_key")
        ]

    def __str__(self) -> str:
        return self.name


class PracticeAssessment(models.Model):
    """One assessment of the intervention against the eleven elements of promising practice."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, related_name="practice_assessments"
    )
    assessed_on = models.DateField(_("vurderet den"))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vurdering af lovende praksis")
        verbose_name_plural = _("vurderinger af lovende praksis")
        ordering = ["intervention", "-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.intervention} {self.assessed_on}"


class PracticeScore(models.Model):
    """One of the eleven elements (``scaling.promising.ELEMENTS``) scored 1–4 with evidence."""

    assessment = models.ForeignKey(
        PracticeAssessment, on_delete=models.CASCADE, related_name="scores"
    )
    element = models.CharField(_("element"), max_length=40)
    score = models.PositiveSmallIntegerField(_("score"))
    evidence = models.TextField(_("belæg"), blank=True)
    next_step = models.TextField(_("næste skridt"), blank=True)

    class Meta:
        verbose_name = _("score for et element")
        verbose_name_plural = _("scorer for elementer")
        ordering = ["assessment", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "element"], name="practice_score_unique_element"
            )
        ]

    def __str__(self) -> str:
        return f"{self.element}: {self.score}"


class ScalingPlan(models.Model):
    """The plan for spreading an intervention from its pilot unit(s) to target units.

    The frame is said plainly: what is fixed (the core elements), what is free (the adaptable
    elements) and who decides what.
    """

    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, related_name="scaling_plans"
    )
    name = models.CharField(_("navn"), max_length=200)
    pilot_units = models.ManyToManyField(
        Unit, related_name="piloted_plans", verbose_name=_("pilotenheder")
    )
    fixed = models.TextField(_("det ligger fast"), blank=True)
    free = models.TextField(_("det er frit"), blank=True)
    decides = models.TextField(_("hvem beslutter hvad"), blank=True)
    quality_team = models.ForeignKey(
        QualityTeam,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scaling_plans",
        verbose_name=_("kvalitetsteam, der beslutter om kerneelementer"),
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("skaleringsplan")
        verbose_name_plural = _("skaleringsplaner")
        ordering = ["intervention", "name"]

    def __str__(self) -> str:
        return self.name


class TargetUnit(models.Model):
    """A unit the intervention is spread to, owned by its 3rd/4th-level leader."""

    class Stage(models.TextChoices):
        EXPLORATION = "udforskning", _("Udforskning")
        INSTALLATION = "installation", _("Installation")
        INITIAL = "indledende", _("Indledende implementering")
        FULL = "fuld", _("Fuld implementering")

    plan = models.ForeignKey(ScalingPlan, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="scaling_targets")
    owner = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="owned_scaling_targets", verbose_name=_("ejer")
    )
    stage = models.CharField(
        _("fase"), max_length=20, choices=Stage.choices, default=Stage.EXPLORATION
    )
    tacit_knowledge = models.TextField(_("tavs viden"), blank=True)

    class Meta:
        verbose_name = _("målenhed")
        verbose_name_plural = _("målenheder")
        ordering = ["plan", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit"], name="target_unit_unique_per_plan")
        ]

    def __str__(self) -> str:
        return str(self.unit)


class StageChange(models.Model):
    """The dated history of a target unit's adoption stage and what moved it."""

    target = models.ForeignKey(TargetUnit, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(_("fase"), max_length=20, choices=TargetUnit.Stage.choices)
    changed_on = models.DateField(_("dato"))
    reason = models.TextField(_("hvad flyttede den"))
    changed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("faseskift")
        verbose_name_plural = _("faseskift")
        ordering = ["target", "changed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.changed_on}"


class ReadinessItem(models.Model):
    """One scored item of a target unit's readiness analysis (organisational capacity and
    professional competences; the items are in ``scaling.readiness``)."""

    target = models.ForeignKey(TargetUnit, on_delete=models.CASCADE, related_name="readiness")
    item = models.CharField(_("punkt"), max_length=40)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("punkt i foranalysen")
        verbose_name_plural = _("foranalyse")
        ordering = ["target", "id"]
        constraints = [
            models.UniqueConstraint(fields=["target", "item"], name="readiness_unique_item")
        ]

    def __str__(self) -> str:
        return self.item


class PracticeMapping(models.Model):
    """What the unit already does against one core element: matches, new or conflicts."""

    class Fit(models.TextChoices):
        MATCHES = "matcher", _("Gør vi allerede")
        NEW = "nyt", _("Nyt for os")
        CONFLICTS = "konflikt", _("Strider mod det, vi gør")

    target = models.ForeignKey(TargetUnit, on_delete=models.CASCADE, related_name="mappings")
    element_key = models.SlugField(_("element"), max_length=60)
    fit = models.CharField(_("forhold til vores praksis"), max_length=20, choices=Fit.choices)
    existing_practice = models.TextField(_("det gør vi i dag"), blank=True)

    class Meta:
        verbose_name = _("kortlægning mod eksisterende praksis")
        verbose_name_plural = _("kortlægninger mod eksisterende praksis")
        ordering = ["target", "element_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "element_key"], name="practice_mapping_unique_element"
            )
        ]

    def __str__(self) -> str:
        return f"{self.element_key}: {self.get_fit_display()}"


class Adaptation(models.Model):
    """A local adaptation proposed by employees. Within an adaptable element the unit decides;
    one that touches a core element goes to the quality team (``scaling.rules``)."""

    class Status(models.TextChoices):
        PROPOSED = "foreslaaet", _("Foreslået")
        WITH_QUALITY_TEAM = "kvalitetsteam", _("Sendt til kvalitetsteamet")
        APPROVED = "godkendt", _("Godkendt")
        REJECTED = "afvist", _("Afvist")

    target = models.ForeignKey(TargetUnit, on_delete=models.CASCADE, related_name="adaptations")
    element_key = models.SlugField(_("element"), max_length=60)
    touches_core = models.BooleanField(_("berører et kerneelement"))
    proposal = models.TextField(_("forslag"))
    reason = models.TextField(_("begrundelse"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    decision_note = models.TextField(_("begrundelse for beslutningen"), blank=True)
    proposed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    proposed_on = models.DateField(_("foreslået den"))
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(_("besluttet den"), null=True, blank=True)

    class Meta:
        verbose_name = _("lokal tilpasning")
        verbose_name_plural = _("lokale tilpasninger")
        ordering = ["target", "-proposed_on", "-id"]

    def __str__(self) -> str:
        return self.proposal[:60]


class Idea(models.Model):
    """An employee's idea for the intervention (the untapped "tacit innovation")."""

    class Status(models.TextChoices):
        NEW = "ny", _("Ny")
        CONSIDERED = "overvejes", _("Overvejes")
        TRIED = "afproeves", _("Afprøves")
        ADOPTED = "indfoert", _("Indført")
        DECLINED = "ikke_nu", _("Ikke nu")

    target = models.ForeignKey(TargetUnit, on_delete=models.CASCADE, related_name="ideas")
    text = models.TextField(_("idé"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    response = models.TextField(_("svar"), blank=True)
    proposed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    proposed_on = models.DateField(_("foreslået den"))

    class Meta:
        verbose_name = _("medarbejderidé")
        verbose_name_plural = _("medarbejderidéer")
        ordering = ["target", "-proposed_on", "-id"]

    def __str__(self) -> str:
        return self.text[:60]


class FidelityCheck(models.Model):
    """A periodic check of the unit's fidelity to the core elements."""

    target = models.ForeignKey(TargetUnit, on_delete=models.CASCADE, related_name="fidelity_checks")
    checked_on = models.DateField(_("dato"))
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("tjek af troskab")
        verbose_name_plural = _("tjek af troskab")
        ordering = ["target", "-checked_on", "-id"]

    def __str__(self) -> str:
        return f"{self.target} {self.checked_on}"


class FidelityAnswer(models.Model):
    class Level(models.TextChoices):
        YES = "ja", _("Ja")
        PARTLY = "delvist", _("Delvist")
        NO = "nej", _("Nej")

    fidelity_check = models.ForeignKey(
        FidelityCheck, on_delete=models.CASCADE, related_name="answers"
    )
    element_key = models.SlugField(_("element"), max_length=60)
    level = models.CharField(_("følges"), max_length=10, choices=Level.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("svar i tjek af troskab")
        verbose_name_plural = _("svar i tjek af troskab")
        ordering = ["fidelity_check", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["fidelity_check", "element_key"], name="fidelity_answer_unique_element"
            )
        ]

    def __str__(self) -> str:
        return f"{self.element_key}: {self.get_level_display()}"
