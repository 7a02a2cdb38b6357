"""Learning culture (læringskultur, seed §3): the leaders' landmarks and their statements, the
learning log, recognitions of the emerging learning culture, and employees' concerns."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lovende.improvement.models import Initiative, Trial
from lovende.interventions.models import Intervention
from lovende.organisation.models import Organisation, Unit, User


class Landmark(models.Model):
    """A theme of the landmarks for the learning culture (pejlemærke, seed §3.1).

    Without a unit it holds for the whole organisation. ``intent`` marks what the leaders want to
    change or keep, and ``intent_note`` says what. A deleted theme is only marked inactive, like
    its statements, because culture surveys refer to them.
    """

    MAX_THEME_LENGTH = 200

    class Intent(models.TextChoices):
        CHANGE = "aendre", _("Det vil vi ændre")
        KEEP = "fastholde", _("Det vil vi fastholde")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="landmarks",
        verbose_name=_("enhed"),
    )
    theme = models.CharField(_("tema"), max_length=MAX_THEME_LENGTH)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    intent = models.CharField(
        _("ændre eller fastholde"), max_length=20, choices=Intent.choices, blank=True
    )
    intent_note = models.TextField(_("hvad vil vi ændre eller fastholde?"), blank=True)
    active = models.BooleanField(_("aktiv"), default=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pejlemærke")
        verbose_name_plural = _("pejlemærker")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.theme


class LandmarkStatement(models.Model):
    """One statement of a landmark theme, e.g. «Man kan stole på støtte fra kolleger».

    The primary key is stable: a changed text keeps its row, a deleted one is marked inactive.
    Survey rounds copy the text they asked about, so old results keep their wording.
    """

    MAX_TEXT_LENGTH = 300

    landmark = models.ForeignKey(Landmark, on_delete=models.CASCADE, related_name="statements")
    text = models.CharField(_("udsagn"), max_length=MAX_TEXT_LENGTH)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("udsagn")
        verbose_name_plural = _("udsagn")
        ordering = ["landmark", "order", "id"]

    def __str__(self) -> str:
        return self.text


class LearningPoint(models.Model):
    """A point in the learning log (læringspunkt): learning, not fault-finding (seed §3).

    What happened, what we learned and what we do now. It is listed for the next staff meeting
    until ``discussed_on`` records the meeting it was discussed at. A point from a decided trial
    carries the ``trial``; there is at most one per trial.
    """

    MAX_TEXT_LENGTH = 2000

    class Source(models.TextChoices):
        MEETING = "moede", _("Møde")
        TRIAL = "afproevning", _("Afprøvning")
        MISTAKE = "fejl", _("Fejl")
        OTHER = "andet", _("Andet")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="learning_points",
        verbose_name=_("enhed"),
    )
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="learning_points",
        verbose_name=_("indsats"),
    )
    trial = models.ForeignKey(
        Trial,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_points",
        verbose_name=_("afprøvning"),
    )
    source = models.CharField(_("kilde"), max_length=20, choices=Source.choices)
    what_happened = models.TextField(_("hvad skete der?"))
    learned = models.TextField(_("hvad lærte vi?"), blank=True)
    do_now = models.TextField(_("hvad gør vi nu?"), blank=True)
    for_staff_meeting = models.BooleanField(_("til næste personalemøde"), default=True)
    discussed_on = models.DateField(_("drøftet på personalemøde den"), null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("læringspunkt")
        verbose_name_plural = _("læringspunkter")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trial"],
                condition=models.Q(trial__isnull=False),
                name="learning_point_one_per_trial",
            )
        ]

    def __str__(self) -> str:
        return self.what_happened[:60]

    @property
    def awaits_staff_meeting(self) -> bool:
        return self.for_staff_meeting and self.discussed_on is None


class Recognition(models.Model):
    """A leader saw the emerging learning culture and says so (seed §3.1).

    The behaviours are the seed's five. ``recognised`` names who or which team, in free text and
    only if the leader wants to; recognitions are counted per behaviour, never per person.
    """

    MAX_DESCRIPTION_LENGTH = 1000
    MAX_RECOGNISED_LENGTH = 200

    class Behaviour(models.TextChoices):
        FEEDBACK = "feedback", _("Reagerer på korrigerende feedback med vilje til at udvikle sig")
        QUESTIONS = "spoergsmaal", _("Stiller nysgerrige, men konstruktive spørgsmål")
        CHALLENGE = "udfordrer", _("Udfordrer hinanden fagligt")
        SHARING = "deler", _("Deler læring, også fra fejl")
        PROPOSALS = "forslag", _("Fremsætter forslag til forbedringer")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recognitions",
        verbose_name=_("enhed"),
    )
    behaviour = models.CharField(_("det så vi"), max_length=20, choices=Behaviour.choices)
    description = models.TextField(_("beskrivelse"), max_length=MAX_DESCRIPTION_LENGTH)
    recognised_on = models.DateField(_("dato"))
    recognised = models.CharField(
        _("hvem eller hvilket team"), max_length=MAX_RECOGNISED_LENGTH, blank=True
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("anerkendelse")
        verbose_name_plural = _("anerkendelser")
        ordering = ["-recognised_on", "-id"]

    def __str__(self) -> str:
        return self.get_behaviour_display()


class Concern(models.Model):
    """An employee's concern about a change (bekymring, seed §3.4) and the leaders' response.

    An anonymous concern stores nothing that points to the person: ``raised_by`` is empty and only
    the date is kept, not the time (a timestamp could be matched with who was logged in). The
    person who raised it therefore cannot find it again either.

    The scaling step a concern is about will get its own foreign key when scaling plans exist
    (issue 7); ``initiative`` covers improvement initiatives.
    """

    MAX_TEXT_LENGTH = 2000

    class Status(models.TextChoices):
        NEW = "ny", _("Ny")
        IN_DIALOGUE = "i_dialog", _("I dialog")
        HANDLED = "haandteret", _("Håndteret")

    class LearningStyle(models.TextChoices):
        THEORY = "teori", _("Teori")
        COMMUNITY = "faellesskab", _("Fællesskab")
        PRACTICE = "praktisk", _("Praktisk demonstration")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="concerns",
        verbose_name=_("enhed"),
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
        verbose_name=_("forbedringstiltag"),
    )
    description = models.TextField(_("bekymringen"), max_length=MAX_TEXT_LENGTH)
    background = models.TextField(_("hvad ligger bag?"), max_length=MAX_TEXT_LENGTH, blank=True)
    response = models.TextField(_("ledelsens svar"), max_length=MAX_TEXT_LENGTH, blank=True)
    suggested_role = models.CharField(
        _("rolle efter læringsstil"), max_length=20, choices=LearningStyle.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    raised_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rejst af"),
    )
    raised_on = models.DateField(_("rejst den"))

    class Meta:
        verbose_name = _("bekymring")
        verbose_name_plural = _("bekymringer")
        ordering = ["-raised_on", "-id"]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def is_anonymous(self) -> bool:
        return self.raised_by_id is None

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.HANDLED
