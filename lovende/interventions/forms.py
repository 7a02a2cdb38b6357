import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lovende.interventions import economy, target_groups
from lovende.interventions.models import Intervention, InterventionCost
from lovende.organisation.models import Organisation, ProfessionalGroup, Unit

TARGET_GROUP_LIST = "target-group-suggestions"  # the <datalist> id on the intervention form
AMOUNT = re.compile(r"\d{1,3}(?:[. ]\d{3})+|\d+")  # 1250000, 1.250.000 or 1 250 000


class InterventionForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    target_group = forms.CharField(
        label=_("Målgruppe"),
        max_length=300,
        help_text=_(
            "Vælg en af organisationens målgrupper, hvis indsatsen er for den samme, så kan "
            "indsatserne sammenlignes i overblikket."
        ),
        widget=forms.TextInput(
            attrs={"list": TARGET_GROUP_LIST, "autocomplete": "off", "class": "input-width-xl"}
        ),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Intervention.Status.choices)
    units = forms.ModelMultipleChoiceField(
        label=_("Ansvarlige enheder"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    professional_groups = forms.ModelMultipleChoiceField(
        label=_("Faggrupper, der leverer indsatsen"),
        queryset=ProfessionalGroup.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    description = forms.CharField(
        label=_("Beskrivelse"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    goals = forms.CharField(
        label=_("Mål"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    core_elements = forms.CharField(
        label=_("Kerneelementer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Det, der skal fastholdes, når indsatsen skaleres. Ét element pr. linje."),
    )

    def __init__(self, *args: object, organisation: Organisation, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.filter(organisation=organisation)
        self.fields["professional_groups"].queryset = ProfessionalGroup.objects.filter(
            organisation=organisation
        )
        written = Intervention.objects.filter(organisation=organisation).order_by("pk")
        spellings = target_groups.first_spellings(written.values_list("target_group", flat=True))
        self.target_group_suggestions = sorted(spellings.values(), key=str.casefold)


class InterventionCostForm(forms.Form):
    """One year's expenses, in whole kroner."""

    year = forms.IntegerField(
        label=_("År"), widget=forms.NumberInput(attrs={"class": "input-width-xs"})
    )
    amount = forms.CharField(
        label=_("Udgifter i kr."),
        max_length=20,
        help_text=_("Hele kroner for hele indsatsen i året, fx 1.250.000."),
        widget=forms.TextInput(attrs={"class": "input-width-s"}),
    )
    note = forms.CharField(
        label=_("Hvad beløbet dækker"),
        max_length=InterventionCost._meta.get_field("note").max_length,
        required=False,
        help_text=_("Fx løn til fire familiebehandlere, husleje og kørsel."),
        widget=forms.TextInput(attrs={"class": "input-width-xl"}),
    )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        allowed = economy.year_range(timezone.localdate().year, InterventionCost.MIN_YEAR)
        if year not in allowed:
            raise forms.ValidationError(
                _("Året skal ligge mellem %(first)s og %(last)s.")
                % {"first": allowed.start, "last": allowed.stop - 1}
            )
        return year

    def clean_amount(self) -> int:
        text = self.cleaned_data["amount"].strip().removesuffix("kr.").removesuffix("kr").strip()
        if text.startswith("-"):
            raise forms.ValidationError(_("Beløbet kan ikke være negativt."))
        if not AMOUNT.fullmatch(text):
            raise forms.ValidationError(_("Skriv beløbet i hele kroner med tal, fx 1.250.000."))
        amount = int(re.sub(r"[. ]", "", text))
        if amount == 0:
            raise forms.ValidationError(_("Beløbet skal være større end 0 kr."))
        if amount > InterventionCost.MAX_AMOUNT:
            raise forms.ValidationError(
                _("Beløbet er over 1 mia. kr. Tjek, at der ikke er et nul for meget.")
            )
        return amount
