"""Forms for the learning culture. Choices are limited to the user's own organisation (and, for
leaders' forms, the units whose culture they lead); the services check the rules again."""

import datetime

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lovende.citizens.forms import DATE_FORMATS, DateInput
from lovende.culture.models import (
    Concern,
    Landmark,
    LandmarkStatement,
    LeaderNote,
    LearningPoint,
    Recognition,
    SurveyComment,
    SurveyItem,
    SurveyRound,
)
from lovende.improvement.models import Initiative
from lovende.interventions.models import Intervention
from lovende.organisation.models import Unit, User
from lovende.scaling.models import TargetUnit

WHOLE_ORGANISATION = _("Hele organisationen")


def _unit_field(label: str, help_text: str = "") -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=Unit.objects.none(),
        required=False,
        empty_label=WHOLE_ORGANISATION,
        help_text=help_text,
        error_messages={"invalid_choice": _("Vælg en enhed, som du har adgang til.")},
    )


def _limit_units(field: forms.Field, units: QuerySet[Unit], whole: bool) -> None:
    """Offer ``units``; «Hele organisationen» only when ``whole`` (otherwise a unit is required)."""
    field.queryset = units.order_by("path")
    field.required = not whole
    if not whole:
        field.empty_label = None


class LandmarkForm(forms.Form):
    theme = forms.CharField(
        label=_("Tema"),
        max_length=Landmark.MAX_THEME_LENGTH,
        error_messages={"required": _("Giv pejlemærket et tema, fx «Effektivt teamsamarbejde».")},
        widget=forms.TextInput(attrs={"class": "input-width-xl"}),
    )
    intent = forms.ChoiceField(
        label=_("Ændre eller fastholde?"),
        choices=[("", _("Ikke valgt")), *Landmark.Intent.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    intent_note = forms.CharField(
        label=_("Hvad vil I ændre eller fastholde?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Fx undgå for hurtig forkastelse af nye idéer, eller fasthold deling af eksempler "
            "på god praksis."
        ),
    )


class NewLandmarkForm(LandmarkForm):
    unit = _unit_field(_("Gælder for"))
    field_order = ["unit", "theme", "intent", "intent_note"]

    def __init__(self, *args: object, units: QuerySet[Unit], whole: bool, **kwargs: object):
        super().__init__(*args, **kwargs)
        _limit_units(self.fields["unit"], units, whole)


class ExamplesForm(forms.Form):
    unit = _unit_field(_("Gælder for"))

    def __init__(self, *args: object, units: QuerySet[Unit], whole: bool, **kwargs: object):
        super().__init__(*args, **kwargs)
        _limit_units(self.fields["unit"], units, whole)


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Udsagn"),
        max_length=LandmarkStatement.MAX_TEXT_LENGTH,
        error_messages={"required": _("Skriv udsagnet.")},
        widget=forms.TextInput(attrs={"class": "input-width-xl"}),
    )


class LearningPointForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Hvor kommer læringen fra?"),
        choices=LearningPoint.Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, hvor læringen kommer fra.")},
    )
    what_happened = forms.CharField(
        label=_("Hvad skete der?"),
        max_length=LearningPoint.MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beskriv kort, hvad der skete.")},
    )
    learned = forms.CharField(
        label=_("Hvad lærte vi?"),
        max_length=LearningPoint.MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv, hvad I lærte. Det er læringen, vi deler.")},
        help_text=_(
            "Læring, ikke fejlfinding: skriv, hvad I tager med jer, ikke hvis skyld det var."
        ),
    )
    do_now = forms.CharField(
        label=_("Hvad gør vi nu?"),
        max_length=LearningPoint.MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    unit = _unit_field(_("Enhed"))
    intervention = forms.ModelChoiceField(
        label=_("Indsats"),
        queryset=Intervention.objects.none(),
        required=False,
        empty_label=_("Ingen bestemt indsats"),
    )
    for_staff_meeting = forms.BooleanField(
        label=_("Sæt punktet på næste personalemøde"), required=False, initial=True
    )

    def __init__(self, *args: object, organisation_id: int | None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(organisation_id=organisation_id)
        _limit_units(self.fields["unit"], units, whole=True)
        self.fields["intervention"].queryset = Intervention.objects.filter(
            organisation_id=organisation_id
        ).order_by("name")


class RecognitionForm(forms.Form):
    behaviour = forms.ChoiceField(
        label=_("Hvad så du?"),
        choices=Recognition.Behaviour.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, hvilken spirende læringskultur du så.")},
    )
    description = forms.CharField(
        label=_("Beskriv kort, hvad der skete"),
        max_length=Recognition.MAX_DESCRIPTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beskriv kort, hvad du så.")},
    )
    recognised_on = forms.DateField(
        label=_("Dato"),
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        initial=timezone.localdate,
        error_messages={"invalid": _("Skriv datoen som åååå-mm-dd.")},
    )
    recognised = forms.CharField(
        label=_("Hvem eller hvilket team?"),
        max_length=Recognition.MAX_RECOGNISED_LENGTH,
        required=False,
        help_text=_(
            "Valgfrit. Anerkendelser tælles pr. adfærd, aldrig pr. person: her er ingen rangliste."
        ),
    )
    unit = _unit_field(_("Enhed"))

    def __init__(self, *args: object, units: QuerySet[Unit], whole: bool, **kwargs: object):
        super().__init__(*args, **kwargs)
        _limit_units(self.fields["unit"], units, whole)


class ConcernForm(forms.Form):
    description = forms.CharField(
        label=_("Hvad er du bekymret for?"),
        max_length=Concern.MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Beskriv din bekymring.")},
    )
    background = forms.CharField(
        label=_("Hvad ligger bag bekymringen?"),
        max_length=Concern.MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Fx tid til dokumentation frem for tid med borgeren, eller usikkerhed om nyt."),
    )
    unit = _unit_field(
        _("Hvilken enhed handler det om?"),
        _("Lederne over enheden ser bekymringen og svarer på den."),
    )
    initiative = forms.ModelChoiceField(
        label=_("Hvilken forandring handler det om?"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("Ingen bestemt forbedringstiltag"),
    )
    scaling_target = forms.ModelChoiceField(
        label=_("Hvilket skridt i en skalering handler det om?"),
        queryset=TargetUnit.objects.none(),
        required=False,
        empty_label=_("Ingen bestemt skalering"),
    )
    anonymous = forms.BooleanField(label=_("Send bekymringen anonymt"), required=False)

    def __init__(
        self,
        *args: object,
        organisation_id: int | None,
        initiatives: QuerySet[Initiative],
        scaling_targets: QuerySet[TargetUnit] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(organisation_id=organisation_id)
        _limit_units(self.fields["unit"], units, whole=True)
        self.fields["initiative"].queryset = initiatives.select_related("intervention")
        if scaling_targets is None:
            del self.fields["scaling_target"]
        else:
            field = self.fields["scaling_target"]
            field.queryset = scaling_targets.select_related("unit", "plan")
            field.label_from_instance = lambda target: f"{target.plan} · {target.unit}"


class ConcernResponseForm(forms.Form):
    background = forms.CharField(
        label=_("Hvad ligger bag bekymringen?"),
        max_length=Concern.MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    response = forms.CharField(
        label=_("Jeres svar"),
        max_length=Concern.MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    suggested_role = forms.ChoiceField(
        label=_("Rolle efter læringsstil"),
        choices=[("", _("Ingen")), *Concern.LearningStyle.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Nogle lærer bedst ud fra teori, andre i fællesskab, og nogle har brug for praktiske "
            "demonstrationer. En rolle, der passer til læringsstilen, kan mindske bekymringen."
        ),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Concern.Status.choices)


# Culture surveys and leaders' 360° feedback --------------------------------------------------

SCALE = [
    ("1", _("1 – helt uenig")),
    ("2", _("2")),
    ("3", _("3")),
    ("4", _("4")),
    ("5", _("5 – helt enig")),
]
SCALE_MESSAGES = {
    "required": _("Vælg et tal fra 1 til 5."),
    "invalid_choice": _("Vælg et tal fra 1 til 5."),
}


def _closes_on_field() -> forms.DateField:
    return forms.DateField(
        label=_("Lukker"),
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        help_text=_("Svarene vises først, når runden er lukket."),
        error_messages={"invalid": _("Skriv datoen som åååå-mm-dd.")},
    )


class _RoundForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=SurveyRound.MAX_TITLE_LENGTH,
        error_messages={"required": _("Giv runden en titel.")},
        widget=forms.TextInput(attrs={"class": "input-width-xl"}),
    )
    closes_on = _closes_on_field()

    def clean_closes_on(self) -> datetime.date:
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < timezone.localdate():
            raise forms.ValidationError(_("Lukkedatoen ligger i fortiden."))
        return closes_on


class SurveyRoundForm(_RoundForm):
    unit = forms.ModelChoiceField(
        label=_("Enhed"),
        queryset=Unit.objects.none(),
        empty_label=None,
        help_text=_("Alle med en rolle i enheden og enhederne under den kan svare."),
        error_messages={"invalid_choice": _("Vælg en enhed, du leder kulturen i.")},
    )
    field_order = ["unit", "title", "closes_on"]

    def __init__(self, *args: object, units: QuerySet[Unit], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")


class FeedbackRoundForm(_RoundForm):
    unit = forms.ModelChoiceField(
        label=_("Medarbejdere i"),
        queryset=Unit.objects.none(),
        empty_label=None,
        help_text=_("Alle med en rolle i enheden og enhederne under den kan give feedback."),
        error_messages={"invalid_choice": _("Vælg en enhed, du er leder for.")},
    )
    invitees = forms.ModelMultipleChoiceField(
        label=_("Lederkolleger, der inviteres"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Du kan kun invitere ledere i din organisation.")},
    )
    field_order = ["unit", "invitees", "title", "closes_on"]

    def __init__(
        self, *args: object, units: QuerySet[Unit], leaders: QuerySet[User], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["invitees"].queryset = leaders.order_by("first_name", "last_name")


class AnswerForm(forms.Form):
    """One 1–5 choice per item (``item_<id>``), and for a survey an optional comment."""

    def __init__(
        self, *args: object, items: list[SurveyItem], comment: bool = True, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=item.text,
                choices=SCALE,
                widget=forms.RadioSelect,
                error_messages=SCALE_MESSAGES,
            )
        if comment:
            self.fields["comment"] = forms.CharField(
                label=_("Kommentar"),
                max_length=SurveyComment.MAX_TEXT_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_(
                    "Vises uden navn, og kun hvis mindst så mange har svaret, at ingen kan "
                    "genkendes. Skriv ikke noget, der afslører, hvem du er."
                ),
            )

    def themes(self) -> list[tuple[str, list[forms.BoundField]]]:
        grouped: dict[str, list[forms.BoundField]] = {}
        for item in self.items:
            grouped.setdefault(item.theme, []).append(self[f"item_{item.pk}"])
        return list(grouped.items())

    def answers(self) -> dict[int, int]:
        return {item.pk: int(self.cleaned_data[f"item_{item.pk}"]) for item in self.items}


class LeaderNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Ny note"),
        max_length=LeaderNote.MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv noten.")},
        help_text=_("Kun du kan se dine noter, også hvis du deler dine resultater."),
    )


class ShareForm(forms.Form):
    colleague = forms.ModelChoiceField(
        label=_("Del mine resultater med"),
        queryset=User.objects.none(),
        error_messages={"invalid_choice": _("Vælg en kollega i din organisation.")},
    )

    def __init__(self, *args: object, colleagues: QuerySet[User], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["colleague"].queryset = colleagues
