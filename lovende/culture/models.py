"""Learning culture (læringskultur, seed §3): the leaders' landmarks and their statements, the
learning log, recognitions of the emerging learning culture, and employees' concerns."""

import uuid

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

    A concern is about an improvement initiative (``initiative``) or a unit's step in scaling an
    intervention (``scaling_target``), or neither.
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
    scaling_target = models.ForeignKey(
        "scaling.TargetUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
        verbose_name=_("skalering til enhed"),
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


# Culture surveys and leaders' 360° feedback (issue 6, part B) ---------------------------------
#
# Anonymity is a property of the tables, not of the pages (SDC-02, docs/decisions.md): the
# answer transaction writes that someone answered (Participation) and adds one to counters
# (AnswerTally, RespondentTally); no row anywhere holds one person's answers. Comments carry a
# random key and no time. Only the leader's own self-assessment is stored per person.


class SurveyRound(models.Model):
    """A round of a culture survey (kulturmåling) or of a leader's 360° feedback.

    The statements are copied into ``SurveyItem`` rows when the round opens, so later edits of the
    landmarks do not change what was asked. ``threshold`` is the least number of respondents for
    any result to be shown; it is copied from the setting when the round opens and never below 3.
    A 360° round keeps the two respondent groups (employees, fellow leaders) apart only when
    ``split_groups`` was true at opening: both groups then had at least ``threshold`` members.
    """

    MAX_TITLE_LENGTH = 200
    MIN_THRESHOLD = 3

    class Kind(models.TextChoices):
        CULTURE = "kultur", _("Kulturmåling")
        LEADER360 = "leder360", _("360°-feedback til leder")

    class Status(models.TextChoices):
        OPEN = "aaben", _("Åben")
        CLOSED = "lukket", _("Lukket")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="survey_rounds", verbose_name=_("enhed")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    subject = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_rounds",
        verbose_name=_("leder"),
    )
    invitees = models.ManyToManyField(
        User, blank=True, related_name="+", verbose_name=_("inviterede lederkolleger")
    )
    title = models.CharField(_("titel"), max_length=MAX_TITLE_LENGTH)
    opened_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    opens_on = models.DateField(_("åbner"))
    closes_on = models.DateField(_("lukker"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    threshold = models.PositiveSmallIntegerField(_("mindste antal svar"))
    split_groups = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("spørgeskemarunde")
        verbose_name_plural = _("spørgeskemarunder")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(threshold__gte=3), name="survey_round_threshold_at_least_3"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="kultur", subject__isnull=True)
                    | models.Q(kind="leder360", subject__isnull=False)
                ),
                name="survey_round_subject_only_for_leader360",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class SurveyItem(models.Model):
    """One statement of a round, copied when it opened: theme, text and order.

    ``statement`` points back to the landmark statement it was copied from (culture rounds), so
    the trend can follow a statement across rounds; ``reflection`` marks a 360° dilemma.
    """

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="items")
    theme = models.CharField(_("tema"), max_length=Landmark.MAX_THEME_LENGTH)
    text = models.CharField(_("udsagn"), max_length=LandmarkStatement.MAX_TEXT_LENGTH)
    order = models.PositiveSmallIntegerField(_("rækkefølge"))
    statement = models.ForeignKey(
        LandmarkStatement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reflection = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("spørgsmål")
        verbose_name_plural = _("spørgsmål")
        ordering = ["round", "order"]

    def __str__(self) -> str:
        return self.text


class RespondentGroup(models.TextChoices):
    """Who answered a 360° round; "" is everyone together (culture rounds, unsplit 360°)."""

    ALL = "", _("Alle")
    EMPLOYEES = "medarbejdere", _("Medarbejdere")
    COLLEAGUES = "lederkolleger", _("Lederkolleger")


class Eligibility(models.Model):
    """That ``user`` could answer ``round``: the eligible group, frozen when the round opened.

    Written once, in the transaction that opens the round and in user-id order, before anyone can
    answer; never changed afterwards. It says who *could* answer, not who did: no time, and no
    reference to participations or counters. ``group`` is the counters a split 360° round sends
    the person's answer to ("" when not split). It is what answering checks, and what the
    differencing check compares new rounds against (docs/decisions.md).
    """

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="eligibility")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=20, choices=RespondentGroup.choices, blank=True)

    class Meta:
        verbose_name = _("kan svare")
        verbose_name_plural = _("kan svare")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="eligibility_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}"


class Participation(models.Model):
    """That ``user`` has answered ``round``: it stops a second answer, and nothing more.

    No time, no group, no reference to what was answered. The rows are rewritten in the order
    of the user's id when the round closes, so not even their order tells who answered first.
    """

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("deltagelse")
        verbose_name_plural = _("deltagelser")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="participation_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}"


class RespondentTally(models.Model):
    """How many have answered a round, per respondent group: a counter, never a list."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="respondents")
    group = models.CharField(max_length=20, choices=RespondentGroup.choices, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "group"], name="respondent_tally_unique")
        ]

    def __str__(self) -> str:
        return f"{self.group or '*'}: {self.count}"


class AnswerTally(models.Model):
    """How many answered ``value`` (1–5) to ``item``, per respondent group.

    Every counter exists from the moment the round opens (at 0), so answering only updates
    rows and never inserts one whose position could betray the order of answers.
    """

    MIN_VALUE, MAX_VALUE = 1, 5

    item = models.ForeignKey(SurveyItem, on_delete=models.CASCADE, related_name="tallies")
    group = models.CharField(max_length=20, choices=RespondentGroup.choices, blank=True)
    value = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "group", "value"], name="answer_tally_unique"),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=5), name="answer_tally_value_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value}: {self.count}"


class SurveyComment(models.Model):
    """A comment given with an answer: a random key, no author, no time.

    Shown sorted by text, and rewritten in that order when the round closes.
    """

    MAX_TEXT_LENGTH = 2000

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(_("kommentar"), max_length=MAX_TEXT_LENGTH)

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        ordering = ["text"]

    def __str__(self) -> str:
        return self.text[:60]


class SelfAssessment(models.Model):
    """The leader's own rating of one item of their 360° round. Not anonymous: it is theirs."""

    leader = models.ForeignKey(User, on_delete=models.CASCADE, related_name="self_assessments")
    item = models.ForeignKey(SurveyItem, on_delete=models.CASCADE, related_name="self_assessments")
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["leader", "item"], name="self_assessment_once"),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=5), name="self_assessment_value_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return str(self.value)


class LeaderNote(models.Model):
    """The leader's private note on their own reflection; never shared."""

    MAX_TEXT_LENGTH = 4000

    leader = models.ForeignKey(User, on_delete=models.CASCADE, related_name="leader_notes")
    round = models.ForeignKey(
        SurveyRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("note"), max_length=MAX_TEXT_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lederens note")
        verbose_name_plural = _("lederens noter")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:60]


class ReflectionShare(models.Model):
    """The leader shares their 360° results (not their notes) with one colleague."""

    leader = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reflection_shares")
    shared_with = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delt lederrefleksion")
        verbose_name_plural = _("delte lederrefleksioner")
        constraints = [
            models.UniqueConstraint(fields=["leader", "shared_with"], name="reflection_share_once")
        ]

    def __str__(self) -> str:
        return f"{self.leader_id} → {self.shared_with_id}"
