"""Forms for the four steps of a trial action (PDSA): plan, do, study and act."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lovende.citizens.models import Course
from lovende.improvement.models import Trial
from lovende.versioning import VersionField


def course_label(course: Course) -> str:
    """As on a meeting's agenda: the citizen's name and the course's unit."""
    return f"{course.citizen.full_name} · {course.unit}"


class PlanForm(forms.Form):
    """Plan: what, who, where, when, in which courses, and the prediction. The service checks
    the rules again, the courses included."""

    title = forms.CharField(
        label=_("Hvad afprøver vi?"),
        max_length=Trial.MAX_TITLE_LENGTH,
        error_messages={"required": _("Skriv, hvad I afprøver.")},
        help_text=_("En kort titel på forandringen, fx «Måling ved hver session»."),
        widget=forms.TextInput(attrs={"class": "input-width-xl"}),
    )
    plan = forms.CharField(
        label=_("Plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvordan afprøvningen foregår, og hvilke data I indsamler."),
    )
    who = forms.CharField(
        label=_("Hvem gør hvad?"),
        max_length=Trial.MAX_SHORT_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"class": "input-width-xl"}),
    )
    where = forms.CharField(
        label=_("Hvor?"),
        max_length=Trial.MAX_SHORT_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"class": "input-width-xl"}),
    )
    start_date = forms.DateField(
        label=_("Fra"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Angiv, hvornår afprøvningen begynder."),
            "invalid": _("Skriv datoen som åååå-mm-dd."),
        },
    )
    end_date = forms.DateField(
        label=_("Til"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Angiv, hvornår afprøvningen slutter."),
            "invalid": _("Skriv datoen som åååå-mm-dd."),
        },
        help_text=_("Små afprøvninger over kort tid: fx en uge eller nogle få forløb."),
    )
    courses = forms.ModelMultipleChoiceField(
        label=_("Hvilke forløb?"),
        queryset=None,  # set per request: the courses in the user's reach
        required=False,
        help_text=_("Forløb i tiltagets indsats og enhed, som du har adgang til."),
        error_messages={
            "invalid_choice": _(
                "Forløbet kan ikke vælges: det findes ikke, du har ikke adgang til det, eller det "
                "hører ikke til forbedringstiltagets indsats og enhed."
            ),
        },
    )
    prediction = forms.CharField(
        label=_("Forudsigelse: Hvad forventer vi sker?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv jeres forudsigelse: Hvad forventer I sker?")},
    )

    def __init__(self, *args: object, courses: QuerySet[Course], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["courses"]
        field.queryset = courses.select_related("citizen", "unit").order_by(
            "citizen__last_name", "citizen__first_name", "pk"
        )
        field.label_from_instance = course_label


class PlanEditForm(PlanForm):
    """Changing the plan: carries the version shown, so a stale save is refused (REL-02)."""

    version = VersionField()


# The steps after the plan edit the same trial, so each carries its version too (REL-02).
class DoForm(forms.Form):
    version = VersionField()
    what_happened = forms.CharField(
        label=_("Hvad skete der?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Blev afprøvningen gennemført som planlagt? Hvad gik anderledes? "
            "Udfyld dette felt, observationerne eller begge."
        ),
    )
    observations = forms.CharField(
        label=_("Observationer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvad lagde I mærke til? Også det uventede."),
    )


class StudyForm(forms.Form):
    version = VersionField()
    study = forms.CharField(
        label=_("Hvad viser data holdt op mod forudsigelsen?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv, hvad data viser holdt op mod forudsigelsen.")},
    )


class ActForm(forms.Form):
    version = VersionField()
    decision = forms.ChoiceField(
        label=_("Beslutning"),
        choices=Trial.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vælg en beslutning: indfør, tilpas og afprøv igen, eller opgiv."),
            "invalid_choice": _("Vælg en beslutning: indfør, tilpas og afprøv igen, eller opgiv."),
        },
    )
    learning = forms.CharField(
        label=_("Hvad lærte vi?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skal udfyldes, hvis I opgiver: et opgivet forsøg er læring, ikke fiasko."),
    )
