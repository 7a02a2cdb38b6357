from django import forms
from django.utils.translation import gettext_lazy as _

from lovende.citizens.forms import DATE_FORMATS, DateInput
from lovende.organisation.models import User


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
