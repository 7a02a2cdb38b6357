from django import forms
from django.utils.translation import gettext_lazy as _

from lovende.interventions.models import Intervention
from lovende.organisation.models import Organisation, ProfessionalGroup, Unit


class InterventionForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    target_group = forms.CharField(label=_("Målgruppe"), max_length=300)
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
