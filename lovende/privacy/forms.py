"""Forms for the privacy pages: find a citizen, confirm an erasure, set a retention period."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lovende.citizens import cpr as cpr_numbers
from lovende.citizens.forms import CPR_MESSAGES
from lovende.privacy.models import RetentionRule


class FindCitizenForm(forms.Form):
    """An administrator's lookup for a rights request. A POST: the CPR number stays out of URLs."""

    cpr = forms.CharField(
        label=_("CPR-nummer"),
        max_length=11,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    pseudonym = forms.CharField(label=_("eller pseudonym"), max_length=12, required=False)

    def clean_cpr(self) -> str:
        value = self.cleaned_data["cpr"].strip()
        if not value:
            return ""
        try:
            return cpr_numbers.parse(value).number
        except cpr_numbers.InvalidCpr as error:
            raise forms.ValidationError(CPR_MESSAGES[error.code]) from None

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("cpr") and not data.get("pseudonym", "").strip() and not self.errors:
            raise forms.ValidationError(_("Skriv et CPR-nummer eller et pseudonym."))
        return data

    def criterion(self) -> str:
        """For the access log; the CPR number is masked by the log itself."""
        data = self.cleaned_data
        return f"cpr={data['cpr']}" if data["cpr"] else f"pseudonym={data['pseudonym'].strip()}"


class ConfirmErasureForm(forms.Form):
    """Erasure cannot be undone, so the administrator types the citizen's pseudonym."""

    pseudonym = forms.CharField(label=_("Skriv borgerens pseudonym for at bekræfte"), max_length=12)

    def __init__(self, *args: object, expected: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.expected = expected

    def clean_pseudonym(self) -> str:
        value = self.cleaned_data["pseudonym"].strip().upper()
        if value != self.expected.upper():
            raise forms.ValidationError(_("Pseudonymet passer ikke. Intet er slettet."))
        return value


class RetentionRuleForm(forms.Form):
    months = forms.IntegerField(
        label=_("Slet, når forløbet har været afsluttet i mere end (måneder)"),
        min_value=RetentionRule.MIN_MONTHS,
        max_value=RetentionRule.MAX_MONTHS,
    )
    note = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Fx journaliserings- eller arkivpligt, og beslutningen bag fristen."),
    )


class RestrictionForm(forms.Form):
    """Setting or lifting a restriction (art. 18) always says why; the reason is kept."""

    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=2000,
        error_messages={"required": _("Skriv en begrundelse.")},
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Fx «Borgeren bestrider oplysningernes rigtighed (art. 18, stk. 1, litra a)» eller "
            "«Borgeren er orienteret om ophævelsen (art. 18, stk. 3)»."
        ),
    )
