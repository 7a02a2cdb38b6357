from django import forms
from django.utils.translation import gettext_lazy as _

from lovende.audit.models import SpotCheck, SpotCheckItem
from lovende.citizens.forms import DATE_FORMATS, DateInput
from lovende.organisation.models import Unit, User


class AccessLogFilterForm(forms.Form):
    citizen = forms.CharField(label=_("Borger (pseudonym)"), required=False, max_length=12)
    user = forms.ModelChoiceField(
        label=_("Bruger"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Alle brugere"),
    )
    date_from = forms.DateField(
        label=_("Fra dato"), required=False, widget=DateInput(), input_formats=DATE_FORMATS
    )
    date_to = forms.DateField(
        label=_("Til dato"), required=False, widget=DateInput(), input_formats=DATE_FORMATS
    )

    def __init__(self, *args: object, organisation_id: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(organisation_id=organisation_id)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("Til-datoen kan ikke ligge før fra-datoen."))
        return data

    def criterion(self) -> str:
        data = self.cleaned_data if self.is_valid() else {}
        return " ".join(f"{k}={v}" for k, v in data.items() if v)


class SpotCheckForm(forms.Form):
    """Which unit's staff to sample, and how many entries (stikprøvekontrol)."""

    unit = forms.ModelChoiceField(label=_("Enhed"), queryset=Unit.objects.none())
    size = forms.IntegerField(
        label=_("Antal poster"), min_value=1, max_value=SpotCheck.MAX_SAMPLE, initial=10
    )

    def __init__(self, *args: object, organisation_id: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation_id=organisation_id)


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(
        choices=[
            (SpotCheckItem.Verdict.OK, SpotCheckItem.Verdict.OK.label),
            (SpotCheckItem.Verdict.INVESTIGATE, SpotCheckItem.Verdict.INVESTIGATE.label),
        ]
    )
