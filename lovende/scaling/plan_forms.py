"""Forms for scaling plans and target units. Choices are limited to the user's organisation and
the plan's intervention; the services in ``scaling.plans`` check the rules again."""

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lovende.citizens.forms import DATE_FORMATS, DateInput
from lovende.improvement.models import QualityTeam
from lovende.interventions.models import Intervention
from lovende.organisation.models import Role, Unit, User
from lovende.organisation.permissions import subtree_filter
from lovende.scaling.limits import MAX_TEXT
from lovende.scaling.models import Adaptation, Element, Idea, ScalingPlan, TargetUnit

TEXT = {"class": "input-width-xl"}


class ChooseInterventionForm(forms.Form):
    indsats = forms.ModelChoiceField(
        label=_("Hvilken indsats skal skaleres?"),
        queryset=Intervention.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args: object, interventions: QuerySet[Intervention], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["indsats"].queryset = interventions


class PlanForm(forms.Form):
    name = forms.CharField(
        label=_("Navn på planen"),
        max_length=200,
        widget=forms.TextInput(attrs=TEXT),
        error_messages={"required": _("Giv skaleringsplanen et navn.")},
    )
    pilot_units = forms.ModelMultipleChoiceField(
        label=_("Pilotenheder"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Enhederne, der leverer indsatsen i dag, og som de andre lærer af."),
        error_messages={
            "required": _("Vælg mindst én pilotenhed, der leverer indsatsen i dag."),
            "invalid_choice": _("Vælg enheder, der leverer indsatsen."),
        },
    )
    fixed = forms.CharField(
        label=_("Det ligger fast"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Kerneelementerne: det, alle enheder fastholder."),
    )
    free = forms.CharField(
        label=_("Det er frit"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tilpasningselementerne: det, hver enhed selv former ud fra sin viden."),
    )
    decides = forms.CharField(
        label=_("Hvem beslutter hvad"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    quality_team = forms.ModelChoiceField(
        label=_("Kvalitetsteam, der afgør ændringer af kerneelementer"),
        queryset=QualityTeam.objects.none(),
        required=False,
        empty_label=_("Intet kvalitetsteam endnu"),
    )

    def __init__(self, *args: object, intervention: Intervention, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        owners = list(intervention.units.all())
        self.fields["pilot_units"].queryset = Unit.objects.filter(
            subtree_filter(owners), organisation_id=intervention.organisation_id
        )
        self.fields["quality_team"].queryset = intervention.quality_teams.all()


class TargetForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Enhed"),
        queryset=Unit.objects.none(),
        error_messages={
            "required": _("Vælg den enhed, indsatsen skal spredes til."),
            "invalid_choice": _("Vælg en enhed i organisationen, som ikke allerede er med."),
        },
    )
    owner = forms.ModelChoiceField(
        label=_("Ejer"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Enhedens nærmeste leder"),
        help_text=_(
            "En leder i eller over enheden – typisk den faglige leder eller afdelingsleder."
        ),
    )

    def __init__(self, *args: object, plan: ScalingPlan, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        organisation_id = plan.intervention.organisation_id
        self.fields["unit"].queryset = (
            Unit.objects.filter(organisation_id=organisation_id)
            .exclude(pk__in=plan.pilot_units.values("pk"))
            .exclude(pk__in=plan.targets.values("unit"))
        )
        self.fields["owner"].queryset = User.objects.filter(
            organisation_id=organisation_id, is_active=True, roles__kind=Role.Kind.LEADER
        ).distinct()


class OwnerForm(forms.Form):
    owner = forms.ModelChoiceField(
        label=_("Ejer"),
        queryset=User.objects.none(),
        empty_label=None,
        help_text=_("En leder i eller over enheden."),
    )

    def __init__(self, *args: object, leaders: QuerySet[User], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = leaders


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Ny fase"),
        choices=TargetUnit.Stage.choices,
        error_messages={"invalid_choice": _("Vælg en af de fire faser.")},
    )
    changed_on = forms.DateField(
        label=_("Dato"),
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={"invalid": _("Skriv datoen som åååå-mm-dd.")},
    )
    reason = forms.CharField(
        label=_("Hvad flyttede enheden?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Skriv, hvad der flyttede enheden. Det bliver en del af historikken.")
        },
        help_text=_(
            "Fx «Alle har været på ORS-kursus» eller «Vi går et skridt tilbage: for få "
            "hjemmebesøg til at måle på». Man må godt gå tilbage eller springe en fase over."
        ),
    )

    def __init__(self, *args: object, target: TargetUnit, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        stages = list(TargetUnit.Stage)
        others = [(stage.value, stage.label) for stage in stages if stage != target.stage]
        self.fields["stage"].choices = others
        current = stages.index(TargetUnit.Stage(target.stage))
        following = stages[min(current + 1, len(stages) - 1)]
        self.fields["stage"].initial = following.value if following != target.stage else None
        self.fields["changed_on"].initial = timezone.localdate()


class AdaptationForm(forms.Form):
    element_key = forms.ChoiceField(
        label=_("Hvilket element vil I tilpasse?"),
        error_messages={
            "required": _("Vælg et af indsatsens kerne- eller tilpasningselementer."),
            "invalid_choice": _("Vælg et af indsatsens kerne- eller tilpasningselementer."),
        },
    )
    proposal = forms.CharField(
        label=_("Hvad vil I gøre anderledes?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv, hvad I vil gøre anderledes.")},
    )
    reason = forms.CharField(
        label=_("Hvorfor? Hvad ved I fra jeres praksis?"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Jeres erfaring og tavse viden er en god grund."),
    )
    also_core = forms.BooleanField(
        label=_("Berører også et kerneelement"),
        required=False,
    )

    def __init__(self, *args: object, elements: list[Element], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        groups = (
            (Element.Kind.CORE, _("Kerneelementer (afgøres af kvalitetsteamet)")),
            (Element.Kind.ADAPTABLE, _("Tilpasningselementer (afgøres i enheden)")),
        )
        self.fields["element_key"].choices = [
            ("", _("Vælg element")),
            *(
                (label, [(e.key, e.name) for e in elements if e.kind == kind])
                for kind, label in groups
            ),
        ]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Beslutning"),
        choices=[
            (Adaptation.Status.APPROVED, _("Godkend")),
            (Adaptation.Status.REJECTED, _("Afvis")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vælg godkend eller afvis."),
            "invalid_choice": _("Vælg godkend eller afvis."),
        },
    )
    note = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Skal udfyldes, hvis I afviser."),
    )


class IdeaForm(forms.Form):
    text = forms.CharField(
        label=_("Din idé"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv din idé.")},
        help_text=_("Noget, du allerede gør, eller som kunne gøre indsatsen bedre hos jer."),
    )


class IdeaResponseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Idea.Status.choices,
        error_messages={"invalid_choice": _("Vælg en status for idéen.")},
    )
    response = forms.CharField(
        label=_("Svar"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
