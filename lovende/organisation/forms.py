"""Organisation forms: input to domain objects, each limited to the user's own organisation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lovende.organisation.models import Organisation, ProfessionalGroup, Role, Unit, User


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=Unit.MAX_NAME_LENGTH)
    kind = forms.ChoiceField(label=_("Type"), choices=Unit.Kind.choices)
    parent = forms.ModelChoiceField(
        label=_("Overordnet enhed"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("(ingen – øverste enhed)"),
    )

    def __init__(self, *args: object, organisation: Organisation, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Unit.objects.filter(organisation=organisation)
        self.fields["parent"].label_from_instance = lambda u: "— " * u.depth + u.name


class StaffForm(forms.Form):
    first_name = forms.CharField(label=_("Fornavn"), max_length=150)
    last_name = forms.CharField(label=_("Efternavn"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    job_title = forms.CharField(label=_("Stillingsbetegnelse"), max_length=100, required=False)
    professional_group = forms.ModelChoiceField(
        label=_("Faggruppe"), queryset=ProfessionalGroup.objects.none(), required=False
    )

    def __init__(self, *args: object, organisation: Organisation, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["professional_group"].queryset = ProfessionalGroup.objects.filter(
            organisation=organisation
        )


class NewStaffForm(StaffForm):
    username = forms.RegexField(
        label=_("Brugernavn"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Brug kun bogstaver, tal og tegnene @ . + - _")},
    )
    password = forms.CharField(
        label=_("Adgangskode"),
        widget=forms.PasswordInput,
        required=False,
        help_text=_(
            "Mindst 12 tegn. Lad feltet stå tomt, hvis medarbejderen logger ind via kommunens login."
        ),
    )

    field_order = [
        "username",
        "first_name",
        "last_name",
        "email",
        "job_title",
        "professional_group",
        "password",
    ]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Brugernavnet er allerede i brug."))
        return username

    def clean_password(self) -> str:
        from django.contrib.auth.password_validation import validate_password

        password = self.cleaned_data["password"]
        if password:
            validate_password(password)
        return password


class EditStaffForm(StaffForm):
    is_active = forms.BooleanField(label=_("Aktiv"), required=False)


class RoleForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Enhed"), queryset=Unit.objects.none(), empty_label=_("Vælg enhed")
    )
    kind = forms.ChoiceField(
        label=_("Rolle"), choices=Role.Kind.choices, initial=Role.Kind.EMPLOYEE
    )
    management_level = forms.TypedChoiceField(
        label=_("Ledelsesniveau"),
        choices=[("", "—"), (1, "1"), (2, "2"), (3, "3"), (4, "4")],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_(
            "Kun for ledere: 1 = direktør, 2 = chef, 3 = afdelingsleder, 4 = faglig leder/teamleder"
        ),
    )
    citizen_access = forms.TypedChoiceField(
        label=_("Adgang til borgeroplysninger"),
        choices=[
            ("", _("Standard for rollen")),
            ("ja", _("Ja – må se borgere i enheden og under den")),
            ("nej", _("Nej – kun tal på tværs")),
        ],
        coerce=lambda v: v == "ja",
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: object, organisation: Organisation, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation)
        self.fields["unit"].label_from_instance = lambda u: "— " * u.depth + u.name

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") == Role.Kind.LEADER and not data.get("management_level"):
            self.add_error("management_level", _("En leder skal have et ledelsesniveau (1-4)."))
        return data


class ProfessionalGroupForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=100)
