from django import forms
from django.utils.translation import gettext_lazy as _


class TotpCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Kode fra din app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Skriv de 6 cifre, som din app viser.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()
