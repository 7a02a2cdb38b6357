"""Data-informed reflection at three levels: meeting forums, meetings, minutes and follow-ups.

None of these hold citizen data: minutes are about practice, and a course is discussed on its own
page. A citizen-level meeting points at the courses on its agenda (ids only), and a data pack keeps
what was shown. Development points (udviklingspunkter) live here until the improvement app builds on them.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lovende.citizens.models import Course
from lovende.interventions.models import Intervention
from lovende.organisation.models import Organisation, Unit
from lovende.reflection import defaults
from lovende.versioning import version_field


class Level(models.TextChoices):
    """The three levels of data-informed reflection (borger-, indsats- og organisatorisk niveau)."""

    CITIZEN = defaults.CITIZEN, _("Borgerniveau")
    INTERVENTION = defaults.INTERVENTION, _("Indsatsniveau")
    ORGANISATION = defaults.ORGANISATION, _("Organisatorisk niveau")


class ParticipantRole(models.TextChoices):
    """Planned participants named by role (deltagerkreds), beside the named people."""

    COURSE_STAFF = defaults.COURSE_STAFF, _("Alle medarbejdere, der er involveret i forløbet")
    FRONTLINE_STAFF = defaults.FRONTLINE_STAFF, _("Medarbejdere i indsatsen (udførende)")
    PROFESSIONAL_LEADERS = defaults.PROFESSIONAL_LEADERS, _("Faglige ledere")
    INTERVENTION_LEADERS = defaults.INTERVENTION_LEADERS, _("Ledere i indsatsen")
    ORGANISATION_LEADERS = defaults.ORGANISATION_LEADERS, _("Relevante ledere i organisationen")
    CONSULTANTS = defaults.CONSULTANTS, _("Udviklingskonsulenter")
    KEY_PERSONS = defaults.KEY_PERSONS, _("Nøglepersoner")
    CITIZEN = defaults.CITIZEN_PARTICIPANT, _("Borgeren (evt.)")


class MeetingForum(models.Model):
    """A meeting forum (mødeforum) for data-informed reflection at one level."""

    MAX_FREQUENCY_WEEKS = 104
    MAX_DURATION_MINUTES = 8 * 60

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="meeting_forums"
    )
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_forums",
        verbose_name=_("indsats"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_forums",
        verbose_name=_("enhed"),
    )
    name = models.CharField(_("navn"), max_length=200)
    purpose = models.TextField(_("mødeformål"), blank=True)
    meeting_form = models.CharField(_("mødeform"), max_length=300, blank=True)
    frequency_weeks = models.PositiveSmallIntegerField(_("hyppighed (uger mellem møderne)"))
    duration_minutes = models.PositiveSmallIntegerField(_("varighed (minutter)"))
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="meeting_forums",
        blank=True,
        verbose_name=_("deltagere"),
    )
    participant_roles = models.JSONField(_("deltagerkreds"), default=list, blank=True)
    content_template = models.TextField(
        _("mødeindhold (dagsorden)"), blank=True, help_text=_("Ét dagsordenspunkt pr. linje.")
    )
    relevant_data = models.TextField(_("relevante data"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mødeforum")
        verbose_name_plural = _("mødefora")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(frequency_weeks__gt=0, duration_minutes__gt=0),
                name="meeting_forum_positive_rhythm",
            ),
            models.CheckConstraint(
                condition=models.Q(level="organisation") | models.Q(intervention__isnull=False),
                name="meeting_forum_intervention_below_organisation_level",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def duration(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.duration_minutes)

    def agenda_lines(self) -> list[str]:
        return [line.strip() for line in self.content_template.splitlines() if line.strip()]

    def role_labels(self) -> list[str]:
        labels = dict(ParticipantRole.choices)
        return [str(labels[code]) for code in self.participant_roles if code in labels]


class Meeting(models.Model):
    """One meeting (møde) of a forum, with the agenda copied from the forum when it was planned."""

    class Status(models.TextChoices):
        PLANNED = "planlagt", _("Planlagt")
        HELD = "afholdt", _("Afholdt")
        CANCELLED = "aflyst", _("Aflyst")

    forum = models.ForeignKey(MeetingForum, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starttidspunkt"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    agenda = models.JSONField(_("dagsorden"), default=list, blank=True)
    # citizen level: the courses the meeting discusses; read only through courses_visible_to
    agenda_courses = models.ManyToManyField(
        Course, related_name="+", blank=True, verbose_name=_("forløb på dagsordenen")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["forum", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.forum} {self.starts_at:%Y-%m-%d}"

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + self.forum.duration


class Attendance(models.Model):
    """Whether one person took part in a meeting (fremmøde)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("til stede"), default=True)

    class Meta:
        verbose_name = _("fremmøde")
        verbose_name_plural = _("fremmøde")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="attendance_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.meeting_id}"


class MeetingItem(models.Model):
    """One line of the minutes (referat): what the time went to, and what was said or decided."""

    class Kind(models.TextChoices):
        REFLECTION = "refleksion", _("Refleksion over data")
        DECISION = "beslutning", _("Beslutning")
        COORDINATION = "koordinering", _("Koordinering")
        PLANNING = "planlaegning", _("Planlægning")
        INFORMATION = "information", _("Information")
        OTHER = "andet", _("Andet")

    MAX_MINUTES = 8 * 60

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    minutes = models.PositiveSmallIntegerField(_("minutter"))
    text = models.TextField(_("referat"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("referatpunkt")
        verbose_name_plural = _("referatpunkter")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.minutes} min.)"


class FollowUp(models.Model):
    """An agreed follow-up (opfølgningspunkt); open ones are carried to the forum's next meetings."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="follow_ups")
    text = models.TextField(_("opfølgning"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("ansvarlig"),
    )
    due_date = models.DateField(_("frist"), null=True, blank=True)
    done = models.BooleanField(_("udført"), default=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_in = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="completed"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opfølgningspunkt")
        verbose_name_plural = _("opfølgningspunkter")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class DevelopmentPoint(models.Model):
    """Something in the intervention we want to improve (udviklingspunkt), often from a meeting."""

    class Status(models.TextChoices):
        OPEN = "aaben", _("Åben")
        IN_PROGRESS = "i_gang", _("I gang")
        CLOSED = "lukket", _("Lukket")

    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.PROTECT,
        related_name="development_points",
        verbose_name=_("indsats"),
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="development_points",
        verbose_name=_("møde"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking: edit forms send it back, stale saves are refused (REL-02)
    version = version_field()

    class Meta:
        verbose_name = _("udviklingspunkt")
        verbose_name_plural = _("udviklingspunkter")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class DataPack(models.Model):
    """The data shown at a meeting (datapakke), frozen when it was made.

    ``content`` is plain JSON (strings and numbers), never references to live rows, so what was
    shown stays reproducible when the data change. Above citizen level the figures are stored
    already suppressed; a citizen-level pack holds citizen data and every use of it is logged.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="data_packs")
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    content = models.JSONField(_("indhold"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("datapakke")
        verbose_name_plural = _("datapakker")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.created_at:%Y-%m-%d %H:%M}"
