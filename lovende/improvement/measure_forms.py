"""Forms for an initiative's measures and their hand-entered values; the services check again."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lovende.improvement import measures
from lovende.improvement.models import Initiative, Measure, MeasureValue
from lovende.instruments.models import Instrument

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class DecimalCommaField(forms.FloatField):
    """A number typed the Danish way (12,5) or with a point."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "class": "input-width-s"})

    def to_python(self, value: object) -> float | None:
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class PhaseDatesField(forms.CharField):
    """Dates separated by commas, spaces or lines, each dd-mm-yyyy or yyyy-mm-dd."""

    def to_python(self, value: object) -> list[datetime.date]:
        text = super().to_python(value)
        days, errors = [], []
        for part in text.replace(",", " ").replace(";", " ").split():
            try:
                days.append(measures.parse_date(part))
            except ValueError as error:
                errors.append(str(error))
        if errors:
            raise ValidationError(errors)
        return sorted(set(days))

    def prepare_value(self, value: object) -> object:
        if isinstance(value, list):
            return ", ".join(
                datetime.date.fromisoformat(str(day)).strftime("%d-%m-%Y") for day in value
            )
        return value


class MeasureForm(forms.Form):
    name = forms.CharField(
        label=_("Navn"),
        max_length=Measure.MAX_NAME_LENGTH,
        error_messages={"required": _("Giv målingen et navn.")},
        widget=forms.TextInput(attrs={"class": "input-width-xl"}),
    )
    kind = forms.ChoiceField(label=_("Type mål"), choices=Measure.Kind.choices)
    definition = forms.CharField(
        label=_("Operationel definition"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvad tæller I, hvordan og hvornår – så alle måler på samme måde."),
    )
    source = forms.ChoiceField(
        label=_("Datakilde"),
        choices=Measure.Source.choices,
        help_text=_(
            "Beregnede målinger opdateres automatisk fra Lovendes data pr. måned for "
            "indsatsen (og tiltagets enhed)."
        ),
    )
    instrument = forms.ModelChoiceField(
        label=_("Måleredskab"),
        queryset=Instrument.objects.none(),
        required=False,
        help_text=_("Kun for beregnede målinger."),
    )
    chart_type = forms.ChoiceField(
        label=_("Diagram"),
        choices=Measure.ChartType.choices,
        help_text=_(
            "Seriediagrammet passer altid. P-kort til andele, U-kort til rater, I-kort til "
            "målinger."
        ),
    )
    direction = forms.ChoiceField(
        label=_("Forbedring er"),
        choices=[("", _("Ikke angivet")), *Measure.Direction.choices],
        required=False,
    )
    multiply = DecimalCommaField(
        label=_("Gang med"),
        initial=1,
        help_text=_("Fx 100 for at vise andele som procent."),
    )
    baseline_end = forms.DateField(
        label=_("Basislinje fastfrosset til og med"),
        required=False,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        help_text=_("Senere punkter bedømmes mod basislinjens midterlinje og grænser."),
    )
    phase_starts = PhaseDatesField(
        label=_("Nye faser fra"),
        required=False,
        widget=forms.TextInput(attrs={"class": "input-width-xl"}),
        help_text=_(
            "Datoer adskilt af komma, fx 01-03-2026, 01-09-2026. Hver fase får sin egen "
            "midterlinje, fx når en forandring er indført."
        ),
    )

    def __init__(self, *args: object, initiative: Initiative, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = Instrument.objects.filter(
            interventions=initiative.intervention_id
        ).order_by("name")


class ValueForm(forms.Form):
    """One value: the common case, e.g. this month's count."""

    period = forms.DateField(
        label=_("Dato"),
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={
            "required": _("Angiv datoen."),
            "invalid": _("Skriv datoen som dd-mm-åååå."),
        },
    )
    value = DecimalCommaField(
        label=_("Værdi (tæller)"), error_messages={"required": _("Angiv værdien.")}
    )
    denominator = DecimalCommaField(
        label=_("Nævner"),
        required=False,
        help_text=_("Kun for andele og rater (P- og U-kort)."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=MeasureValue._meta.get_field("note").max_length,
    )


class PasteValuesForm(forms.Form):
    """Many values at once, pasted from a spreadsheet or typed one a line."""

    text = forms.CharField(
        label=_("Værdier, én pr. linje"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        error_messages={"required": _("Indsæt mindst én linje med dato og værdi.")},
        help_text=_(
            "dato;værdi eller dato;tæller;nævner, fx 31-01-2026;12 eller 31-01-2026;12;40. "
            "Kommatal er i orden. En dato, der allerede har en værdi, får den nye."
        ),
    )

    def clean_text(self) -> list[measures.ValueRow]:
        return measures.parse_values(self.cleaned_data["text"])
