"""Measurement forms built from an instrument version's definition."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lovende.citizens.forms import DATE_FORMATS, DateInput
from lovende.instruments.models import Instrument, InstrumentVersion
from lovende.instruments.scoring import Item


def item_field(item: Item, *, slider: bool = False) -> forms.FloatField:
    attrs = {"min": item.min, "max": item.max, "step": item.step, "inputmode": "decimal"}
    widget = forms.NumberInput(attrs=attrs)
    if slider:
        widget = forms.NumberInput(attrs={**attrs, "type": "range", "class": "lovende-vas"})
    help_text = (
        f"{item.min:g} = {item.anchors[0]}, {item.max:g} = {item.anchors[1]}"
        if item.anchors
        else ""
    )
    field = forms.FloatField(
        label=item.label, widget=widget, help_text=help_text, required=True, localize=True
    )
    field.anchors = item.anchors  # the self-report page writes them at each end of the line
    return field


class MeasurementForm(forms.Form):
    """The date and one field per item of the instrument's current version."""

    measured_on = forms.DateField(label=_("Dato"), widget=DateInput(), input_formats=DATE_FORMATS)

    def __init__(
        self, *args: object, version: InstrumentVersion, slider: bool = False, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["measured_on"].initial = timezone.localdate()
        for item in version.items:
            self.fields[f"item_{item.key}"] = item_field(item, slider=slider)
        if version.items and not slider:
            # Staff type the answers in a session: start in the first item, not the date.
            self.fields[f"item_{version.items[0].key}"].widget.attrs["autofocus"] = True

    def item_fields(self) -> list[forms.BoundField]:
        return [self[f"item_{item.key}"] for item in self.version.items]

    def answers(self) -> dict[str, float]:
        return {item.key: self.cleaned_data.get(f"item_{item.key}") for item in self.version.items}

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for key, messages in errors.items():
            field = key if key in self.fields else f"item_{key}"
            self.add_error(field if field in self.fields else None, messages)


class SelfReportForm(MeasurementForm):
    """The same items as sliders; the date is today and not shown."""

    def __init__(self, *args: object, version: InstrumentVersion, **kwargs: object) -> None:
        super().__init__(*args, version=version, slider=True, **kwargs)
        del self.fields["measured_on"]

    def clean(self) -> dict:
        data = super().clean()
        data["measured_on"] = timezone.localdate()
        return data


class InstrumentChoiceForm(forms.Form):
    instrument = forms.ModelChoiceField(
        label=_("Måleredskab"), queryset=Instrument.objects.none(), empty_label=None
    )

    def __init__(self, *args: object, instruments, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = instruments


class UnlockForm(forms.Form):
    password = forms.CharField(
        label=_("Medarbejderens adgangskode"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


GAS_CHOICES = [
    (-2, _("−2 Meget mindre end forventet")),
    (-1, _("−1 Mindre end forventet")),
    (0, _("0 Som forventet")),
    (1, _("+1 Mere end forventet")),
    (2, _("+2 Meget mere end forventet")),
]


class GoalAttainmentForm(forms.Form):
    """Goal Attainment Scaling: one level per goal of the course."""

    measured_on = forms.DateField(label=_("Dato"), widget=DateInput(), input_formats=DATE_FORMATS)

    def __init__(self, *args: object, goals: list, **kwargs: object) -> None:  # list[Goal]
        super().__init__(*args, **kwargs)
        self.goals = goals
        self.fields["measured_on"].initial = timezone.localdate()
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = forms.TypedChoiceField(
                label=goal.title,
                choices=GAS_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=goal.expected,
            )

    def item_fields(self) -> list[forms.BoundField]:
        return [self[f"goal_{goal.pk}"] for goal in self.goals]

    def answers(self) -> dict[str, int]:
        return {f"goal_{goal.pk}": self.cleaned_data.get(f"goal_{goal.pk}") for goal in self.goals}

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for key, messages in errors.items():
            self.add_error(key if key in self.fields else None, messages)
