"""Forms for quality teams (the team, a member, an external partner) and improvement initiatives."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lovende.improvement.models import ExternalPartner, Initiative, QualityTeam, TeamMember
from lovende.interventions.models import Intervention
from lovende.organisation.models import Unit, User
from lovende.organisation.permissions import subtree_filter


def delivering_units(intervention: Intervention) -> QuerySet[Unit]:
    """The owning units of the intervention and the units below them."""
    owners = list(intervention.units.all())
    return Unit.objects.filter(subtree_filter(owners), organisation_id=intervention.organisation_id)


class TeamForm(forms.Form):
    name = forms.CharField(
        label=_("Navn"),
        max_length=QualityTeam.MAX_NAME_LENGTH,
        widget=forms.TextInput(attrs={"class": "input-width-xl"}),
    )
    unit = forms.ModelChoiceField(
        label=_("Enhed"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Hvis teamet kun gælder én enhed, der leverer indsatsen."),
    )

    def __init__(self, *args: object, intervention: Intervention, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = delivering_units(intervention)


class MemberForm(forms.Form):
    """Staff are chosen from the whole organisation; the service refuses anyone else too."""

    user = forms.ModelChoiceField(
        label=_("Medarbejder"),
        queryset=User.objects.none(),
        error_messages={
            "invalid_choice": _("Vælg en medarbejder i jeres egen organisation."),
            "required": _("Vælg en medarbejder."),
        },
    )
    role = forms.ChoiceField(
        label=_("Rolle i teamet"),
        choices=TeamMember.Role.choices,
        initial=TeamMember.Role.TEAM_MEMBER,  # most members are; a team has one leader
    )
    position = forms.ChoiceField(
        label=_("Stilling"),
        choices=TeamMember.Position.choices,
        help_text=_("Leder eller frontmedarbejder: teamet skal have begge fra hver faggruppe."),
    )

    def __init__(self, *args: object, organisation_id: int | None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            organisation_id=organisation_id, is_active=True
        ).select_related("professional_group")


class PartnerForm(forms.Form):
    name = forms.CharField(
        label=_("Navn"),
        max_length=ExternalPartner.MAX_NAME_LENGTH,
        error_messages={"required": _("Skriv samarbejdspartnerens navn.")},
    )
    contribution = forms.CharField(
        label=_("Organisation og bidrag"),
        max_length=300,
        required=False,
        help_text=_("Fx «PPR: viden om børnenes skolegang»."),
    )


class InitiativeForm(forms.Form):
    """The Model for Improvement's three questions; the service checks the rules again."""

    title = forms.CharField(
        label=_("Titel"),
        max_length=Initiative.MAX_TITLE_LENGTH,
        error_messages={"required": _("Giv forbedringstiltaget en titel.")},
        widget=forms.TextInput(attrs={"class": "input-width-xl"}),
    )
    unit = forms.ModelChoiceField(
        label=_("Enhed"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Hvis tiltaget kun gælder én enhed, der leverer indsatsen."),
    )
    aim = forms.CharField(
        label=_("Hvad vil vi opnå?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beskriv målet: Hvad vil I opnå?")},
        help_text=_("Målet: konkret, så I kan se, om I har nået det."),
    )
    aim_date = forms.DateField(
        label=_("Hvornår skal målet være nået?"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Angiv, hvornår målet skal være nået."),
            "invalid": _("Skriv datoen som åååå-mm-dd."),
        },
    )
    outcome_measures = forms.CharField(
        label=_("Resultatmål"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Viser, om forandringen gør en forskel for borgerne."),
    )
    process_measures = forms.CharField(
        label=_("Procesmål"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Viser, om I gør det, I har besluttet."),
    )
    balancing_measures = forms.CharField(
        label=_("Balancemål"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Viser, om forandringen skaber problemer andre steder."),
    )
    change_ideas = forms.CharField(
        label=_("Forandringsidéer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvilke forandringer kan vi afprøve, som vil føre til en forbedring?"),
    )
    kind = forms.ChoiceField(
        label=_("Type forandring"),
        choices=[("", "–"), *Initiative.Kind.choices],
        required=False,
    )

    def __init__(self, *args: object, intervention: Intervention, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = delivering_units(intervention)


class InitiativeStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Initiative.Status.choices,
        error_messages={"invalid_choice": _("Ukendt status for forbedringstiltaget.")},
    )


class BoardFilterForm(forms.Form):
    """The status board's GET filters; the query parameters are Danish, as in the address bar."""

    indsats = forms.ModelChoiceField(
        label=_("Indsats"), queryset=Intervention.objects.none(), required=False
    )
    enhed = forms.ModelChoiceField(label=_("Enhed"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args: object, organisation_id: int | None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indsats"].queryset = Intervention.objects.filter(
            organisation_id=organisation_id
        ).order_by("name")
        self.fields["enhed"].queryset = Unit.objects.filter(
            organisation_id=organisation_id
        ).order_by("path")
