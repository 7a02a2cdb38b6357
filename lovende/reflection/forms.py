"""Forms for forums, meeting planning, attendance, minutes, follow-ups and development points."""

import datetime

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lovende.interventions.models import Intervention
from lovende.organisation.models import Organisation, Unit, User
from lovende.reflection import defaults, schedule
from lovende.reflection.models import (
    DevelopmentPoint,
    Level,
    Meeting,
    MeetingForum,
    MeetingItem,
    ParticipantRole,
)
from lovende.versioning import VersionField

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M", "%d.%m.%Y %H:%M"]
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _staff(organisation_id: int | None) -> QuerySet[User]:
    return User.objects.filter(organisation_id=organisation_id, is_active=True)


class ForumForm(forms.Form):
    level = forms.ChoiceField(label=_("Niveau"), choices=Level.choices)
    name = forms.CharField(
        label=_("Navn"), max_length=200, widget=forms.TextInput(attrs={"class": "input-width-xl"})
    )
    intervention = forms.ModelChoiceField(
        label=_("Indsats"),
        queryset=Intervention.objects.none(),
        required=False,
        help_text=_("Påkrævet på borger- og indsatsniveau."),
    )
    unit = forms.ModelChoiceField(
        label=_("Enhed"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Hvis mødeforummet kun gælder én enhed, fx et team."),
    )
    purpose = forms.CharField(
        label=_("Mødeformål"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    meeting_form = forms.CharField(
        label=_("Mødeform"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "input-width-xl"}),
    )
    frequency_weeks = forms.IntegerField(
        label=_("Hyppighed: uger mellem møderne"),
        min_value=1,
        max_value=MeetingForum.MAX_FREQUENCY_WEEKS,
        help_text=_("Fx 2 = hver anden uge, 13 = kvartalsvis, 26 = halvårligt."),
        error_messages={"min_value": _("Hyppigheden skal være mindst én uge mellem møderne.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    duration_minutes = forms.IntegerField(
        label=_("Varighed i minutter"),
        min_value=1,
        max_value=MeetingForum.MAX_DURATION_MINUTES,
        error_messages={"min_value": _("Et møde skal vare mindst ét minut.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    participant_roles = forms.MultipleChoiceField(
        label=_("Deltagerkreds"),
        choices=ParticipantRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Navngivne deltagere"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Dem, der er planlagt til at deltage; fremmødet holdes op mod dem."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    content_template = forms.CharField(
        label=_("Mødeindhold (dagsorden)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Ét punkt pr. linje. Nye møder får dagsordenen herfra."),
    )
    relevant_data = forms.CharField(
        label=_("Relevante data"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Hvilke data bringes i spil på møderne?"),
    )

    def __init__(self, *args: object, organisation: Organisation, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = Intervention.objects.filter(
            organisation=organisation
        )
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation)
        self.fields["participants"].queryset = _staff(organisation.pk)


def forum_initial(level: str, intervention: Intervention | None) -> dict:
    """The handbook's suggestion for ``level`` as form data, translated to the user's language."""
    suggestion = defaults.defaults_for(level)
    return {
        "level": level,
        "intervention": intervention,
        "name": gettext(suggestion.name),
        "purpose": gettext(suggestion.purpose),
        "meeting_form": gettext(suggestion.meeting_form),
        "frequency_weeks": suggestion.frequency_weeks,
        "duration_minutes": suggestion.duration_minutes,
        "participant_roles": list(suggestion.participant_roles),
        "content_template": "\n".join(gettext(line) for line in suggestion.agenda),
        "relevant_data": gettext(suggestion.relevant_data),
    }


class ScheduleForm(forms.Form):
    first_starts_at = forms.DateTimeField(
        label=_("Første møde"), input_formats=DATETIME_FORMATS, widget=DateTimeInput()
    )
    count = forms.IntegerField(
        label=_("Antal møder"),
        min_value=1,
        max_value=schedule.MAX_MEETINGS_AT_ONCE,
        initial=4,
        help_text=_("Møderne planlægges med mødeforummets hyppighed."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class MeetingStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Meeting.Status.choices)


class AttendanceForm(forms.Form):
    prefix = "fremmoede"
    present = forms.ModelMultipleChoiceField(
        label=_("Til stede"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = forms.ModelMultipleChoiceField(
        label=_("Andre deltagere"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def __init__(
        self, *args: object, planned: list[User], organisation_id: int, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.planned = planned
        self.fields["present"].queryset = User.objects.filter(pk__in=[u.pk for u in planned])
        self.fields["guests"].queryset = _staff(organisation_id).exclude(
            pk__in=[u.pk for u in planned]
        )


class MeetingItemForm(forms.Form):
    prefix = "referat"
    kind = forms.ChoiceField(label=_("Type"), choices=MeetingItem.Kind.choices)
    minutes = forms.IntegerField(
        label=_("Minutter"),
        min_value=0,
        max_value=MeetingItem.MAX_MINUTES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    text = forms.CharField(label=_("Referat"), widget=forms.Textarea(attrs={"rows": 3}))


class FollowUpForm(forms.Form):
    prefix = "opfoelgning"
    text = forms.CharField(label=_("Opfølgning"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label=_("Ansvarlig"), queryset=User.objects.none())
    due_date = forms.DateField(
        label=_("Frist"), required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )

    def __init__(self, *args: object, organisation_id: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff(organisation_id)


class DevelopmentPointForm(forms.Form):
    prefix = "udviklingspunkt"
    title = forms.CharField(label=_("Udviklingspunkt"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivelse"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Hvad vil I forbedre, og hvad i data fik jer til at se det?"),
    )
    intervention = forms.ModelChoiceField(label=_("Indsats"), queryset=Intervention.objects.none())

    def __init__(self, *args: object, meeting: Meeting | None = None, **kwargs: object) -> None:
        """Without a meeting the point is entered directly for an intervention given by the page."""
        super().__init__(*args, **kwargs)
        if meeting is None or meeting.forum.intervention_id:
            del self.fields["intervention"]
        else:
            self.fields["intervention"].queryset = Intervention.objects.filter(
                organisation_id=meeting.forum.organisation_id
            )


class DevelopmentPointStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DevelopmentPoint.Status.choices)
    version = VersionField()  # the version the list showed: a stale change is refused (REL-02)


def default_first_start(forum: MeetingForum, latest: Meeting | None) -> datetime.datetime:
    """Where the schedule form starts: one period after the latest meeting, in the future."""
    previous = timezone.localtime(latest.starts_at) if latest else None
    return schedule.next_start(previous, forum.frequency_weeks, now=timezone.localtime())


class AgendaCourseForm(forms.Form):
    """A course for a citizen-level meeting's agenda, chosen among the courses in reach."""

    course = forms.ModelChoiceField(
        label=_("Forløb"),
        queryset=None,  # set per request: the courses in the user's reach
        empty_label=_("Vælg et forløb"),
        error_messages={
            "required": _("Vælg et forløb."),
            "invalid_choice": _(
                "Forløbet kan ikke vælges: det findes ikke, du har ikke adgang til det, eller det "
                "hører ikke til mødeforummets indsats, enhed og dagsorden."
            ),
        },
    )

    def __init__(self, *args: object, courses: QuerySet, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["course"]
        field.queryset = courses.select_related("citizen", "unit").order_by(
            "citizen__last_name", "citizen__first_name", "pk"
        )
        field.label_from_instance = lambda course: f"{course.citizen.full_name} · {course.unit}"
